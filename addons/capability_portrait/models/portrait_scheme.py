import math
import numbers

from odoo import _, api, fields, models
from odoo.addons.gradient_base.grants import granted
from odoo.exceptions import UserError, ValidationError

from . import scoring

# What may still change on a scheme that has scored: its life, not its rules.
UNLOCKED_FIELDS = {'active', 'state', 'date_to', 'note', 'is_used'}


class PortraitScheme(models.Model):
    """A versioned scoring system (评分体系) for one or more tiers.

    Its indicators score an enterprise; the pass rule asks for a minimum total and minimums per
    dimension, base conditions that must all be met, and accepts direct-pass routes. Once it has
    scored an enterprise a scheme is never changed in place: it is copied into a new draft
    version, which is published in its place."""
    _name = 'portrait.scheme'
    _description = 'Scoring Scheme'
    _inherit = ['gradient.checked.input', 'mail.thread', 'cultivation.keep.mixin']
    _order = 'code, version desc, id desc'

    name = fields.Char(required=True, translate=True, track_visibility='onchange')
    code = fields.Char(required=True, help='Shared by all versions of the scheme, e.g. miit_2022_srdi_sme.')
    version = fields.Integer(required=True, default=1, readonly=True, copy=False)
    previous_id = fields.Many2one('portrait.scheme', string='Previous Version', readonly=True, copy=False)
    state = fields.Selection(string='Status', selection=[
        ('draft', 'Draft'),
        ('published', 'Published'),
        ('retired', 'Retired'),
    ], default='draft', required=True, readonly=True, copy=False, track_visibility='onchange')
    active = fields.Boolean(default=True, track_visibility='onchange')
    date_from = fields.Date(string='Valid From', track_visibility='onchange')
    date_to = fields.Date(string='Valid Until', track_visibility='onchange')
    library_ids = fields.Many2many('cultivation.library', string='Tiers',
                                   help='The cultivation libraries this scheme evaluates and admits to.')
    note = fields.Text(string='Notes', translate=True, help='Sources, unverified values, changes of this version.')
    indicator_ids = fields.One2many('portrait.indicator', 'scheme_id', string='Indicators', copy=True)
    dimension_rule_ids = fields.One2many('portrait.scheme.dimension', 'scheme_id', string='Dimensions', copy=True)
    min_total = fields.Float(string='Minimum Total', digits=(6, 2), track_visibility='onchange',
                             help='The total an enterprise needs to pass (with the dimension minimums).')
    max_total = fields.Float(string='Maximum Total', compute='_compute_max_total', digits=(6, 2))
    weak_threshold = fields.Float(
        string='Weak Below (% of Maximum)', default=60.0, digits=(5, 1), track_visibility='onchange',
        help='An indicator scoring below this share of its maximum points is shown as weak.')
    is_used = fields.Boolean(string='Used to Score', readonly=True, copy=False,
                             help='The scheme has scored an enterprise: it can no longer be changed, only copied.')
    evaluation_count = fields.Integer(compute='_compute_evaluation_count', string='Evaluations')

    _sql_constraints = [
        ('version_unique', 'unique(code, version)', 'A scheme code has each version number once.'),
        ('weak_threshold_range', 'CHECK(weak_threshold >= 0 AND weak_threshold <= 100)',
         'Weak Below (% of Maximum): give a share between 0 and 100.'),
    ]

    @api.depends('indicator_ids.max_points', 'indicator_ids.is_condition', 'indicator_ids.is_direct_pass')
    def _compute_max_total(self):
        for scheme in self:
            scheme.max_total = sum(i.max_points for i in scheme.indicator_ids
                                   if not i.is_condition and not i.is_direct_pass)

    def _compute_evaluation_count(self):
        groups = self.env['portrait.evaluation'].read_group(
            [('scheme_id', 'in', self.ids)], ['scheme_id'], ['scheme_id'])
        counts = {g['scheme_id'][0]: g['scheme_id_count'] for g in groups}
        for scheme in self:
            scheme.evaluation_count = counts.get(scheme.id, 0)

    @api.multi
    def name_get(self):
        return [(s.id, '%s v%d' % (s.name, s.version)) for s in self]

    @api.constrains('date_from', 'date_to')
    def _check_dates(self):
        for scheme in self:
            if scheme.date_from and scheme.date_to and scheme.date_to < scheme.date_from:
                raise ValidationError(_('Valid Until: the scheme "%(scheme)s" cannot end before it starts (%(date_from)s).')
                                      % {'scheme': scheme.name, 'date_from': scheme.date_from})

    @api.constrains('min_total')
    def _check_min_total(self):
        for scheme in self:
            if scheme.min_total < 0:
                raise ValidationError(_('Minimum Total: cannot be negative.'))

    # ------------------------------------------------------------------ versioning
    @api.multi
    def _check_editable(self):
        for scheme in self:
            if scheme.is_used:
                raise UserError(_('The scheme "%(scheme)s" v%(version)d has already scored enterprises and cannot be changed; '
                                  'copy it into a new version and change the copy.') % {'scheme': scheme.name, 'version': scheme.version})

    @api.multi
    def write(self, vals):
        if [name for name in vals if name not in UNLOCKED_FIELDS and not name.startswith('message_')]:
            self._check_editable()
        return super(PortraitScheme, self).write(vals)

    @api.multi
    def unlink(self):
        for scheme in self:
            if scheme.is_used or scheme.evaluation_count:
                raise UserError(_('The scheme "%(scheme)s" v%(version)d has scored enterprises: archive it instead of deleting it.')
                                % {'scheme': scheme.name, 'version': scheme.version})
        return super(PortraitScheme, self).unlink()

    @api.multi
    def copy(self, default=None):
        """A new draft version of the scheme (same code, next version number)."""
        self.ensure_one()
        self.check_access_rights('create')
        latest = self.with_context(active_test=False).search([('code', '=', self.code)], order='version desc', limit=1)
        default = dict(default or {}, version=latest.version + 1, previous_id=self.id)
        with granted('copy', self._name, self.ids, ['version', 'previous_id']):  # set here, not by the client
            return super(PortraitScheme, self).copy(default)

    @api.multi
    def action_new_version(self):
        self.ensure_one()
        copy = self.copy()
        return {
            'type': 'ir.actions.act_window',
            'res_model': self._name,
            'res_id': copy.id,
            'view_mode': 'form',
            'target': 'current',
        }

    @api.multi
    def action_publish(self):
        """Makes the scheme the one its tiers are scored on; the version it replaces retires."""
        for scheme in self:
            if scheme.state != 'draft':
                raise UserError(_('Only a draft scheme can be published ("%(scheme)s" v%(version)d is not a draft).')
                                % {'scheme': scheme.name, 'version': scheme.version})
            problems = scheme._configuration_problems()
            if problems:
                raise UserError(_('The scheme "%(scheme)s" cannot be published yet:\n%(value)s') % {'scheme': scheme.name, 'value': '\n'.join(problems)})
            others = self.search([('code', '=', scheme.code), ('state', '=', 'published'), ('id', '!=', scheme.id)])
            others._workflow_write({'state': 'retired'})
            scheme._workflow_write({'state': 'published'})
        return True

    @api.multi
    def action_retire(self):
        for scheme in self:
            if scheme.state != 'published':
                raise UserError(_('Only a published scheme can be retired.'))
            scheme._workflow_write({'state': 'retired'})
        return True

    @api.multi
    def action_view_evaluations(self):
        self.ensure_one()
        action = self.env.ref('capability_portrait.portrait_evaluation_action').read()[0]
        action['domain'] = [('scheme_id', '=', self.id)]
        action['context'] = {}
        return action

    def _configuration_problems(self):
        self.ensure_one()
        problems = []
        if not self.indicator_ids:
            problems.append(_('Indicators: add at least one indicator.'))
        if not self.library_ids:
            problems.append(_('Tiers: choose the tiers the scheme evaluates.'))
        for indicator in self.indicator_ids:
            if indicator.rule_kind in ('bands', 'better_of') and not indicator.band_ids:
                problems.append(_('Indicator "%s": add its bands.') % indicator.name)
            if indicator.rule_kind == 'choice' and not indicator.choice_ids:
                problems.append(_('Indicator "%s": add its choices.') % indicator.name)
        return problems

    @api.model
    def scheme_for_library(self, library, on_date=None):
        """The published scheme that scores ``library`` on ``on_date`` (the newest version)."""
        library = self._argument_records('cultivation.library', library, _('Cultivation Library'), single=False)
        on_date = self._argument_date(on_date, _('Date')) or fields.Date.context_today(self)
        domain = [('state', '=', 'published'), ('library_ids', 'in', library.ids),
                  '|', ('date_from', '=', False), ('date_from', '<=', on_date),
                  '|', ('date_to', '=', False), ('date_to', '>=', on_date)]
        return self.search(domain, order='version desc, id desc', limit=1)

    # ------------------------------------------------------------------ scoring
    @api.multi
    def _compile(self):
        """The scheme as plain data (indicators, dimensions, pass rule) for fast scoring."""
        self.ensure_one()
        dimension_rules = {rule.dimension_id.id: rule for rule in self.dimension_rule_ids}
        indicators = [indicator._compile() for indicator in self.indicator_ids]
        dimension_ids = [rule.dimension_id.id for rule in self.dimension_rule_ids.sorted(
            lambda r: (r.dimension_id.sequence, r.dimension_id.id))]
        for indicator in indicators:
            if indicator['dimension_id'] and indicator['dimension_id'] not in dimension_ids \
                    and not indicator['is_condition'] and not indicator['is_direct_pass']:
                dimension_ids.append(indicator['dimension_id'])
        dimensions = []
        for dimension in self.env['portrait.dimension'].browse(dimension_ids).sorted(lambda d: (d.sequence, d.id)):
            rule = dimension_rules.get(dimension.id)
            dimensions.append({
                'id': dimension.id,
                'name': dimension.name,
                'code': dimension.code,
                'min_points': rule.min_points if rule else 0.0,
                'max_points': sum(i['max_points'] for i in indicators if i['dimension_id'] == dimension.id
                                  and not i['is_condition'] and not i['is_direct_pass']),
            })
        return {
            'id': self.id,
            'name': self.name,
            'min_total': self.min_total,
            'weak_threshold': self.weak_threshold,
            'indicators': indicators,
            'dimensions': dimensions,
        }

    @api.multi
    def score_values(self, values):
        """Scores a dict {indicator code: value}.

        Numbers for banded, per-unit, manual and better-of-two rules (better of two: both codes
        as keys, or a pair under the first code), a choice key (str) for choice rules, True/False
        for yes/no. A missing code scores 0 and leaves its base condition unmet. Returns a dict:
        ``total``, ``max_total``, ``passed``, ``score_passed`` (total and dimension minimums),
        ``conditions_met``, ``direct_pass``, ``dimensions`` {dimension name: points},
        ``dimension_details``, ``unmet_conditions`` and ``lines`` (code, value, points, ...).
        Unknown codes and values of the wrong type raise a ValidationError naming the indicator."""
        self.ensure_one()
        if not isinstance(values, dict):
            raise ValidationError(_('Values: give a dictionary {indicator code: value}.'))
        compiled = self._compile()
        known = {}
        for indicator in compiled['indicators']:
            known[indicator['code']] = indicator
            if indicator['second_code']:
                known[indicator['second_code']] = indicator
        unknown = sorted(str(code) for code in values if code not in known)
        if unknown:
            raise ValidationError(_('Scheme "%(name)s": unknown indicator code(s) %(value)s; the codes of this scheme are: %(value2)s.')
                                  % {'name': self.name, 'value': ', '.join(unknown), 'value2': ', '.join(sorted(known))})
        prepared = {}
        for indicator in compiled['indicators']:
            code, second = indicator['code'], indicator['second_code']
            value = values.get(code)
            if indicator['kind'] == 'better_of':
                if isinstance(value, (list, tuple)):
                    if len(value) != 2:
                        raise ValidationError(_('Indicator "%(name)s" (%(code)s): give two numbers (%(code2)s, %(second)s).')
                                              % {'name': indicator['name'], 'code': code, 'code2': code, 'second': second})
                    value = tuple(value)
                else:
                    value = (value, values.get(second))
                value = tuple(self._checked_value(indicator, v) for v in value)
            else:
                value = self._checked_value(indicator, value)
            prepared[code] = value
        return self._score_compiled(compiled, prepared)

    @api.model
    def _checked_value(self, indicator, value):
        """The value if its type fits the indicator's rule, else a ValidationError naming it."""
        if value is None:
            return None
        name, code = indicator['name'], indicator['code']
        expected = indicator['value_type']
        if expected == 'number':
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
                raise ValidationError(_('Indicator "%(name)s" (%(code)s): expected a number, got %(value)r.') % {'name': name, 'code': code, 'value': value})
            if indicator['kind'] == 'manual' and not 0 <= value <= indicator['max_points']:
                raise ValidationError(_('Indicator "%(name)s" (%(code)s): give points from 0 to %(max_points)g (you gave %(value)g).')
                                      % {'name': name, 'code': code, 'max_points': indicator['max_points'], 'value': value})
            return float(value)
        if expected == 'boolean':
            if not isinstance(value, bool):
                raise ValidationError(_('Indicator "%(name)s" (%(code)s): expected yes or no (True/False), got %(value)r.')
                                      % {'name': name, 'code': code, 'value': value})
            return value
        if not isinstance(value, str) or value not in indicator['choices']:
            raise ValidationError(_('Indicator "%(name)s" (%(code)s): expected one of %(value)s, got %(value2)r.')
                                  % {'name': name, 'code': code, 'value': ', '.join(sorted(indicator['choices'])), 'value2': value})
        return value

    @api.model
    def _score_compiled(self, compiled, values):
        """Scores prepared values {code: value} (better of two: a pair) with a compiled scheme."""
        return scoring.score_compiled(compiled, values)


