from odoo import fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # What the record rule of the reviewers' contacts (security/res_partner_rules.xml) follows:
    # the enterprise(s) a partner is the company of (to their territory and applications), and
    # the partner's users (Odoo's own user_ids is auto_join: a domain through it keeps only the
    # partners that have a user, and every enterprise contact would be lost).
    gc_enterprise_ids = fields.One2many('cultivation.enterprise', 'partner_id', string='Enterprises',
                                        groups='base.group_user')
    gc_user_ids = fields.One2many('res.users', 'partner_id', string='Users', groups='base.group_user')
