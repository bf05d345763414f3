from odoo import api, fields, models


class ExpertStateWizard(models.TransientModel):
    """Admits, suspends or reinstates an expert with the reason the bureau gives."""
    _name = 'expert.state.wizard'
    _inherit = ['gradient.checked.input']
    _description = 'Expert Decision'

    expert_id = fields.Many2one('expert.expert', required=True, ondelete='cascade')
    action = fields.Selection([('admit', 'Admit'), ('suspend', 'Suspend'), ('reinstate', 'Reinstate')],
                              string='Decision', required=True, readonly=True)
    reason = fields.Text(required=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.expert_id.change_state(self.action, self.reason)
        return {'type': 'ir.actions.act_window_close'}
