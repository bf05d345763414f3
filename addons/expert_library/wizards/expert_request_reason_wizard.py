from odoo import api, fields, models


class ExpertRequestReasonWizard(models.TransientModel):
    """Declines or cancels a service request with its reason."""
    _name = 'expert.request.reason.wizard'
    _inherit = ['gradient.checked.input']
    _description = 'Service Request Reason'

    request_id = fields.Many2one('expert.service.request', required=True, ondelete='cascade')
    action = fields.Selection([('decline', 'Decline'), ('cancel', 'Cancel')], required=True, readonly=True)
    reason = fields.Text(required=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if self.action == 'decline':
            self.request_id.decline(self.reason)
        else:
            self.request_id.cancel(self.reason)
        return {'type': 'ir.actions.act_window_close'}
