from odoo.exceptions import AccessError

from .common import CultivationCase


class TestMoreRules(CultivationCase):
    """Administrators see drafts; memberships follow the territory rules."""

    @classmethod
    def setUpClass(cls):
        super(TestMoreRules, cls).setUpClass()
        cls._application_fixtures()
        cls.manager = cls._user('rules_manager', 'gradient_cultivation.group_manager')

    def test_administrators_see_drafts_and_their_lines(self):
        draft = self._new_application()
        self.assertIn(draft, self.env['cultivation.application'].sudo(self.manager).search([]))
        lines = self.env['cultivation.application.financial'].sudo(self.manager).search([])
        self.assertIn(draft, lines.mapped('application_id'))

    def test_memberships_follow_the_territories(self):
        Membership = self.env['cultivation.membership']
        mine = Membership.create({'enterprise_id': self.enterprise_a.id, 'library_id': self.srdi.id})
        theirs = Membership.create({'enterprise_id': self.enterprise_b.id, 'library_id': self.srdi.id})
        self.assertEqual(Membership.sudo(self.territory_reviewer).search([]) & (mine | theirs), mine)
        self.assertEqual(Membership.sudo(self.bureau_reviewer).search([]) & (mine | theirs), mine | theirs)
        self.assertEqual(Membership.sudo(self.portal_user).search([]), mine)
        with self.assertRaises(AccessError):
            theirs.sudo(self.portal_user).read(['state'])
        with self.assertRaises(AccessError):
            mine.sudo(self.territory_reviewer).write({'state': 'exited'})
        with self.assertRaises(AccessError):
            Membership.sudo(self.plain_user).search([])
