from odoo.exceptions import UserError, ValidationError

from .common import CultivationCase


class TestMembershipLifecycle(CultivationCase):
    """Upgrades and exits, and the rule that an enterprise is active in one tier at a time."""

    @classmethod
    def setUpClass(cls):
        super(TestMembershipLifecycle, cls).setUpClass()
        cls._application_fixtures()
        cls._library_fixtures()

    def test_never_active_in_two_tiers(self):
        with self.assertRaises(ValidationError) as ctx:
            self.env['cultivation.membership'].create({
                'enterprise_id': self.enterprise_a.id, 'library_id': self.srdi.id})
        self.assertIn('同时只能在一个培育库', ctx.exception.name)

    def test_admission_from_an_application_upgrades_the_old_membership(self):
        application = self._new_application(library=self.srdi)
        application.action_submit()
        application.sudo(self.territory_reviewer).action_approve('ok')
        application.sudo(self.bureau_reviewer).action_approve('ok')
        for member in self.joint_members:
            application.sudo(member).action_joint_vote(80, True, 'ok')
        self._publish_and_close(application)
        new = application.membership_id
        self.assertEqual((new.library_id, new.state), (self.srdi, 'active'))
        self.assertEqual(self.member_a.state, 'upgraded')
        self.assertEqual(self.member_a.next_membership_id, new)
        self.assertEqual(new.previous_membership_id, self.member_a)
        self.assertEqual(new.territory_officer_id, self.territory_reviewer)  # the officers stay
        self.assertEqual(self.env['cultivation.membership'].search_count([
            ('enterprise_id', '=', self.enterprise_a.id), ('state', '=', 'active')]), 1)

    def test_applying_for_the_same_tier_is_refused(self):
        application = self._new_application(library=self.scale_up)
        with self.assertRaises(UserError) as ctx:
            application.action_submit()
        self.assertIn('只能向更高梯度升级', ctx.exception.name)  # cultivation.membership.tier_move_error

    def test_propose_and_admit_upgrade(self):
        pending = self._report(self.member_a, '2025-03-01', state='open')
        done = self._report(self.member_a, '2025-02-01', revenue=10, revenue_ytd=20)
        member = self.member_a.sudo(self.bureau_reviewer)
        with self.assertRaises(UserError):
            member.action_propose_upgrade('  ')
        member.action_propose_upgrade('Revenue doubled, three invention patents')
        self.assertTrue(self.member_a.upgrade_proposed)
        self.assertEqual(self.member_a.upgrade_library_id, self.srdi)
        told = self.member_a.message_ids.filtered(lambda m: self.portal_user.partner_id in m.partner_ids)
        self.assertTrue(told, 'the enterprise is told of the proposal')
        action = member.action_admit_upgrade()
        new = self.env['cultivation.membership'].browse(action['res_id'])
        self.assertEqual((self.member_a.state, self.member_a.next_membership_id), ('upgraded', new))
        self.assertEqual((new.library_id, new.state), (self.srdi, 'active'))
        # the report still to fill goes on in the new tier; the submitted one stays with the old
        self.assertEqual((pending.membership_id, pending.library_id), (new, self.srdi))
        self.assertEqual(done.membership_id, self.member_a)

    def test_admit_upgrade_needs_a_proposal(self):
        with self.assertRaises(UserError):
            self.member_a.sudo(self.bureau_reviewer).action_admit_upgrade()

    def test_highest_tier_cannot_be_proposed(self):
        champion = self.env.ref('gradient_cultivation.library_champion')
        self.member_b.write({'library_id': champion.id})
        with self.assertRaises(UserError):
            self.member_b.sudo(self.bureau_reviewer).action_propose_upgrade('best of all')

    def test_territory_reviewer_cannot_exit_or_upgrade(self):
        member = self.member_a.sudo(self.territory_reviewer)
        with self.assertRaises(UserError):
            member.action_exit('no')
        with self.assertRaises(UserError):
            member.action_propose_upgrade('yes')
        self.assertEqual(self.member_a.state, 'active')

    def test_exit_closes_keeps_data_and_tells_the_enterprise(self):
        submitted = self._report(self.member_a, '2025-01-01', revenue=10, revenue_ytd=10)
        pending = self._report(self.member_a, '2025-02-01', state='open')
        with self.assertRaises(UserError):
            self.member_a.sudo(self.bureau_reviewer).action_exit('')
        self.member_a.sudo(self.bureau_reviewer).action_exit('Serious environmental violation')
        self.assertEqual(self.member_a.state, 'exited')
        self.assertTrue(self.member_a.date_exited)
        self.assertEqual(self.member_a.exit_reason, 'Serious environmental violation')
        self.assertTrue(submitted.exists() and submitted.active, 'submitted reports are kept')
        self.assertFalse(pending.active, 'reports left to fill are archived, not deleted')
        told = self.member_a.message_ids.filtered(lambda m: self.portal_user.partner_id in m.partner_ids)
        self.assertIn('Serious environmental violation', told[0].body)
        with self.assertRaises(UserError):
            self.member_a.sudo(self.bureau_reviewer).action_exit('again')

    def test_an_exited_enterprise_can_apply_again(self):
        self.member_a.sudo(self.bureau_reviewer).action_exit('Targets missed')
        application = self._new_application(library=self.scale_up)
        self.assertFalse(application._missing_items())
        application.action_submit()
        self.assertEqual(application.state, 'in_review')
