import pyotp

from odoo.exceptions import AccessDenied, AccessError, ValidationError
from odoo.tests.common import SavepointCase

from ..models.res_users_two_factor import TwoFactorCodeNeeded, TwoFactorEnrolmentNeeded

SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'


class TestTwoFactor(SavepointCase):
    """The credential rule of two-factor users, without a browser (no request: as over XML-RPC)."""

    @classmethod
    def setUpClass(cls):
        super(TestTwoFactor, cls).setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.required_group = cls.env['res.groups'].create({'name': 'Two-factor staff', 'two_factor_required': True})
        cls.staff = Users.create({'name': 'Staff', 'login': 'tf_staff', 'password': 'Staff-pw-2026',
                                  'groups_id': [(6, 0, [cls.env.ref('base.group_user').id, cls.required_group.id])]})
        cls.enrolled = Users.create({'name': 'Enrolled', 'login': 'tf_enrolled', 'password': 'Enrolled-pw-2026',
                                     'groups_id': [(6, 0, [cls.env.ref('base.group_user').id, cls.required_group.id])]})
        cls.enrolled._two_factor_enrol(SECRET, 'Phone')
        cls.clerk = Users.create({'name': 'Clerk', 'login': 'tf_clerk', 'password': 'Clerk-pw-2026',
                                  'groups_id': [(6, 0, [cls.env.ref('base.group_user').id])]})
        cls.manager = Users.create({'name': 'Manager', 'login': 'tf_manager', 'password': 'Manager-pw-2026',
                                    'groups_id': [(6, 0, [cls.env.ref('base.group_user').id,
                                                          cls.env.ref('base.group_erp_manager').id])]})

    def _check(self, user, credential):
        self.env['res.users'].sudo(user).check_credentials(credential)

    def test_users_without_requirement_sign_in_with_the_password(self):
        self._check(self.clerk, 'Clerk-pw-2026')

    def test_an_unenrolled_required_user_gets_no_credential_until_enrolled(self):
        with self.assertRaises(TwoFactorEnrolmentNeeded):
            self._check(self.staff, 'Staff-pw-2026')
        with self.assertRaises(AccessDenied):
            self._check(self.staff, 'wrong')

    def test_an_enrolled_user_needs_password_and_current_code(self):
        with self.assertRaises(TwoFactorCodeNeeded):
            self._check(self.enrolled, 'Enrolled-pw-2026')
        self._check(self.enrolled, 'Enrolled-pw-2026' + pyotp.TOTP(SECRET).now())
        with self.assertRaises(AccessDenied):
            self._check(self.enrolled, 'wrong-pw' + pyotp.TOTP(SECRET).now())

    def test_a_wrong_code_with_the_right_password_is_refused(self):
        wrong = '%06d' % ((int(pyotp.TOTP(SECRET).now()) + 500000) % 1000000)
        with self.assertRaises(AccessDenied):
            self._check(self.enrolled, 'Enrolled-pw-2026' + wrong)

    def test_a_required_user_cannot_switch_it_off(self):
        with self.assertRaises(ValidationError):
            self.enrolled.sudo(self.enrolled).write({'mfa_enabled': False})

    def test_users_cannot_touch_authenticators_through_their_preferences(self):
        other = self.enrolled.authenticator_ids
        with self.assertRaises(AccessError):
            self.clerk.sudo(self.clerk).write({'authenticator_ids': [(4, other.id)]})
        with self.assertRaises(AccessError):
            self.env['res.users.authenticator'].sudo(self.clerk).create(
                {'name': 'Mine', 'secret_key': SECRET, 'user_id': self.clerk.id})
        self.assertEqual(other.user_id, self.enrolled)

    def test_the_secret_is_never_read_nor_searched(self):
        authenticator = self.enrolled.authenticator_ids
        for env_user in (self.manager, self.env.user):  # an administrator of users, the superuser
            Authenticators = self.env['res.users.authenticator'].sudo(env_user)
            with self.assertRaises(AccessError):
                Authenticators.browse(authenticator.id).read(['secret_key'])
            self.assertNotIn('secret_key', Authenticators.browse(authenticator.id).read()[0])
            with self.assertRaises(AccessError):
                Authenticators.search([('secret_key', '=like', 'J%')])
            with self.assertRaises(AccessError):
                Authenticators.read_group([], ['user_id'], ['secret_key'])
            with self.assertRaises(AccessError):
                self.env['res.users'].sudo(env_user).search([('authenticator_ids.secret_key', '=like', 'J%')])
        self.assertTrue(self.enrolled._two_factor_verify(pyotp.TOTP(SECRET).now()))

    def test_codes_of_others_are_no_oracle(self):
        with self.assertRaises(AccessError):
            self.enrolled.sudo(self.manager).validate_mfa_confirmation_code('123456')
        with self.assertRaises(AccessError):
            self.enrolled.authenticator_ids.sudo(self.manager).validate_conf_code('123456')

    def test_required_groups_are_configuration(self):
        self.assertTrue(self.env.ref('base.group_system').two_factor_required)
        self.assertFalse(self.env.ref('base.group_portal').two_factor_required)
