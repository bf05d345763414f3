import io
import math

from odoo import _, api, fields, models
from odoo.addons.gradient_base.grants import granted, is_granted
from odoo.exceptions import AccessError, UserError, ValidationError

from . import value_sources

EVALUATION_COLUMNS = ('id', 'scheme_id', 'scheme_code', 'enterprise_id', 'membership_id', 'library_id',
                      'territory_id', 'date', 'total', 'max_total', 'min_total', 'passed', 'score_passed',
                      'conditions_met', 'direct_pass', 'weak_count', 'unmet_count', 'weak_threshold', 'is_latest',
                      'create_uid', 'create_date', 'write_uid', 'write_date')
# Lines and dimension rows carry no create/write stamps of their own (the evaluation has them):
# each foreign key costs a check per row, and a batch writes hundreds of thousands of lines.
LINE_COLUMNS = ('evaluation_id', 'indicator_id', 'sequence', 'code', 'source_key',
                'second_source_key', 'is_condition', 'is_direct_pass', 'has_value', 'value_number', 'has_value2',
                'value_number2', 'value_key', 'points', 'max_points', 'share', 'is_weak', 'met')
DIMENSION_COLUMNS = ('evaluation_id', 'dimension_id', 'sequence', 'points', 'max_points', 'min_points', 'share',
                     'passed')


def _copy_text(value):
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return '\\N'
    if value is True:
        return 't'
    if value is False:
        return 'f'
    if isinstance(value, float):
        return repr(round(value, 6)) if math.isfinite(value) else '\\N'
    return str(value).replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')


def _copy_text_rows(cr, table, columns, rows):
    """Writes rows already in COPY text format (one string per row) into ``table``."""
    buffer = io.StringIO('\n'.join(rows) + '\n' if rows else '')
    cr.copy_expert('COPY %s (%s) FROM STDIN' % (table, ', '.join(columns)), buffer)


def _number(value):
    return '\\N' if value is None else repr(round(value, 6))


def _flag(value):
    return 't' if value else 'f'


