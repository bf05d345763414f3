"""The enterprise hears of the expert's answer to its service request: accepted, declined, done,
by e-mail and SMS (cultivation.notification.event), each kept in the notification log."""
from .common import ExpertCase


class TestRequestNotifications(ExpertCase):

    @classmethod
    def setUpClass(cls):
        super(TestRequestNotifications, cls).setUpClass()
        cls.portal_user.partner_id.write({'mobile': '13700000001', 'email': 'a_contact@example.com'})
        cls.Log = cls.env['gradient.notification.log']
        cls.Event = cls.env['cultivation.notification.event']

    def _channels(self, code, request):
        logs = self.Log.search([('event', '=', self.Event._gc_event(code).name), ('res_model', '=', request._name),
                                ('res_id', '=', request.id), ('partner_id', '=', self.portal_user.partner_id.id)])
        return sorted(logs.mapped('channel'))

    def test_accepted_done_and_declined_reach_the_enterprise(self):
        request = self._request()
        request.sudo(self.expert_user).action_accept()
        self.assertEqual(self._channels('service_request_accepted', request), ['email', 'sms'])
        self.env['expert.service.record'].sudo(self.expert_user).create(
            {'request_id': request.id, 'content': 'Patent search done'})
        request.sudo(self.expert_user).action_done()
        self.assertEqual(self._channels('service_request_done', request), ['email', 'sms'])
        sms = self.Log.search([('event', '=', self.Event._gc_event('service_request_done').name),
                               ('channel', '=', 'sms'), ('res_id', '=', request.id)])
        self.assertIn(request.name, sms.body)

    def test_declined_reaches_the_enterprise_with_the_reason(self):
        declined = self._request()
        declined.sudo(self.expert_user).decline('Fully booked this month')
        self.assertEqual(self._channels('service_request_declined', declined), ['email', 'sms'])
        self.assertIn('Fully booked this month', self.Log.search([
            ('channel', '=', 'sms'), ('res_id', '=', declined.id), ('res_model', '=', declined._name)]).body)

    def test_switched_off_event_sends_nothing(self):
        self.Event._gc_event('service_request_accepted').write({'active': False})
        request = self._request()
        request.sudo(self.expert_user).action_accept()
        self.assertEqual(self._channels('service_request_accepted', request), [])
