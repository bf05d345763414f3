"""Sign-on through the 助企一把 platform's identity service (OpenID Connect).

Odoo 11's ``auth_oauth`` knows only the implicit flow: the browser brings back an access token in
the URL fragment and Odoo asks the provider whom it belongs to; nothing proves that the token was
issued for this application, and the token passes through the browser's history. It is not
installed. This module does the authorization code flow beside it: the browser brings back a
one-time code bound to this browser session (``state``) and to a PKCE verifier only the server
knows; the server redeems it at the token endpoint with the client secret and accepts only an ID
token signed by a key of the provider's JWKS, issued by the configured issuer, for this client,
unexpired and carrying the nonce of this sign-on. PyJWT (with ``cryptography``) checks the JWS.

One provider is configured (Settings > 统一身份认证); its record is readable by administrators
only, and its client secret is never exported nor shown in the audit log (auditlog_secret masks
fields named *secret*)."""
import base64
import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
import warnings

import requests
import werkzeug.urls

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

try:
    with warnings.catch_warnings():
        # cryptography warns once that CPython 3.7 is old: Odoo 11 runs on nothing newer
        warnings.simplefilter('ignore')
        import jwt
except ImportError:  # declared in the manifest's external dependencies
    jwt = None

HTTP_TIMEOUT = 10
# Discovery documents and key sets are kept this long; a key id not among the kept keys makes
# one fetch of the JWKS at once (the provider rotated its keys).
CACHE_SECONDS = 3600
CLOCK_LEEWAY = 60
SIGNING_ALGORITHMS = ('RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512')
LOOPBACK_HOSTS = ('localhost', '127.0.0.1', '[::1]')


class OidcRefusal(Exception):
    """A sign-on refused: ``reason`` is a short code for the log, ``message`` what the user reads
    (translated where raised); ``details`` what the log keeps besides (subject, credit code)."""

    def __init__(self, reason, message, **details):
        super(OidcRefusal, self).__init__(message)
        self.reason = reason
        self.message = message
        self.details = details


class _Cache(object):
    """Discovery documents and JWKS per issuer, shared by the threads of one process."""
    lock = threading.Lock()
    entries = {}

    @classmethod
    def get(cls, key):
        with cls.lock:
            entry = cls.entries.get(key)
        if entry and entry[1] > time.time():
            return entry[0]
        return None

    @classmethod
    def put(cls, key, value):
        with cls.lock:
            cls.entries[key] = (value, time.time() + CACHE_SECONDS)

    @classmethod
    def drop(cls, key):
        with cls.lock:
            cls.entries.pop(key, None)