class PortraitEvaluation(models.Model):
    """A scheme applied to an enterprise at a date: its lines, dimension scores, total, pass
    result and weak indicators. Evaluations are kept: the portrait shows their history."""
    _name = 'portrait.evaluation'
    _description = 'Portrait Evaluation'
    _inherit = ['gradient.checked.input', 'cultivation.keep.mixin']
    _order = 'date desc, id desc'

    scheme_id = fields.Many2one('portrait.scheme', required=True, readonly=True,
                                ondelete='restrict', index=True)
    scheme_code = fields.Char(readonly=True, index=True)
    enterprise_id = fields.Many2one('cultivation.enterprise', required=True, readonly=True,
                                    ondelete='cascade', index=True)
    membership_id = fields.Many2one('cultivation.membership', readonly=True, ondelete='set null')
    library_id = fields.Many2one('cultivation.library', string='Cultivation Library', readonly=True,
                                 ondelete='set null', index=True)
    territory_id = fields.Many2one('cultivation.territory', readonly=True,
                                   ondelete='set null', index=True)
    date = fields.Date(required=True, readonly=True, index=True)
    total = fields.Float(readonly=True, digits=(6, 2), group_operator='avg')
    max_total = fields.Float(string='Maximum Total', readonly=True, digits=(6, 2), group_operator='avg')
    min_total = fields.Float(string='Minimum Total', readonly=True, digits=(6, 2), group_operator='avg')
    passed = fields.Boolean(readonly=True)
    score_passed = fields.Boolean(string='Score Reached', readonly=True,
                                  help='The total and every dimension reach their minimums.')
    conditions_met = fields.Boolean(string='Base Conditions Met', readonly=True)
    direct_pass = fields.Boolean(readonly=True)
    weak_count = fields.Integer(string='Weak Indicators', readonly=True)
    unmet_count = fields.Integer(string='Unmet Conditions', readonly=True)
    weak_threshold = fields.Float(string='Weak Below (% of Maximum)', readonly=True, digits=(5, 1))
    is_latest = fields.Boolean(string='Latest', readonly=True, index=True,
                               help='The newest evaluation of the enterprise on this scheme (any version).')
    line_ids = fields.One2many('portrait.evaluation.line', 'evaluation_id', string='Indicators')
    dimension_ids = fields.One2many('portrait.evaluation.dimension', 'evaluation_id', string='Dimensions', readonly=True)
    weak_line_ids = fields.One2many('portrait.evaluation.line', compute='_compute_weak_line_ids',
                                    string='Weak Indicators')
    portrait_html = fields.Html(string='Portrait', compute='_compute_portrait_html', sanitize=False)

    @api.multi
    def name_get(self):
        return [(e.id, '%s · %s · %s' % (e.enterprise_id.name, e.scheme_id.name, e.date)) for e in self]

    def _compute_weak_line_ids(self):
        for evaluation in self:
            evaluation.weak_line_ids = evaluation.line_ids.filtered('is_weak')

    def _compute_portrait_html(self):
        for evaluation in self:
            html = self.env['ir.qweb'].render('capability_portrait.portrait_body', evaluation._portrait_values())
            evaluation.portrait_html = html.decode('utf-8') if isinstance(html, bytes) else html

    # ------------------------------------------------------------------ evaluation in bulk
    @api.model
    def evaluate(self, scheme, enterprises, on_date=None, manual_values=None):
        """Evaluates ``enterprises`` on ``scheme`` as of ``on_date`` and returns the evaluations.
        Records or ids. ``manual_values``: {enterprise id: {code: value}} for the indicators
        entered by hand (otherwise those of the enterprise's latest evaluation are kept).

        Set-based: values are read with a few queries for all enterprises, scored in memory and
        written with COPY (the batch benchmark of scripts/bench_portrait.py needs it: the ORM
        takes tens of milliseconds per record here). Access is checked up front: the user must
        be allowed to create evaluations and to read every enterprise."""
        self.check_access_rights('create')
        scheme = self._argument_records('portrait.scheme', scheme, _('Scheme'))
        enterprises = self._argument_records('cultivation.enterprise', enterprises, _('Enterprises'), single=False)
        on_date = self._argument_date(on_date, _('Date'))
        if manual_values is not None and manual_values is not False and not isinstance(manual_values, dict):
            raise ValidationError(_('Values Entered by Hand: give {enterprise id: {indicator code: value}}.'))
        if scheme.state == 'draft':
            raise UserError(_('The scheme "%(scheme)s" v%(version)d is a draft: publish it before evaluating enterprises with it.')
                            % {'scheme': scheme.name, 'version': scheme.version})
        on_date = on_date or fields.Date.context_today(self)
        enterprise_ids = list(set(enterprises.ids))
        readable = self.env['cultivation.enterprise'].search([('id', 'in', enterprise_ids)]).ids
        if len(readable) != len(enterprise_ids):
            raise AccessError(_('You may only evaluate the enterprises you can see.'))
        if not enterprise_ids:
            return self.browse()
        compiled = scheme._compile()
        values = self._collect_values(scheme, compiled, enterprise_ids, on_date)
        for enterprise_id, given in (manual_values or {}).items():
            key = int(enterprise_id) if str(enterprise_id).isdigit() else None
            if key not in values or not isinstance(given, dict):
                raise ValidationError(_('Values Entered by Hand: give {enterprise id: {indicator code: value}} '
                                        'for the enterprises evaluated.'))
            self._apply_manual_values(scheme, compiled, values[key], given)
        return self._store(scheme, compiled, enterprise_ids, values, on_date)

    @api.model
    def _collect_values(self, scheme, compiled, enterprise_ids, on_date):
        """{enterprise_id: {code: value}} read from each indicator's source."""
        reader = value_sources.ValueReader(self.env, enterprise_ids, on_date)
        wanted = set()
        for indicator in compiled['indicators']:
            for key in (indicator['source_key'], indicator['second_source_key']):
                if key and key != 'manual':
                    wanted.add((key, value_sources.monthly_aggregate(indicator, key)))
        read = reader.read(wanted)
        manual = self._carried_manual_values(scheme, enterprise_ids)
        result = {}
        for enterprise_id in enterprise_ids:
            given = manual.get(enterprise_id, {})

            def source_value(indicator, key, position):
                if not key:
                    return None
                if key == 'manual':
                    return given.get((indicator['code'], position))
                return read.get((key, value_sources.monthly_aggregate(indicator, key)), {}).get(enterprise_id)
            result[enterprise_id] = value_sources.indicator_values(compiled['indicators'], source_value)
        return result

    @api.model
    def _apply_manual_values(self, scheme, compiled, values, given):
        """Puts values entered by hand into an enterprise's values, checked like score_values()."""
        by_code = {i['code']: i for i in compiled['indicators']}
        for code, value in given.items():
            indicator = by_code.get(code)
            if not indicator or 'manual' not in (indicator['source_key'], indicator['second_source_key']):
                raise UserError(_('Scheme "%(scheme)s": %(code)s is not an indicator entered by hand.') % {'scheme': scheme.name, 'code': code})
            checked = scheme._checked_value(indicator, value)
            if indicator['kind'] == 'better_of':
                first, second = values.get(code) or (None, None)
                values[code] = (checked, second) if indicator['source_key'] == 'manual' else (first, checked)
            else:
                values[code] = checked

    @api.model
    def _carried_manual_values(self, scheme, enterprise_ids):
        """Values entered by hand on the latest evaluations are kept for the next ones:
        {enterprise_id: {(code, 1 or 2): value}}."""
        self.env.cr.execute("""
            SELECT e.enterprise_id, l.code, l.source_key, l.second_source_key, l.has_value, l.value_number,
                   l.has_value2, l.value_number2, l.value_key, i.rule_kind
              FROM portrait_evaluation_line l
              JOIN portrait_evaluation e ON e.id = l.evaluation_id
              LEFT JOIN portrait_indicator i ON i.id = l.indicator_id
             WHERE e.is_latest AND e.scheme_code = %s AND e.enterprise_id = ANY(%s)
               AND (l.source_key = 'manual' OR l.second_source_key = 'manual')""", (scheme.code, enterprise_ids))
        result = {}
        for (enterprise_id, code, key, key2, has1, number1, has2, number2, text, kind) in self.env.cr.fetchall():
            given = result.setdefault(enterprise_id, {})
            if key == 'manual' and has1:
                if kind == 'choice':
                    given[(code, 1)] = text
                elif kind == 'yes_no':
                    given[(code, 1)] = text == 'yes'
                else:
                    given[(code, 1)] = number1
            if key2 == 'manual' and has2:
                given[(code, 2)] = number2
        return result

    @api.model
    def _store(self, scheme, compiled, enterprise_ids, values, on_date):
        cr = self.env.cr
        cr.execute("""
            SELECT e.id, e.territory_id, m.id, m.library_id
              FROM cultivation_enterprise e
              LEFT JOIN cultivation_membership m ON m.enterprise_id = e.id AND m.state = 'active'
             WHERE e.id = ANY(%s)""", (enterprise_ids,))
        context = {row[0]: row[1:] for row in cr.fetchall()}
        default_library = scheme.library_ids[:1].id or None
        cr.execute("SELECT nextval('portrait_evaluation_id_seq') FROM generate_series(1, %s)", (len(enterprise_ids),))
        new_ids = [row[0] for row in cr.fetchall()]
        cr.execute("""UPDATE portrait_evaluation SET is_latest = false
                       WHERE is_latest AND scheme_code = %s AND enterprise_id = ANY(%s)""",
                   (scheme.code, enterprise_ids))
        now, uid = fields.Datetime.now(), self.env.uid
        stamp = '\t'.join(_copy_text(v) for v in (uid, now, uid, now))
        threshold = compiled['weak_threshold']
        # The indicator's own columns are the same on every line: formatted once.
        prefixes = {}
        for n, indicator in enumerate(compiled['indicators']):
            prefixes[indicator['code']] = '\t'.join(_copy_text(v) for v in (
                indicator['id'], n, indicator['code'], indicator['source_key'],
                indicator['second_source_key'], indicator['is_condition'], indicator['is_direct_pass']))
        by_code = {indicator['code']: indicator for indicator in compiled['indicators']}
        row_of = self.env['portrait.evaluation.line']._variable_columns
        evaluations, lines, dimensions = [], [], []
        for evaluation_id, enterprise_id in zip(new_ids, enterprise_ids):
            result = scheme._score_compiled(compiled, values[enterprise_id])
            territory_id, membership_id, library_id = context.get(enterprise_id, (None, None, None))
            evaluations.append('\t'.join(_copy_text(v) for v in (
                evaluation_id, scheme.id, scheme.code, enterprise_id, membership_id, library_id or default_library,
                territory_id, on_date, result['total'], result['max_total'], result['min_total'], result['passed'],
                result['score_passed'], result['conditions_met'], result['direct_pass'], len(result['weak']),
                len(result['unmet_conditions']), threshold, True)) + '\t' + stamp)
            head = str(evaluation_id) + '\t'
            for line in result['lines']:
                code = line['code']
                lines.append(head + prefixes[code] + '\t' + row_of(by_code[code], line))
            for n, dimension in enumerate(result['dimension_details']):
                dimensions.append('\t'.join(_copy_text(v) for v in (
                    evaluation_id, dimension['id'], n, dimension['points'], dimension['max_points'],
                    dimension['min_points'],
                    100.0 * dimension['points'] / dimension['max_points'] if dimension['max_points'] else 0.0,
                    dimension['passed'])))
        _copy_text_rows(cr, 'portrait_evaluation', EVALUATION_COLUMNS, evaluations)
        _copy_text_rows(cr, 'portrait_evaluation_line', LINE_COLUMNS, lines)
        _copy_text_rows(cr, 'portrait_evaluation_dimension', DIMENSION_COLUMNS, dimensions)
        if not scheme.is_used:
            scheme.sudo().write({'is_used': True})  # the lock follows from the scoring, whoever scored
        self.invalidate_cache()
        self.env['portrait.evaluation.line'].invalidate_cache()
        self.env['portrait.evaluation.dimension'].invalidate_cache()
        return self.browse(new_ids)

    @api.model
    def _cron_evaluate_members(self):
        """Monthly, after the reporting deadline: every active member on its tier's scheme."""
        Scheme = self.env['portrait.scheme']
        # lint: a configuration table of a few rows, read whole on purpose
        for library in self.env['cultivation.library'].search([]):  # pylint: disable=no-search-all
            scheme = Scheme.scheme_for_library(library)
            members = self.env['cultivation.membership'].search(
                [('library_id', '=', library.id), ('state', '=', 'active')])
            if scheme and members:
                self.evaluate(scheme, members.mapped('enterprise_id'))
        return True

    # ------------------------------------------------------------------ manual values
    @api.multi
    def _rescore(self):
        """Scores the evaluation again from its lines' values (after a value entered by hand)."""
        for evaluation in self:
            scheme = evaluation.scheme_id
            compiled = scheme._compile()
            by_code = {line.code: line for line in evaluation.line_ids}
            values = {code: line._typed_value() for code, line in by_code.items()}
            result = scheme._score_compiled(compiled, values)
            for line_result in result['lines']:
                line = by_code.get(line_result['code'])
                if line:
                    line._workflow_write({
                        'points': line_result['points'], 'is_weak': line_result['weak'], 'met': line_result['met'],
                        'share': 100.0 * line_result['points'] / line_result['max_points']
                        if line_result['max_points'] else 0.0})
            for dimension in evaluation.dimension_ids:
                detail = [d for d in result['dimension_details'] if d['id'] == dimension.dimension_id.id]
                if detail:
                    d = detail[0]
                    dimension._workflow_write({'points': d['points'], 'passed': d['passed'],
                                     'share': 100.0 * d['points'] / d['max_points'] if d['max_points'] else 0.0})
            evaluation._workflow_write({
                'total': result['total'], 'passed': result['passed'], 'score_passed': result['score_passed'],
                'conditions_met': result['conditions_met'], 'direct_pass': result['direct_pass'],
                'weak_count': len(result['weak']), 'unmet_count': len(result['unmet_conditions'])})
        return True

    # ------------------------------------------------------------------ portrait
    @api.multi
    def _library_averages(self):
        """{dimension_id: average share (%)} over the latest evaluations of the same library on
        the same scheme. A statistic of the whole library: read past the record rules, which would
        otherwise limit an enterprise to its own figures."""
        self.ensure_one()
        self.env.cr.execute("""
            SELECT d.dimension_id, AVG(d.share), COUNT(*)
              FROM portrait_evaluation_dimension d
              JOIN portrait_evaluation e ON e.id = d.evaluation_id
             WHERE e.is_latest AND e.scheme_id = %s AND e.library_id IS NOT DISTINCT FROM %s
          GROUP BY d.dimension_id""", (self.scheme_id.id, self.library_id.id or None))
        return {dimension_id: float(avg or 0) for dimension_id, avg, _count in self.env.cr.fetchall()}

    @api.multi
    def _radar(self, size=320):
        """Geometry of the radar chart: one axis per dimension, the enterprise's shares of the
        maximum and the library's average, as SVG coordinates."""
        self.ensure_one()
        dimensions = self.dimension_ids.sorted('sequence')
        count = len(dimensions)
        if count < 3:
            return None
        center, radius = size / 2.0, size / 2.0 - 70
        averages = self._library_averages()

        def point(index, share):
            angle = -math.pi / 2 + 2 * math.pi * index / count
            r = radius * max(0.0, min(share, 100.0)) / 100.0
            return center + r * math.cos(angle), center + r * math.sin(angle)

        def polygon(shares):
            return ' '.join('%.1f,%.1f' % point(i, s) for i, s in enumerate(shares))

        axes = []
        for i, dimension in enumerate(dimensions):
            x, y = point(i, 100)
            lx, ly = point(i, 118)
            anchor = 'middle' if abs(lx - center) < 8 else ('start' if lx > center else 'end')
            axes.append({'x': x, 'y': y, 'lx': lx, 'ly': ly + 4, 'anchor': anchor,
                         'label': dimension.dimension_id.name,
                         'value': '%g/%g' % (round(dimension.points, 1), round(dimension.max_points, 1))})
        return {
            'size': size,
            'center': center,
            'rings': [polygon([share] * count) for share in (25, 50, 75, 100)],
            'axes': axes,
            'own': polygon([d.share for d in dimensions]),
            'average': polygon([averages.get(d.dimension_id.id, 0.0) for d in dimensions]),
            'own_points': [point(i, d.share) for i, d in enumerate(dimensions)],
        }

    @api.multi
    def _suggestions(self):
        """The enterprise's cultivation suggestions still in play (open, or accepted into its plan)."""
        self.ensure_one()
        domain = [('enterprise_id', '=', self.enterprise_id.id), ('state', 'in', ('open', 'accepted'))]
        # The evaluation was read under the user's rights: its enterprise's suggestions belong
        # on its portrait even for a user (an enterprise) without access to suggestions in general.
        Suggestion = self.env['cultivation.suggestion']
        return Suggestion.sudo().search(domain, limit=20)

    @api.multi
    def _portrait_values(self):
        self.ensure_one()
        history = self.search([('enterprise_id', '=', self.enterprise_id.id), ('scheme_code', '=', self.scheme_code)],
                              order='date asc, id asc')
        conditions = self.line_ids.filtered(lambda l: l.is_condition or l.is_direct_pass)
        return {
            'evaluation': self,
            'radar': self._radar(),
            'history': history,
            'weak_lines': self.line_ids.filtered('is_weak').sorted(lambda l: l.share),
            'unmet_lines': conditions.filtered(lambda l: l.is_condition and not l.met),
            'condition_lines': conditions,
            'suggestions': self._suggestions(),
        }

    @api.multi
    def action_print(self):
        return self.env.ref('capability_portrait.action_report_portrait').report_action(self)


