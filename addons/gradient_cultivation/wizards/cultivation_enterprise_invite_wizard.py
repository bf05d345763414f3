from odoo import api, fields, models


class CultivationEnterpriseInviteWizard(models.TransientModel):
    """Collects the contact staff invite; the enterprise holds the rules (_invite_contact)."""
    _name = 'cultivation.enterprise.invite.wizard'
    _description = 'Invite an Enterprise Contact'

    enterprise_id = fields.Many2one('cultivation.enterprise', required=True, readonly=True)
    name = fields.Char(string='Contact Name', required=True)
    email = fields.Char(required=True, help='The invitation to choose a password is sent to this address; '
                                            'it is also the login.')

    @api.multi
    def action_invite(self):
        self.ensure_one()
        self.enterprise_id._invite_contact(self.name, self.email)
        return {'type': 'ir.actions.act_window_close'}
