from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PDF, CultivationCase


class TestApplicationWorkflow(CultivationCase):

    @classmethod
    def setUpClass(cls):
        super(TestApplicationWorkflow, cls).setUpClass()
        cls._application_fixtures()

    def _pass_joint(self, application, scores=(80, 75, 70), votes=(True, True, True)):
        for member, score, vote in zip(self.joint_members, scores, votes):
            application.sudo(member).action_joint_vote(score, vote, 'ok')

    def test_submission_goes_to_the_territory_stage_with_activities(self):
        application = self._new_application()
        self.assertEqual(application.state, 'draft')
        self.assertTrue(application.name.startswith('RK'))
        self.assertEqual(application.company_name, 'Enterprise A')  # copied from the enterprise
        application.action_submit()
        self.assertEqual(application.state, 'in_review')
        self.assertEqual(application.stage_id, self.stage_territory)
        self.assertEqual(application.version, 1)
        self.assertTrue(application.stage_deadline)
        self.assertEqual(application.activity_ids.mapped('user_id'), self.territory_reviewer)

    def test_full_path_territory_bureau_joint_admits(self):
        application = self._new_application()
        application.action_submit()
        application.sudo(self.territory_reviewer).action_approve('in order')
        self.assertEqual(application.stage_id, self.stage_bureau)
        self.assertIn(self.bureau_reviewer, application.activity_ids.mapped('user_id'))
        self.assertNotIn(self.territory_reviewer, application.activity_ids.mapped('user_id'))
        application.sudo(self.bureau_reviewer).action_approve('meets the criteria')
        self.assertEqual(application.stage_id, self.stage_joint)
        self.assertEqual(application.joint_member_ids, self.joint_members)
        self._pass_joint(application)
        # passed: the admission waits for the publication (公示) and its period
        self.assertEqual(application.state, 'to_publish')
        self.assertFalse(application.stage_id)
        self.assertFalse(application.membership_id)
        self._publish_and_close(application)
        self.assertEqual(application.state, 'approved')
        membership = application.membership_id
        self.assertEqual((membership.enterprise_id, membership.library_id, membership.state),
                         (self.enterprise_a, self.srdi, 'active'))
        self.assertEqual(len(application.review_ids), 5)
        # the enterprise is told, in the chatter and by e-mail
        admitted = application.message_ids.filtered(lambda m: self.portal_user.partner_id in m.partner_ids)
        self.assertTrue(admitted)
        self.assertIn('专精特新中小企业培育库', admitted[0].body)

    def test_a_group_stage_gives_one_todo_to_the_least_loaded_reviewer(self):
        colleague = self._user('b_reviewer_2', 'gradient_cultivation.group_bureau_reviewer')
        first, second = self._new_application(), self._new_application(library=self.scale_up)
        for application in (first, second):
            application.action_submit()
            application.sudo(self.territory_reviewer).action_approve('in order')
        # one to-do each, not one per bureau reviewer; the second goes to whoever has fewer
        self.assertEqual(len(first.activity_ids), 1)
        self.assertEqual(len(second.activity_ids), 1)
        self.assertEqual(first.activity_ids.user_id | second.activity_ids.user_id, self.bureau_reviewer | colleague)
        # any bureau reviewer may still act on either, and the to-do is closed
        other = (self.bureau_reviewer | colleague) - first.activity_ids.user_id
        first.sudo(other).action_approve('meets the criteria')
        self.assertEqual(first.stage_id, self.stage_joint)
        self.assertEqual(first.activity_ids.mapped('user_id'), self.joint_members)

    def _decision_dialog(self, user, application, decision):
        action = application.sudo(user).action_open_approve() if decision == 'approve' \
            else application.sudo(user).action_open_return()
        # as the web client opens it: the action's context with the user's language
        return self.env[action['res_model']].sudo(user).with_context(action['context'], lang='zh_CN').create(
            {'opinion': 'seen', 'reason': 'seen'})

    def test_a_colleague_deciding_first_is_told_not_acted_on(self):
        colleague = self._user('b_reviewer_2', 'gradient_cultivation.group_bureau_reviewer')
        application = self._new_application()
        application.action_submit()
        application.sudo(self.territory_reviewer).action_approve('in order')
        mine = self._decision_dialog(self.bureau_reviewer, application, 'approve')
        theirs = self._decision_dialog(colleague, application, 'return')
        self.assertEqual(mine.stage_id, self.stage_bureau)
        mine.action_confirm()
        self.assertEqual(application.stage_id, self.stage_joint)
        reviews = len(application.review_ids)
        with self.assertRaisesRegex(UserError, '已离开|has left') as refusal:
            theirs.action_confirm()
        self.assertIn('现在：联合评审', str(refusal.exception))  # where it is now
        self.assertEqual((application.state, application.stage_id), ('in_review', self.stage_joint))
        self.assertEqual(len(application.review_ids), reviews)
        # an RPC client says which stage it saw the same way; a returned application is named as such
        with self.assertRaisesRegex(UserError, '已离开|has left'):
            application.sudo(colleague).with_context(review_stage_id=self.stage_bureau.id).action_return('late')
        for bad in ('3', 2 ** 40, True, [1]):
            with self.assertRaises(ValidationError):
                application.sudo(colleague).with_context(review_stage_id=bad).action_return('late')

    def test_direct_submission_skips_the_territory_stage(self):
        application = self._new_application(submission_channel='direct')
        application.action_submit()
        self.assertEqual(application.stage_id, self.stage_bureau)

    def test_return_edit_resubmit_makes_version_two(self):
        application = self._new_application()
        application.action_submit()
        application.sudo(self.territory_reviewer).action_return('Upload the audit report')
        self.assertEqual(application.state, 'returned')
        self.assertEqual(application.return_reason, 'Upload the audit report')
        self.assertFalse(application.activity_ids)
        returned = application.message_ids.filtered(lambda m: self.portal_user.partner_id in m.partner_ids)
        self.assertIn('Upload the audit report', returned[0].body)
        # the enterprise edits and resubmits
        mine = application.sudo(self.portal_user)
        mine.write({'main_product': 'Infrared sensors', 'financial_ids': [
            (1, application.financial_ids.filtered(lambda f: f.year == 2025).id, {'rd_spend': 450})]})
        mine.action_submit()
        self.assertEqual(application.state, 'in_review')
        self.assertEqual(application.version, 2)
        self.assertEqual(application.stage_id, self.stage_territory)
        latest = application.version_ids.sorted('version')[-1]
        self.assertEqual(latest.version, 2)
        self.assertIn('Infrared sensors', latest.changes)
        self.assertIn('2025', latest.changes)
        self.assertIn('450', latest.changes)
        self.assertEqual(application.latest_changes, latest.changes)

    def test_version_changes_name_choices_and_documents_in_chinese(self):
        """Issue 19: the version diff read "audit_report: x.pdf" and raw choice keys."""
        application = self._new_application()
        application.action_submit()
        application.sudo(self.territory_reviewer).action_return('Upload the audit report')
        mine = application.sudo(self.portal_user)
        mine.write({'rd_institution_level': 'provincial', 'attachment_ids': [
            (0, 0, {'doc_type': 'audit_report', 'name': 'audit.pdf', 'datas': PDF})]})
        mine.action_submit()
        changes = application.version_ids.sorted('version')[-1].changes
        self.assertIn('审计报告: audit.pdf', changes)
        self.assertNotIn('audit_report', changes)
        self.assertNotIn('provincial', changes)

    def test_return_needs_a_reason(self):
        application = self._new_application()
        application.action_submit()
        with self.assertRaises(UserError) as caught:
            application.sudo(self.territory_reviewer).action_return('   ')
        self.assertIn('原因', caught.exception.name)
        self.assertEqual(application.state, 'in_review')

    def test_joint_review_fails_on_low_average(self):
        application = self._new_application(submission_channel='direct')
        application.action_submit()
        application.sudo(self.bureau_reviewer).action_approve()
        self._pass_joint(application, scores=(55, 60, 50))
        self.assertEqual(application.state, 'rejected')
        self.assertFalse(application.membership_id)

    def test_joint_review_fails_without_a_majority(self):
        application = self._new_application(submission_channel='direct')
        application.action_submit()
        application.sudo(self.bureau_reviewer).action_approve()
        self._pass_joint(application, scores=(90, 90, 90), votes=(True, False, False))
        self.assertEqual(application.state, 'rejected')

    def test_joint_review_waits_for_every_member(self):
        application = self._new_application(submission_channel='direct')
        application.action_submit()
        application.sudo(self.bureau_reviewer).action_approve()
        application.sudo(self.joint_members[0]).action_joint_vote(90, True)
        self.assertEqual(application.state, 'in_review')
        with self.assertRaises(AccessError):  # one vote per member and version
            application.sudo(self.joint_members[0]).action_joint_vote(90, True)
        with self.assertRaises(ValidationError):
            application.sudo(self.joint_members[1]).action_joint_vote(120, True)
        with self.assertRaises(UserError):  # a score is required at a joint stage
            application.sudo(self.joint_members[1]).action_approve('ok')

    def test_withdraw(self):
        application = self._new_application()
        application.action_submit()
        application.sudo(self.portal_user).action_withdraw()
        self.assertEqual(application.state, 'withdrawn')
        self.assertFalse(application.activity_ids)
        with self.assertRaises(UserError):
            application.sudo(self.portal_user).action_submit()
        with self.assertRaises(UserError):
            application.sudo(self.portal_user).action_withdraw()

    def test_refused_transitions(self):
        application = self._new_application()
        with self.assertRaises(AccessError):  # nothing to approve in a draft
            application.sudo(self.territory_reviewer).action_approve()
        application.action_submit()
        with self.assertRaises(UserError):  # already in review
            application.sudo(self.portal_user).action_submit()
        with self.assertRaises(AccessError):  # not the bureau's turn yet
            application.sudo(self.bureau_reviewer).action_approve()
        with self.assertRaises(AccessError):  # the enterprise does not review itself
            application.sudo(self.portal_user).action_approve()
        application.sudo(self.territory_reviewer).action_approve()
        with self.assertRaises(AccessError):  # the territory already acted
            application.sudo(self.territory_reviewer).action_approve()
        application.sudo(self.bureau_reviewer).action_approve()
        self._pass_joint(application)
        with self.assertRaises(UserError):  # admitted applications are final
            application.sudo(self.portal_user).action_withdraw()

    def test_incomplete_application_is_refused_with_the_missing_items(self):
        application = self._new_application(pledge_accepted=False, financial_ids=[], attachment_ids=[])
        with self.assertRaises(UserError) as caught:
            application.action_submit()
        message = caught.exception.name
        self.assertIn('承诺', message)
        self.assertIn('财务', message)
        self.assertIn('营业执照', message)
        self.assertEqual(application.state, 'draft')
        self.assertEqual(application.version, 0)

    def test_reviewers_cannot_change_the_declaration(self):
        application = self._new_application()
        application.action_submit()
        with self.assertRaises(AccessError):
            application.sudo(self.territory_reviewer).write({'main_product': 'changed'})
        with self.assertRaises(AccessError):
            application.financial_ids[0].sudo(self.bureau_reviewer).write({'rd_spend': 1})
        with self.assertRaises(UserError):  # nor the enterprise while it is in review
            application.sudo(self.portal_user).write({'main_product': 'changed'})

    def test_review_fields_change_only_through_the_workflow(self):
        application = self._new_application()
        for vals in ({'state': 'approved'}, {'stage_id': self.stage_joint.id}, {'version': 7}):
            with self.assertRaises(AccessError):
                application.sudo(self.portal_user).write(vals)
        with self.assertRaises(AccessError):
            application.sudo(self.bureau_reviewer).write({'state': 'approved'})
        with self.assertRaises(AccessError):
            self._new_application(state='approved', library=self.scale_up)

    def test_one_open_application_per_enterprise_tier_and_call(self):
        self._new_application()
        with self.assertRaises(ValidationError):
            self._new_application()

    def test_admission_upgrades_the_previous_membership(self):
        old = self.env['cultivation.membership'].create({
            'enterprise_id': self.enterprise_a.id, 'library_id': self.scale_up.id})
        application = self._new_application(submission_channel='direct')
        application.action_submit()
        application.sudo(self.bureau_reviewer).action_approve()
        self._pass_joint(application)
        self.assertEqual(old.state, 'active')  # not before the publication period has ended
        self._publish_and_close(application)
        self.assertEqual(old.state, 'upgraded')
        self.assertEqual(old.next_membership_id, application.membership_id)
        with self.assertRaises(ValidationError):  # never active in two tiers
            self.env['cultivation.membership'].create({
                'enterprise_id': self.enterprise_a.id, 'library_id': self.scale_up.id})

    def test_overdue_applications_are_found_and_reminded(self):
        application = self._new_application()
        application.action_submit()
        self.assertFalse(application.is_overdue)
        application.sudo().write({'stage_deadline': '2020-01-01 00:00:00'})
        self.assertTrue(application.is_overdue)
        Application = self.env['cultivation.application']
        self.assertIn(application, Application.search([('is_overdue', '=', True)]))
        self.assertNotIn(application, Application.search([('is_overdue', '=', False)]))
        Application._cron_remind_overdue()
        reminder = application.message_ids.filtered(lambda m: self.territory_reviewer.partner_id in m.partner_ids)
        self.assertTrue(reminder)
