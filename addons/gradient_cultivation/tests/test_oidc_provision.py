"""Who a verified platform identity signs on as (res.users._oidc_sign_on): enterprise accounts are
created and bound to the enterprise of the verified credit code, the binding recorded as a claim
of its own kind; staff only as the user an administrator linked. Refusals leave nothing."""
from odoo.tests.common import SavepointCase

from odoo.addons.gradient_base.models.gradient_oidc_provider import OidcRefusal


class TestOidcProvision(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestOidcProvision, cls).setUpClass()
        cls.provider = cls.env['gradient.oidc.provider'].create({
            'name': 'Test platform', 'issuer': 'https://id.example.gov.cn', 'client_id': 'gradient-test'})
        cls.territory = cls.env['cultivation.territory'].create({'name': 'OIDC park', 'code': 'T-OIDC', 'type': 'park'})
        cls.known = cls.env['cultivation.enterprise'].create({
            'name': 'Known Enterprise', 'credit_code': '91610131MB0000017X', 'territory_id': cls.territory.id})
        cls.reviewer = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Reviewer', 'login': 'gc_oidc_reviewer', 'oidc_staff_id': 'GXQ-T-0001',
            'groups_id': [(6, 0, [cls.env.ref('gradient_cultivation.group_territory_reviewer').id])],
            'territory_ids': [(6, 0, [cls.territory.id])]})
        cls.Users = cls.env['res.users'].sudo()

    def claims(self, **changes):
        claims = {'sub': 'zqyb-t-1', 'name': '周静', 'email': 'zhou@t.example.com', 'phone_number': '13800000001',
                  'account_type': 'enterprise', 'uscc': '91610131MB0000017X', 'enterprise_name': 'Known Enterprise'}
        claims.update(changes)
        return {k: v for k, v in claims.items() if v is not None}

    def counts(self):
        return (self.Users.with_context(active_test=False).search_count([]),
                self.env['cultivation.enterprise'].with_context(active_test=False).search_count([]),
                self.env['cultivation.enterprise.claim'].search_count([]))

    def refused(self, claims, reason):
        before = self.counts()
        with self.assertRaises(OidcRefusal) as caught, self.cr.savepoint():
            self.Users._oidc_sign_on(self.provider, claims)
        self.assertEqual(caught.exception.reason, reason)
        self.assertEqual(self.counts(), before)
        return caught.exception

    def test_known_enterprise_binds_a_new_portal_account_once(self):
        user = self.Users._oidc_sign_on(self.provider, self.claims())
        self.assertTrue(user.share)
        self.assertEqual(user.oidc_subject, 'zqyb-t-1')
        self.assertEqual(self.env['cultivation.enterprise']._of_user(user), self.known)
        claim = self.env['cultivation.enterprise.claim'].search([('user_id', '=', user.id)])
        self.assertEqual((claim.origin, claim.state, claim.enterprise_id), ('signon', 'approved', self.known))
        self.assertTrue(self.env['gradient.oidc.log'].search([('event', '=', 'binding'), ('user_id', '=', user.id)]))
        # later sign-ons find the same account, and bind nothing again
        before = self.counts()
        self.assertEqual(self.Users._oidc_sign_on(self.provider, self.claims(email='other@t.example.com')), user)
        self.assertEqual(self.counts(), before)

    def test_new_enterprise_is_registered_from_the_claims(self):
        user = self.Users._oidc_sign_on(self.provider, self.claims(
            sub='zqyb-t-2', uscc='91610131MB00000282', enterprise_name='New Sensor Ltd'))
        enterprise = self.env['cultivation.enterprise']._of_user(user)
        self.assertEqual((enterprise.name, enterprise.credit_code), ('New Sensor Ltd', '91610131MB00000282'))
        self.assertEqual(enterprise.partner_id, user.partner_id.parent_id)

    def test_local_account_with_the_same_email_is_not_taken_over(self):
        local = self.Users.with_context(no_reset_password=True).create({
            'name': 'Local', 'login': 'zhou@t.example.com', 'groups_id': [(6, 0, [self.env.ref('base.group_portal').id])]})
        user = self.Users._oidc_sign_on(self.provider, self.claims())
        self.assertNotEqual(user, local)
        self.assertEqual(user.login, 'zqyb-zqyb-t-1')
        self.assertFalse(self.env['cultivation.enterprise']._of_user(local))

    def test_enterprise_claims_that_are_refused(self):
        self.assertIn('uscc', self.refused(self.claims(uscc=None), 'no_credit_code').message)
        self.refused(self.claims(uscc='  '), 'no_credit_code')
        self.refused(self.claims(uscc='91610131MB00000283'), 'bad_credit_code')
        self.refused(self.claims(uscc='91610131MB00000282', enterprise_name=None), 'claims')
        self.refused(self.claims(account_type='robot'), 'account_type')

    def test_account_of_another_enterprise_is_refused(self):
        self.Users._oidc_sign_on(self.provider, self.claims())
        self.refused(self.claims(uscc='91610131MB00000282', enterprise_name='Other'), 'other_enterprise')

    def test_staff_sign_on_only_as_a_linked_user(self):
        staff = self.claims(sub='zqyb-s-1', account_type='staff', staff_id='GXQ-T-0001', uscc=None)
        self.assertEqual(self.Users._oidc_sign_on(self.provider, staff), self.reviewer)
        self.assertEqual(self.reviewer.oidc_subject, 'zqyb-s-1')
        self.assertEqual(self.reviewer.territory_ids, self.territory)
        # another platform identity with the same staff number does not sign on as the reviewer
        self.refused(dict(staff, sub='zqyb-s-2'), 'subject_mismatch')
        before = self.counts()
        error = self.refused(dict(staff, sub='zqyb-s-3', staff_id='GXQ-T-9999'), 'unknown_staff')
        self.assertIn('GXQ-T-9999', error.message)
        self.refused(dict(staff, sub='zqyb-s-4', staff_id=None), 'unknown_staff')
        self.assertEqual(self.counts(), before)

    def test_portal_account_cannot_be_reached_as_staff(self):
        user = self.Users._oidc_sign_on(self.provider, self.claims())
        user.oidc_staff_id = 'GXQ-T-0002'
        self.refused(self.claims(sub='zqyb-s-5', account_type='staff', staff_id='GXQ-T-0002'), 'unknown_staff')
