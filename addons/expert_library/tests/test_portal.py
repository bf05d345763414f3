import re
from datetime import date, timedelta

import odoo

from odoo.addons.gradient_cultivation.tests.common import ServerCase


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestPortal(ServerCase):
    """The portal over HTTP: recommendations, the request form (errors keep the input), the
    expert's answer, and 404 for another enterprise's request."""

    def setUp(self):
        super(TestPortal, self).setUp()
        with self._env() as env:
            env = env(context=dict(env.context, no_reset_password=True, tracking_disable=True))
            territory = env['cultivation.territory'].create({'name': 'Expert street', 'code': 'T-EXPERT'})
            portal = env.ref('base.group_portal')
            self.enterprises = []
            for n, code in enumerate(('91610131MA0000003E', '91610131MA0000004H')):
                enterprise = env['cultivation.enterprise'].create({
                    'name': 'Expert Co %d' % n, 'credit_code': code, 'territory_id': territory.id})
                contact = env['res.partner'].create({'name': 'C%d' % n, 'parent_id': enterprise.partner_id.id})
                env['res.users'].create({
                    'name': 'Expert Co user %d' % n, 'login': 'ex_user%d' % n, 'email': 'ex_user%d@example.com' % n, 'password': 'ex-user-pw-%d' % n,
                    'lang': 'zh_CN', 'partner_id': contact.id, 'groups_id': [(6, 0, [portal.id])]})
                self.enterprises.append(enterprise.id)
            expert_user = env['res.users'].create({
                'name': 'HTTP expert user', 'login': 'ex_expert', 'email': 'ex_expert@example.com', 'password': 'ex-expert-pw', 'lang': 'zh_CN',
                'groups_id': [(6, 0, [portal.id])]})
            self.expert = env['expert.expert'].create({
                'name': 'HTTP IP expert', 'state': 'active', 'capacity': 5, 'user_id': expert_user.id,
                'domain_ids': [(6, 0, env.ref('expert_library.domain_ip').ids)],
                'territory_ids': [(6, 0, territory.ids)]}).id
            srdi = env.ref('gradient_cultivation.library_srdi_sme')
            call = env['cultivation.call'].create({
                'name': 'Expert call', 'library_ids': [(6, 0, [srdi.id])],
                'date_open': str(date.today() - timedelta(days=3)), 'date_close': str(date.today() + timedelta(days=3))})
            env['cultivation.application'].create({
                'enterprise_id': self.enterprises[0], 'call_id': call.id, 'library_id': srdi.id, 'niche_years': 1})
            scheme = env.ref('capability_portrait.scheme_miit_2022_srdi_sme')
            evaluation = env['portrait.evaluation'].evaluate(scheme, env['cultivation.enterprise'].browse(self.enterprises[0]))
            self.ip_line = evaluation.line_ids.filtered(lambda l: l.code == 'ip_level')
            assert self.ip_line.is_weak
            self.ip_line = self.ip_line.id

    def _csrf(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_recommend_request_answer(self):
        self.authenticate('ex_user0', 'ex-user-pw-0')
        # the first page of the session may build the frontend assets: more than the default 10 s
        # on a loaded machine
        page = self.url_open('/my/experts', timeout=60)
        self.assertEqual(page.status_code, 200)
        self.assertIn('HTTP IP expert', page.text.split('gc-library')[0])  # among the recommendations
        self.assertIn('知识产权', page.text)
        form = self.url_open('/my/experts/%d' % self.expert)
        self.assertIn('value="%d"' % self.ip_line, form.text)
        # a missing need: the error beside the field, what was typed kept
        data = {'csrf_token': self._csrf(form), 'domain_id': str(self._ip_domain()), 'line_ids': str(self.ip_line),
                'need': ' ', 'contact_phone': '029-88886666'}
        page = self.url_open('/my/experts/%d' % self.expert, data=data)
        self.assertEqual(page.status_code, 200)
        self.assertIn('gc-field-error', page.text)
        self.assertIn('029-88886666', page.text)
        data['need'] = 'Patent portfolio for our main product'
        page = self.url_open('/my/experts/%d' % self.expert, data=data)
        self.assertEqual(page.status_code, 200)
        found = re.search(r'/my/service-requests/(\d+)', page.url)
        self.assertTrue(found, re.findall(r'gc-(?:form|field)-error[^>]*>([^<]*)<', page.text))
        request_id = int(found.group(1))
        self.assertIn('已发送', page.text)
        # another enterprise does not see it
        self.authenticate('ex_user1', 'ex-user-pw-1')
        self.assertEqual(self.url_open('/my/service-requests/%d' % request_id).status_code, 404)
        # the expert accepts it on the portal
        self.authenticate('ex_expert', 'ex-expert-pw')
        page = self.url_open('/my/service-requests/%d' % request_id)
        self.assertIn('Expert Co 0', page.text)
        page = self.url_open('/my/service-requests/%d/accept' % request_id, data={'csrf_token': self._csrf(page)})
        self.assertEqual(page.status_code, 200)
        with self._env() as env:
            self.assertEqual(env['expert.service.request'].browse(request_id).state, 'accepted')

    def test_expert_application_form_keeps_input(self):
        with self._env() as env:
            env['res.users'].with_context(no_reset_password=True).create({
                'name': 'Applicant', 'login': 'ex_applicant', 'email': 'ex_applicant@example.com', 'password': 'ex-applicant-pw',
                'groups_id': [(6, 0, env.ref('base.group_portal').ids)]})
        self.authenticate('ex_applicant', 'ex-applicant-pw')
        form = self.url_open('/my/expert/apply')
        self.assertEqual(form.status_code, 200)
        page = self.url_open('/my/expert/apply', data={
            'csrf_token': self._csrf(form), 'expert_type': 'individual', 'name': '张专家', 'phone': 'abc',
            'capacity': '2'})
        self.assertEqual(page.status_code, 200)
        self.assertIn('张专家', page.text)
        self.assertIn('gc-field-error', page.text)
        with self._env() as env:
            self.assertFalse(env['expert.expert'].search([('name', '=', '张专家')]))

    def _ip_domain(self):
        with self._env() as env:
            return env.ref('expert_library.domain_ip').id
