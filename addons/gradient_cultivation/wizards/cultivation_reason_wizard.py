from odoo import _, api, fields, models
from odoo.exceptions import UserError

# action -> (model, method): the decisions that need a reason. The wizard only collects the
# reason; the models hold the rules and the rights.
ACTIONS = {
    'reopen_report': ('cultivation.monthly.report', 'action_reopen'),
    'exit_membership': ('cultivation.membership', 'action_exit'),
    'propose_upgrade': ('cultivation.membership', 'action_propose_upgrade'),
    'dismiss_suggestion': ('cultivation.suggestion', 'action_dismiss'),
    'reject_claim': ('cultivation.enterprise.claim', 'action_reject'),
}
DECISIONS = ('keep', 'upgrade', 'exit')


class CultivationReasonWizard(models.TransientModel):
    _name = 'cultivation.reason.wizard'
    _inherit = ['gradient.checked.input']
    _description = 'Decision with a Reason'

    action = fields.Selection([
        ('reopen_report', 'Reopen the Monthly Report'),
        ('exit_membership', 'Exit the Library'),
        ('propose_upgrade', 'Propose for the Next Tier'),
        ('dismiss_suggestion', 'Dismiss the Suggestion'),
        ('reject_claim', 'Reject the Claim'),
        ('decide_keep', 'Keep in the Library'),
        ('decide_upgrade', 'Propose for the Next Tier'),
        ('decide_exit', 'Exit the Library'),
    ], required=True, readonly=True)
    res_id = fields.Integer(string='Record', required=True, readonly=True)
    record_name = fields.Char(compute='_compute_record_name', string='For')
    reason = fields.Text(help='Kept with the decision; an exit or an upgrade proposal also tells the enterprise.')

    @api.depends('action', 'res_id')
    def _compute_record_name(self):
        for wizard in self:
            record = wizard._target()
            wizard.record_name = record.display_name if record else ''

    def _target(self):
        if not self.action or not self.res_id:
            return None
        model = ACTIONS[self.action][0] if self.action in ACTIONS else 'cultivation.annual.evaluation.line'
        return self.env[model].browse(self.res_id).exists()

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if not (self.reason or '').strip():
            raise UserError(_('Reason: required; it is kept with the decision.'))
        record = self._target()
        if not record:
            raise UserError(_('The record no longer exists.'))
        if self.action in ACTIONS:
            getattr(record, ACTIONS[self.action][1])(self.reason)
        else:
            record.action_decide(self.action[len('decide_'):], self.reason)
        return {'type': 'ir.actions.act_window_close'}
