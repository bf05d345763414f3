"""Benchmark of the batch evaluation of capability portraits.

Generates N enterprises (default 10,000) with an application, two years of financials, an
active membership and (when the monthly reports exist) 12 submitted monthly reports each, set-based
in SQL, then times portrait.evaluation.evaluate() on a scheme of 20 indicators. Everything
is rolled back at the end: the database is left as it was.

    .venv/bin/python scripts/bench_portrait.py -c var/odoo-test.conf -d DATABASE [--enterprises N]

The database needs capability_portrait installed (e.g. the demo database of `make run`, with
-c var/odoo-dev.conf -d gradient).
"""
import argparse
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api


def generate(env, count):
    cr = env.cr
    territory = env['cultivation.territory'].create({'name': 'Bench territory', 'code': 'BENCH-T'})
    library = env.ref('gradient_cultivation.library_srdi_sme')
    call = env['cultivation.call'].create({
        'name': 'Bench call', 'library_ids': [(6, 0, [library.id])],
        'date_open': '2020-01-01', 'date_close': '2099-12-31'})
    cr.execute("""
        INSERT INTO cultivation_enterprise (name, credit_code, territory_id, active, employee_count,
                                            rd_employee_count, create_uid, create_date, write_uid, write_date)
        SELECT 'Bench ' || g, 'BENCH' || lpad(g::text, 13, '0'), %s, true, 50 + g %% 200, 5 + g %% 40,
               1, now(), 1, now()
          FROM generate_series(1, %s) g RETURNING id""", (territory.id, count))
    enterprise_ids = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO cultivation_application (name, enterprise_id, call_id, library_id, submission_channel, state,
                    niche_years, product_field, strategic_emerging, rd_institution_level, ip_class1_count,
                    ip_class2_count, employee_count, rd_employee_count, certifications, version,
                    create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH/' || e.id, e.id, %s, %s, 'territory', 'approved', e.id %% 12,
               (ARRAY['gap_filling', 'industrial_basis', 'other'])[1 + e.id %% 3], e.id %% 2 = 0,
               (ARRAY['national', 'provincial', 'city', 'below_city', 'none'])[1 + e.id %% 5],
               e.id %% 5, e.id %% 9, e.employee_count, e.rd_employee_count, 'ISO 9001', 1, 1, now(), 1, now()
          FROM cultivation_enterprise e WHERE e.id = ANY(%s) RETURNING id""", (call.id, library.id, enterprise_ids))
    application_ids = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO cultivation_application_financial (application_id, year, operating_revenue, main_revenue,
                    net_profit, total_assets, total_liabilities, rd_spend, equity_financing,
                    create_uid, create_date, write_uid, write_date)
        SELECT a, y, 1000 + (a * 37 + y) %% 9000, 0.8 * (1000 + (a * 37 + y) %% 9000), 50 + a %% 700,
               5000 + a %% 5000, 1000 + a %% 4000, 30 + (a * 7 + y) %% 600, (a %% 4) * 500, 1, now(), 1, now()
          FROM unnest(%s::int[]) a, generate_series(2024, 2025) y""", (application_ids,))
    cr.execute("""
        INSERT INTO cultivation_membership (enterprise_id, library_id, territory_id, date_admitted, state,
                    create_uid, create_date, write_uid, write_date)
        SELECT e, %s, %s, '2025-01-01', 'active', 1, now(), 1, now() FROM unnest(%s::int[]) e""",
               (library.id, territory.id, enterprise_ids))
    monthly = generate_monthly_reports(env, enterprise_ids, library, territory)
    return env['cultivation.enterprise'].browse(enterprise_ids), monthly


