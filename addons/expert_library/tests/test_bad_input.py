from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ExpertCase
from odoo.addons.gradient_cultivation.tests.common import PDF


class TestBadInput(ExpertCase):
    """The methods a portal user can call directly (XML-RPC), given what the portal forms never
    send: each is refused with a Chinese message, and nothing is made or removed."""

    def _application(self, **vals):
        values = {'name': '申请专家', 'contact_name': '王', 'phone': '029-1', 'qualification': '资质', 'profile': '简介',
                  'domain_ids': [(6, 0, self.ip.ids)], 'capacity': 2, 'expert_type': 'individual'}
        values.update(vals)
        return values

    def test_portal_application_links_existing_records_only(self):
        applicant = self._user('applicant', 'base.group_portal')
        Expert = self.env['expert.expert'].sudo(applicant)
        domains, territories = self.env['expert.domain'].search_count([]), self.env['cultivation.territory'].search_count([])
        for vals, label in [
                (self._application(domain_ids=[(0, 0, {'name': 'Injected', 'code': 'injected'})]), '服务领域'),
                (self._application(domain_ids=[(2, self.hr.id)]), '服务领域'),
                (self._application(territory_ids=[(0, 0, {'name': 'Injected', 'code': 'INJ'})]), '服务区域'),
                (self._application(capacity=10 ** 12), '接单容量'), (self._application(capacity='3'), '接单容量'),
                (self._application(capacity=0), '接单容量'),
                (self._application(name=123), '名称'), (self._application(profile=''), '简介')]:
            with self.assertRaises(ValidationError) as caught:
                Expert.apply_from_portal(vals, [], [('c.pdf', PDF)])
            self.assertIn(label, caught.exception.name)
        with self.assertRaises(ValidationError):
            Expert.apply_from_portal(self._application(), ['ZZZ'], [('c.pdf', PDF)])
        with self.assertRaises(ValidationError):
            Expert.apply_from_portal(self._application(), [], [])
        self.assertTrue(self.hr.exists())
        self.assertEqual(self.env['expert.domain'].search_count([]), domains)
        self.assertEqual(self.env['cultivation.territory'].search_count([]), territories)
        self.assertFalse(self.env['expert.expert'].search([('user_id', '=', applicant.id)]))

    def test_an_enterprise_requests_for_itself_about_its_own_portrait(self):
        with self.assertRaises(AccessError):
            self._request(enterprise_id=self.enterprise_b.id, line_ids=[])
        with self.assertRaises(AccessError):  # the expert of the request is not the enterprise
            self._request(user=self.expert_user)
        with self.assertRaises(AccessError):  # another enterprise's weak indicators
            self._request(user=self.portal_b, enterprise_id=self.enterprise_b.id)

    def test_each_side_keeps_its_own_part(self):
        request = self._request()
        with self.assertRaises(AccessError):  # kept: only administrators delete
            request.sudo(self.portal_user).unlink()
        with self.assertRaises(AccessError):
            request.sudo(self.expert_user).write({'need': 'Changed by the expert'})
        request.sudo(self.portal_user).write({'need': 'Clearer need'})
        request.sudo(self.expert_user).action_accept()
        record = self.env['expert.service.record'].sudo(self.expert_user).create(
            {'request_id': request.id, 'content': 'First visit'})
        with self.assertRaises(AccessError):
            record.sudo(self.portal_user).write({'content': 'Rewritten by the enterprise'})
        with self.assertRaises(AccessError):
            record.sudo(self.portal_user).unlink()
        record.sudo(self.expert_user).write({'content': 'First visit, two hours'})

    def test_reasons_ratings_and_arguments_of_the_wrong_kind(self):
        request = self._request()
        for reason in (123, ['x'], {'a': 1}):
            with self.assertRaises(ValidationError):
                request.sudo(self.expert_user).decline(reason)
            with self.assertRaises(ValidationError):
                request.sudo(self.portal_user).cancel(reason)
        self.assertEqual(request.state, 'requested')
        with self.assertRaises(ValidationError):
            self.ip_zone.sudo(self.bureau_reviewer).change_state('suspend', 123)
        with self.assertRaises(UserError):
            self.ip_zone.sudo(self.bureau_reviewer).change_state(['suspend'], 'x')
        Expert = self.env['expert.expert'].sudo(self.portal_user)
        for args in (('abc',), (99999999,), ([self.enterprise_a.id, self.enterprise_b.id],), (self.enterprise_a.id, 'x')):
            with self.assertRaises(ValidationError):
                Expert._match_for_enterprise(*args)
        with self.assertRaises(AccessError):  # another enterprise's portrait
            Expert._match_for_enterprise(self.enterprise_b.id)

    def test_a_service_is_recorded_on_a_day_it_could_have_been_given(self):
        """Issue 19: a service dated next month was accepted, and the request then showed a
        completion date before its own record. Refused naming the field; nothing is made."""
        from datetime import timedelta
        from odoo import fields
        request = self._request()
        request.sudo(self.expert_user).action_accept()
        Record = self.env['expert.service.record'].sudo(self.expert_user)
        today = fields.Date.from_string(fields.Date.context_today(Record))
        for day, words in ((today + timedelta(days=30), '未来'), (today - timedelta(days=400), '接受')):
            with self.assertRaises(ValidationError) as caught:
                Record.create({'request_id': request.id, 'content': 'Visit', 'date': fields.Date.to_string(day)})
            self.assertIn('服务日期', caught.exception.name)
            self.assertIn(words, caught.exception.name)
        self.assertFalse(self.env['expert.service.record'].search([('request_id', '=', request.id)]))
        record = Record.create({'request_id': request.id, 'content': 'Visit'})
        with self.assertRaises(ValidationError):
            record.write({'date': fields.Date.to_string(today + timedelta(days=1))})
        self.assertEqual(record.date, fields.Date.to_string(today))
