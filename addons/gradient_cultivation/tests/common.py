from odoo.tests.common import SavepointCase


class CultivationCase(SavepointCase):
    """Users of every role, territories and two enterprises, made once per class."""

    @classmethod
    def setUpClass(cls):
        super(CultivationCase, cls).setUpClass()
        # Users of the platform work in Chinese: messages are checked as they see them.
        cls.env = cls.env(context=dict(cls.env.context, lang='zh_CN', tracking_disable=True, no_reset_password=True))
        Territory = cls.env['cultivation.territory']
        cls.zone = Territory.create({'name': 'Zone', 'code': 'T-ZONE', 'type': 'zone'})
        cls.street = Territory.create({'name': 'Street A', 'code': 'T-A', 'type': 'street', 'parent_id': cls.zone.id})
        cls.sub_park = Territory.create({'name': 'Park A1', 'code': 'T-A1', 'type': 'park', 'parent_id': cls.street.id})
        cls.other_street = Territory.create({'name': 'Street B', 'code': 'T-B', 'type': 'street', 'parent_id': cls.zone.id})

        cls.territory_reviewer = cls._user('t_reviewer', 'gradient_cultivation.group_territory_reviewer',
                                           territory_ids=[(6, 0, [cls.street.id])])
        cls.bureau_reviewer = cls._user('b_reviewer', 'gradient_cultivation.group_bureau_reviewer')
        cls.joint_reviewer = cls._user('j_reviewer', 'gradient_cultivation.group_joint_reviewer')
        cls.plain_user = cls._user('plain', 'base.group_user')

        Enterprise = cls.env['cultivation.enterprise']
        cls.enterprise_a = Enterprise.create({
            'name': 'Enterprise A', 'credit_code': '91610131MA00000018', 'territory_id': cls.street.id})
        cls.enterprise_a1 = Enterprise.create({
            'name': 'Enterprise A1', 'credit_code': '91610131MA0000002B', 'territory_id': cls.sub_park.id})
        cls.enterprise_b = Enterprise.create({
            'name': 'Enterprise B', 'credit_code': '91610131MA0000003E', 'territory_id': cls.other_street.id})
        contact = cls.env['res.partner'].create({'name': 'A contact', 'parent_id': cls.enterprise_a.partner_id.id})
        cls.portal_user = cls._user('portal_a', 'base.group_portal', partner_id=contact.id)

    @classmethod
    def _user(cls, login, group_xmlid, **vals):
        values = dict(name=login, login=login, email='%s@example.com' % login,
                      groups_id=[(6, 0, [cls.env.ref(group_xmlid).id])])
        values.update(vals)
        return cls.env['res.users'].create(values)


def untranslated_terms(env, module):
    """The user-facing terms of ``module`` that its i18n/zh_CN.po leaves untranslated."""
    import os
    import re

    import polib
    from odoo.modules.module import get_module_path
    from odoo.tools.translate import trans_generate

    def is_translated(entry):
        # An English sentence left as its own translation is not translated ("ID" may be).
        same = entry.msgstr == entry.msgid and re.search('[a-z]{3,}', entry.msgid)
        return entry.msgstr.strip() and not same and 'fuzzy' not in entry.flags

    po = polib.pofile(os.path.join(get_module_path(module), 'i18n', 'zh_CN.po'))
    translated = {entry.msgid for entry in po if is_translated(entry)}
    terms = {row[4] for row in trans_generate('zh_CN', [module], env.cr) if row[4].strip()}
    return sorted(terms - translated)
