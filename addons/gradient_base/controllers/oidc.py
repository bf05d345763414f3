"""The browser's side of the platform sign-on (authorization code flow with PKCE).

/auth_oidc/login starts it: a fresh ``state``, ``nonce`` and PKCE verifier are kept in this
browser's server-side session, and the browser goes to the provider's login page.
/auth_oidc/callback finishes it: the ``state`` must be the one this session started (a forged
state, or one started in another browser, is refused), the code is redeemed once with the
verifier and the client secret, the ID token is checked (models/gradient_oidc_provider.py), and
the user is found or provisioned (res.users._oidc_sign_on) inside a savepoint, so that a refusal
leaves nothing behind. Every outcome is written to the sign-on log."""
import hmac
import logging
import secrets
import time

import werkzeug.utils

from odoo import SUPERUSER_ID, _, http
from odoo.http import request

from odoo.addons.web.controllers.main import Session

from ..models.gradient_oidc_provider import OidcRefusal, pkce_pair
from ..models.res_users_oidc import PASSWORD_PARAM
from ..models.res_users_two_factor import PENDING_KEY
from .two_factor import TwoFactorLogin, _local_path

_logger = logging.getLogger(__name__)
FLOW_KEY = 'gc_oidc_flow'
ERROR_KEY = 'gc_oidc_error'
ID_TOKEN_KEY = 'gc_oidc_id_token'
FLOW_SECONDS = 900


def _as_system():
    """The sign-on routes run before anyone is signed in; they read the provider as the system,
    in the users' language."""
    request.uid = SUPERUSER_ID
    _in_users_language()


def _in_users_language():
    """Messages of a visitor without a session in the language of the demo and of the zone's
    users (the browser's own language is not Odoo's to read on these routes)."""
    if (request.context.get('lang') or 'en_US') == 'en_US' and request.env['res.lang'].sudo().search_count(
            [('code', '=', 'zh_CN'), ('active', '=', True)]):
        request.context = dict(request.context, lang='zh_CN')


def _callback_uri():
    return request.httprequest.url_root.rstrip('/') + '/auth_oidc/callback'


