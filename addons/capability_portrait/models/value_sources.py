"""Where an indicator's value comes from, computed for many enterprises at once.

A value source is a key: ``manual`` (entered by hand on the evaluation), ``app:<metric>`` (the
enterprise's application: one of its fields or a figure derived from its financials),
``ent:<field>`` (a field of the enterprise) or ``mon:<field>`` (a numeric field of the submitted
monthly reports, aggregated over 12 months). Values are read with one query per source kind,
never per enterprise, so that a whole library is evaluated in one pass."""
import math
import re
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, fields

# Figures derived from an application and its yearly financials (latest year first).
APPLICATION_METRICS = (
    'revenue', 'main_revenue', 'rd_spend', 'rd_ratio', 'rd_ratio_min_2y', 'debt_ratio', 'net_margin',
    'main_business_share', 'main_revenue_growth', 'main_revenue_growth_2y', 'rd_spend_avg_2y',
    'equity_financing_2y', 'equity_financing_3y', 'ip_level', 'rd_staff_ratio', 'quality_items',
)
APPLICATION_COLUMNS = ('niche_years', 'product_field', 'strategic_emerging', 'rd_institution_level',
                       'market_share', 'market_rank', 'ip_class1_count', 'ip_class2_count',
                       'employee_count', 'rd_employee_count', 'registered_capital', 'certifications', 'honours')
FINANCIAL_COLUMNS = ('year', 'operating_revenue', 'main_revenue', 'net_profit', 'total_assets',
                     'total_liabilities', 'rd_spend', 'equity_financing')
MONTHLY_AGGREGATES = ('sum_12m', 'latest', 'avg_12m', 'growth_12m')
SCALAR_TYPES = ('integer', 'float', 'monetary', 'boolean', 'selection')
NUMERIC_TYPES = ('integer', 'float', 'monetary')
IDENTIFIER = re.compile(r'^[a-z_][a-z0-9_]*$')


def metric_labels(env):
    """The derived application figures, as users see them (translated)."""
    context, cr = env.context, env.cr  # read by _() to translate
    return {
        'revenue': _('Operating revenue, last year (10k CNY)'),
        'main_revenue': _('Main-business revenue, last year (10k CNY)'),
        'rd_spend': _('R&D spend, last year (10k CNY)'),
        'rd_ratio': _('R&D spend / operating revenue, last year (%)'),
        'rd_ratio_min_2y': _('Lower R&D ratio of the last two years (%)'),
        'debt_ratio': _('Debt-to-asset ratio, last year (%)'),
        'net_margin': _('Net profit margin, last year (%)'),
        'main_business_share': _('Main-business share of revenue, last year (%)'),
        'main_revenue_growth': _('Main-business revenue growth, last year (%)'),
        'main_revenue_growth_2y': _('Average main-business revenue growth, two years (%)'),
        'rd_spend_avg_2y': _('Average R&D spend, two years (10k CNY)'),
        'equity_financing_2y': _('Equity financing, last two years (10k CNY)'),
        'equity_financing_3y': _('Equity financing, last three years (10k CNY)'),
        'ip_level': _('Level of the IP tied to the main product'),
        'rd_staff_ratio': _('R&D staff share (%)'),
        'quality_items': _('Quality items (certifications, awards, brands, standards)'),
    }


def ip_level_labels(env):
    context, cr = env.context, env.cr  # read by _() to translate
    return {
        'class1_high_value': _('Class I IP of high value'),
        'class1_own': _('Class I IP, own research'),
        'class1': _('Class I IP'),
        'class2': _('Class II IP only'),
        'none': _('No IP'),
    }


# The unit of each source's figure, by kind (translated by unit_labels).
METRIC_UNITS = {
    'revenue': 'cny10k', 'main_revenue': 'cny10k', 'rd_spend': 'cny10k', 'rd_spend_avg_2y': 'cny10k',
    'equity_financing_2y': 'cny10k', 'equity_financing_3y': 'cny10k', 'registered_capital': 'cny10k',
    'rd_ratio': 'percent', 'rd_ratio_min_2y': 'percent', 'debt_ratio': 'percent', 'net_margin': 'percent',
    'main_business_share': 'percent', 'main_revenue_growth': 'percent', 'main_revenue_growth_2y': 'percent',
    'rd_staff_ratio': 'percent', 'market_share': 'percent',
    'quality_items': 'items', 'ip_class1_count': 'items', 'ip_class2_count': 'items', 'new_patents': 'items',
    'employee_count': 'people', 'rd_employee_count': 'people', 'employees': 'people',
    'niche_years': 'years',
}


