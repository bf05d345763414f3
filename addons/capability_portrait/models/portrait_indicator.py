import math

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import value_sources

RULE_KINDS = [
    ('bands', 'Banded Thresholds'),
    ('choice', 'Choice from a List'),
    ('yes_no', 'Yes / No'),
    ('per_unit', 'Points per Unit, Capped'),
    ('better_of', 'Better of Two Indicators'),
    ('manual', 'Points Given by Hand'),
]
MONTHLY_AGGREGATES = [
    ('sum_12m', 'Sum of the Last 12 Months'),
    ('latest', 'Latest Month'),
    ('avg_12m', 'Average of the Last 12 Months'),
    ('growth_12m', 'Growth over 12 Months (%)'),
]
# What the value of each rule kind must be.
VALUE_TYPES = {'bands': 'number', 'per_unit': 'number', 'manual': 'number', 'better_of': 'number',
               'choice': 'choice', 'yes_no': 'boolean'}
# Scoring fields: changing them changes what a scheme computes.
SCORING_FIELDS = ('scheme_id', 'code', 'second_code', 'dimension_id', 'max_points', 'rule_kind',
                  'is_condition', 'condition_group', 'is_direct_pass', 'points_yes', 'points_no',
                  'unit_size', 'points_per_unit', 'source_key', 'second_source_key', 'monthly_aggregate',
                  'band_ids', 'choice_ids')


