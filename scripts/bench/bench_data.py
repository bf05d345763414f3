"""Benchmark volume for `make bench`, generated set-based (INSERT ... SELECT, never a loop of
ORM creates, which cost ~40 ms each here): 20,000 enterprises, 30,000 applications, 14,000
memberships with 36 months of reports (504,000), 2,000 portal users and 100 back-office users,
spread over the territories and tiers with believable distributions.

One record of each kind is made through the ORM (so that every column has a value the
application would give it) and then cloned in SQL with the varying columns overridden.

    .venv/bin/python scripts/bench/bench_data.py -c var/odoo-bench.conf -d gc_bench
"""
import argparse
import random
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api

CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
STREETS = ['丈八街道', '鱼化寨街道', '细柳街道', '兴隆街道', '东大街道', '郭杜街道', '五星街道', '灵沼街道',
           '软件新城', '丝路软件城', '中央创新区', '西安高新综合保税区', '草堂科技产业基地']
CORES = ['秦', '华', '明', '瑞', '博', '光', '晶', '天', '拓', '凯', '银', '汉', '新', '宏', '联', '鼎', '智', '云',
         '恒', '泰', '众', '晟', '德', '启', '源', '长', '立', '中', '睿', '蓝', '金', '赛', '航', '昆', '正', '西']
SUFFIXES = [('光电科技有限公司', 'C3976'), ('智能装备有限公司', 'C3491'), ('新材料科技有限公司', 'C3985'),
            ('生物医药有限公司', 'C2720'), ('测控技术有限公司', 'C4016'), ('半导体有限公司', 'C3973'),
            ('电气股份有限公司', 'C3824'), ('精密机械有限公司', 'C3484'), ('汽车零部件有限公司', 'C3670'),
            ('航空科技有限公司', 'C3742'), ('软件技术有限公司', 'I6513'), ('环保科技有限公司', 'C3591')]
PASSWORD = 'Bench-pw-2026'


def credit_code(n):
    body = '91610131' + ''.join(CREDIT_ALPHABET[(n // 31 ** i) % 31] for i in range(9))
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS))
    return body + CREDIT_ALPHABET[(31 - total % 31) % 31]


def columns(cr, table):
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != 'id'",
               (table,))
    return [row[0] for row in cr.fetchall()]


def clone(cr, table, template_id, source, overrides, params=()):
    """Inserts one row per row of ``source`` (SQL yielding columns g.*), copying the template row
    and overriding the columns in ``overrides`` (SQL expressions over t.* and g.*)."""
    cols = columns(cr, table)
    select = ', '.join(overrides.get(c, 't."%s"' % c) for c in cols)
    cr.execute('INSERT INTO "%s" (%s) SELECT %s FROM "%s" t, (%s) g WHERE t.id = %%s'
               % (table, ', '.join('"%s"' % c for c in cols), select, table, source), tuple(params) + (template_id,))
    return cr.rowcount


