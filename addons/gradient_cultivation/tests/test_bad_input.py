import re
from datetime import date, timedelta

import odoo

from .common import ServerCase

PORT = odoo.tools.config['http_port']
INJECTIONS = ("' OR 1=1 --", '"; DROP TABLE cultivation_enterprise; --', '<script>alert(1)</script>',
              '<img src=x onerror=alert(1)>', '%s%s%s', '{{7*7}}', '${7*7}', '\\x00', 'ＡＢＣ１２３')


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestBadInput(ServerCase):
    """Wrong types, missing fields, out-of-range numbers, oversized text, HTML, script and SQL
    metacharacters, wrong check characters: each gets a clear refusal, nothing half-written,
    no traceback."""

    def setUp(self):
        super(TestBadInput, self).setUp()
        with self._env() as env:
            env = env(context=dict(env.context, no_reset_password=True, tracking_disable=True))
            self.territory = env['cultivation.territory'].create({'name': 'Bad street', 'code': 'T-BAD'}).id
            library = env.ref('gradient_cultivation.library_srdi_sme')
            call = env['cultivation.call'].create({
                'name': 'Bad call', 'library_ids': [(6, 0, library.ids)],
                'date_open': str(date.today() - timedelta(days=3)), 'date_close': str(date.today() + timedelta(days=3))})
            enterprise = env['cultivation.enterprise'].create({
                'name': 'Bad Co', 'credit_code': '91610131MA0000004H', 'territory_id': self.territory})
            contact = env['res.partner'].create({'name': 'Bad user', 'parent_id': enterprise.partner_id.id,
                                                 'email': 'bad@example.com'})
            env['res.users'].create({'login': 'gc_bad', 'password': 'Bad-input-2026', 'partner_id': contact.id,
                                     'lang': 'zh_CN', 'groups_id': [(6, 0, [env.ref('base.group_portal').id])]})
            self.application = env['cultivation.application'].create({
                'enterprise_id': enterprise.id, 'call_id': call.id, 'library_id': library.id}).id
            env['res.users'].create({'login': 'gc_new', 'password': 'New-user-2026', 'name': 'New', 'lang': 'zh_CN',
                                     'email': 'new@example.com', 'groups_id': [(6, 0, [env.ref('base.group_portal').id])]})

    def _post(self, path, data):
        page = self.url_open(path)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.opener.post('http://127.0.0.1:%s%s' % (PORT, path), data=dict(data, csrf_token=token), timeout=30)

    def _clean(self, response):
        self.assertIn(response.status_code, (200, 404))
        for leak in ('Traceback', 'psycopg2', 'odoo.exceptions', '<script>alert(1)</script>', '<img src=x onerror'):
            self.assertNotIn(leak, response.text)

    def _enterprise_count(self):
        with self._env() as env:
            return env['cultivation.enterprise'].search_count([])

    def test_binding_form(self):
        self.authenticate('gc_new', 'New-user-2026')
        before = self._enterprise_count()
        base = {'credit_code': '91610131MA0000005A', 'name': '西安新企业', 'territory_id': str(self.territory)}
        cases = [
            ({'credit_code': ''}, '统一社会信用代码'), ({'credit_code': '91610131MA0000005'}, '18 位'),
            ({'credit_code': '91610131MA0000004J'}, '校验码'), ({'credit_code': "91610131MA0'OR1=1"}, '统一社会信用代码'),
            ({'name': ''}, '企业名称'), ({'name': 'x' * 5000}, '200'),
            ({'territory_id': 'abc'}, '所属区域'), ({'territory_id': '99999999999999999999'}, '所属区域'),
            ({'territory_id': '-1'}, '所属区域'),
            ({'registered_capital': 'abc'}, '注册资本'), ({'registered_capital': '-5'}, '注册资本'),
            ({'registered_capital': '1e400'}, '注册资本'), ({'registered_capital': 'nan'}, '注册资本'),
            ({'employee_count': '1.5'}, '从业人数'), ({'employee_count': '-3'}, '从业人数'),
            ({'employee_count': '99999999999999999999'}, '从业人数'),
            ({'founding_date': '2026-13-45'}, '成立日期'), ({'founding_date': '31/12/2020'}, '成立日期'),
            ({'email': 'not-an-address'}, '电子邮件'),
        ]
        for change, expected in cases:
            response = self._post('/my/enterprise', dict(base, **change))
            self._clean(response)
            self.assertIn(expected, response.text, change)
            self.assertEqual(self._enterprise_count(), before, change)
        tried = len(cases)
        for text in INJECTIONS:  # accepted as text where text is free, but never executed or echoed raw
            response = self._post('/my/enterprise', dict(base, credit_code=text, name=text))
            self._clean(response)
            self.assertEqual(self._enterprise_count(), before, text)
            tried += 1
        self.assertGreaterEqual(tried, 28)

    def test_application_form(self):
        self.authenticate('gc_bad', 'Bad-input-2026')
        path = '/my/applications/%d/edit' % self.application
        base = {'company_name': 'Bad Co', 'niche_field': 'ok'}
        cases = [
            ({'niche_years': 'abc'}, '从事细分领域年限'), ({'niche_years': '99999999999'}, '从事细分领域年限'),
            ({'market_share': '150'}, '市场占有率'), ({'market_share': '-1'}, '市场占有率'),
            ({'fin_2025_operating_revenue': 'abc'}, '营业收入'), ({'fin_2025_operating_revenue': '-100'}, '营业收入'),
            ({'fin_2025_operating_revenue': '100', 'fin_2025_main_revenue': '200'}, '主营业务收入'),
            ({'fin_2025_rd_spend': 'inf'}, '研发费用'), ({'fin_2025_total_assets': '1' * 30}, '资产总额'),
            ({'founding_date': '2026-02-30'}, '成立日期'), ({'product_field': "x' OR '1'='1"}, '产品领域'),
            ({'certifications': 'x' * 3000}, '2000'),
            ({'contact_email': '<script>alert(1)</script>'}, '联系邮箱'),
        ]
        for change, expected in cases:
            response = self._post(path, dict(base, **change))
            self._clean(response)
            self.assertIn(expected, response.text, change)
            with self._env() as env:
                application = env['cultivation.application'].browse(self.application)
                self.assertFalse(application.niche_field, change)  # nothing was saved
                self.assertFalse(application.financial_ids, change)
        for text in INJECTIONS:
            response = self._post(path, dict(base, main_product=text, honours=text))
            self._clean(response)
            with self._env() as env:
                self.assertEqual(env['cultivation.application'].browse(self.application).main_product, text.strip())
        # submitting an incomplete application lists what is missing, in Chinese
        response = self._post(path, dict(base, do_submit='1'))
        self._clean(response)
        self.assertIn('申请尚不能提交', response.text)
        with self._env() as env:
            self.assertEqual(env['cultivation.application'].browse(self.application).state, 'draft')

    def test_ids_out_of_range_and_of_others_are_not_found(self):
        self.authenticate('gc_bad', 'Bad-input-2026')
        for path in ('/my/applications/99999999999999999999', '/my/applications/0', '/my/applications/-1',
                     '/my/applications/%d/print' % (self.application + 100000)):
            response = self.url_open(path)
            self._clean(response)
            self.assertEqual(response.status_code, 404, path)
