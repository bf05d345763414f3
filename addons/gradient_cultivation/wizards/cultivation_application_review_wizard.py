from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CultivationApplicationReviewWizard(models.TransientModel):
    """The reviewer's decision on an application: pass, return with a reason, or (joint review)
    a score and a vote. It only collects the input; the application's methods hold the rules."""
    _name = 'cultivation.application.review.wizard'
    _inherit = ['gradient.checked.input']
    _description = 'Review an Application'

    application_id = fields.Many2one('cultivation.application', string='Admission Application', required=True,
                                     readonly=True)
    decision = fields.Selection([
        ('approve', 'Pass'),
        ('return', 'Return to the Enterprise'),
        ('vote', 'Joint Review Score'),
    ], required=True, readonly=True)
    opinion = fields.Text()
    reason = fields.Text(help='What the enterprise must correct; it is sent to the enterprise.')
    score = fields.Float(string='Score (0-100)', digits=(5, 1))
    rubric = fields.Text(string='Scoring Rubric', related='stage_id.joint_rubric', readonly=True)
    in_favour = fields.Boolean(string='In Favour of Admission', default=True)
    # The stage the reviewer saw when opening the dialog: deciding checks the application is still
    # there (a colleague may have decided it meanwhile).
    stage_id = fields.Many2one('cultivation.review.stage', string='Review Stage', readonly=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        application = self.application_id.with_context(review_stage_id=self.stage_id.id)
        if self.decision == 'approve':
            application.action_approve(self.opinion)
        elif self.decision == 'return':
            if not (self.reason or '').strip():
                raise UserError(_('Reason: say what the enterprise must correct before it resubmits.'))
            application.action_return(self.reason)
        else:
            application.action_joint_vote(self.score, self.in_favour, self.opinion)
        return {'type': 'ir.actions.act_window_close'}