def unit_labels(env):
    context, cr = env.context, env.cr  # read by _() to translate
    return {'cny10k': _('10k CNY'), 'percent': '%', 'items': _('items'), 'people': _('people'),
            'years': _('years')}


def source_unit(env, key):
    """The unit a source's figures are in, as users read it ('' when it has none or is typed by
    hand): 万元 for app:revenue, % for app:rd_ratio, 人 for app:employee_count."""
    if not key or ':' not in key:
        return ''
    kind, name = key.split(':', 1)
    unit = METRIC_UNITS.get(name)
    if not unit and kind in ('ent', 'mon'):
        model = {'ent': 'cultivation.enterprise', 'mon': 'cultivation.monthly.report'}[kind]
        field = env[model]._fields.get(name) if model in env else None
        # the figures of these models say their unit in their English label
        string = field.string if field else ''
        unit = 'cny10k' if '(10k CNY)' in string else ('percent' if '(%)' in string else None)
    return unit_labels(env).get(unit, '') if unit else ''


def with_unit(number, unit):
    text = '%g' % round(number, 2)
    if not unit:
        return text
    return text + unit if unit == '%' else '%s %s' % (text, unit)


def _pct(numerator, denominator):
    return 100.0 * numerator / denominator if denominator else None


def _growth(new, old):
    return 100.0 * (new - old) / old if old else None


def application_metrics(app, financials):
    """Derived figures of one application. ``app``: dict of APPLICATION_COLUMNS; ``financials``:
    dicts of FINANCIAL_COLUMNS, any order. A figure that cannot be computed is None."""
    years = sorted(financials, key=lambda f: f['year'], reverse=True)
    last = years[0] if years else {}
    prev = years[1] if len(years) > 1 else {}
    prev2 = years[2] if len(years) > 2 else {}
    revenue = last.get('operating_revenue') or 0.0
    growths = [g for g in (_growth(last.get('main_revenue') or 0, prev.get('main_revenue') or 0),
                           _growth(prev.get('main_revenue') or 0, prev2.get('main_revenue') or 0)) if g is not None]
    ratios = [_pct(y['rd_spend'] or 0, y['operating_revenue'] or 0) for y in years[:2]]
    class1, class2 = app.get('ip_class1_count') or 0, app.get('ip_class2_count') or 0
    quality = sum(len([line for line in (app.get(name) or '').splitlines() if line.strip()])
                  for name in ('certifications', 'honours'))
    employees = app.get('employee_count') or 0
    return {
        'revenue': last.get('operating_revenue') if last else None,
        'main_revenue': last.get('main_revenue') if last else None,
        'rd_spend': last.get('rd_spend') if last else None,
        'rd_ratio': _pct(last.get('rd_spend') or 0, revenue) if last else None,
        'rd_ratio_min_2y': min(ratios) if len(ratios) == 2 and None not in ratios else None,
        'debt_ratio': _pct(last.get('total_liabilities') or 0, last.get('total_assets') or 0) if last else None,
        'net_margin': _pct(last.get('net_profit') or 0, revenue) if last else None,
        'main_business_share': _pct(last.get('main_revenue') or 0, revenue) if last else None,
        'main_revenue_growth': growths[0] if growths else None,
        'main_revenue_growth_2y': sum(growths) / len(growths) if growths else None,
        'rd_spend_avg_2y': sum((y['rd_spend'] or 0) for y in years[:2]) / len(years[:2]) if years else None,
        'equity_financing_2y': sum((y['equity_financing'] or 0) for y in years[:2]) if years else None,
        'equity_financing_3y': sum((y['equity_financing'] or 0) for y in years[:3]) if years else None,
        # High value and own research cannot be told from counts: the bureau raises the level by hand.
        'ip_level': 'class1' if class1 else ('class2' if class2 else 'none'),
        'rd_staff_ratio': _pct(app.get('rd_employee_count') or 0, employees) if employees else None,
        'quality_items': quality,
    }


def source_options(env):
    """(key, label) of every value source, for the indicator form."""
    context, cr = env.context, env.cr  # read by _() to translate
    options = [('manual', _('Entered by hand'))]
    application = env['cultivation.application']
    labels = metric_labels(env)
    options += [('app:%s' % name, _('Application: %s') % labels[name]) for name in APPLICATION_METRICS]
    for name, field in sorted(application._fields.items()):
        if field.store and field.type in SCALAR_TYPES and name not in APPLICATION_METRICS \
                and not field.automatic and name not in ('id', 'version'):
            options.append(('app:%s' % name, _('Application: %s') % field.get_description(env)['string']))
    for name, field in sorted(env['cultivation.enterprise']._fields.items()):
        if field.store and field.type in SCALAR_TYPES and not field.automatic and name != 'active':
            options.append(('ent:%s' % name, _('Enterprise: %s') % field.get_description(env)['string']))
    if 'cultivation.monthly.report' in env:
        for name, field in sorted(env['cultivation.monthly.report']._fields.items()):
            if field.store and field.type in NUMERIC_TYPES and not field.automatic \
                    and name not in ('id', 'year', 'month'):
                options.append(('mon:%s' % name, _('Monthly reports: %s') % field.get_description(env)['string']))
    return options


