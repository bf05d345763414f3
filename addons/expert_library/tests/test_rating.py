from odoo.exceptions import UserError, ValidationError

from .common import ExpertCase


class TestRating(ExpertCase):
    """The enterprise rates a completed service once, 1 to 5; ratings make the expert's average."""

    def _done_request(self, expert=None):
        request = self._request(expert or self.ip_local)
        user = (expert or self.ip_local).user_id or self.bureau_reviewer
        request.sudo(user).action_accept()
        self.env['expert.service.record'].sudo(user).create({'request_id': request.id, 'content': 'Advice'})
        request.sudo(user).action_done()
        return request

    def test_rating_feeds_the_average(self):
        first = self._done_request()
        first.sudo(self.portal_user).rate('5', 'Very helpful')
        self.assertEqual((first.rating, first.rating_comment), ('5', 'Very helpful'))
        self.assertEqual(self.ip_local.rating_count, 1)
        self.assertEqual(self.ip_local.rating_avg, 5.0)
        second = self._done_request()
        second.sudo(self.portal_user).rate(2)
        self.assertEqual(self.ip_local.rating_count, 2)
        self.assertEqual(self.ip_local.rating_avg, 3.5)

    def test_rating_refusals(self):
        request = self._request()
        with self.assertRaisesRegex(UserError, '完成'):
            request.sudo(self.portal_user).rate('4')  # not done yet
        request.sudo(self.expert_user).action_accept()
        self.env['expert.service.record'].sudo(self.expert_user).create({'request_id': request.id, 'content': 'x'})
        request.sudo(self.expert_user).action_done()
        with self.assertRaisesRegex(UserError, '只有'):
            request.sudo(self.expert_user).rate('5')  # the expert does not rate itself
        for wrong in ('0', '6', 'x', ''):
            with self.assertRaisesRegex(ValidationError, '1'):
                request.sudo(self.portal_user).rate(wrong)
        request.sudo(self.portal_user).rate('4')
        with self.assertRaisesRegex(UserError, '已评价'):
            request.sudo(self.portal_user).rate('5')
        self.assertEqual(self.ip_local.rating_avg, 4.0)