def generate_monthly_reports(env, enterprise_ids, library, territory):
    """12 submitted monthly reports per enterprise, when the model exists (in-library management)."""
    if 'cultivation.monthly.report' not in env:
        return False
    Report = env['cultivation.monthly.report']
    numeric = [n for n in ('revenue', 'main_revenue', 'total_profit', 'taxes_paid', 'rd_expense', 'new_orders',
                           'export_revenue', 'revenue_ytd') if n in Report._fields]
    columns = ['enterprise_id', 'membership_id', 'library_id', 'territory_id', 'period_date', 'year', 'month',
               'state'] + numeric
    columns = [c for c in columns if c in Report._fields]
    select = {
        'enterprise_id': 'm.enterprise_id', 'membership_id': 'm.id', 'library_id': 'm.library_id',
        'territory_id': 'm.territory_id', 'period_date': "(date_trunc('month', now()) - (k || ' month')::interval)::date",
        'year': "extract(year from date_trunc('month', now()) - (k || ' month')::interval)::int",
        'month': "extract(month from date_trunc('month', now()) - (k || ' month')::interval)::int",
        'state': "'submitted'",
    }
    expressions = [select.get(c, '(100 + (m.enterprise_id * 13 + k * 7) %% 400)') for c in columns]
    try:
        with env.cr.savepoint():
            env.cr.execute("""
                INSERT INTO cultivation_monthly_report (%s, create_uid, create_date, write_uid, write_date)
                SELECT %s, 1, now(), 1, now()
                  FROM cultivation_membership m, generate_series(1, 12) k
                 WHERE m.enterprise_id = ANY(%%s)""" % (', '.join(columns), ', '.join(expressions)), (enterprise_ids,))
        return 'revenue' in numeric
    except Exception as error:  # a column the benchmark does not know: go on without reports
        print('monthly reports not generated (%s)' % str(error).splitlines()[0], file=sys.stderr)
        return False


def bench_scheme(env, monthly):
    """The seeded SRDI scheme copied into a new scheme of exactly 20 indicators."""
    srdi = env.ref('capability_portrait.scheme_miit_2022_srdi_sme')
    scheme = srdi.copy({'code': 'bench_portrait', 'name': 'Benchmark'})
    scheme.indicator_ids.filtered(lambda i: i.code == 'direct_maker_top500').unlink()
    if monthly:
        growth = env.ref('capability_portrait.dimension_growth')
        direct = scheme.indicator_ids.filtered(lambda i: i.code in ('direct_st_award', 'direct_equity_financing'))
        direct.unlink()
        for code, aggregate in (('revenue_12m', 'sum_12m'), ('revenue_growth_12m', 'growth_12m')):
            env['portrait.indicator'].create({
                'scheme_id': scheme.id, 'code': code, 'name': code, 'rule_kind': 'bands', 'max_points': 5,
                'dimension_id': growth.id, 'source_key': 'mon:revenue', 'monthly_aggregate': aggregate,
                'band_ids': [(0, 0, {'lower_bound': 0, 'points': 2}), (0, 0, {'lower_bound': 3000, 'points': 5})]})
    scheme.action_publish()
    assert len(scheme.indicator_ids) == 20, len(scheme.indicator_ids)
    return scheme


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-c', '--config', required=True)
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('--enterprises', type=int, default=10000)
    args = parser.parse_args()
    odoo.tools.config.parse_config(['-c', args.config, '-d', args.database, '--log-level=warn'])
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {'tracking_disable': True, 'lang': 'en_US'})
        try:
            started = time.time()
            enterprises, monthly = generate(env, args.enterprises)
            scheme = bench_scheme(env, monthly)
            print('generated %d enterprises (monthly reports: %s) in %.1f s'
                  % (len(enterprises), 'yes' if monthly else 'no', time.time() - started))
            env.cr.execute('ANALYZE')
            started = time.time()
            evaluations = env['portrait.evaluation'].evaluate(scheme, enterprises)
            elapsed = time.time() - started
            env.cr.execute('SELECT count(*) FROM portrait_evaluation_line WHERE evaluation_id = ANY(%s)',
                           (evaluations.ids,))
            lines = env.cr.fetchone()[0]
            print('evaluated %d enterprises x %d indicators (%d lines) in %.2f s'
                  % (len(evaluations), len(scheme.indicator_ids), lines, elapsed))
        finally:
            cr.rollback()


if __name__ == '__main__':
    main()
