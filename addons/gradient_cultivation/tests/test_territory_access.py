from odoo.exceptions import AccessError, ValidationError

from .common import CultivationCase


class TestTerritoryAccess(CultivationCase):

    def _visible(self, user):
        return self.env['cultivation.enterprise'].sudo(user).search([])

    def test_territory_reviewer_sees_own_territory_and_its_children_only(self):
        visible = self._visible(self.territory_reviewer)
        self.assertIn(self.enterprise_a, visible)
        self.assertIn(self.enterprise_a1, visible)  # in a park inside the reviewer's street
        self.assertNotIn(self.enterprise_b, visible)
        with self.assertRaises(AccessError):
            self.enterprise_b.sudo(self.territory_reviewer).read(['name'])

    def test_territory_reviewer_cannot_write_other_territories(self):
        self.enterprise_a.sudo(self.territory_reviewer).write({'employee_count': 12})
        self.assertEqual(self.enterprise_a.employee_count, 12)
        with self.assertRaises(AccessError):
            self.enterprise_b.sudo(self.territory_reviewer).write({'employee_count': 12})

    def test_territory_reviewer_without_territory_sees_nothing(self):
        lonely = self._user('lonely', 'gradient_cultivation.group_territory_reviewer')
        self.assertFalse(self._visible(lonely))

    def test_changing_territories_takes_effect_at_once(self):
        self.assertNotIn(self.enterprise_b, self._visible(self.territory_reviewer))
        self.territory_reviewer.write({'territory_ids': [(6, 0, [self.other_street.id])]})
        visible = self._visible(self.territory_reviewer)
        self.assertIn(self.enterprise_b, visible)
        self.assertNotIn(self.enterprise_a, visible)
        # and from the territory's side too
        self.street.write({'reviewer_ids': [(4, self.territory_reviewer.id)]})
        self.assertIn(self.enterprise_a, self._visible(self.territory_reviewer))

    def test_bureau_sees_all(self):
        visible = self._visible(self.bureau_reviewer)
        self.assertTrue({self.enterprise_a, self.enterprise_a1, self.enterprise_b} <= set(visible))

    def test_joint_reviewer_reads_but_does_not_write(self):
        # only the enterprises of the applications put to it (issue 14, finding 11)
        self.assertNotIn(self.enterprise_b, self._visible(self.joint_reviewer))
        library = self.env.ref('gradient_cultivation.library_srdi_sme')
        call = self.env['cultivation.call'].create({'name': 'Call', 'library_ids': [(6, 0, library.ids)],
                                                    'date_open': '2020-01-01', 'date_close': '2020-12-31'})
        self.env['cultivation.application'].create({
            'enterprise_id': self.enterprise_b.id, 'call_id': call.id, 'library_id': library.id,
            'state': 'in_review', 'joint_member_ids': [(6, 0, self.joint_reviewer.ids)]})
        self.assertEqual(self._visible(self.joint_reviewer), self.enterprise_b)
        with self.assertRaises(AccessError):
            self.enterprise_b.sudo(self.joint_reviewer).write({'employee_count': 3})

    def test_portal_user_sees_and_keeps_only_its_own_enterprise(self):
        self.assertEqual(self._visible(self.portal_user), self.enterprise_a)
        with self.assertRaises(AccessError):
            self.enterprise_b.sudo(self.portal_user).read(['name'])
        with self.assertRaises(AccessError):
            self.enterprise_b.sudo(self.portal_user).write({'employee_count': 1})
        self.enterprise_a.sudo(self.portal_user).write({'employee_count': 15})
        self.assertEqual(self.enterprise_a.employee_count, 15)
        for vals in ({'credit_code': '91610131MA0000004H'}, {'territory_id': self.other_street.id}):
            with self.assertRaises(AccessError):
                self.enterprise_a.sudo(self.portal_user).write(vals)
        self.assertEqual(self.enterprise_a.user_ids, self.portal_user)

    def test_internal_user_without_role_gets_nothing(self):
        with self.assertRaises(AccessError):
            self.env['cultivation.enterprise'].sudo(self.plain_user).search([])

    def test_nobody_but_administrators_deletes_enterprises(self):
        for user in (self.territory_reviewer, self.bureau_reviewer):
            with self.assertRaises(AccessError):
                self.enterprise_a.sudo(user).unlink()

    def test_territories_are_configured_by_administrators_only(self):
        with self.assertRaises(AccessError):
            self.env['cultivation.territory'].sudo(self.bureau_reviewer).create({'name': 'X', 'code': 'X'})
        self.assertEqual(self.sub_park.complete_name, 'Zone / Street A / Park A1')

    def test_territory_cannot_contain_itself(self):
        with self.assertRaises(ValidationError):
            self.zone.write({'parent_id': self.sub_park.id})
