from .common import CultivationCase


class TestJointScore(CultivationCase):
    """The joint review's score: its scale and rubric for the members, their average beside the
    pass rule for everyone who reads the application, and the admission signed by the bureau."""

    @classmethod
    def setUpClass(cls):
        super(TestJointScore, cls).setUpClass()
        cls._application_fixtures()

    def _at_joint(self):
        application = self._new_application()
        application.action_submit()
        application.sudo(self.territory_reviewer).action_approve('ok')
        application.sudo(self.bureau_reviewer).action_approve('ok')
        return application

    def test_stages_without_a_score_show_none(self):
        application = self._at_joint()
        self.assertFalse(application.joint_summary)  # no member has scored yet: no 0.0
        self.assertEqual(set(application.review_ids.mapped('decision')), {'approve'})

    def test_average_beside_the_pass_rule(self):
        application = self._at_joint()
        first, second, third = self.joint_members
        application.sudo(first).action_joint_vote(82, True, 'ok')
        application.sudo(second).action_joint_vote(71, False, 'gaps')
        summary = application.joint_summary
        self.assertIn('76.5', summary)
        self.assertIn('3', summary)
        self.assertIn('60', summary)  # the pass rule: at least 60 and a majority
        self.assertIn('半数', summary)
        application.sudo(third).action_joint_vote(70, True, 'ok')
        self.assertIn('74.3', application.joint_summary)

    def test_the_scoring_dialog_shows_the_scale_and_rubric(self):
        application = self._at_joint()
        wizard = self.env['cultivation.application.review.wizard'].sudo(self.joint_reviewer).create({
            'application_id': application.id, 'decision': 'vote', 'stage_id': self.stage_joint.id})
        self.assertIn('90', wizard.rubric)
        self.assertIn('0-100', wizard._fields['score'].string)

    def test_the_admission_is_posted_by_the_bureau(self):
        application = self._at_joint()
        for member in self.joint_members:
            application.sudo(member).action_joint_vote(80, True, 'ok')
        self._publish_and_close(application)
        self.assertEqual(application.state, 'approved')
        notice = application.message_ids.filtered(
            lambda m: self.portal_user.partner_id in m.partner_ids)[0]
        self.assertIn('专精特新中小企业培育库', notice.body)
        self.assertEqual(notice.author_id, self.bureau_reviewer.partner_id)
        self.assertNotIn(notice.author_id, self.joint_members.mapped('partner_id'))