def source_value_type(env, key):
    """'number', 'choice', 'boolean' or None (manual: any) for a source key."""
    if not key or key == 'manual':
        return None
    kind, name = key.split(':', 1)
    if kind == 'app' and name in APPLICATION_METRICS:
        return 'choice' if name == 'ip_level' else 'number'
    model = {'app': 'cultivation.application', 'ent': 'cultivation.enterprise',
             'mon': 'cultivation.monthly.report'}[kind]
    field = env[model]._fields.get(name) if model in env else None
    if not field:
        return None
    return {'boolean': 'boolean', 'selection': 'choice'}.get(field.type, 'number')


def _month_start(day):
    return day.replace(day=1)


class ValueReader(object):
    """Reads the values of a set of source keys for many enterprises as of a date."""

    def __init__(self, env, enterprise_ids, as_of):
        self.env = env
        self.cr = env.cr
        self.ids = list(enterprise_ids)
        self.as_of = fields.Date.from_string(as_of) if isinstance(as_of, str) else (as_of or date.today())
        self._applications = None

    # -- applications ------------------------------------------------------
    def latest_applications(self):
        """{enterprise_id: application_id}: the admitted application if any, else the newest one
        still alive (not withdrawn or refused)."""
        if self._applications is None:
            self.cr.execute("""
                SELECT DISTINCT ON (enterprise_id) enterprise_id, id FROM cultivation_application
                 WHERE enterprise_id = ANY(%s) AND state NOT IN ('withdrawn', 'rejected')
              ORDER BY enterprise_id, (state = 'approved') DESC, id DESC""", (self.ids,))
            self._applications = dict(self.cr.fetchall())
        return self._applications

    def application_values(self, names):
        """{name: {enterprise_id: value}} for application metrics and fields."""
        by_app = {app_id: ent_id for ent_id, app_id in self.latest_applications().items()}
        result = {name: {} for name in names}
        if not by_app:
            return result
        Application = self.env['cultivation.application']
        plain = [n for n in names if n not in APPLICATION_METRICS and n in Application._fields]
        columns = sorted(set(APPLICATION_COLUMNS) | set(plain))
        self.cr.execute('SELECT id, %s FROM cultivation_application WHERE id = ANY(%%s)'
                        % ', '.join('"%s"' % c for c in columns), (list(by_app),))
        apps = {row[0]: dict(zip(columns, row[1:])) for row in self.cr.fetchall()}
        derived = [n for n in names if n in APPLICATION_METRICS]
        financials = {}
        if derived:
            self.cr.execute('SELECT application_id, %s FROM cultivation_application_financial '
                            'WHERE application_id = ANY(%%s)' % ', '.join(FINANCIAL_COLUMNS), (list(by_app),))
            for row in self.cr.fetchall():
                financials.setdefault(row[0], []).append(dict(zip(FINANCIAL_COLUMNS, row[1:])))
        for app_id, app in apps.items():
            enterprise_id = by_app[app_id]
            if derived:
                metrics = application_metrics(app, financials.get(app_id, []))
                for name in derived:
                    result[name][enterprise_id] = metrics[name]
            for name in plain:
                result[name][enterprise_id] = _clean(Application._fields[name], app[name])
        return result

    # -- enterprises -------------------------------------------------------
    def enterprise_values(self, names):
        Enterprise = self.env['cultivation.enterprise']
        names = [n for n in names if n in Enterprise._fields and IDENTIFIER.match(n)]
        result = {name: {} for name in names}
        if names:
            self.cr.execute('SELECT id, %s FROM cultivation_enterprise WHERE id = ANY(%%s)'
                            % ', '.join('"%s"' % n for n in names), (self.ids,))
            for row in self.cr.fetchall():
                for name, value in zip(names, row[1:]):
                    result[name][row[0]] = _clean(Enterprise._fields[name], value)
        return result

    # -- monthly reports ---------------------------------------------------
    def monthly_values(self, name, aggregate):
        """{enterprise_id: value} of one numeric field of the submitted monthly reports."""
        if 'cultivation.monthly.report' not in self.env:
            return {}
        field = self.env['cultivation.monthly.report']._fields.get(name)
        if not field or field.type not in NUMERIC_TYPES or not field.store or not IDENTIFIER.match(name):
            return {}
        end = self.as_of
        start = _month_start(end) - relativedelta(months=11)
        column = '"%s"' % name  # a stored field's own column, checked above
        if aggregate == 'latest':
            self.cr.execute("""
                SELECT DISTINCT ON (enterprise_id) enterprise_id, %s FROM cultivation_monthly_report
                 WHERE enterprise_id = ANY(%%s) AND state = 'submitted' AND period_date <= %%s
              ORDER BY enterprise_id, period_date DESC""" % column, (self.ids, end))
            return {ent: value for ent, value in self.cr.fetchall()}
        if aggregate in ('sum_12m', 'avg_12m'):
            function = 'SUM' if aggregate == 'sum_12m' else 'AVG'
            self.cr.execute("""
                SELECT enterprise_id, %s(%s) FROM cultivation_monthly_report
                 WHERE enterprise_id = ANY(%%s) AND state = 'submitted' AND period_date BETWEEN %%s AND %%s
              GROUP BY enterprise_id""" % (function, column), (self.ids, start, end))
            return {ent: float(value) if value is not None else None for ent, value in self.cr.fetchall()}
        if aggregate == 'growth_12m':
            before = start - relativedelta(months=12)
            self.cr.execute("""
                SELECT enterprise_id,
                       SUM(CASE WHEN period_date >= %%s THEN %s END),
                       SUM(CASE WHEN period_date < %%s THEN %s END)
                  FROM cultivation_monthly_report
                 WHERE enterprise_id = ANY(%%s) AND state = 'submitted' AND period_date BETWEEN %%s AND %%s
              GROUP BY enterprise_id""" % (column, column), (start, start, self.ids, before, end))
            return {ent: _growth(float(new or 0), float(old or 0)) for ent, new, old in self.cr.fetchall()}
        return {}

    # -- all ---------------------------------------------------------------
    # lint: a plain reader class, not the ORM read()
    def read(self, keys):  # pylint: disable=method-required-super
        """{(key, aggregate): {enterprise_id: value}} for (source key, monthly aggregate) pairs."""
        keys = set(keys)
        values = {}
        app_names = {k[0][4:] for k in keys if k[0].startswith('app:')}
        ent_names = {k[0][4:] for k in keys if k[0].startswith('ent:')}
        app_values = self.application_values(sorted(app_names)) if app_names else {}
        ent_values = self.enterprise_values(sorted(ent_names)) if ent_names else {}
        for key, aggregate in keys:
            if key.startswith('app:'):
                values[(key, aggregate)] = app_values.get(key[4:], {})
            elif key.startswith('ent:'):
                values[(key, aggregate)] = ent_values.get(key[4:], {})
            elif key.startswith('mon:'):
                values[(key, aggregate)] = self.monthly_values(key[4:], aggregate or 'sum_12m')
        return values


