"""Believable demo history for the in-library management: more member enterprises spread over
the territories and tiers, 24 months of monthly reports with growth, seasons and noise, plans,
a few violations, and the suggestions those trends raise. Loaded by the demo data only."""
import random
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .cultivation_enterprise import CREDIT_CODE_ALPHABET, credit_code_check_char

NAME_CORES = ['秦创', '华澜', '明德', '瑞联', '博睿', '光启', '晶鸿', '天诚', '拓维', '凯瑞', '银河', '汉唐',
              '新辰', '宏远', '联创', '鼎信', '智芯', '云帆', '恒通', '泰和', '众诚', '华晟', '德沃', '启明',
              '源动', '西电', '长风', '立方', '中熠', '睿达', '蓝天', '金瑞', '赛恩', '航拓', '昆仑', '正和']
INDUSTRIES = [('光电科技有限公司', 'C3976', '红外探测器'), ('智能装备有限公司', 'C3491', '工业机器人'),
              ('新材料科技有限公司', 'C3985', '电子陶瓷材料'), ('生物医药有限公司', 'C2720', '抗体药物'),
              ('测控技术有限公司', 'C4016', '工业测控仪表'), ('半导体有限公司', 'C3973', '功率半导体器件'),
              ('电气股份有限公司', 'C3824', '智能配电设备'), ('精密机械有限公司', 'C3484', '精密减速器'),
              ('汽车零部件有限公司', 'C3670', '新能源汽车电驱'), ('航空科技有限公司', 'C3742', '航空结构件'),
              ('软件技术有限公司', 'I6513', '工业软件'), ('环保科技有限公司', 'C3591', '污水处理装备')]
# tier code -> (share of the members, monthly revenue range in 10k CNY, R&D ratio range in %, staff range)
TIERS = {
    'scale_up': (0.45, (60, 180), (1.5, 5.0), (20, 80)),
    'srdi_sme': (0.32, (300, 1200), (3.5, 8.0), (80, 300)),
    'little_giant': (0.17, (1200, 4000), (5.0, 10.0), (200, 700)),
    'champion': (0.06, (5000, 15000), (4.0, 8.0), (600, 2000)),
}
NEWS = ['新产品通过客户验证，进入小批量供货。', '与省内龙头企业签订年度框架协议。', '新建生产线完成设备安装调试。',
        '获评陕西省“专精特新”示范企业。', '研发中心新增两名博士，启动新一代产品研发。', '通过IATF 16949质量体系认证。',
        '参加中国国际工业博览会，达成意向订单。', '完成B轮融资，资金用于扩大产能。', '两项发明专利获得授权。',
        '出口订单增长，新开拓东南亚市场。']
NEEDS = ['希望协调扩产用地和标准厂房。', '高端技术人才招聘困难，希望给予人才政策支持。', '原材料价格上涨，资金周转压力较大。',
         '希望对接银行科技信贷产品。', '希望推荐检测认证服务机构。', '希望协助申报省级企业技术中心。', '']
SEASON = {1: 0.85, 2: 0.7, 3: 1.0, 4: 1.0, 5: 1.02, 6: 1.08, 7: 0.95, 8: 0.95, 9: 1.05, 10: 0.98, 11: 1.05, 12: 1.3}


