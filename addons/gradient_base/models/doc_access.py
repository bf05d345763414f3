"""Which records of a model the current user may read or write: the test that the mail models
(followers, messages, activities) apply to the record they hang off, in one query per model."""
from odoo.exceptions import AccessError


def allowed_doc_ids(env, model, ids, operation='read'):
    """The subset of ``ids`` of ``model`` that the environment's user may ``operation`` (access
    rights and record rules), archived records included; an unknown model allows nothing."""
    ids = {int(i) for i in ids if i}
    if not ids or model not in env:
        return set()
    Model = env[model].with_context(active_test=False)
    if not Model.check_access_rights(operation, raise_exception=False):
        return set()
    existing = Model.browse(list(ids)).exists()
    if operation == 'read':
        # search applies the read rules in SQL, for all the ids at once
        return set(Model.search([('id', 'in', existing.ids)]).ids)
    try:
        existing.check_access_rule(operation)
        return set(existing.ids)
    # lint: no access to the whole set: fall back to the record-by-record check below
    except AccessError:  # pylint: disable=except-pass
        pass
    allowed = set()
    for record in existing:  # write rules: Odoo 11 checks them per record set; batch, then split
        try:
            record.check_access_rule(operation)
        except AccessError:
            continue
        allowed.add(record.id)
    return allowed