class OidcLogin(TwoFactorLogin):

    # ------------------------------------------------------------------ the login page
    @http.route()
    def web_login(self, redirect=None, **kw):
        response = super(OidcLogin, self).web_login(redirect=redirect, **kw)
        qcontext = getattr(response, 'qcontext', None)
        if qcontext is not None:
            env = request.env(user=SUPERUSER_ID)  # the login page has no user yet
            provider = env['gradient.oidc.provider']._active()
            qcontext['gc_oidc_provider'] = provider.name if provider else None
            passwords_off = env['ir.config_parameter'].get_param(PASSWORD_PARAM, 'True') == 'False'
            if passwords_off:
                # an account signed up with a password could not sign in with it
                qcontext['signup_enabled'] = False
            error = request.session.pop(ERROR_KEY, None)
            if error:
                qcontext['error'] = error
            elif request.httprequest.method == 'POST' and qcontext.get('error') and passwords_off:
                _in_users_language()
                qcontext['error'] = _('Only administrators sign in with a password; please sign on with your '
                                      '助企一把 account.')
        return response

    # ------------------------------------------------------------------ start
    @http.route('/auth_oidc/login', type='http', auth='none', methods=['GET'], sitemap=False)
    def oidc_login(self, redirect=None, **kwargs):
        _as_system()
        provider = request.env['gradient.oidc.provider']._active()
        if not provider:
            return self._oidc_refuse(None, OidcRefusal('disabled', _(
                'Sign-on through the 助企一把 platform is not configured.')))
        state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        verifier, challenge = pkce_pair()
        try:
            url = provider._authorization_url(_callback_uri(), state, nonce, challenge)
        except OidcRefusal as refusal:
            return self._oidc_refuse(provider, refusal)
        # One sign-on at a time per browser session: a new start replaces an unfinished one.
        request.session[FLOW_KEY] = {
            'state': state, 'nonce': nonce, 'verifier': verifier, 'provider_id': provider.id,
            'issuer': provider._issuer(), 'redirect_uri': _callback_uri(), 'since': time.time(),
            'redirect': _local_path(redirect),
        }
        return werkzeug.utils.redirect(url, 303)

    # ------------------------------------------------------------------ finish
    @http.route('/auth_oidc/callback', type='http', auth='none', methods=['GET'], sitemap=False)
    def oidc_callback(self, **params):
        _as_system()
        flow = request.session.pop(FLOW_KEY, None)
        request.session.modified = True
        provider = request.env['gradient.oidc.provider']._active()
        try:
            if not provider:
                raise OidcRefusal('disabled', _('Sign-on through the 助企一把 platform is not configured.'))
            state = params.get('state')
            if (not flow or not isinstance(state, str) or not hmac.compare_digest(state, flow['state'])
                    or time.time() - flow.get('since', 0) > FLOW_SECONDS or flow.get('provider_id') != provider.id):
                raise OidcRefusal('state', _(
                    'This sign-on was not started in this browser, or it took too long: sign on again from the '
                    'login page.'))
            if params.get('error'):
                raise OidcRefusal('provider_error', _(
                    'The 助企一把 platform did not sign you on (%(error)s): try again.') % {
                        'error': str(params.get('error_description') or params['error'])[:200]})
            if params.get('iss') and params['iss'].rstrip('/') != flow['issuer']:
                raise OidcRefusal('issuer', _('The answer came from another identity service than the configured '
                                              'one: sign-on refused.'))
            if not params.get('code'):
                raise OidcRefusal('code', _('The 助企一把 platform sent no sign-on code: sign on again.'))
            tokens = provider._redeem_code(params['code'], flow['redirect_uri'], flow['verifier'])
            claims = provider._validate_id_token(tokens['id_token'], flow['nonce'])
            try:
                with request.env.cr.savepoint():
                    user = request.env['res.users'].sudo()._oidc_sign_on(provider, claims)
            except OidcRefusal as refusal:
                refusal.details.setdefault('subject', claims.get('sub'))
                raise
        except OidcRefusal as refusal:
            return self._oidc_refuse(provider, refusal)
        return self._oidc_sign_in(provider, user, claims, tokens['id_token'], flow.get('redirect'))

    def _oidc_refuse(self, provider, refusal):
        details = dict(refusal.details)
        request.env['gradient.oidc.log']._record(
            'refused', reason=refusal.reason, message=refusal.message, subject=details.pop('subject', None),
            account_type=details.pop('account_type', None), credit_code=details.pop('credit_code', None),
            enterprise=details.pop('enterprise', None))
        request.session[ERROR_KEY] = refusal.message
        return werkzeug.utils.redirect('/web/login', 303)

    def _oidc_sign_in(self, provider, user, claims, id_token, redirect):
        """Turns this browser session into the user's, under a new session id; a user whose role
        requires two factors continues with the code of the authenticator app."""
        kind = provider._account_kind(claims)
        session = request.session
        self._renew_session_id()
        session[ID_TOKEN_KEY] = id_token
        request.env['gradient.oidc.log']._record(
            'signon', user=user, subject=claims['sub'], account_type=kind,
            credit_code=provider._claim(claims, 'claim_credit_code') or None,
            enterprise=provider._claim(claims, 'claim_enterprise_name') or None)
        if user._two_factor_required() or user.sudo().mfa_enabled:
            # the platform proved the person; the role still asks for the authenticator app
            session[PENDING_KEY] = {'uid': user.id, 'login': user.login, 'since': time.time(),
                                    'step': 'code' if user._two_factor_enrolled() else 'enrol'}
            path = '/auth_totp/login' if user._two_factor_enrolled() else '/auth_totp/enrol'
            query = {'redirect': redirect} if redirect else None
            return http.local_redirect(path, query=query)
        self._open_session(user)
        return werkzeug.utils.redirect(self._login_redirect(user.id, redirect=redirect), 303)


class OidcSession(Session):

    @http.route('/web/session/logout', type='http', auth='none')
    def logout(self, redirect='/web'):
        """Signing out of the module signs out of the platform too (RP-initiated logout), when
        this session signed on through it and the platform offers it."""
        id_token = request.session.get(ID_TOKEN_KEY)
        uid = request.session.uid
        if id_token and uid:
            request.uid = SUPERUSER_ID
            provider = request.env['gradient.oidc.provider']._active()
            url = provider and provider._end_session_url(
                id_token, request.httprequest.url_root.rstrip('/') + '/web/login')
            if url:
                request.env['gradient.oidc.log']._record(
                    'logout', user=request.env['res.users'].sudo().browse(uid),
                    message=_('Signed out of this system and of the 助企一把 platform.'))
                request.session.logout(keep_db=True)
                return werkzeug.utils.redirect(url, 303)
        return super(OidcSession, self).logout(redirect=redirect)