def coerce(indicator, value):
    """A source value in the type the indicator's rule expects; what cannot be read counts as no
    value."""
    if value is None:
        return None
    expected = indicator['value_type']
    if expected == 'number':
        if isinstance(value, bool):
            return float(value)
        return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else None
    if expected == 'boolean':
        return bool(value)
    return value if isinstance(value, str) else None


def monthly_aggregate(indicator, key):
    """The aggregate a source key is read with: the indicator's for monthly figures, none else."""
    return indicator['monthly_aggregate'] if key and key.startswith('mon:') else None


def indicator_values(indicators, source_value):
    """{code: value} of one enterprise for compiled ``indicators``: each value from
    ``source_value(indicator, key, position)`` (position 1 for source_key, 2 for
    second_source_key), coerced; a better_of indicator gives (first, second). The one place
    where sources become the values a scheme scores (batch evaluation and self-assessment)."""
    values = {}
    for indicator in indicators:
        first = coerce(indicator, source_value(indicator, indicator['source_key'], 1))
        if indicator['kind'] == 'better_of':
            second = coerce(indicator, source_value(indicator, indicator['second_source_key'], 2))
            values[indicator['code']] = (first, second)
        else:
            values[indicator['code']] = first
    return values


def _clean(field, value):
    """A column value as the scoring expects it: numbers as float, booleans, selection keys."""
    if value is None:
        return None if field.type != 'boolean' else False
    if field.type in NUMERIC_TYPES:
        value = float(value)
        return value if math.isfinite(value) else None
    return value