class PortraitEvaluationLine(models.Model):
    """One indicator of an evaluation: the value read, the points, and whether it is weak."""
    _name = 'portrait.evaluation.line'
    _inherit = ['gradient.checked.input']
    _description = 'Evaluation Line'
    _order = 'evaluation_id, sequence, id'
    _log_access = False  # see LINE_COLUMNS

    evaluation_id = fields.Many2one('portrait.evaluation', required=True, ondelete='cascade', index=True)
    indicator_id = fields.Many2one('portrait.indicator', ondelete='set null', readonly=True)
    sequence = fields.Integer(readonly=True)
    code = fields.Char(readonly=True)
    name = fields.Char(related='indicator_id.name', string='Indicator Name', readonly=True)
    rule_kind = fields.Selection(related='indicator_id.rule_kind', readonly=True)
    explanation = fields.Text(related='indicator_id.explanation', readonly=True)
    dimension_id = fields.Many2one(related='indicator_id.dimension_id', string='Dimension', readonly=True)
    enterprise_id = fields.Many2one(related='evaluation_id.enterprise_id', readonly=True, store=False)
    source_key = fields.Char(readonly=True)
    second_source_key = fields.Char(readonly=True)
    is_manual = fields.Boolean(compute='_compute_is_manual', string='Entered by Hand')
    is_condition = fields.Boolean(string='Base Condition', readonly=True)
    is_direct_pass = fields.Boolean(string='Direct Pass', readonly=True)
    has_value = fields.Boolean(readonly=True)
    value_number = fields.Float(string='Value', digits=(16, 2))
    has_value2 = fields.Boolean(readonly=True)
    value_number2 = fields.Float(string='Second Value', digits=(16, 2))
    value_key = fields.Char(string='Choice')
    value_display = fields.Char(string='Value Given', compute='_compute_value_display')
    points = fields.Float(readonly=True, digits=(6, 2))
    max_points = fields.Float(string='Maximum Points', readonly=True, digits=(6, 2))
    share = fields.Float(string='Share of Maximum (%)', readonly=True, digits=(5, 1), group_operator='avg')
    is_weak = fields.Boolean(string='Weak', readonly=True)
    met = fields.Boolean(readonly=True)

    @api.model
    def _variable_columns(self, indicator, line):
        """The columns of a scored line that vary by enterprise, in COPY text format (from
        has_value to met in LINE_COLUMNS)."""
        value, kind = line['value'], indicator['kind']
        has1 = has2 = False
        number = number2 = key = None
        if kind == 'better_of':
            number, number2 = value if isinstance(value, tuple) else (value, None)
            has1, has2 = number is not None, number2 is not None
        elif value is not None:
            has1 = True
            if kind == 'choice':
                key = value
            elif kind == 'yes_no':
                key = 'yes' if value else 'no'
            else:
                number = value
        points, max_points = line['points'], line['max_points']
        return '\t'.join((
            _flag(has1), _number(number), _flag(has2), _number(number2), _copy_text(key), _number(points),
            _number(max_points), _number(100.0 * points / max_points if max_points else 0.0),
            _flag(line['weak']), _flag(line['met'])))

    def _typed_value(self):
        self.ensure_one()
        kind = self.rule_kind
        if kind == 'better_of':
            return (self.value_number if self.has_value else None, self.value_number2 if self.has_value2 else None)
        if not self.has_value:
            return None
        if kind == 'choice':
            return self.value_key
        if kind == 'yes_no':
            return self.value_key == 'yes'
        return self.value_number

    @api.depends('source_key', 'second_source_key')
    def _compute_is_manual(self):
        for line in self:
            line.is_manual = 'manual' in (line.source_key, line.second_source_key)

    @api.depends('has_value', 'value_number', 'value_key', 'has_value2', 'value_number2')
    def _compute_value_display(self):
        yes_no = {'yes': _('Yes'), 'no': _('No')}
        for line in self:
            kind = line.rule_kind
            unit = line.indicator_id.unit or value_sources.source_unit(self.env, line.source_key)
            if kind == 'better_of':
                unit2 = line.indicator_id.second_unit or value_sources.source_unit(self.env, line.second_source_key)
                parts = []
                for has, number, its_unit in ((line.has_value, line.value_number, unit),
                                              (line.has_value2, line.value_number2, unit2)):
                    parts.append(value_sources.with_unit(number, its_unit) if has else '—')
                line.value_display = ' / '.join(parts)
            elif not line.has_value:
                line.value_display = _('not given')
            elif kind == 'choice':
                choice = line.indicator_id.choice_ids.filtered(lambda c: c.key == line.value_key)
                line.value_display = choice.display_label if choice else line.value_key
            elif kind == 'yes_no':
                line.value_display = yes_no.get(line.value_key, line.value_key)
            else:
                line.value_display = value_sources.with_unit(line.value_number, unit)

    @api.multi
    def write(self, vals):
        given = {'value_number', 'value_number2', 'value_key'} & set(vals)
        # A value given by a client is checked and scored (issue 14: no context key, which any
        # RPC call could set, skips this; the scoring itself writes under a grant).
        if given and not is_granted('write', self._name, self.ids, vals):
            return self._write_manual_value(vals)
        return super(PortraitEvaluationLine, self).write(vals)

    def _write_manual_value(self, vals):
        """A value entered by hand: checked like score_values() does, then the evaluation is
        scored again. Only inputs whose source is 'entered by hand' can be given."""
        self._check_input(vals)  # the other fields sent along are checked as any write's
        Scheme = self.env['portrait.scheme']
        for line in self:
            indicator = line.indicator_id
            if not indicator:
                raise UserError(_('Indicator %s no longer exists: its value cannot be changed.') % line.code)
            compiled = indicator._compile()
            updates = {}
            if 'value_number' in vals or 'value_key' in vals:
                if line.source_key != 'manual':
                    raise UserError(_('Indicator "%s": its value comes from the enterprise\'s data and cannot '
                                      'be entered by hand.') % indicator.name)
                if compiled['value_type'] == 'number':
                    Scheme._checked_value(compiled, vals.get('value_number'))
                    updates.update(has_value=vals.get('value_number') is not None, value_number=vals.get('value_number'))
                elif compiled['value_type'] == 'choice':
                    Scheme._checked_value(compiled, vals.get('value_key') or None)
                    updates.update(has_value=bool(vals.get('value_key')), value_key=vals.get('value_key'))
                else:
                    key = vals.get('value_key')
                    if key not in ('yes', 'no', False, None):
                        raise UserError(_('Indicator "%s": answer yes or no.') % indicator.name)
                    updates.update(has_value=bool(key), value_key=key)
            if 'value_number2' in vals:
                if line.second_source_key != 'manual':
                    raise UserError(_('Indicator "%s": its second value comes from the enterprise\'s data and '
                                      'cannot be entered by hand.') % indicator.name)
                Scheme._checked_value(compiled, vals.get('value_number2'))
                updates.update(has_value2=vals.get('value_number2') is not None, value_number2=vals['value_number2'])
            rest = {k: v for k, v in vals.items() if k not in ('value_number', 'value_number2', 'value_key')}
            updates.update(rest)
            with granted('write', line._name, line.ids, updates):  # checked above
                # lint: writes through the layer below this override on purpose
                super(PortraitEvaluationLine, line).write(updates)  # pylint: disable=super-method-mismatch
        self.mapped('evaluation_id')._rescore()
        return True


class PortraitEvaluationDimension(models.Model):
    """The points of one dimension in an evaluation, for the radar chart and the pass rule."""
    _name = 'portrait.evaluation.dimension'
    _inherit = ['gradient.checked.input']
    _description = 'Evaluation Dimension'
    # gradient.checked.input: the points of a dimension are the scoring's result, written by it
    # (_rescore) only; no group writes them.
    _writable_fields = {}
    _order = 'evaluation_id, sequence, id'
    _log_access = False  # see LINE_COLUMNS

    evaluation_id = fields.Many2one('portrait.evaluation', required=True, ondelete='cascade', index=True)
    dimension_id = fields.Many2one('portrait.dimension', required=True, ondelete='restrict')
    sequence = fields.Integer()
    points = fields.Float(digits=(6, 2))
    max_points = fields.Float(string='Maximum Points', digits=(6, 2))
    min_points = fields.Float(string='Minimum Points', digits=(6, 2))
    share = fields.Float(string='Share of Maximum (%)', digits=(5, 1), group_operator='avg')
    passed = fields.Boolean(string='Minimum Reached')
