from odoo import fields, models

from odoo.addons.gradient_base.models.gradient_checked_input import WRITE_ALL

# What the enterprise keeps up to date itself on the portal (/my/enterprise).
PORTAL_PROFILE_FIELDS = ('legal_representative', 'street', 'industry_code', 'main_product', 'phone', 'email',
                         'founding_date', 'registered_capital', 'employee_count', 'rd_employee_count')


class CultivationEnterprise(models.Model):
    """Who reads and writes an enterprise, beside its model (whose binding to portal accounts is
    another concern's)."""
    _inherit = 'cultivation.enterprise'

    # gradient.checked.input (issue 14, finding 9): the enterprise edits its profile, never its
    # name, credit code, territory or company (the bureau and the territory keep those, and the
    # binding of accounts is the claim flow's); staff edit what their forms show.
    _writable_fields = {
        'base.group_portal': PORTAL_PROFILE_FIELDS,
        'gradient_cultivation.group_territory_reviewer': WRITE_ALL,
        'gradient_cultivation.group_bureau_reviewer': WRITE_ALL,
        'gradient_cultivation.group_manager': WRITE_ALL,
    }

    # A joint review member reads the enterprises of the applications put to it, and their
    # memberships and plans (security/*_rules.xml follow this link); no form shows it.
    application_ids = fields.One2many('cultivation.application', 'enterprise_id', string='Applications',
                                      groups='base.group_user')
