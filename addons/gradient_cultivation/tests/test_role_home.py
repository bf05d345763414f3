from .common import CultivationCase


class TestRoleHome(CultivationCase):
    """Issue 19: back-office users landed on Discuss's empty inbox. Each role lands on its work,
    new staff too, and a home an administrator chose by hand is kept."""

    def _home(self, user):
        return user.action_id.id

    def test_each_role_lands_on_its_work(self):
        to_review = self.env.ref('gradient_cultivation.cultivation_application_action_to_review').id
        self.assertEqual(self._home(self.territory_reviewer), to_review)
        self.assertEqual(self._home(self.joint_reviewer), to_review)
        self.assertEqual(self._home(self.bureau_reviewer),
                         self.env.ref('gradient_cultivation.cultivation_dashboard_action').id)
        manager = self._user('mgr', 'gradient_cultivation.group_manager')
        self.assertEqual(self._home(manager), self.env.ref('gradient_cultivation.cultivation_settings_action').id)
        self.assertFalse(self.plain_user.action_id)
        self.assertFalse(self.portal_user.action_id)

    def test_the_home_follows_a_change_of_role(self):
        user = self.territory_reviewer
        user.write({'groups_id': [(4, self.env.ref('gradient_cultivation.group_bureau_reviewer').id)]})
        self.assertEqual(self._home(user), self.env.ref('gradient_cultivation.cultivation_dashboard_action').id)
        user.write({'groups_id': [(3, self.env.ref('gradient_cultivation.group_bureau_reviewer').id)]})
        self.assertEqual(self._home(user),
                         self.env.ref('gradient_cultivation.cultivation_application_action_to_review').id)

    def test_a_home_chosen_by_hand_is_kept(self):
        chosen = self.env.ref('gradient_cultivation.cultivation_enterprise_action')
        self.territory_reviewer.write({'action_id': chosen.id})
        self.territory_reviewer.write({'groups_id': [(4, self.env.ref('gradient_cultivation.group_bureau_reviewer').id)]})
        self.assertEqual(self._home(self.territory_reviewer), chosen.id)
