import re
from datetime import date, timedelta

import odoo

from odoo.addons.gradient_cultivation.tests.common import PDF, ServerCase

PORT = odoo.tools.config['http_port']


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestPortalPortrait(ServerCase):
    """The enterprise's portrait and self-assessment over HTTP; other enterprises' portraits are 404."""

    def setUp(self):
        super(TestPortalPortrait, self).setUp()
        with self._env() as env:
            env = env(context=dict(env.context, no_reset_password=True, tracking_disable=True))
            territory = env['cultivation.territory'].create({'name': 'Portrait street', 'code': 'T-PORTRAIT'})
            portal = env.ref('base.group_portal')
            self.enterprises = []
            for n, code in enumerate(('91610131MA0000003E', '91610131MA0000004H')):
                enterprise = env['cultivation.enterprise'].create({
                    'name': 'Portrait Co %d' % n, 'credit_code': code, 'territory_id': territory.id})
                contact = env['res.partner'].create({'name': 'C%d' % n, 'parent_id': enterprise.partner_id.id})
                env['res.users'].create({
                    'name': 'Portrait user %d' % n, 'login': 'pp_user%d' % n, 'password': 'pp-user-pw-%d' % n,
                    'lang': 'zh_CN', 'partner_id': contact.id, 'groups_id': [(6, 0, [portal.id])]})
                self.enterprises.append(enterprise.id)
            srdi = env.ref('gradient_cultivation.library_srdi_sme')
            call = env['cultivation.call'].create({
                'name': 'Portrait call', 'library_ids': [(6, 0, [srdi.id])],
                'date_open': str(date.today() - timedelta(days=3)), 'date_close': str(date.today() + timedelta(days=3))})
            self.application = env['cultivation.application'].create({
                'enterprise_id': self.enterprises[0], 'call_id': call.id, 'library_id': srdi.id, 'niche_years': 1,
                'financial_ids': [(0, 0, {'year': 2025, 'operating_revenue': 3000, 'main_revenue': 2800,
                                          'rd_spend': 60, 'total_assets': 4000, 'total_liabilities': 1000})]}).id
            scheme = env.ref('capability_portrait.scheme_miit_2022_srdi_sme')
            evaluations = env['portrait.evaluation'].evaluate(scheme, env['cultivation.enterprise'].browse(self.enterprises))
            self.mine = evaluations.filtered(lambda e: e.enterprise_id.id == self.enterprises[0]).id
            self.theirs = evaluations.filtered(lambda e: e.enterprise_id.id == self.enterprises[1]).id

    def test_own_portrait_and_pdf(self):
        self.authenticate('pp_user0', 'pp-user-pw-0')
        page = self.url_open('/my/portrait')
        self.assertEqual(page.status_code, 200)
        self.assertIn('Portrait Co 0', page.text)
        self.assertNotIn('Portrait Co 1', page.text)
        self.assertIn('能力画像', page.text)
        self.assertIn('薄弱指标', page.text)
        self.assertIn('/my/portrait/%d/print' % self.mine, page.text)
        pdf = self.url_open('/my/portrait/%d/print' % self.mine, timeout=120)
        self.assertEqual(pdf.status_code, 200)
        self.assertIn('Portrait Co 0', pdf.text)  # rendered as HTML under tests (see gradient_cultivation)

    def test_other_enterprises_portrait_is_not_found(self):
        self.authenticate('pp_user0', 'pp-user-pw-0')
        for path in ('/my/portrait/%d' % self.theirs, '/my/portrait/%d/print' % self.theirs,
                     '/my/portrait/999999999', '/my/portrait/99999999999'):
            self.assertEqual(self.url_open(path).status_code, 404, path)

    def test_self_assessment_on_the_application_form(self):
        self.authenticate('pp_user0', 'pp-user-pw-0')
        page = self.url_open('/my/applications/%d/edit' % self.application)
        self.assertEqual(page.status_code, 200)
        self.assertIn('自评', page.text)
        unmet = re.findall(r'gc-sa-unmet[^>]*>[^<]*</span>\s*([^<]+)<', page.text)
        unmet = ' '.join(u.strip() for u in unmet)
        self.assertIn('细分市场', unmet)   # 1 year in the niche, 2 required
        self.assertIn('研发', unmet)       # R&D spend 60 < 100
        self.assertIn('尚未满足条件', page.text)
