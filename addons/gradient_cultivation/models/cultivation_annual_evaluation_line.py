from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

OUTCOMES = [
    ('keep', 'Keep in the Library'),
    ('upgrade', 'Propose for the Next Tier'),
    ('exit', 'Exit the Library'),
]


class CultivationAnnualEvaluationLine(models.Model):
    """One member in an annual evaluation: its year in figures against its plan, its violations,
    the outcome the rules propose and the bureau's decision with its reason."""
    _name = 'cultivation.annual.evaluation.line'
    _description = 'Annual Evaluation of a Member'
    _inherit = ['gradient.checked.input', 'mail.thread', 'cultivation.keep.mixin']
    _order = 'evaluation_id, library_id, territory_id, id'
    _rec_name = 'enterprise_id'

    evaluation_id = fields.Many2one('cultivation.annual.evaluation', string='Annual Evaluation', required=True,
                                    ondelete='cascade', index=True)
    evaluation_state = fields.Selection(related='evaluation_id.state', readonly=True)
    year = fields.Integer(related='evaluation_id.year', store=True, readonly=True, group_operator=False)
    membership_id = fields.Many2one('cultivation.membership', required=True,
                                    ondelete='restrict', index=True, readonly=True)
    enterprise_id = fields.Many2one(related='membership_id.enterprise_id', store=True, readonly=True, index=True)
    library_id = fields.Many2one(related='membership_id.library_id', store=True, readonly=True, index=True)
    territory_id = fields.Many2one(related='membership_id.territory_id', store=True, readonly=True, index=True)
    plan_id = fields.Many2one('cultivation.plan', string='Cultivation Plan', readonly=True)
    months_reported = fields.Integer(readonly=True)
    months_due = fields.Integer(readonly=True)
    report_share = fields.Float(string='Reporting Rate (%)', readonly=True, digits=(5, 1), group_operator='avg')
    target_revenue = fields.Float(related='plan_id.target_revenue', readonly=True)
    actual_revenue = fields.Float(string='Operating Revenue (10k CNY)', readonly=True, digits=(16, 2))
    previous_revenue = fields.Float(string='Revenue of the Year Before (10k CNY)', readonly=True, digits=(16, 2))
    target_growth = fields.Float(related='plan_id.target_growth', readonly=True)
    actual_growth = fields.Float(string='Revenue Growth (%)', readonly=True, digits=(6, 2), group_operator='avg')
    target_rd_ratio = fields.Float(related='plan_id.target_rd_ratio', readonly=True)
    actual_rd_ratio = fields.Float(string='R&D Ratio (%)', readonly=True, digits=(6, 2), group_operator='avg')
    target_new_patents = fields.Integer(related='plan_id.target_new_patents', readonly=True)
    actual_new_patents = fields.Integer(string='New Patents', readonly=True)
    targets_set = fields.Integer(readonly=True)
    targets_met = fields.Integer(readonly=True)
    violation_count = fields.Integer(string='Violations', readonly=True)
    serious_violation_count = fields.Integer(string='Serious Violations', readonly=True)
    violation_summary = fields.Text(string='Violations of the Year', readonly=True)
    proposed_outcome = fields.Selection(OUTCOMES, readonly=True)
    proposal_reason = fields.Text(string='Why This Proposal', readonly=True)
    decision = fields.Selection(OUTCOMES, readonly=True, track_visibility='onchange')
    decision_reason = fields.Text(string='Reason for the Decision', readonly=True, track_visibility='onchange')
    decided_by = fields.Many2one('res.users', readonly=True)
    decision_date = fields.Date(readonly=True)

    _sql_constraints = [
        ('evaluation_membership_unique', 'unique(evaluation_id, membership_id)',
         'A member is evaluated once per campaign.'),
    ]

    @api.multi
    def write(self, vals):
        if self.env.uid != SUPERUSER_ID and set(vals) - {'message_follower_ids'}:
            raise AccessError(_('An evaluated member changes only through the evaluation and its decisions.'))
        return super(CultivationAnnualEvaluationLine, self).write(vals)

    @api.multi
    def _measure(self):
        """The year's figures of each member from its submitted monthly reports, its plan and its
        violations, and the outcome they suggest."""
        Report = self.env['cultivation.monthly.report'].sudo()
        Violation = self.env['cultivation.violation'].sudo()
        categories = dict(Violation._fields['category']._description_selection(self.env))
        for line in self:
            year, evaluation = line.year, line.evaluation_id
            enterprise = line.enterprise_id
            reports = Report.search([('enterprise_id', '=', enterprise.id), ('year', '=', year),
                                     ('state', '=', 'submitted')])
            before = Report.search([('enterprise_id', '=', enterprise.id), ('year', '=', year - 1),
                                    ('state', '=', 'submitted')])
            admitted = fields.Date.from_string(line.membership_id.date_admitted)
            months_due = 12 if admitted.year < year else 13 - admitted.month
            revenue = max(reports.mapped('revenue_ytd') or [0.0]) or sum(reports.mapped('revenue'))
            previous = max(before.mapped('revenue_ytd') or [0.0]) or sum(before.mapped('revenue'))
            month_revenue = sum(reports.mapped('revenue'))
            rd_ratio = sum(reports.mapped('rd_expense')) * 100.0 / month_revenue if month_revenue else 0.0
            growth = (revenue - previous) * 100.0 / previous if previous else 0.0
            patents = sum(reports.mapped('new_patents'))
            plan = line.membership_id.plan_ids.filtered(lambda p: p.year == year)[:1]
            checks = []
            if plan.target_revenue:
                checks.append(revenue >= plan.target_revenue)
            if plan.target_growth and previous:
                checks.append(growth >= plan.target_growth)
            if plan.target_rd_ratio:
                checks.append(rd_ratio >= plan.target_rd_ratio)
            if plan.target_new_patents:
                checks.append(patents >= plan.target_new_patents)
            violations = Violation.search([('enterprise_id', '=', enterprise.id),
                                           ('date', '>=', '%d-01-01' % year), ('date', '<=', '%d-12-31' % year)])
            serious = violations.filtered(lambda v: v.severity == 'serious')
            share = len(reports) * 100.0 / months_due if months_due else 100.0
            met_share = sum(checks) * 100.0 / len(checks) if checks else None
            reasons = []
            if serious:
                outcome = 'exit'
                reasons.append(_('%d serious violation(s) in the year.') % len(serious))
            elif share < evaluation.min_report_share:
                outcome = 'exit'
                reasons.append(_('Only %(reports_length)d of %(months_due)d monthly reports submitted.') % {'reports_length': len(reports), 'months_due': months_due})
            elif met_share is not None and met_share < evaluation.min_target_share:
                outcome = 'exit'
                reasons.append(_('Only %(met)d of %(target_count)d plan targets met.') % {'met': sum(checks), 'target_count': len(checks)})
            elif checks and all(checks) and not violations and line.library_id.next_library_id:
                outcome = 'upgrade'
                reasons.append(_('Every plan target met and no violation: ready for the %s.')
                               % line.library_id.next_library_id.name)
            else:
                outcome = 'keep'
                if not checks:
                    reasons.append(_('No plan targets for the year.'))
                else:
                    reasons.append(_('%(met)d of %(target_count)d plan targets met.') % {'met': sum(checks), 'target_count': len(checks)})
                if violations:
                    reasons.append(_('%d minor violation(s) in the year.') % len(violations))
            line.sudo().write({  # the measurement is the system's, not the user's
                'plan_id': plan.id, 'months_reported': len(reports), 'months_due': months_due,
                'report_share': share, 'actual_revenue': revenue, 'previous_revenue': previous,
                'actual_growth': growth, 'actual_rd_ratio': rd_ratio, 'actual_new_patents': patents,
                'targets_set': len(checks), 'targets_met': sum(checks),
                'violation_count': len(violations), 'serious_violation_count': len(serious),
                'violation_summary': '\n'.join('%s %s: %s' % (v.date, categories[v.category], v.description)
                                               for v in violations) or False,
                'proposed_outcome': outcome, 'proposal_reason': ' '.join(reasons),
            })
        return True

    @api.multi
    def action_decide(self, decision, reason):
        """The bureau's decision, with its reason, takes effect on the membership at once."""
        self.env['cultivation.membership']._check_bureau()
        if not isinstance(decision, str) or decision not in dict(OUTCOMES):
            raise UserError(_('Decision: choose keep, propose for the next tier, or exit.'))
        reason = self._argument_text(reason, _('Reason'))
        if not reason:
            raise UserError(_('Reason: every decision of the annual evaluation needs a reason.'))
        for line in self:
            if line.evaluation_id.state != 'running':
                raise UserError(_('Decisions are taken while the evaluation is in progress.'))
            if line.decision:
                raise UserError(_('%s is already decided.') % line.enterprise_id.name)
            membership = line.membership_id
            label = _('Annual evaluation %(year)d: %(reason)s') % {'year': line.year, 'reason': reason}
            if decision == 'exit':
                membership.action_exit(label)
            elif decision == 'upgrade':
                membership.action_propose_upgrade(label)
            else:
                membership._check_active()
                membership.message_post(body=_('Kept in the library. %s') % label, subtype='mail.mt_note')
            line.sudo().write({'decision': decision, 'decision_reason': reason, 'decided_by': self.env.uid,
                        'decision_date': fields.Date.context_today(self)})
            self.env['cultivation.notification.event']._gc_fire(
                'evaluation_result', line, line.sudo().enterprise_id.user_ids.mapped('partner_id'), {
                    'enterprise': line.enterprise_id.name or '', 'year': line.year,
                    'decision': dict(line._fields['decision']._description_selection(self.env))[decision]})
        return True

    @api.multi
    def _open_decision(self, decision):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'cultivation.reason.wizard', 'view_mode': 'form',
            'target': 'new', 'name': dict(self._fields['decision']._description_selection(self.env))[decision],
            'context': {'default_action': 'decide_' + decision, 'default_res_id': self.id,
                        'default_reason': self.proposal_reason if decision == self.proposed_outcome else False},
        }

    @api.multi
    def action_open_keep(self):
        return self._open_decision('keep')

    @api.multi
    def action_open_upgrade(self):
        return self._open_decision('upgrade')

    @api.multi
    def action_open_exit(self):
        return self._open_decision('exit')
