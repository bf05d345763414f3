"""The ID token checks of the platform sign-on, with a key pair made here and the provider's
documents served by a stub (the end-to-end path through the real local provider is in
tests/ops/test_oidc_signon.py): signature from the JWKS (a rotated key fetched once), issuer,
audience, expiry, nonce, and the algorithms a token may not choose."""
import time
from unittest import mock

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from odoo.exceptions import AccessDenied, ValidationError
from odoo.tests.common import SavepointCase

from ..models import gradient_oidc_provider as oidc
from ..models.gradient_oidc_provider import OidcRefusal

ISSUER = 'https://id.example.gov.cn'


def new_key(kid):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key(), as_dict=True)
    public.update(kid=kid, use='sig', alg='RS256')
    return private, public


class TestOidcToken(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestOidcToken, cls).setUpClass()
        cls.provider = cls.env['gradient.oidc.provider'].create({
            'name': 'Test platform', 'issuer': ISSUER, 'client_id': 'gradient-test', 'client_secret': 's3cret'})
        cls.key, cls.jwk = new_key('k1')
        cls.other_key, cls.other_jwk = new_key('k2')

    def setUp(self):
        super(TestOidcToken, self).setUp()
        oidc._Cache.entries.clear()
        self.published = [self.jwk]
        self.fetched = []
        patcher = mock.patch.object(type(self.provider), '_get_json', side_effect=self._serve)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.addCleanup(oidc._Cache.entries.clear)

    def _serve(self, url, what):
        self.fetched.append(url)
        if url.endswith('/.well-known/openid-configuration'):
            return {'issuer': ISSUER, 'authorization_endpoint': ISSUER + '/auth', 'token_endpoint': ISSUER + '/token',
                    'jwks_uri': ISSUER + '/jwks', 'end_session_endpoint': ISSUER + '/session/end'}
        if url == ISSUER + '/jwks':
            return {'keys': list(self.published)}
        raise AssertionError(url)

    def token(self, key=None, kid='k1', algorithm='RS256', **changes):
        now = int(time.time())
        claims = {'iss': ISSUER, 'aud': 'gradient-test', 'sub': 'zqyb-1', 'iat': now, 'exp': now + 300,
                  'nonce': 'n-1', 'uscc': '91610131MA6TXB8L4U'}
        claims.update(changes)
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, key or self.key, algorithm=algorithm, headers={'kid': kid})

    def assertRefused(self, token, reason, nonce='n-1'):
        with self.assertRaises(OidcRefusal) as caught:
            self.provider._validate_id_token(token, nonce)
        self.assertEqual(caught.exception.reason, reason)
        self.assertTrue(caught.exception.message)
        return caught.exception

    def test_valid_token_gives_its_claims(self):
        claims = self.provider._validate_id_token(self.token(), 'n-1')
        self.assertEqual((claims['sub'], claims['uscc']), ('zqyb-1', '91610131MA6TXB8L4U'))

    def test_tampered_token_is_refused(self):
        header, payload, signature = self.token().split('.')
        other = self.token(uscc='91610131698765432Y').split('.')[1]
        self.assertRefused('.'.join([header, other, signature]), 'signature')

    def test_token_signed_by_an_unpublished_key_is_refused(self):
        self.assertRefused(self.token(key=self.other_key, kid='k1'), 'signature')
        self.assertRefused(self.token(key=self.other_key, kid='k9'), 'signature')

    def test_rotated_key_is_fetched_once(self):
        self.provider._validate_id_token(self.token(), 'n-1')
        jwks_fetches = self.fetched.count(ISSUER + '/jwks')
        self.published = [self.jwk, self.other_jwk]  # the provider rotated its keys
        claims = self.provider._validate_id_token(self.token(key=self.other_key, kid='k2'), 'n-1')
        self.assertEqual(claims['sub'], 'zqyb-1')
        self.assertEqual(self.fetched.count(ISSUER + '/jwks'), jwks_fetches + 1)
        # an unknown key makes one fetch per token, then the refusal
        self.assertRefused(self.token(key=self.other_key, kid='k3'), 'signature')
        self.assertEqual(self.fetched.count(ISSUER + '/jwks'), jwks_fetches + 2)

    def test_expired_token_is_refused(self):
        now = int(time.time())
        self.assertRefused(self.token(iat=now - 3600, exp=now - 600), 'expired')

    def test_token_of_another_audience_is_refused(self):
        self.assertRefused(self.token(aud='another-client'), 'audience')
        self.assertRefused(self.token(aud=['gradient-test', 'another-client']), 'audience')

    def test_token_of_another_issuer_is_refused(self):
        self.assertRefused(self.token(iss='https://evil.example'), 'issuer')

    def test_wrong_or_missing_nonce_is_refused(self):
        self.assertRefused(self.token(), 'nonce', nonce='n-2')
        self.assertRefused(self.token(nonce=None), 'nonce')

    def test_algorithms_a_token_may_not_choose(self):
        header = jwt.utils.base64url_encode(b'{"alg":"none","kid":"k1"}').decode()
        payload = self.token().split('.')[1]
        self.assertRefused('%s.%s.' % (header, payload), 'signature')
        # HS256 keyed with the public key (the classic confusion attack) is not accepted either
        self.assertRefused(jwt.encode({'iss': ISSUER}, 'secret', algorithm='HS256', headers={'kid': 'k1'}), 'signature')
        self.assertRefused('not a token', 'malformed')

    def test_missing_subject_is_refused(self):
        self.assertRefused(self.token(sub=None), 'malformed')

    def test_discovery_of_another_issuer_is_refused(self):
        self.provider.issuer = 'https://id.example.gov.cn/other'
        with self.assertRaises(OidcRefusal) as caught:
            self.provider._discovery()
        self.assertEqual(caught.exception.reason, 'discovery')

    def test_issuer_must_be_https_except_on_this_machine(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.provider.issuer = 'http://id.example.gov.cn'
        self.provider.issuer = 'http://localhost:8090'

    def test_authorization_url_carries_pkce_state_and_nonce(self):
        verifier, challenge = oidc.pkce_pair()
        url = self.provider._authorization_url('https://gc.example/auth_oidc/callback', 'st', 'no', challenge)
        for part in ('response_type=code', 'state=st', 'nonce=no', 'code_challenge=' + challenge,
                     'code_challenge_method=S256', 'client_id=gradient-test'):
            self.assertIn(part, url)
        self.assertNotIn(verifier, url)
        self.assertNotIn('s3cret', url)

    def test_secret_is_not_exported(self):
        result = self.provider.export_data(['name', 'client_secret'])
        self.assertEqual(result['datas'][0], ['Test platform', ''])


class TestPasswordSwitch(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestPasswordSwitch, cls).setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.clerk = Users.create({'name': 'Clerk', 'login': 'gc_switch_clerk', 'password': 'Clerk-Pass-2026!',
                                  'groups_id': [(6, 0, [cls.env.ref('base.group_user').id])]})
        cls.portal = Users.create({'name': 'Portal', 'login': 'gc_switch_portal', 'password': 'Portal-Pass-2026!',
                                   'groups_id': [(6, 0, [cls.env.ref('base.group_portal').id])]})
        cls.root = Users.create({'name': 'Root', 'login': 'gc_switch_admin', 'password': 'Admin-Pass-2026!',
                                 'groups_id': [(6, 0, [cls.env.ref('base.group_system').id])]})

    def test_switch_off_keeps_the_password_to_administrators(self):
        Users = self.env['res.users']
        self.env['ir.config_parameter'].set_param('gradient_base.password_login_others', 'False')
        self.assertFalse(Users._password_login_allowed(self.clerk))
        self.assertFalse(Users._password_login_allowed(self.portal))
        self.assertTrue(Users._password_login_allowed(self.root))
        with self.assertRaises(AccessDenied):
            Users.sudo(self.clerk).check_credentials('Clerk-Pass-2026!')
        with self.assertRaises(AccessDenied):
            Users.sudo(self.portal).check_credentials('Portal-Pass-2026!')
        self.env['ir.config_parameter'].set_param('gradient_base.password_login_others', 'True')
        self.assertTrue(Users._password_login_allowed(self.clerk))
        Users.sudo(self.clerk).check_credentials('Clerk-Pass-2026!')