class PortraitIndicator(models.Model):
    """One indicator of a scoring scheme: where its value comes from and how it scores.

    A scored indicator adds its points to its dimension and to the total. A base condition
    (is_condition) adds nothing: it is met when its rule gives it points, and every condition
    must be met to pass (conditions sharing a group: any one of them). A direct-pass indicator
    passes the scheme whatever the score when its rule gives it points."""
    _name = 'portrait.indicator'
    _inherit = ['gradient.checked.input']
    _description = 'Portrait Indicator'
    _order = 'scheme_id, sequence, id'

    scheme_id = fields.Many2one('portrait.scheme', required=True, ondelete='cascade', index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help='The key of the value in score_values(), e.g. rd_ratio.')
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help='What the indicator measures and how the value is counted.')
    explanation = fields.Text(string='What a Low Score Means', translate=True,
                              help='Shown with a weak indicator: what it says about the enterprise and how to improve it.')
    dimension_id = fields.Many2one('portrait.dimension', ondelete='restrict')
    max_points = fields.Float(string='Maximum Points', default=0.0, digits=(6, 2),
                              help='The weight of the indicator: the most points it can give.')
    weight_share = fields.Float(string='Weight (%)', compute='_compute_weight_share', digits=(5, 1))
    rule_kind = fields.Selection(RULE_KINDS, string='Scoring Rule', required=True, default='bands')
    is_condition = fields.Boolean(string='Base Condition',
                                  help='A pass/fail check: adds no points; met when its rule gives points.')
    condition_group = fields.Char(
        string='Alternative Group',
        help='Base conditions with the same group are alternatives: meeting one of them is enough.')
    is_direct_pass = fields.Boolean(string='Direct Pass',
                                    help='When its rule gives points, the scheme is passed whatever the score.')
    # -- rules
    band_ids = fields.One2many('portrait.indicator.band', 'indicator_id', string='Bands', copy=True)
    choice_ids = fields.One2many('portrait.indicator.choice', 'indicator_id', string='Choices', copy=True)
    points_yes = fields.Float(string='Points for Yes', digits=(6, 2))
    points_no = fields.Float(string='Points for No', digits=(6, 2))
    unit_size = fields.Float(string='Unit', default=1.0, digits=(12, 2), help='Points are given per full unit of the value.')
    points_per_unit = fields.Float(string='Points per Unit', digits=(6, 2))
    second_code = fields.Char(help='Better of two: the key of the second value.')
    second_name = fields.Char(string='Second Indicator', translate=True)
    unit = fields.Char(translate=True, help='The unit of the value, e.g. 万元, %, 项; empty: the unit of its source '
                                             '(a figure of the application or the monthly reports says its own).')
    second_unit = fields.Char(translate=True, help='Better of two: the unit of the second value.')
    # -- where the value comes from
    source_key = fields.Selection(selection='_selection_source_key', string='Value Source', default='manual',
                                  required=True)
    monthly_aggregate = fields.Selection(MONTHLY_AGGREGATES, string='Aggregation', default='sum_12m')
    second_source_key = fields.Selection(selection='_selection_source_key', string='Second Value Source')
    rule_summary = fields.Char(string='Rule', compute='_compute_rule_summary')

    _sql_constraints = [
        ('code_unique', 'unique(scheme_id, code)', 'Code: each indicator code appears once in a scheme.'),
    ]

    @api.model
    def _selection_source_key(self):
        return value_sources.source_options(self.env)

    @api.depends('max_points', 'scheme_id.indicator_ids.max_points')
    def _compute_weight_share(self):
        for indicator in self:
            total = indicator.scheme_id.max_total
            scored = not indicator.is_condition and not indicator.is_direct_pass
            indicator.weight_share = 100.0 * indicator.max_points / total if total and scored else 0.0

    @api.depends('rule_kind', 'band_ids', 'choice_ids', 'points_yes', 'points_no', 'unit_size', 'points_per_unit')
    def _compute_rule_summary(self):
        for indicator in self:
            indicator.rule_summary = indicator._rule_text()

    def _rule_text(self):
        def bands_text(bands):
            return '; '.join('%s: %g' % (band.label, band.points) for band in bands)
        kind = self.rule_kind
        if kind == 'bands':
            return bands_text(self.band_ids.filtered(lambda b: b.input == 'first'))
        if kind == 'better_of':
            return _('the better of: %(first_bands)s | %(second_bands)s') % {'first_bands': bands_text(self.band_ids.filtered(lambda b: b.input == 'first')), 'second_bands': bands_text(self.band_ids.filtered(lambda b: b.input == 'second'))}
        if kind == 'choice':
            return '; '.join('%s: %g' % (c.display_label, c.points) for c in self.choice_ids)
        if kind == 'yes_no':
            return _('yes: %(points_yes)g; no: %(points_no)g') % {'points_yes': self.points_yes, 'points_no': self.points_no}
        if kind == 'per_unit':
            return _('%(points_per_unit)g per %(unit_size)g, at most %(max_points)g') % {'points_per_unit': self.points_per_unit, 'unit_size': self.unit_size, 'max_points': self.max_points}
        return _('0 to %g, given by hand') % self.max_points

    # ------------------------------------------------------------------ checks
    @api.constrains('code', 'second_code', 'rule_kind', 'max_points', 'unit_size', 'is_condition',
                    'is_direct_pass', 'dimension_id', 'source_key', 'second_source_key')
    def _check_rule(self):
        for indicator in self:
            label = indicator.name
            for code in filter(None, (indicator.code, indicator.second_code)):
                if not value_sources.IDENTIFIER.match(code):
                    raise ValidationError(_('Indicator "%(label)s": the code %(code)s must be lower-case letters, digits '
                                            'and underscores, starting with a letter.') % {'label': label, 'code': code})
            if indicator.max_points < 0:
                raise ValidationError(_('Indicator "%s": the maximum points cannot be negative.') % label)
            if indicator.rule_kind == 'per_unit' and indicator.unit_size <= 0:
                raise ValidationError(_('Indicator "%s": the unit must be greater than 0.') % label)
            if indicator.rule_kind == 'better_of' and not indicator.second_code:
                raise ValidationError(_('Indicator "%s": "better of two" needs the code of the second value.') % label)
            if indicator.second_code and indicator.second_code in indicator.scheme_id.indicator_ids.filtered(
                    lambda i: i != indicator).mapped('code'):
                raise ValidationError(_('Indicator "%(label)s": the second code %(second_code)s is already the code of another '
                                        'indicator.') % {'label': label, 'second_code': indicator.second_code})
            if indicator.is_condition and indicator.is_direct_pass:
                raise ValidationError(_('Indicator "%s": it is either a base condition or a direct pass, not both.') % label)
            if not indicator.is_condition and not indicator.is_direct_pass and not indicator.dimension_id:
                raise ValidationError(_('Indicator "%s": a scored indicator needs a dimension.') % label)
            expected = VALUE_TYPES[indicator.rule_kind]
            for key in filter(None, (indicator.source_key, indicator.second_source_key)):
                given = value_sources.source_value_type(self.env, key)
                if given and given != expected and not (given == 'boolean' and expected == 'number'):
                    raise ValidationError(_('Indicator "%(label)s": the value source gives %(type_label)s but the rule "%(rule)s" needs %(needed_type)s.') % {'label': label, 'type_label': self._type_label(given), 'rule': dict(self._fields['rule_kind']._description_selection(self.env))[
                            indicator.rule_kind], 'needed_type': self._type_label(expected)})

    @api.model
    def _type_label(self, value_type):
        return {'number': _('a number'), 'choice': _('one of the listed choices'),
                'boolean': _('yes or no')}[value_type]

    # ------------------------------------------------------------------ versioning
    @api.model
    def create(self, vals):
        self.env['portrait.scheme'].browse(vals.get('scheme_id'))._check_editable()
        return super(PortraitIndicator, self).create(vals)

    @api.multi
    def write(self, vals):
        if set(vals) & set(SCORING_FIELDS):
            self.mapped('scheme_id')._check_editable()
            if vals.get('scheme_id'):
                self.env['portrait.scheme'].browse(vals['scheme_id'])._check_editable()
        return super(PortraitIndicator, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped('scheme_id')._check_editable()
        return super(PortraitIndicator, self).unlink()

    # ------------------------------------------------------------------ scoring
    def _compile(self):
        """The indicator as plain data, so that thousands of enterprises score without the ORM."""
        self.ensure_one()

        def bands(which):
            rows = [(None if b.open_below else b.lower_bound, b.points)
                    for b in self.band_ids if b.input == which]
            # highest lower bound first; the open band ("below the rest") last
            return sorted(rows, key=lambda r: -math.inf if r[0] is None else r[0], reverse=True)
        return {
            'id': self.id,
            'code': self.code,
            'second_code': self.second_code or None,
            'name': self.name,
            'kind': self.rule_kind,
            'value_type': VALUE_TYPES[self.rule_kind],
            'dimension_id': self.dimension_id.id or None,
            'max_points': self.max_points,
            'is_condition': self.is_condition,
            'condition_group': self.condition_group or None,
            'is_direct_pass': self.is_direct_pass,
            'bands': bands('first'),
            'bands2': bands('second'),
            'choices': {c.key: c.points for c in self.choice_ids},
            'points_yes': self.points_yes,
            'points_no': self.points_no,
            'unit_size': self.unit_size,
            'points_per_unit': self.points_per_unit,
            'source_key': self.source_key or 'manual',
            'second_source_key': self.second_source_key or None,
            'monthly_aggregate': self.monthly_aggregate or 'sum_12m',
        }


class PortraitIndicatorBand(models.Model):
    """A band of a banded rule: values from its lower bound (inclusive) up to the next band's
    lower bound (exclusive) give its points."""
    _name = 'portrait.indicator.band'
    _inherit = ['gradient.checked.input']
    _description = 'Indicator Band'
    _order = 'indicator_id, input, open_below, lower_bound desc'

    indicator_id = fields.Many2one('portrait.indicator', required=True, ondelete='cascade', index=True)
    input = fields.Selection([('first', 'First Value'), ('second', 'Second Value')], required=True, default='first',
                             help='Better of two: which of the two values the band applies to.')
    lower_bound = fields.Float(string='From (inclusive)', digits=(16, 4))
    open_below = fields.Boolean(string='No Lower Bound', help='The band takes every value below the other bands.')
    points = fields.Float(digits=(6, 2))
    label = fields.Char(compute='_compute_label')

    @api.depends('lower_bound', 'open_below', 'indicator_id.band_ids')
    def _compute_label(self):
        for band in self:
            if not band.open_below:
                band.label = '≥ %g' % band.lower_bound
                continue
            others = band.indicator_id.band_ids.filtered(lambda b: b.input == band.input and not b.open_below)
            band.label = '< %g' % min(others.mapped('lower_bound')) if others else _('any value')

    @api.constrains('points', 'indicator_id')
    def _check_points(self):
        for band in self:
            if band.points < 0 or band.points > band.indicator_id.max_points:
                raise ValidationError(_('Indicator "%(indicator)s": the points of a band must be between 0 and the maximum '
                                        'points (%(max_points)g).') % {'indicator': band.indicator_id.name, 'max_points': band.indicator_id.max_points})

    @api.model
    def create(self, vals):
        self.env['portrait.indicator'].browse(vals.get('indicator_id')).mapped('scheme_id')._check_editable()
        return super(PortraitIndicatorBand, self).create(vals)

    @api.multi
    def write(self, vals):
        self.mapped('indicator_id.scheme_id')._check_editable()
        return super(PortraitIndicatorBand, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped('indicator_id.scheme_id')._check_editable()
        return super(PortraitIndicatorBand, self).unlink()


class PortraitIndicatorChoice(models.Model):
    """A choice of a choice rule: the value (a key, e.g. provincial) and its points."""
    _name = 'portrait.indicator.choice'
    _inherit = ['gradient.checked.input']
    _description = 'Indicator Choice'
    _order = 'indicator_id, sequence, id'

    indicator_id = fields.Many2one('portrait.indicator', required=True, ondelete='cascade', index=True)
    sequence = fields.Integer(default=10)
    key = fields.Char(required=True, help='The value as given to score_values() or read from the source.')
    label = fields.Char(translate=True, help='As users see it; empty: the label of the source field.')
    display_label = fields.Char(compute='_compute_display_label', string='Choice')
    points = fields.Float(digits=(6, 2))

    _sql_constraints = [
        ('key_unique', 'unique(indicator_id, key)', 'Choices: each value appears once per indicator.'),
    ]

    @api.depends('key', 'label', 'indicator_id.source_key')
    def _compute_display_label(self):
        known = self._known_labels()
        for choice in self:
            choice.display_label = choice.label or known.get(choice.indicator_id.source_key, {}).get(choice.key) \
                or choice.key

    @api.model
    def _known_labels(self):
        """{source key: {choice key: label}} of the selection sources (translated)."""
        labels = {'app:ip_level': value_sources.ip_level_labels(self.env)}
        for prefix, model in (('app', 'cultivation.application'), ('ent', 'cultivation.enterprise')):
            for name, field in self.env[model]._fields.items():
                if field.type == 'selection':
                    labels['%s:%s' % (prefix, name)] = dict(field._description_selection(self.env))
        return labels

    @api.constrains('points', 'indicator_id')
    def _check_points(self):
        for choice in self:
            if choice.points < 0 or choice.points > choice.indicator_id.max_points:
                raise ValidationError(_('Indicator "%(indicator)s": the points of a choice must be between 0 and the maximum '
                                        'points (%(max_points)g).') % {'indicator': choice.indicator_id.name, 'max_points': choice.indicator_id.max_points})

    @api.model
    def create(self, vals):
        self.env['portrait.indicator'].browse(vals.get('indicator_id')).mapped('scheme_id')._check_editable()
        return super(PortraitIndicatorChoice, self).create(vals)

    @api.multi
    def write(self, vals):
        self.mapped('indicator_id.scheme_id')._check_editable()
        return super(PortraitIndicatorChoice, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped('indicator_id.scheme_id')._check_editable()
        return super(PortraitIndicatorChoice, self).unlink()
