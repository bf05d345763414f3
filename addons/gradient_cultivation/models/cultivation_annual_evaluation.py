from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class CultivationAnnualEvaluation(models.Model):
    """The yearly evaluation campaign (年度评价) over the active members of the chosen tiers: each
    member's plan against its reported year and its violations, with a proposed outcome that the
    bureau decides (keep, propose for the next tier, or exit)."""
    _name = 'cultivation.annual.evaluation'
    _description = 'Annual Evaluation'
    _inherit = ['gradient.checked.input', 'mail.thread', 'cultivation.keep.mixin']
    _order = 'year desc, id desc'

    name = fields.Char(required=True, track_visibility='onchange')
    year = fields.Integer(required=True, group_operator=False,
                          default=lambda self: fields.Date.from_string(fields.Date.context_today(self)).year - 1)
    library_ids = fields.Many2many('cultivation.library', string='Tiers',
                                   default=lambda self: self.env['cultivation.library'].search([]))
    state = fields.Selection(string='Status', selection=[
        ('draft', 'Draft'),
        ('running', 'In Progress'),
        ('done', 'Closed'),
    ], default='draft', required=True, readonly=True, track_visibility='onchange')
    min_target_share = fields.Float(
        string='Minimum Share of Targets Met (%)', default=50.0,
        help='A member meeting fewer of its plan targets is proposed for exit.')
    min_report_share = fields.Float(
        string='Minimum Reporting Rate (%)', default=50.0,
        help='A member that submitted fewer of its monthly reports of the year is proposed for exit.')
    line_ids = fields.One2many('cultivation.annual.evaluation.line', 'evaluation_id', string='Members')
    line_count = fields.Integer(compute='_compute_counts', string='Members Evaluated')
    undecided_count = fields.Integer(compute='_compute_counts', string='Undecided')
    exit_count = fields.Integer(compute='_compute_counts', string='Exits')
    upgrade_count = fields.Integer(compute='_compute_counts', string='Upgrade Proposals')

    @api.depends('line_ids.decision')
    def _compute_counts(self):
        for evaluation in self:
            lines = evaluation.line_ids
            evaluation.line_count = len(lines)
            evaluation.undecided_count = len(lines.filtered(lambda l: not l.decision))
            evaluation.exit_count = len(lines.filtered(lambda l: l.decision == 'exit'))
            evaluation.upgrade_count = len(lines.filtered(lambda l: l.decision == 'upgrade'))

    @api.constrains('year', 'min_target_share', 'min_report_share')
    def _check_values(self):
        for evaluation in self:
            if not 2000 <= evaluation.year <= 2100:
                raise ValidationError(_('Year: enter a year between 2000 and 2100.'))
            for value in (evaluation.min_target_share, evaluation.min_report_share):
                if not 0 <= value <= 100:
                    raise ValidationError(_('Minimum shares: enter percentages between 0 and 100.'))

    @api.multi
    def write(self, vals):
        if 'state' in vals and self.env.uid != SUPERUSER_ID:
            raise AccessError(_('The state of an evaluation changes only through its buttons.'))
        return super(CultivationAnnualEvaluation, self).write(vals)

    @api.multi
    def action_start(self):
        """Puts every active member of the chosen tiers into the campaign and measures it."""
        for evaluation in self:
            if evaluation.state != 'draft':
                raise UserError(_('The evaluation "%s" has already started.') % evaluation.name)
            if not evaluation.library_ids:
                raise UserError(_('Tiers: choose the tiers to evaluate.'))
            year_end = '%d-12-31' % evaluation.year
            members = self.env['cultivation.membership'].search([
                ('state', '=', 'active'), ('library_id', 'in', evaluation.library_ids.ids),
                ('date_admitted', '<=', year_end)])
            if not members:
                raise UserError(_('No active member of these tiers was admitted by the end of %d.') % evaluation.year)
            Line = self.env['cultivation.annual.evaluation.line'].sudo()  # lines are the campaign's own
            for membership in members:
                Line.create({'evaluation_id': evaluation.id, 'membership_id': membership.id})
            evaluation.line_ids._measure()
            evaluation.sudo().write({'state': 'running'})
        return True

    @api.multi
    def action_refresh(self):
        """Measures the undecided members again (late reports, new violations)."""
        for evaluation in self:
            if evaluation.state != 'running':
                raise UserError(_('Only an evaluation in progress can be measured again.'))
            evaluation.line_ids.filtered(lambda l: not l.decision)._measure()
        return True

    @api.multi
    def action_close(self):
        for evaluation in self:
            if evaluation.state != 'running':
                raise UserError(_('Only an evaluation in progress can be closed.'))
            if evaluation.undecided_count:
                raise UserError(_('%d members are still undecided: decide every member before closing.')
                                % evaluation.undecided_count)
            evaluation.sudo().write({'state': 'done'})
        return True

    @api.multi
    def unlink(self):
        if any(evaluation.state != 'draft' for evaluation in self):
            raise UserError(_('An evaluation that has started is kept; only drafts can be deleted.'))
        return super(CultivationAnnualEvaluation, self).unlink()