class CultivationDemoHistory(models.AbstractModel):
    _name = 'cultivation.demo.history'
    _description = 'Demo History Generator'

    @api.model
    def generate(self, extra_members=36, months=24, seed=20261129, today=None):
        rnd = random.Random(seed)
        # Demo data load before the module's translations: load them first, so that the messages,
        # suggestions and e-mails the history produces read in Chinese as they would in real use.
        self.env['ir.translation'].load_module_terms(['gradient_cultivation'], ['zh_CN'])
        env = self.env(context=dict(self.env.context, tracking_disable=True, mail_create_nolog=True,
                                    mail_notrack=True, lang='zh_CN'))
        self = self.with_env(env)  # the helpers below (_history, _violations) work in this context too
        today = fields.Date.from_string(today) if today else date.today()
        Report = env['cultivation.monthly.report']
        open_day = Report._param('report_open_day')
        # The month being reported now stays open for the enterprise; the ones before are history.
        current = today.replace(day=1) if today.day >= open_day else today.replace(day=1) - relativedelta(months=1)
        first = current - relativedelta(months=months)
        territories = env['cultivation.territory'].search([('parent_id', '!=', False)])
        libraries = {lib.code: lib for lib in env['cultivation.library'].search([])}
        officers = {
            env.ref('gradient_cultivation.territory_zhangba_demo'): env.ref('gradient_cultivation.user_zhangba_demo'),
            env.ref('gradient_cultivation.territory_software_city_demo'):
                env.ref('gradient_cultivation.user_software_city_demo'),
        }
        bureau = env.ref('gradient_cultivation.user_bureau_demo')
        Membership = env['cultivation.membership']

        members = Membership.browse()
        # The demo enterprises already admitted, and 华拓 (the portal demo user's enterprise),
        # a scale-up member applying now for the SRDI tier.
        for membership in Membership.search([('state', '=', 'active')]):
            membership.write({'date_admitted': fields.Date.to_string(first - relativedelta(months=3))})
            members |= membership
        for xmlid in ('enterprise_huatuo_demo', 'enterprise_ruichi_demo'):
            enterprise = env.ref('gradient_cultivation.' + xmlid)
            if not Membership.search([('enterprise_id', '=', enterprise.id), ('state', '=', 'active')]):
                members |= Membership.create({
                    'enterprise_id': enterprise.id, 'library_id': libraries['scale_up'].id,
                    'date_admitted': fields.Date.to_string(first - relativedelta(months=6))})

        names = rnd.sample(NAME_CORES, min(extra_members, len(NAME_CORES)))
        tier_codes = [code for code, spec in TIERS.items() for _i in range(int(round(spec[0] * extra_members)))]
        rnd.shuffle(tier_codes)
        for i, core in enumerate(names):
            suffix, industry, product = INDUSTRIES[i % len(INDUSTRIES)]
            first17 = '91610131' + ''.join(rnd.choice(CREDIT_CODE_ALPHABET) for _j in range(9))
            enterprise = env['cultivation.enterprise'].create({
                'name': ('陕西' if i % 4 == 0 else '西安') + core + suffix,
                'credit_code': first17 + credit_code_check_char(first17),
                'territory_id': territories[i % len(territories)].id,
                'industry_code': industry, 'main_product': product,
                'legal_representative': rnd.choice('王李张刘陈杨赵黄周吴') + rnd.choice(['伟', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰']),
                'founding_date': '%d-%02d-%02d' % (rnd.randint(2003, 2019), rnd.randint(1, 12), rnd.randint(1, 28)),
                'registered_capital': rnd.choice([500, 1000, 2000, 3000, 5000, 8000]),
            })
            code = tier_codes[i % len(tier_codes)] if tier_codes else 'scale_up'
            admitted = first - relativedelta(months=rnd.randint(1, 24))
            members |= Membership.create({'enterprise_id': enterprise.id, 'library_id': libraries[code].id,
                                          'date_admitted': fields.Date.to_string(admitted)})

        for index, membership in enumerate(members):
            officer = officers.get(membership.territory_id.parent_id) or officers.get(membership.territory_id)
            membership.write({'bureau_officer_id': bureau.id, 'territory_officer_id': officer.id if officer else False})
            self._history(membership, first, current, index, rnd)
        # A few members missed a month: overdue on their territory's list.
        missed = current - relativedelta(months=2)
        for membership in members[3:6]:
            report = Report.search([('membership_id', '=', membership.id), ('period_date', '=', fields.Date.to_string(missed))])
            report.sudo().write({'state': 'open', 'submit_date': False, 'submitted_by': False})
        Report.sudo()._open_reports(today)
        Report.sudo()._mark_overdue(today)
        self._violations(members, today, rnd)
        members._evaluate_suggestions()
        return True

    def _history(self, membership, first, current, index, rnd):
        _share, revenue_range, rd_range, staff_range = TIERS[membership.library_id.code]
        base = rnd.uniform(*revenue_range)
        growth = rnd.gauss(0.14, 0.1)
        rd_ratio = rnd.uniform(*rd_range)
        if index % 7 == 3:
            rd_ratio = membership.library_id.min_rd_ratio * 0.6  # under its tier's threshold: a suggestion
        staff = rnd.randint(*staff_range)
        falling = index % 9 == 4  # revenue sliding over the last months: another suggestion
        export_share = rnd.choice([0, 0, 0.05, 0.1, 0.25])
        Report = self.env['cultivation.monthly.report'].sudo()
        period, ytd, step = first, 0.0, 0
        deadline_day = Report._param('report_deadline_day')
        while period < current:
            years = step / 12.0
            revenue = base * (1 + growth) ** years * SEASON[period.month] * rnd.uniform(0.93, 1.07)
            months_back = (current.year - period.year) * 12 + current.month - period.month
            if falling and months_back <= 4:
                revenue *= 0.75 ** (5 - months_back)
            revenue = round(revenue, 2)
            ytd = revenue if period.month == 1 or step == 0 else ytd + revenue
            if step == 0 and period.month != 1:
                ytd = round(revenue * period.month * rnd.uniform(0.9, 1.0), 2)
            staff = max(5, staff + rnd.choice([-1, 0, 0, 1, 1, 2]))
            Report.create({
                'membership_id': membership.id, 'period_date': fields.Date.to_string(period),
                'date_deadline': fields.Date.to_string((period + relativedelta(months=1)).replace(day=deadline_day)),
                'revenue': revenue, 'revenue_ytd': round(ytd, 2), 'main_revenue': round(revenue * rnd.uniform(0.86, 0.97), 2),
                'total_profit': round(revenue * rnd.uniform(-0.02, 0.14), 2),
                'taxes_paid': round(revenue * rnd.uniform(0.03, 0.06), 2),
                'employees': staff, 'rd_expense': round(revenue * rd_ratio / 100 * rnd.uniform(0.9, 1.1), 2),
                'new_patents': rnd.choice([0, 0, 0, 1, 1, 2, 3]),
                'new_orders': round(revenue * rnd.uniform(0.8, 1.3), 2),
                'export_revenue': round(revenue * export_share, 2),
                'growth_news': rnd.choice(NEWS) if rnd.random() < 0.4 else False,
                'difficulties': rnd.choice(NEEDS) or False if rnd.random() < 0.25 else False,
                'state': 'submitted', 'submit_date': fields.Datetime.to_string(
                    (period + relativedelta(months=1)).replace(day=rnd.randint(1, deadline_day))),
                'submitted_by': membership.enterprise_id.user_ids[:1].id or self.env.uid,
            })
            period += relativedelta(months=1)
            step += 1
        # Plans of last year and this year: ambitious for some, modest for others.
        Plan = self.env['cultivation.plan'].sudo()
        for year in (current.year - 1, current.year):
            last = Report.search([('membership_id', '=', membership.id), ('year', '=', year - 1)])
            base_year = max(last.mapped('revenue_ytd') or [base * 12])
            ambition = rnd.choice([0.08, 0.12, 0.15, 0.25, 0.4])
            Plan.create({
                'membership_id': membership.id, 'year': year,
                'target_revenue': round(base_year * (1 + ambition), -1),
                'target_growth': ambition * 100, 'target_rd_ratio': membership.library_id.min_rd_ratio,
                'target_new_patents': rnd.choice([2, 3, 5, 8]),
                'target_employees': staff + rnd.randint(5, 30),
                'measures': '- 支持申报省级企业技术中心\n- 对接产业链上下游龙头企业\n- 开展数字化转型诊断',
            })

    def _violations(self, members, today, rnd):
        Violation = self.env['cultivation.violation'].sudo()
        last_year = today.year - 1
        samples = [
            ('environment', 'serious', '西安市生态环境局高新分局', '废气处理设施未正常运行，超标排放挥发性有机物，责令停产整改。'),
            ('safety', 'minor', '西安高新区应急管理局', '危险化学品仓库安全标识不全，已限期整改完毕。'),
            ('quality', 'minor', '西安市市场监督管理局', '产品抽检一项标志标识不合格，已整改复检合格。'),
        ]
        for membership, (category, severity, authority, text) in zip(members[-3:], samples):
            Violation.create({
                'enterprise_id': membership.enterprise_id.id, 'category': category, 'severity': severity,
                'authority': authority, 'description': text,
                'document_no': '高新%s〔%d〕%d号' % (category[:2].upper(), last_year, rnd.randint(10, 99)),
                'date': '%d-%02d-%02d' % (last_year, rnd.randint(3, 11), rnd.randint(1, 28)),
            })
