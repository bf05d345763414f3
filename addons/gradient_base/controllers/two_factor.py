import base64
import time

import werkzeug.urls

from odoo import SUPERUSER_ID, _, http
from odoo.http import request
from odoo.service import security

from odoo.addons.auth_totp_password_security.controllers.main import AuthTotpPasswordSecurity

from ..models.res_users_two_factor import PENDING_KEY, PENDING_SECONDS

try:
    import pyotp
except ImportError:  # auth_totp declares it
    pyotp = None


def _local_path(url):
    """Only a path of this site: the login's redirect parameter is the visitor's to choose."""
    if not url or not url.startswith('/') or url.startswith('//') or '\\' in url:
        return None
    return url


class TwoFactorLogin(AuthTotpPasswordSecurity):
    """The browser's side of the two-factor login (the rule is in res.users.check_credentials):
    after a right password the login form sends the user to the code page, or to the enrolment
    page when their role requires two factors and they have no authenticator app yet. Only these
    pages complete the session, and only for the login whose password this session has just proved
    (the server-side session says which; nothing the browser sends does)."""

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _two_factor_pending(step):
        pending = request.session.get(PENDING_KEY)
        if not pending or pending.get('step') != step or time.time() - pending.get('since', 0) > PENDING_SECONDS:
            return None
        return pending

    @staticmethod
    def _two_factor_user(pending):
        if not request.uid:
            # these pages render as the login page does (auth='none' routes have no user yet)
            request.uid = SUPERUSER_ID
        user = request.env['res.users'].sudo().browse(pending['uid']).exists()
        if user and user.active and user.login == pending['login']:
            # the pages speak the user's language (the visitor's session has none yet)
            request.context = dict(request.context, lang=user.lang or 'zh_CN')
            return user
        return None

    @staticmethod
    def _two_factor_back_to_login(redirect=None):
        request.session.pop(PENDING_KEY, None)
        query = {'redirect': redirect} if _local_path(redirect) else None
        return http.local_redirect('/web/login', query=query)

    @staticmethod
    def _two_factor_qr(uri):
        """The QR code of the otpauth URI as an inline image: a /report/barcode URL (auth_totp's way)
        would write the secret into every access log on the way."""
        png = request.env['ir.actions.report'].sudo().barcode('QR', uri, width=240, height=240)
        return 'data:image/png;base64,%s' % base64.b64encode(png).decode()

    @staticmethod
    def _renew_session_id():
        """Whatever session id the browser brought to the login (planted or not) ends here: the
        signed-in session lives under a new one."""
        session = request.session
        http.root.session_store.delete(session)
        session.sid = http.root.session_store.generate_key()
        session.modified = True

    @staticmethod
    def _open_session(user):
        """Signs the user in on this browser's session (its id renewed before)."""
        session = request.session
        session.db = request.db
        session.uid = user.id
        session.login = user.login
        session.session_token = security.compute_session_token(session, request.env)
        request.uid = user.id
        request.disable_db = False
        session.get_context()
        user.sudo(user.id)._update_last_login()

    def _two_factor_sign_in(self, user, redirect):
        """Turns this session into the user's signed-in session, under a new session id."""
        session = request.session
        session.pop(PENDING_KEY, None)
        self._renew_session_id()
        session['mfa_login_active'] = user.id
        self._open_session(user)
        request.env['res.users'].sudo(user.id)._two_factor_log_attempt('successful')
        request.params['login_success'] = True
        if user._password_has_expired():
            # as password_security does after a password-only login
            user.action_expire_password()
            session.logout(keep_db=True)
            request.params['login_success'] = False
            return http.redirect_with_hash(user.partner_id.signup_url)
        return http.redirect_with_hash(self._login_redirect(user.id, redirect=_local_path(redirect)))

    # ------------------------------------------------------------------ the login form
    @http.route()
    def web_login(self, redirect=None, **kw):
        posted = request.httprequest.method == 'POST'
        if posted:
            request.session.pop(PENDING_KEY, None)
        response = super(TwoFactorLogin, self).web_login(redirect=redirect, **kw)
        if posted and not request.params.get('login_success'):
            pending = request.session.get(PENDING_KEY)
            if pending:
                path = '/auth_totp/login' if pending['step'] == 'code' else '/auth_totp/enrol'
                query = {'redirect': redirect} if _local_path(redirect) else None
                return http.local_redirect(path, query=query)
        return response

    # ------------------------------------------------------------------ the code
    @http.route()
    def mfa_login_get(self, redirect=None, **kwargs):
        pending = self._two_factor_pending('code')
        user = pending and self._two_factor_user(pending)
        if not user:
            return self._two_factor_back_to_login(redirect)
        return request.render('gradient_base.two_factor_code', {
            'redirect': _local_path(redirect), 'login': user.login, 'error': None})

    @http.route()
    def mfa_login_post(self, redirect=None, confirmation_code=None, **kwargs):
        pending = self._two_factor_pending('code')
        user = pending and self._two_factor_user(pending)
        if not user:
            return self._two_factor_back_to_login(redirect)
        users = request.env['res.users'].sudo(user.id)
        if users._two_factor_blocked():
            error = _('Too many wrong codes: sign in again in %(minutes)d minutes.') % {
                'minutes': users._two_factor_failure_limits()[1]}
        elif user._two_factor_verify(confirmation_code):
            return self._two_factor_sign_in(user, redirect)
        else:
            users._two_factor_log_attempt('code_failed')
            error = _('The code is not correct. Enter the six-digit code your authenticator app shows '
                      'now (check that the phone\'s time is right).')
        return request.render('gradient_base.two_factor_code', {
            'redirect': _local_path(redirect), 'login': user.login, 'error': error})

    # ------------------------------------------------------------------ enrolment
    def _two_factor_enrol_page(self, user, pending, redirect, error=None, name=None):
        secret = pending.setdefault('secret', pyotp.random_base32())
        request.session.modified = True
        issuer = user.company_id.name or 'Odoo'
        uri = pyotp.TOTP(secret).provisioning_uri(name=user.login, issuer_name=issuer)
        return request.render('gradient_base.two_factor_enrol', {
            'redirect': _local_path(redirect), 'login': user.login, 'error': error,
            'secret_groups': ' '.join(secret[i:i + 4] for i in range(0, len(secret), 4)),
            'qr_src': self._two_factor_qr(uri), 'device_name': name or _('Phone authenticator app'),
        })

    @http.route('/auth_totp/enrol', type='http', auth='none', methods=['GET'], sitemap=False)
    def two_factor_enrol_get(self, redirect=None, **kwargs):
        pending = self._two_factor_pending('enrol')
        user = pending and self._two_factor_user(pending)
        if not user:
            return self._two_factor_back_to_login(redirect)
        return self._two_factor_enrol_page(user, pending, redirect)

    @http.route('/auth_totp/enrol', type='http', auth='none', methods=['POST'], sitemap=False)
    def two_factor_enrol_post(self, redirect=None, confirmation_code=None, name=None, **kwargs):
        pending = self._two_factor_pending('enrol')
        user = pending and self._two_factor_user(pending)
        if not user or not pending.get('secret'):
            return self._two_factor_back_to_login(redirect)
        users = request.env['res.users'].sudo(user.id)
        code = (confirmation_code or '').strip().replace(' ', '')
        if users._two_factor_blocked():
            return self._two_factor_enrol_page(user, pending, redirect, name=name, error=_(
                'Too many wrong codes: sign in again in %(minutes)d minutes.') % {
                    'minutes': users._two_factor_failure_limits()[1]})
        if not (code.isdigit() and pyotp.TOTP(pending['secret']).verify(code, valid_window=1)):
            users._two_factor_log_attempt('code_failed')
            return self._two_factor_enrol_page(user, pending, redirect, name=name, error=_(
                'The code is not correct. Add the key to your authenticator app, then enter the '
                'six-digit code it shows now.'))
        user._two_factor_enrol(pending['secret'], (name or '').strip()[:64] or _('Phone authenticator app'))
        return self._two_factor_sign_in(user, redirect)
