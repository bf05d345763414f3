from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ExpertCase


class TestRequestWorkflow(ExpertCase):
    """requested -> accepted -> in_progress -> done, declined and cancelled, and every refusal."""

    def _as(self, request, user):
        return request.sudo(user)

    def test_full_path_on_the_portal(self):
        request = self._request()
        self.assertEqual(request.state, 'requested')
        self.assertTrue(request.name.startswith('FW'))
        self.assertEqual(request.evaluation_id, self.evaluation)
        self.assertEqual(request.territory_id, self.street)
        self.assertTrue(request.date_deadline)
        self.assertIn(self.expert_user.partner_id, request.message_partner_ids)
        self._as(request, self.expert_user).action_accept()
        self.assertEqual(request.state, 'accepted')
        self.env['expert.service.record'].sudo(self.expert_user).create(
            {'request_id': request.id, 'content': 'Patent search done'})
        self.assertEqual(request.state, 'in_progress')  # the first record starts the service
        self._as(request, self.expert_user).action_done()
        self.assertEqual(request.state, 'done')
        self.assertTrue(request.date_done)
        self.assertEqual(self.ip_local.open_request_count, 0)

    def test_decline_and_cancel_with_reasons(self):
        declined = self._request()
        with self.assertRaisesRegex(UserError, '原因'):
            self._as(declined, self.expert_user).decline(' ')
        self._as(declined, self.expert_user).decline('Fully booked this month')
        self.assertEqual((declined.state, declined.decline_reason), ('declined', 'Fully booked this month'))
        cancelled = self._request(self.ip_zone)
        self._as(cancelled, self.portal_user).cancel('Solved internally')
        self.assertEqual(cancelled.state, 'cancelled')

    def test_every_refused_transition(self):
        request = self._request()
        expert = self._as(request, self.expert_user)
        enterprise = self._as(request, self.portal_user)
        # requested: no start, no done, no rating; the enterprise does not accept its own request
        for call in (expert.action_start, expert.action_done, lambda: enterprise.rate('5')):
            with self.assertRaisesRegex(UserError, '待接受'):
                call()
        with self.assertRaisesRegex(UserError, '只有'):
            enterprise.action_accept()
        with self.assertRaisesRegex(UserError, '只有'):
            expert.cancel('no')  # the expert declines; cancelling is the enterprise's
        expert.action_accept()
        # accepted: no second accept, no decline, no done before the service started
        for call in (expert.action_accept, lambda: expert.decline('late'), expert.action_done):
            with self.assertRaisesRegex(UserError, '已接受'):
                call()
        expert.action_start()
        # in progress: no cancel, and done needs a service record
        with self.assertRaisesRegex(UserError, '进行中'):
            enterprise.cancel('too late')
        with self.assertRaisesRegex(UserError, '服务记录'):
            expert.action_done()
        self.env['expert.service.record'].sudo(self.expert_user).create({'request_id': request.id, 'content': 'Done'})
        expert.action_done()
        # done: nothing but the rating
        for call in (expert.action_accept, expert.action_start, expert.action_done, lambda: enterprise.cancel('x'),
                     lambda: expert.decline('x')):
            with self.assertRaisesRegex(UserError, '已完成'):
                call()
        with self.assertRaisesRegex(UserError, '服务记录'):
            self.env['expert.service.record'].sudo(self.expert_user).create({'request_id': request.id, 'content': 'More'})
        # declined and cancelled requests are closed as well
        declined = self._request(self.ip_zone)
        declined.sudo(self.bureau_reviewer).decline('No')
        with self.assertRaisesRegex(UserError, '已拒绝'):
            declined.sudo(self.bureau_reviewer).action_accept()

    def test_state_and_rating_change_only_through_the_actions(self):
        request = self._request()
        for vals in ({'state': 'done'}, {'rating': '5'}, {'expert_id': self.ip_zone.id}):
            with self.assertRaises(AccessError):
                request.sudo(self.portal_user).write(vals)
            with self.assertRaises(AccessError):
                request.sudo(self.bureau_reviewer).write(vals)
            # no context key opens them (issue 14, finding 3)
            with self.assertRaises(AccessError):
                request.sudo(self.expert_user).with_context(expert_request_transition=True).write(vals)
        self.assertEqual((request.state, request.rating, request.expert_id), ('requested', False, self.ip_local))
        with self.assertRaises(AccessError):  # nor are they given at creation
            self._request(self.ip_zone, state='done', rating='5')

    def test_only_the_expert_records_the_service(self):
        request = self._request()
        request.sudo(self.expert_user).action_accept()
        with self.assertRaises(AccessError):
            self.env['expert.service.record'].sudo(self.portal_user).create({'request_id': request.id, 'content': 'x'})

    def test_new_requests_need_an_active_expert_with_room(self):
        with self.assertRaisesRegex(UserError, '有效'):
            self._request(self._expert('Candidate', [self.ip], state='candidate'))
        with self.assertRaisesRegex(UserError, '服务领域'):
            self._request(self.hr_only)
        self.ip_local.capacity = 1
        self._request()
        with self.assertRaisesRegex(UserError, '已满'):
            self._request(self.ip_local, domain=self.ip, need='again')
        with self.assertRaisesRegex((UserError, ValidationError), '需求'):
            self._request(self.ip_zone, need='  ')
        self._request(self.ip_zone)
        with self.assertRaisesRegex(UserError, '未完成'):
            self._request(self.ip_zone)  # one open request per expert and domain

    def test_suspended_expert_cannot_accept(self):
        request = self._request()
        self.ip_local.sudo(self.bureau_reviewer).change_state('suspend', 'Complaint')
        with self.assertRaisesRegex(UserError, '不在'):
            request.sudo(self.expert_user).action_accept()

    def test_overdue(self):
        request = self._request()
        Request = self.env['expert.service.request']
        self.assertNotIn(request, Request.search([('is_overdue', '=', True)]))
        request._workflow_write({'date_deadline': '2000-01-01'})
        self.assertTrue(request.is_overdue)
        self.assertIn(request, Request.search([('is_overdue', '=', True)]))
        self.assertNotIn(request, Request.search([('is_overdue', '=', False)]))

    def test_scores_before_and_after(self):
        request = self._request()
        self.assertEqual(request.score_before, self.weak['level'].points)
        self.assertFalse(request.has_score_after)
        self.assertIn('尚未重新评价', request.score_summary)
        # the R&D institution improved: the next evaluation scores the indicator higher
        application = self.env['cultivation.application'].search([('enterprise_id', '=', self.enterprise_a.id)])
        application.sudo().write({'rd_institution_level': 'provincial'})
        after = self.env['portrait.evaluation'].evaluate(self.scheme, self.enterprise_a)
        request.invalidate_cache()
        self.assertTrue(request.has_score_after)
        self.assertEqual(request.score_after, after.line_ids.filtered(lambda l: l.code == 'level').points)
        self.assertGreater(request.score_after, request.score_before)
        self.assertIn('→', request.score_summary)
