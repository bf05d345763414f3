from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

INDICATORS = [
    ('rd_ratio', 'R&D Ratio (%)'),
    ('revenue', 'Operating Revenue of the Month'),
    ('revenue_yoy', 'Revenue Growth on the Same Month Last Year (%)'),
    ('total_profit', 'Total Profit of the Month'),
    ('employees', 'Employees at Month End'),
    ('new_orders', 'New Orders'),
]


class CultivationSuggestionRule(models.Model):
    """A rule that reads a member's monthly trend and, when it holds, proposes an adjustment of
    its cultivation plan (培育建议). Rules are data: the bureau tunes them in the back office."""
    _name = 'cultivation.suggestion.rule'
    _description = 'Cultivation Suggestion Rule'
    _inherit = ['gradient.checked.input', 'cultivation.keep.mixin']
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    indicator = fields.Selection(INDICATORS, required=True)
    condition = fields.Selection([
        ('below', 'Below the threshold every month'),
        ('falling', 'Lower than the month before, every month'),
    ], required=True, default='below')
    threshold = fields.Float(digits=(16, 2), help='For "below": the value the indicator must reach.')
    threshold_from_tier = fields.Boolean(
        string="Use the Tier's Minimum R&D Ratio",
        help="For the R&D ratio: compare with the minimum R&D ratio of the member's tier instead.")
    months = fields.Integer(string='Months Running', default=3, required=True,
                            help='How many consecutive reported months the condition must hold.')
    library_ids = fields.Many2many('cultivation.library', string='Tiers',
                                   help='The tiers the rule applies to; all tiers when empty.')
    advice = fields.Text(required=True, translate=True, help='What the suggestion tells the enterprise and its officer.')
    plan_measure = fields.Text(string='Plan Adjustment', translate=True,
                               help='The measure added to the cultivation plan when the officer accepts the suggestion.')

    @api.constrains('months')
    def _check_months(self):
        for rule in self:
            if not 1 <= rule.months <= 24:
                raise ValidationError(_('Months Running: enter a number of months between 1 and 24.'))

    @api.multi
    def _series(self, reports):
        """(period, value) of the rule's indicator over ``reports`` (submitted, oldest first)."""
        self.ensure_one()
        if self.indicator != 'revenue_yoy':
            return [(r.period_date, r[self.indicator]) for r in reports]
        by_period = {r.period_date: r.revenue for r in reports}
        series = []
        for report in reports:
            last_year = fields.Date.to_string(fields.Date.from_string(report.period_date) - relativedelta(years=1))
            base = by_period.get(last_year)
            if base:
                series.append((report.period_date, (report.revenue - base) * 100.0 / base))
        return series

    @api.multi
    def check(self, membership, reports):
        """None when the rule does not hold for ``membership``; else the figures that make it hold,
        as a line the officer and the enterprise can read."""
        self.ensure_one()
        membership = self._argument_records('cultivation.membership', membership, _('Membership'))
        reports = self._argument_records('cultivation.monthly.report', reports, _('Monthly Reports'), single=False)
        if self.library_ids and membership.library_id not in self.library_ids:
            return None
        series = self._series(reports)
        needed = self.months + 1 if self.condition == 'falling' else self.months
        if len(series) < needed:
            return None
        window = series[-needed:]
        # Consecutive months only: a gap in the reports breaks the trend.
        for (p1, _v1), (p2, _v2) in zip(window, window[1:]):
            if fields.Date.from_string(p1) + relativedelta(months=1) != fields.Date.from_string(p2):
                return None
        values = [v for _p, v in window]
        if self.condition == 'below':
            threshold = membership.library_id.min_rd_ratio if self.threshold_from_tier else self.threshold
            if not all(v < threshold for v in values):
                return None
            shown = window
            tail = _(' (threshold %s)') % self._fmt(threshold)
        else:
            if not all(b < a for a, b in zip(values, values[1:])):
                return None
            shown, tail = window, ''
        return '%s: %s%s' % (dict(self._fields['indicator']._description_selection(self.env))[self.indicator],
                             ', '.join('%s %s' % (p[:7], self._fmt(v)) for p, v in shown), tail)

    @staticmethod
    def _fmt(value):
        return ('%.2f' % value).rstrip('0').rstrip('.')
