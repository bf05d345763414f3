import re

import odoo

from .common import ServerCase

PORT = odoo.tools.config['http_port']


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestPortalMonthly(ServerCase):
    """Monthly reporting on the portal over HTTP: validation beside the fields with nothing lost,
    the second confirmation of unusual figures, read-only after submission, CSRF, no IDOR."""

    def setUp(self):
        super(TestPortalMonthly, self).setUp()
        with self._env() as env:
            self._fixtures(env(context=dict(env.context, no_reset_password=True, tracking_disable=True)))

    def _fixtures(self, env):
        territory = env['cultivation.territory'].create({'name': 'Monthly street', 'code': 'T-MONTHLY'})
        library = env.ref('gradient_cultivation.library_scale_up')
        portal = env.ref('base.group_portal')
        Report = env['cultivation.monthly.report']
        ids = {}
        for key, code in (('mine', '91610131MA0000004H'), ('theirs', '91610131MA0000003E')):
            enterprise = env['cultivation.enterprise'].create({
                'name': 'Monthly %s' % key, 'credit_code': code, 'territory_id': territory.id})
            contact = env['res.partner'].create({'name': key, 'parent_id': enterprise.partner_id.id,
                                                 'email': '%s@example.com' % key})
            env['res.users'].create({'name': key, 'login': 'gc_m_%s' % key, 'password': 'gc-m-%s-pw' % key,
                                     'lang': 'zh_CN', 'partner_id': contact.id, 'groups_id': [(6, 0, [portal.id])]})
            membership = env['cultivation.membership'].create({
                'enterprise_id': enterprise.id, 'library_id': library.id, 'date_admitted': '2024-01-01'})
            ytd = 0
            for month in range(1, 7):
                ytd += 100
                Report.create({'membership_id': membership.id, 'period_date': '2025-%02d-01' % month,
                               'state': 'submitted', 'revenue': 100, 'revenue_ytd': ytd, 'main_revenue': 90,
                               'rd_expense': 5, 'employees': 40, 'taxes_paid': 4})
            ids[key] = Report.create({'membership_id': membership.id, 'period_date': '2025-07-01',
                                      'date_deadline': '2025-08-10'}).id
            ids[key + '_june'] = Report.search([('membership_id', '=', membership.id),
                                                ('period_date', '=', '2025-06-01')]).id
        self.ids = ids

    def _url(self, path):
        return 'http://127.0.0.1:%s%s' % (PORT, path)

    def _post(self, path, data):
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200, path)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.opener.post(self._url(path), data=dict(data, csrf_token=token), timeout=30)

    def _figures(self, **changes):
        data = {'revenue': '105', 'revenue_ytd': '705', 'main_revenue': '95', 'total_profit': '-3',
                'taxes_paid': '4', 'rd_expense': '5', 'employees': '41', 'new_patents': '1', 'new_orders': '120',
                'export_revenue': '0', 'growth_news': '新产线投产', 'difficulties': ''}
        data.update(changes)
        return data

    def _report(self, key):
        with self._env() as env:
            report = env['cultivation.monthly.report'].browse(self.ids[key])
            return report.read(['state', 'revenue', 'revenue_ytd', 'growth_news', 'unusual_confirmed'])[0]

    def test_home_shows_the_report_waiting(self):
        self.authenticate('gc_m_mine', 'gc-m-mine-pw')
        home = self.url_open('/my/home')
        self.assertIn('/my/reports/%d' % self.ids['mine'], home.text)
        listing = self.url_open('/my/reports')
        self.assertIn('2025-07', listing.text)
        self.assertIn('待填报', listing.text)

    def test_bad_figures_are_explained_beside_the_field_and_nothing_is_saved(self):
        self.authenticate('gc_m_mine', 'gc-m-mine-pw')
        path = '/my/reports/%d' % self.ids['mine']
        response = self._post(path, self._figures(revenue='-5', employees='abc', growth_news='<script>x</script>',
                                                  do_submit='1'))
        self.assertIn('当月营业收入（万元）：不能为负数。', response.text)
        self.assertIn('月末从业人数：请填写整数。', response.text)
        self.assertIn('value="-5"', response.text)  # what was typed is kept
        self.assertNotIn('<script>x</script>', response.text)  # and escaped
        self.assertEqual(self._report('mine')['state'], 'open')
        self.assertEqual(self._report('mine')['revenue'], 0)
        response = self._post(path, self._figures(revenue_ytd='500', do_submit='1'))
        self.assertIn('2025-06', response.text)
        self.assertEqual(self._report('mine')['revenue_ytd'], 0)

    def test_submit_then_read_only(self):
        self.authenticate('gc_m_mine', 'gc-m-mine-pw')
        path = '/my/reports/%d' % self.ids['mine']
        response = self._post(path, self._figures(do_submit='1'))
        self.assertIn('已提交', response.text)
        values = self._report('mine')
        self.assertEqual((values['state'], values['revenue'], values['growth_news']), ('submitted', 105, '新产线投产'))
        page = self.url_open(path)
        self.assertNotIn('name="revenue"', page.text)
        # The form is gone; a crafted POST changes nothing either.
        self.opener.post(self._url(path), data={'revenue': '1', 'csrf_token': re.search(
            r'name="csrf_token" value="([^"]+)"', self.url_open('/my/enterprise').text).group(1)}, timeout=30)
        self.assertEqual(self._report('mine')['revenue'], 105)

    def test_unusual_figures_ask_for_confirmation(self):
        self.authenticate('gc_m_mine', 'gc-m-mine-pw')
        path = '/my/reports/%d' % self.ids['mine']
        response = self._post(path, self._figures(revenue='1000', revenue_ytd='1600', do_submit='1'))
        self.assertIn('confirm_unusual', response.text)
        self.assertIn('value="1000"', response.text)
        values = self._report('mine')
        self.assertEqual((values['state'], values['revenue']), ('open', 1000), 'saved, not submitted')
        self._post(path, self._figures(revenue='1000', revenue_ytd='1600', do_submit='1', confirm_unusual='1'))
        values = self._report('mine')
        self.assertEqual((values['state'], values['unusual_confirmed']), ('submitted', True))

    def test_other_enterprises_reports_are_not_found(self):
        self.authenticate('gc_m_mine', 'gc-m-mine-pw')
        theirs = '/my/reports/%d' % self.ids['theirs']
        self.assertEqual(self.url_open(theirs).status_code, 404)
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open('/my/enterprise').text).group(1)
        response = self.opener.post(self._url(theirs), data=dict(self._figures(do_submit='1'), csrf_token=token),
                                    timeout=30)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._report('theirs')['state'], 'open')
        self.assertEqual(self.url_open('/my/reports/99999999999').status_code, 404)

    def test_a_missing_csrf_token_is_refused(self):
        self.authenticate('gc_m_mine', 'gc-m-mine-pw')
        response = self.opener.post(self._url('/my/reports/%d' % self.ids['mine']),
                                    data=self._figures(do_submit='1'), timeout=30)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._report('mine')['state'], 'open')
