"""Server-side grants: what the server's own code may do that a client may not.

A workflow step writes a record's state, dates and results for the user who pressed the button;
the retention job deletes audit logs past their age. Such shortcuts must not be reachable from a
request: a context key is (any RPC call sets any key of the context, issue 14, finding 3), and
``sudo()`` would also change who the chatter and the audit log name. A grant lives on the
server's own call stack, in the thread that runs the call, for the duration of a ``with`` block,
and covers named records and fields only: no value a request carries can create one.

    with granted('write', records._name, records.ids, vals):
        records.write(vals)

Import it as ``from odoo.addons.gradient_base.grants import granted, is_granted``.
"""
import threading
from contextlib import contextmanager

_local = threading.local()


def _grants():
    if not hasattr(_local, 'grants'):
        _local.grants = []
    return _local.grants


@contextmanager
def granted(operation, model, ids=(), field_names=()):
    """Allows ``operation`` ('write', 'create', 'unlink') on ``model``, for the records ``ids``
    (all of them must be covered; None: any record of the model) and the fields ``field_names``,
    while the block runs."""
    grant = (operation, model, None if ids is None else frozenset(ids), frozenset(field_names))
    grants = _grants()
    grants.append(grant)
    try:
        yield
    finally:
        # the innermost grant is this one (blocks nest), even when the block raised
        del grants[len(grants) - 1 - grants[::-1].index(grant)]


def is_granted(operation, model, ids=(), field_names=()):
    """True when a ``granted`` block of the current call covers these records and fields
    (``model`` None: a grant of no one model, such as the creates of a copy)."""
    ids, field_names = set(ids or ()), set(field_names)
    return any(g_operation == operation and g_model == model and (g_ids is None or ids <= g_ids)
               and field_names <= g_fields
               for g_operation, g_model, g_ids, g_fields in _grants())
