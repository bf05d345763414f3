from odoo.exceptions import AccessError

from .common import CultivationCase


class TestReviewStages(CultivationCase):
    """The workflow is configuration: stages added, removed or reordered by an administrator
    change the path of the next applications."""

    @classmethod
    def setUpClass(cls):
        super(TestReviewStages, cls).setUpClass()
        cls._application_fixtures()
        cls.manager = cls._user('stage_manager', 'gradient_cultivation.group_manager')

    def test_a_stage_added_by_configuration_is_enforced(self):
        # a second check by the territories after the bureau's, for every tier
        added = self.env['cultivation.review.stage'].sudo(self.manager).create({
            'name': 'Site visit', 'sequence': 25, 'group_id': self.env.ref(
                'gradient_cultivation.group_territory_reviewer').id, 'territory_restricted': True})
        application = self._new_application(submission_channel='direct')
        application.action_submit()
        application.sudo(self.bureau_reviewer).action_approve()
        self.assertEqual(application.stage_id, added)
        with self.assertRaises(AccessError):  # the joint panel must wait for the new stage
            application.sudo(self.joint_members[0]).action_joint_vote(90, True)
        with self.assertRaises(AccessError):  # nor the bureau: the stage belongs to the territory
            application.sudo(self.bureau_reviewer).action_approve()
        self.assertEqual(application.activity_ids.mapped('user_id'), self.territory_reviewer)
        application.sudo(self.territory_reviewer).action_approve('visited the site')
        self.assertEqual(application.stage_id, self.stage_joint)

    def test_a_removed_stage_is_skipped(self):
        self.stage_bureau.sudo(self.manager).write({'active': False})
        application = self._new_application(submission_channel='direct')
        application.action_submit()
        self.assertEqual(application.stage_id, self.stage_joint)

    def test_reordering_changes_the_path(self):
        self.stage_bureau.sudo(self.manager).write({'sequence': 5})  # the bureau first
        application = self._new_application()
        application.action_submit()
        self.assertEqual(application.stage_id, self.stage_bureau)
        application.sudo(self.bureau_reviewer).action_approve()
        self.assertEqual(application.stage_id, self.stage_territory)

    def test_stage_limited_to_a_tier(self):
        self.stage_bureau.sudo(self.manager).write({'library_ids': [(6, 0, self.scale_up.ids)]})
        application = self._new_application(submission_channel='direct')
        application.action_submit()
        self.assertEqual(application.stage_id, self.stage_joint)

    def test_territory_stage_only_for_reviewers_of_the_territory(self):
        other = self._user('other_t', 'gradient_cultivation.group_territory_reviewer',
                           territory_ids=[(6, 0, [self.other_street.id])])
        zone_reviewer = self._user('zone_t', 'gradient_cultivation.group_territory_reviewer',
                                   territory_ids=[(6, 0, [self.zone.id])])
        application = self._new_application()
        application.action_submit()
        with self.assertRaises(AccessError):
            application.sudo(other).action_approve()
        # a reviewer of the territory above covers it
        application.sudo(zone_reviewer).action_approve()
        self.assertEqual(application.stage_id, self.stage_bureau)

    def test_only_administrators_configure_stages(self):
        with self.assertRaises(AccessError):
            self.stage_bureau.sudo(self.bureau_reviewer).write({'sequence': 1})