class PortraitSchemeDimension(models.Model):
    """A dimension of a scheme and the minimum points it asks for (the pass rule)."""
    _name = 'portrait.scheme.dimension'
    _inherit = ['gradient.checked.input']
    _description = 'Scheme Dimension'
    _order = 'scheme_id, sequence, id'

    scheme_id = fields.Many2one('portrait.scheme', required=True, ondelete='cascade', index=True)
    sequence = fields.Integer(default=10)
    dimension_id = fields.Many2one('portrait.dimension', required=True, ondelete='restrict')
    min_points = fields.Float(string='Minimum Points', digits=(6, 2))
    max_points = fields.Float(string='Maximum Points', compute='_compute_max_points', digits=(6, 2))

    _sql_constraints = [
        ('dimension_unique', 'unique(scheme_id, dimension_id)', 'Dimensions: each dimension appears once per scheme.'),
    ]

    @api.depends('scheme_id.indicator_ids.max_points', 'dimension_id')
    def _compute_max_points(self):
        for rule in self:
            rule.max_points = sum(i.max_points for i in rule.scheme_id.indicator_ids
                                  if i.dimension_id == rule.dimension_id and not i.is_condition and not i.is_direct_pass)

    @api.constrains('min_points')
    def _check_min_points(self):
        for rule in self:
            if rule.min_points < 0:
                raise ValidationError(_('Minimum Points of %s: cannot be negative.') % rule.dimension_id.name)

    @api.model
    def create(self, vals):
        self.env['portrait.scheme'].browse(vals.get('scheme_id'))._check_editable()
        return super(PortraitSchemeDimension, self).create(vals)

    @api.multi
    def write(self, vals):
        self.mapped('scheme_id')._check_editable()
        return super(PortraitSchemeDimension, self).write(vals)

    @api.multi
    def unlink(self):
        self.mapped('scheme_id')._check_editable()
        return super(PortraitSchemeDimension, self).unlink()