def generate(env, enterprises=20000, applications=30000, members=14000, months=36, portal_users=2000,
             reviewers=100):
    cr = env.cr
    rnd = random.Random(11)
    started = time.time()
    step = lambda what: print('  %-42s %6.1f s' % (what, time.time() - started), flush=True)
    lib = {l.code: l for l in env['cultivation.library'].search([])}

    # Territories, calls, and one record of each kind through the ORM.
    zone = env['cultivation.territory'].create({'name': '西安高新区', 'code': 'B-ZONE', 'type': 'zone'})
    streets = env['cultivation.territory']
    for i, name in enumerate(STREETS):
        streets |= streets.create({'name': name, 'code': 'B-%02d' % i, 'parent_id': zone.id,
                                   'type': 'park' if i >= 8 else 'street'})
    calls = env['cultivation.call']
    for year in (2024, 2025, 2026):
        calls |= calls.create({'name': '%d 年度梯度培育入库申报' % year, 'year': year,
                               'library_ids': [(6, 0, [l.id for l in lib.values()])],
                               'date_open': '%d-01-01' % year, 'date_close': '%d-12-31' % year})
    template = env['cultivation.enterprise'].create({
        'name': '基准模板企业', 'credit_code': credit_code(0), 'territory_id': streets[0].id,
        'industry_code': 'C3976', 'legal_representative': '王伟', 'employee_count': 80, 'registered_capital': 1000})
    step('templates')

    # 20,000 enterprises and their company partners.
    rows = []
    for n in range(1, enterprises + 1):
        suffix, industry = SUFFIXES[n % len(SUFFIXES)]
        name = '%s%s%s%s%s' % ('西安' if n % 4 else '陕西', rnd.choice(CORES), rnd.choice(CORES), suffix[:-4],
                              '%d%s' % (n, suffix[-4:]))
        rows.append((n, name, credit_code(n), streets[rnd.randrange(len(streets))].id, industry, industry[:3]))
    ns, names, codes, terrs, inds, divs = zip(*rows)
    arrays = 'SELECT * FROM unnest(%s::int[], %s::text[], %s::text[], %s::int[], %s::text[], %s::text[]) ' \
             'AS g(n, name, code, territory, industry, division)'
    params = (list(ns), list(names), list(codes), list(terrs), list(inds), list(divs))
    clone(cr, 'res_partner', template.partner_id.id, arrays,
          {'name': 'g.name', 'display_name': 'g.name', 'ref': "'bench-ent-' || g.n"}, params)
    clone(cr, 'cultivation_enterprise', template.id,
          "SELECT g0.*, p.id AS partner FROM (%s) g0 JOIN res_partner p ON p.ref = 'bench-ent-' || g0.n" % arrays,
          {'name': 'g.name', 'credit_code': 'g.code', 'territory_id': 'g.territory', 'partner_id': 'g.partner',
           'industry_code': 'g.industry', 'industry_division': 'g.division',
           'employee_count': '20 + (g.n * 37) %% 600', 'rd_employee_count': '3 + (g.n * 11) %% 80'}, params)
    cr.execute("SELECT id, territory_id FROM cultivation_enterprise WHERE id != %s ORDER BY id", (template.id,))
    ent = cr.fetchall()
    step('%d enterprises' % len(ent))

    # 14,000 memberships: most active, some upgraded or exited; tiers 45/32/17/6 %.
    tiers = [lib['scale_up'].id] * 45 + [lib['srdi_sme'].id] * 32 + [lib['little_giant'].id] * 17 + [lib['champion'].id] * 6
    member_rows = [(e, t, tiers[rnd.randrange(100)], 'active' if rnd.random() < 0.88 else rnd.choice(['upgraded', 'exited']),
                    '20%02d-%02d-01' % (rnd.randint(19, 22), rnd.randint(1, 12))) for e, t in ent[:members]]
    mem = env['cultivation.membership'].create({'enterprise_id': template.id, 'library_id': lib['scale_up'].id,
                                                'date_admitted': '2022-01-01'})
    clone(cr, 'cultivation_membership', mem.id,
          'SELECT * FROM unnest(%s::int[], %s::int[], %s::int[], %s::text[], %s::date[]) AS g(e, t, l, s, d)',
          {'enterprise_id': 'g.e', 'territory_id': 'g.t', 'library_id': 'g.l', 'state': 'g.s', 'date_admitted': 'g.d',
           'year_admitted': 'extract(year from g.d)::int',
           'industry_division': '(SELECT industry_division FROM cultivation_enterprise WHERE id = g.e)'},
          [list(c) for c in zip(*member_rows)])
    step('%d memberships' % len(member_rows))

    # 36 months of reports per membership (the current month open, the others submitted), with a
    # per-enterprise base revenue, growth and season.
    report = env['cultivation.monthly.report'].sudo().create({'membership_id': mem.id, 'period_date': '2022-01-01',
                                                              'revenue': 100, 'revenue_ytd': 100})
    month0 = "(date_trunc('month', now()) - (g.k || ' month')::interval)::date"
    base = '(80 + (m.enterprise_id * 7919) %% 900)'
    season = '(1 + 0.15 * sin(extract(month from %s) / 2.0))' % month0
    revenue = "round((%s * power(1.01, 36 - g.k) * %s)::numeric, 2)" % (base, season)
    source = ('SELECT m.id AS mid, m.enterprise_id, m.library_id, m.territory_id, k.k, m.state AS mstate '
              'FROM cultivation_membership m CROSS JOIN generate_series(0, %d) AS k(k) WHERE m.id != %d' % (months - 1, mem.id))
    cr.execute('SET LOCAL synchronous_commit = off')
    clone(cr, 'cultivation_monthly_report', report.id,
          'SELECT s.mid, s.enterprise_id, s.library_id, s.territory_id, s.k, s.mstate FROM (%s) s' % source,
          {'membership_id': 'g.mid', 'enterprise_id': 'g.enterprise_id', 'library_id': 'g.library_id',
           'territory_id': 'g.territory_id', 'period_date': month0.replace('g.k', 'g.k'),
           'year': 'extract(year from %s)::int' % month0, 'month': 'extract(month from %s)::int' % month0,
           'date_deadline': "(%s + interval '1 month 9 days')::date" % month0,
           'name': "to_char(%s, 'YYYY-MM') || ' ' || g.enterprise_id" % month0,
           'state': "CASE WHEN g.k = 0 AND g.mstate = 'active' THEN 'open' ELSE 'submitted' END",
           'reported_rate': "CASE WHEN g.k = 0 AND g.mstate = 'active' THEN 0 ELSE 100 END",
           'revenue': revenue.replace('m.enterprise_id', 'g.enterprise_id'),
           'revenue_ytd': '%s * extract(month from %s)' % (revenue.replace('m.enterprise_id', 'g.enterprise_id'), month0),
           'main_revenue': '0.9 * %s' % revenue.replace('m.enterprise_id', 'g.enterprise_id'),
           'total_profit': '0.08 * %s' % revenue.replace('m.enterprise_id', 'g.enterprise_id'),
           'taxes_paid': '0.04 * %s' % revenue.replace('m.enterprise_id', 'g.enterprise_id'),
           'rd_expense': '0.05 * %s' % revenue.replace('m.enterprise_id', 'g.enterprise_id'),
           'rd_ratio': '5', 'employees': '30 + g.enterprise_id %% 500', 'new_patents': '(g.enterprise_id + g.k) %% 3',
           'new_orders': '1.1 * %s' % revenue.replace('m.enterprise_id', 'g.enterprise_id'),
           'is_overdue': 'false', 'active': 'true'})
    cr.execute("SELECT count(*) FROM cultivation_monthly_report")
    step('%d monthly reports' % cr.fetchone()[0])

    # 30,000 applications over the three calls, in every state of the review.
    stage_ids = env['cultivation.review.stage'].search([]).ids
    app = env['cultivation.application'].sudo().create({
        'enterprise_id': template.id, 'call_id': calls[-1].id, 'library_id': lib['srdi_sme'].id,
        'legal_representative': '王伟', 'address': '西安市高新区', 'industry_code': 'C3976', 'contact_name': '李静',
        'contact_phone': '029-88000000', 'main_product': '红外探测器', 'niche_field': '红外成像', 'niche_years': 6})
    states = ['draft'] * 15 + ['in_review'] * 35 + ['returned'] * 5 + ['approved'] * 30 + ['rejected'] * 10 + ['withdrawn'] * 5
    app_rows = []
    for i in range(applications):
        e, t = ent[i % len(ent)]
        state = states[rnd.randrange(100)]
        app_rows.append(('SQ%06d' % (i + 1), e, t, calls[i % 3].id, tiers[rnd.randrange(100)], state,
                         stage_ids[rnd.randrange(len(stage_ids))] if state == 'in_review' else None))
    clone(cr, 'cultivation_application', app.id,
          'SELECT * FROM unnest(%s::text[], %s::int[], %s::int[], %s::int[], %s::int[], %s::text[], %s::int[]) '
          'AS g(name, e, t, c, l, s, st)',
          {'name': 'g.name', 'enterprise_id': 'g.e', 'territory_id': 'g.t', 'call_id': 'g.c', 'library_id': 'g.l',
           'state': 'g.s', 'stage_id': 'g.st', 'company_name': '(SELECT name FROM cultivation_enterprise WHERE id = g.e)',
           'credit_code': '(SELECT credit_code FROM cultivation_enterprise WHERE id = g.e)',
           'submit_date': "CASE WHEN g.s = 'draft' THEN NULL ELSE now() - (g.e %% 300 || ' days')::interval END",
           'stage_date': "CASE WHEN g.s = 'in_review' THEN now() - (g.e %% 20 || ' days')::interval END",
           'stage_deadline': "CASE WHEN g.s = 'in_review' THEN now() + (g.e %% 20 - 5 || ' days')::interval END"},
          [list(c) for c in zip(*app_rows)])
    step('%d applications' % len(app_rows))

    # 2,000 portal users, contacts of the first enterprises; 100 reviewers (70 territory, 30 bureau).
    portal = env.ref('base.group_portal')
    tpl_contact = env['res.partner'].create({'name': '模板联系人', 'parent_id': template.partner_id.id,
                                             'email': 'bench-template@example.com'})
    tpl_user = env['res.users'].with_context(no_reset_password=True).create({
        'name': '模板门户用户', 'login': 'bench_portal_template', 'partner_id': tpl_contact.id, 'password': PASSWORD,
        'groups_id': [(6, 0, [portal.id])], 'lang': 'zh_CN', 'tz': 'Asia/Shanghai'})
    cr.execute('SELECT e.id, e.partner_id FROM cultivation_enterprise e JOIN cultivation_membership m ON '
               "m.enterprise_id = e.id AND m.state = 'active' ORDER BY e.id LIMIT %s", (portal_users,))
    owners = cr.fetchall()
    clone(cr, 'res_partner', tpl_contact.id, 'SELECT * FROM unnest(%s::int[], %s::int[]) AS g(n, parent)',
          {'name': "'联系人' || g.n", 'display_name': "'联系人' || g.n", 'parent_id': 'g.parent',
           'commercial_partner_id': 'g.parent', 'email': "'bench' || g.n || '@example.com'",
           'ref': "'bench-user-' || g.n"}, [list(range(1, len(owners) + 1)), [p for _e, p in owners]])
    clone(cr, 'res_users', tpl_user.id,
          "SELECT g0.n, p.id AS partner FROM generate_series(1, %s) g0(n) JOIN res_partner p ON p.ref = 'bench-user-' || g0.n",
          {'login': "'bench_portal_' || g.n", 'partner_id': 'g.partner'}, [len(owners)])
    reviewer_group = {'territory': env.ref('gradient_cultivation.group_territory_reviewer'),
                      'bureau': env.ref('gradient_cultivation.group_bureau_reviewer')}
    for kind, count in (('territory', 70), ('bureau', 30)):
        tpl = env['res.users'].with_context(no_reset_password=True).create({
            'name': '模板%s' % kind, 'login': 'bench_%s_template' % kind, 'password': PASSWORD,
            'email': 'bench-%s@example.com' % kind, 'lang': 'zh_CN', 'tz': 'Asia/Shanghai',
            'groups_id': [(6, 0, [reviewer_group[kind].id])],
            'territory_ids': [(6, 0, streets[:1].ids)] if kind == 'territory' else []})
        clone(cr, 'res_partner', tpl.partner_id.id, 'SELECT generate_series(1, %s) AS n',
              {'name': "'%s审核员' || g.n" % ('属地' if kind == 'territory' else '工信局'),
               'display_name': "'%s审核员' || g.n" % ('属地' if kind == 'territory' else '工信局'),
               'ref': "'bench-%s-' || g.n" % kind, 'email': "'bench-%s' || g.n || '@example.com'" % kind}, [count])
        clone(cr, 'res_users', tpl.id,
              "SELECT g0.n, p.id AS partner FROM generate_series(1, %s) g0(n) JOIN res_partner p ON p.ref = 'bench-%s-' || g0.n" % ('%s', kind),
              {'login': "'bench_%s_' || g.n" % kind, 'partner_id': 'g.partner'}, [count])
        cr.execute("""INSERT INTO res_groups_users_rel (gid, uid)
                      SELECT r.gid, u.id FROM res_groups_users_rel r, res_users u
                       WHERE r.uid = %s AND u.login LIKE %s AND u.id != %s""", (tpl.id, 'bench\\_%s\\_%%' % kind, tpl.id))
        cr.execute("""INSERT INTO res_company_users_rel (cid, user_id)
                      SELECT r.cid, u.id FROM res_company_users_rel r, res_users u
                       WHERE r.user_id = %s AND u.login LIKE %s AND u.id != %s""", (tpl.id, 'bench\\_%s\\_%%' % kind, tpl.id))
        if kind == 'territory':
            cr.execute("""INSERT INTO cultivation_territory_reviewer_rel (user_id, territory_id)
                          SELECT u.id, (SELECT id FROM cultivation_territory WHERE code = 'B-' || lpad(((u.id %% 13))::text, 2, '0'))
                            FROM res_users u WHERE u.login LIKE 'bench\\_territory\\_%%' AND u.id != %s""", (tpl.id,))
    cr.execute("""INSERT INTO res_groups_users_rel (gid, uid)
                  SELECT r.gid, u.id FROM res_groups_users_rel r, res_users u
                   WHERE r.uid = %s AND u.login LIKE 'bench\\_portal\\_%%' AND u.id != %s""", (tpl_user.id, tpl_user.id))
    cr.execute("""INSERT INTO res_company_users_rel (cid, user_id)
                  SELECT r.cid, u.id FROM res_company_users_rel r, res_users u
                   WHERE r.user_id = %s AND u.login LIKE 'bench\\_portal\\_%%' AND u.id != %s""", (tpl_user.id, tpl_user.id))
    # The joint review panel of three, so that applications passing the bureau go on.
    joint = env.ref('gradient_cultivation.group_joint_reviewer')
    members = env['res.users']
    for i in range(1, 4):
        members |= members.with_context(no_reset_password=True).create({
            'name': '联合评审专家%d' % i, 'login': 'bench_joint_%d' % i, 'password': PASSWORD, 'lang': 'zh_CN',
            'email': 'bench-joint%d@example.com' % i, 'groups_id': [(6, 0, [joint.id])]})
    stage = env.ref('gradient_cultivation.stage_joint')
    stage.write({'joint_member_ids': [(6, 0, members.ids)], 'joint_member_count': 3})
    step('%d portal users, %d reviewers' % (len(owners), reviewers))
    cr.execute('ANALYZE')
    step('analyze')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('-c', required=True)
    parser.add_argument('-d', required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(['-c', args.c, '-d', args.d])
    registry = odoo.registry(args.d)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {'lang': 'zh_CN', 'tracking_disable': True, 'mail_create_nolog': True})
        generate(env)
    print('done')


if __name__ == '__main__':
    sys.exit(main())