def pkce_pair():
    """A PKCE verifier (RFC 7636, 43+ characters) and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b'=').decode()
    return verifier, challenge


class GradientOidcProvider(models.Model):
    _name = 'gradient.oidc.provider'
    _description = 'Sign-on Provider (OpenID Connect)'

    name = fields.Char(required=True, default='助企一把', help='The platform\'s name on the login button.')
    enabled = fields.Boolean(string='Sign-on Enabled', default=False,
                             help='Shows the platform\'s button on the login page and accepts its sign-ons.')
    issuer = fields.Char(string='Issuer URL',
                         help='The provider\'s issuer, e.g. https://id.example.gov.cn; its discovery document '
                              'is read from <issuer>/.well-known/openid-configuration.')
    client_id = fields.Char(string='Client ID')  # pylint: disable=attribute-string-redundant
    client_secret = fields.Char(groups='base.group_system', copy=False)
    scope = fields.Char(string='Scopes', default='openid profile email phone zqyb', required=True)
    claim_name = fields.Char(string='Name Claim', default='name', required=True)
    claim_phone = fields.Char(string='Phone Claim', default='phone_number', required=True)
    claim_email = fields.Char(string='E-mail Claim', default='email', required=True)
    claim_account_type = fields.Char(string='Account Type Claim', default='account_type', required=True)
    account_type_enterprise = fields.Char(string='Enterprise Account Type', default='enterprise', required=True,
                                          help='The value of the account type claim for enterprise accounts.')
    account_type_staff = fields.Char(string='Staff Account Type', default='staff', required=True,
                                     help='The value of the account type claim for government staff.')
    claim_credit_code = fields.Char(string='Credit Code Claim', default='uscc', required=True,
                                    help='The claim with the enterprise\'s unified social credit code the '
                                         'platform verified.')
    claim_enterprise_name = fields.Char(string='Enterprise Name Claim', default='enterprise_name', required=True)
    claim_staff_id = fields.Char(string='Staff ID Claim', default='staff_id', required=True,
                                 help='The claim with the platform\'s staff number; an administrator enters it on '
                                      'the user to link a staff identity to that user.')

    # ------------------------------------------------------------------ configuration checks
    @api.constrains('enabled', 'issuer', 'client_id')
    def _check_configuration(self):
        for provider in self:
            if provider.issuer:
                url = werkzeug.urls.url_parse(provider.issuer.strip())
                loopback = url.host in ('localhost', '127.0.0.1', '::1')
                if url.scheme not in ('https', 'http') or not url.host or (url.scheme == 'http' and not loopback):
                    raise ValidationError(_('Issuer URL: enter the https:// address of the identity service '
                                            '(plain http only for a provider on this machine).'))
                if url.query or url.fragment:
                    raise ValidationError(_('Issuer URL: an issuer has no query or fragment.'))
            if provider.enabled and not (provider.issuer and provider.client_id):
                raise ValidationError(_('Sign-on Enabled: enter the issuer URL and the client ID first.'))

    @api.model
    def _active(self):
        """The enabled provider, read as the system (the login page and the sign-on routes have no
        user yet; the record is administrators' only)."""
        return self.sudo().search([('enabled', '=', True)], limit=1)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        """The client secret never leaves in an export, not even an administrator's."""
        result = super(GradientOidcProvider, self).export_data(fields_to_export, raw_data=raw_data)
        secret_columns = [i for i, path in enumerate(fields_to_export) if path.split('/')[0] == 'client_secret']
        for row in result.get('datas', []):
            for i in secret_columns:
                row[i] = ''
        return result

    # ------------------------------------------------------------------ the provider's documents
    @api.multi
    def _issuer(self):
        self.ensure_one()
        return (self.issuer or '').strip().rstrip('/')

    @api.multi
    def _get_json(self, url, what):
        try:
            response = requests.get(url, timeout=HTTP_TIMEOUT, headers={'Accept': 'application/json'})
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as error:
            _logger.warning('OpenID Connect: cannot read the %s at %s: %s', what, url, error)
            raise OidcRefusal('unreachable', _(
                'The 助企一把 platform cannot be reached now (%(what)s). Try again in a moment; if it '
                'persists, tell the administrator.') % {'what': what})

    @api.multi
    def _discovery(self):
        """The provider's discovery document, whose issuer must be the configured one."""
        self.ensure_one()
        issuer = self._issuer()
        document = _Cache.get(('discovery', issuer))
        if document is None:
            document = self._get_json(issuer + '/.well-known/openid-configuration', 'discovery document')
            if not isinstance(document, dict) or document.get('issuer', '').rstrip('/') != issuer:
                _logger.warning('OpenID Connect: the discovery document of %s names the issuer %r',
                                issuer, isinstance(document, dict) and document.get('issuer'))
                raise OidcRefusal('discovery', _(
                    'The identity service at the configured issuer URL describes another issuer: '
                    'sign-on refused. The administrator checks the issuer URL in Settings.'))
            for key in ('authorization_endpoint', 'token_endpoint', 'jwks_uri'):
                if not document.get(key):
                    raise OidcRefusal('discovery', _(
                        'The identity service does not publish its %(endpoint)s: sign-on is not possible.')
                        % {'endpoint': key})
            _Cache.put(('discovery', issuer), document)
        return document

    @api.multi
    def _jwks(self, refresh=False):
        self.ensure_one()
        uri = self._discovery()['jwks_uri']
        keys = None if refresh else _Cache.get(('jwks', uri))
        if keys is None:
            document = self._get_json(uri, 'signing keys')
            keys = document.get('keys') if isinstance(document, dict) else None
            if not isinstance(keys, list):
                raise OidcRefusal('unreachable', _('The identity service published no signing keys: sign-on '
                                                   'is not possible now.'))
            _Cache.put(('jwks', uri), keys)
        return keys

    @api.multi
    def _signing_key(self, kid, alg):
        """The public key of ``kid``; an unknown kid makes one fresh fetch of the JWKS (the
        provider rotated its keys since we kept them)."""
        for refresh in (False, True):
            for jwk in self._jwks(refresh=refresh):
                if isinstance(jwk, dict) and jwk.get('kid') == kid and jwk.get('use', 'sig') == 'sig':
                    try:
                        return jwt.PyJWK(jwk, algorithm=alg).key
                    except (jwt.PyJWKError, jwt.InvalidKeyError, ValueError, TypeError) as error:
                        _logger.warning('OpenID Connect: the key %s of the JWKS is not usable: %s', kid, error)
                        break
        raise OidcRefusal('signature', _(
            'The identity token is signed with a key the 助企一把 platform does not publish: sign-on refused.'))

    # ------------------------------------------------------------------ the flow
    @api.multi
    def _authorization_url(self, redirect_uri, state, nonce, code_challenge):
        self.ensure_one()
        params = {
            'response_type': 'code',
            'client_id': self.client_id,
            'redirect_uri': redirect_uri,
            'scope': self.scope,
            'state': state,
            'nonce': nonce,
            'code_challenge': code_challenge,
            'code_challenge_method': 'S256',
        }
        endpoint = self._discovery()['authorization_endpoint']
        return endpoint + ('&' if '?' in endpoint else '?') + werkzeug.urls.url_encode(params)

    @api.multi
    def _redeem_code(self, code, redirect_uri, code_verifier):
        """The token endpoint's answer for ``code`` (a used or expired code is refused there)."""
        self.ensure_one()
        document = self._discovery()
        provider = self.sudo()  # the client secret is an administrator's field
        data = {'grant_type': 'authorization_code', 'code': code, 'redirect_uri': redirect_uri,
                'code_verifier': code_verifier}
        auth = None
        methods = document.get('token_endpoint_auth_methods_supported') or ['client_secret_basic']
        if 'client_secret_basic' in methods:
            # RFC 6749 2.3.1: the id and secret are form-encoded before the Basic scheme
            auth = (werkzeug.urls.url_quote_plus(provider.client_id or ''),
                    werkzeug.urls.url_quote_plus(provider.client_secret or ''))
        else:
            data.update(client_id=provider.client_id, client_secret=provider.client_secret or '')
        try:
            response = requests.post(document['token_endpoint'], data=data, auth=auth, timeout=HTTP_TIMEOUT,
                                     headers={'Accept': 'application/json'})
        except requests.RequestException as error:
            _logger.warning('OpenID Connect: the token endpoint cannot be reached: %s', error)
            raise OidcRefusal('unreachable', _(
                'The 助企一把 platform cannot be reached now (token endpoint). Try again in a moment.'))
        try:
            body = response.json()
        except ValueError:
            body = {}
        if response.status_code != 200 or not isinstance(body, dict) or not body.get('id_token'):
            error = body.get('error') if isinstance(body, dict) else None
            _logger.warning('OpenID Connect: the token endpoint refused the code (HTTP %s, %s: %s)',
                            response.status_code, error, isinstance(body, dict) and body.get('error_description'))
            raise OidcRefusal('code', _(
                'The 助企一把 platform did not accept the sign-on code (%(error)s): a code is good for one '
                'sign-on and a few minutes only. Sign on again.') % {'error': error or response.status_code})
        return body

    @api.multi
    def _validate_id_token(self, id_token, nonce):
        """The claims of ``id_token`` once its signature (a key of the JWKS), issuer, audience,
        expiry and nonce are right; else OidcRefusal."""
        self.ensure_one()
        issuer = self._discovery()['issuer']
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError:
            raise OidcRefusal('malformed', _('The identity token of the 助企一把 platform cannot be read: '
                                             'sign-on refused.'))
        alg = header.get('alg')
        if alg not in SIGNING_ALGORITHMS:
            # never "none", never a shared-secret algorithm chosen by the token itself
            raise OidcRefusal('signature', _('The identity token is not signed as the platform signs: sign-on '
                                             'refused.'))
        key = self._signing_key(header.get('kid'), alg)
        try:
            claims = jwt.decode(id_token, key, algorithms=[alg], audience=self.client_id, issuer=issuer,
                                leeway=CLOCK_LEEWAY, options={'require': ['exp', 'iat', 'iss', 'aud', 'sub']})
        except jwt.ExpiredSignatureError:
            raise OidcRefusal('expired', _('The identity token of the 助企一把 platform has expired: sign on again.'))
        except jwt.InvalidAudienceError:
            raise OidcRefusal('audience', _('The identity token was issued for another application, not for this '
                                            'system: sign-on refused.'))
        except jwt.InvalidIssuerError:
            raise OidcRefusal('issuer', _('The identity token was not issued by the configured 助企一把 platform: '
                                          'sign-on refused.'))
        except jwt.InvalidSignatureError:
            raise OidcRefusal('signature', _('The signature of the identity token is not valid (the token was '
                                             'altered): sign-on refused.'))
        except jwt.PyJWTError as error:
            _logger.warning('OpenID Connect: ID token refused: %s', error)
            raise OidcRefusal('malformed', _('The identity token of the 助企一把 platform is not valid '
                                             '(%(error)s): sign-on refused.') % {'error': error})
        audiences = claims['aud'] if isinstance(claims['aud'], list) else [claims['aud']]
        if len(audiences) > 1 and claims.get('azp') != self.client_id:
            raise OidcRefusal('audience', _('The identity token was issued for another application, not for this '
                                            'system: sign-on refused.'))
        if not isinstance(claims.get('nonce'), str) or not hmac.compare_digest(claims['nonce'], nonce or ''):
            raise OidcRefusal('nonce', _('The identity token does not belong to this sign-on (its nonce differs): '
                                         'sign on again.'), subject=claims.get('sub'))
        if not isinstance(claims.get('sub'), str) or not claims['sub'].strip() or len(claims['sub']) > 255:
            raise OidcRefusal('claims', _('The identity token names no account (sub): sign-on refused.'))
        return claims

    @api.multi
    def _end_session_url(self, id_token, post_logout_redirect_uri):
        """The provider's logout address (RP-initiated logout), or None when it offers none."""
        self.ensure_one()
        try:
            endpoint = self._discovery().get('end_session_endpoint')
        except OidcRefusal:
            return None
        if not endpoint:
            return None
        params = {'post_logout_redirect_uri': post_logout_redirect_uri, 'client_id': self.client_id}
        if id_token:
            params['id_token_hint'] = id_token
        return endpoint + ('&' if '?' in endpoint else '?') + werkzeug.urls.url_encode(params)

    # ------------------------------------------------------------------ claims
    @api.multi
    def _claim(self, claims, field):
        """The value of the claim named by the setting ``field``, as stripped text (or '')."""
        self.ensure_one()
        value = claims.get(self[field] or '')
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        return value.strip() if isinstance(value, str) else ''

    @api.multi
    def _account_kind(self, claims):
        """'enterprise' or 'staff', by the account type claim."""
        self.ensure_one()
        value = self._claim(claims, 'claim_account_type')
        if value == self.account_type_enterprise:
            return 'enterprise'
        if value == self.account_type_staff:
            return 'staff'
        raise OidcRefusal('account_type', _(
            'The 助企一把 platform sent the account type "%(type)s", which is neither an enterprise nor a staff '
            'account (claim %(claim)s): sign-on refused.') % {'type': value or '-', 'claim': self.claim_account_type},
            subject=claims.get('sub'))

    @api.model
    def _demo_configure_local(self):
        """Demo databases only (gradient_cultivation's demo data): points the platform's record at
        the local provider that `make run` and `make test` start (deploy/oidc/provider.mjs). The
        scripts say where it listens (GC_OIDC_ISSUER); its demo client secret is no secret."""
        provider = self.env.ref('gradient_base.oidc_provider_platform')
        provider.write({
            'issuer': os.environ.get('GC_OIDC_ISSUER') or 'http://localhost:8090',
            'client_id': os.environ.get('GC_OIDC_CLIENT_ID') or 'gradient-cultivation',
            'client_secret': os.environ.get('GC_OIDC_CLIENT_SECRET') or 'local-demo-client-secret-not-for-production',
            'enabled': True,
        })
        return True
