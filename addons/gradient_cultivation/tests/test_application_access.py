from odoo.exceptions import AccessError, UserError

from .common import CultivationCase


class TestApplicationAccess(CultivationCase):
    """Who reads and writes which applications, over the ORM as RPC would."""

    @classmethod
    def setUpClass(cls):
        super(TestApplicationAccess, cls).setUpClass()
        cls._application_fixtures()
        other_contact = cls.env['res.partner'].create({'name': 'B contact', 'parent_id': cls.enterprise_b.partner_id.id})
        cls.portal_b = cls._user('portal_b', 'base.group_portal', partner_id=other_contact.id)

    def setUp(self):
        super(TestApplicationAccess, self).setUp()
        self.app_a = self._new_application()
        self.app_a.action_submit()
        self.app_b = self._new_application(user=self.portal_b, enterprise_id=self.enterprise_b.id)
        self.app_b.action_submit()
        self.draft_a = self._new_application(library=self.scale_up)

    def _visible(self, user, model='cultivation.application'):
        return self.env[model].sudo(user).search([])

    def test_territory_reviewer_sees_submitted_applications_of_its_territories(self):
        visible = self._visible(self.territory_reviewer)
        self.assertIn(self.app_a, visible)
        self.assertNotIn(self.app_b, visible)
        self.assertNotIn(self.draft_a, visible)  # drafts are the enterprise's own
        with self.assertRaises(AccessError):
            self.app_b.sudo(self.territory_reviewer).read(['name'])
        lines = self._visible(self.territory_reviewer, 'cultivation.application.financial')
        self.assertEqual(lines.mapped('application_id'), self.app_a)
        attachments = self._visible(self.territory_reviewer, 'cultivation.application.attachment')
        self.assertEqual(attachments.mapped('application_id'), self.app_a)

    def test_bureau_sees_every_submitted_application(self):
        visible = self._visible(self.bureau_reviewer)
        self.assertTrue({self.app_a, self.app_b} <= set(visible))
        self.assertNotIn(self.draft_a, visible)

    def test_joint_member_sees_only_what_is_put_to_it(self):
        self.assertFalse(self._visible(self.joint_reviewer))
        self.app_a.sudo(self.territory_reviewer).action_approve()
        self.app_a.sudo(self.bureau_reviewer).action_approve()
        self.assertEqual(self._visible(self.joint_reviewer), self.app_a)
        self.assertEqual(self._visible(self.joint_reviewer, 'cultivation.application.financial').mapped(
            'application_id'), self.app_a)

    def test_enterprise_sees_only_its_own(self):
        self.assertEqual(set(self._visible(self.portal_user)), {self.app_a, self.draft_a})
        self.assertEqual(self._visible(self.portal_b), self.app_b)
        with self.assertRaises(AccessError):
            self.app_b.sudo(self.portal_user).read(['name'])
        with self.assertRaises(AccessError):
            self.app_b.sudo(self.portal_user).action_withdraw()
        with self.assertRaises(AccessError):  # nor apply in another enterprise's name
            self._new_application(user=self.portal_user, enterprise_id=self.enterprise_b.id, library=self.scale_up)
        self.assertFalse(self._visible(self.portal_user, 'cultivation.application.version').filtered(
            lambda v: v.application_id == self.app_b))

    def test_internal_user_without_role_sees_nothing(self):
        for model in ('cultivation.application', 'cultivation.application.financial',
                      'cultivation.application.attachment', 'cultivation.application.review'):
            with self.assertRaises(AccessError):
                self.env[model].sudo(self.plain_user).search([])

    def test_nobody_deletes_a_submitted_application(self):
        with self.assertRaises(UserError):
            self.app_a.sudo(self.portal_user).unlink()
        with self.assertRaises(AccessError):
            self.app_a.sudo(self.bureau_reviewer).unlink()
        manager = self._user('app_deleter', 'gradient_cultivation.group_manager')
        with self.assertRaises(UserError):
            self.app_a.sudo(manager).unlink()  # administrators neither: it is withdrawn instead
        with self.assertRaises(AccessError):
            self.draft_a.sudo(self.portal_user).unlink()  # the enterprise keeps editing its draft
        self.draft_a.sudo(manager).unlink()  # an administrator may remove a draft made by mistake
        self.assertFalse(self.draft_a.exists())
