import time
from collections import defaultdict
from datetime import datetime, timedelta
from threading import current_thread

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessDenied, AccessError, ValidationError
from odoo.http import request

from odoo.addons.auth_totp.exceptions import MfaLoginNeeded

CODE_DIGITS = 6
# The session of a login whose password was right and whose second factor is still due.
PENDING_KEY = 'two_factor_pending'
PENDING_SECONDS = 600
# An RPC client sends password + code with every call; one verified pair is trusted this long, so
# that a script's calls within one 30-second code step are not all hashed and logged again.
RPC_TRUST_SECONDS = 30


class TwoFactorCodeNeeded(MfaLoginNeeded):
    """The password was right; the code of the user's authenticator app is still due."""


class TwoFactorEnrolmentNeeded(AccessDenied):
    """The password was right; the user must enrol an authenticator app before signing in."""


class ResUsers(models.Model):
    """Two-factor login (OCA auth_totp) as our rule:

    - a user whose groups require it (res.groups.two_factor_required) or who has switched it on
      signs in with the password, then the code of the authenticator app, at every login (no
      "trusted device" shortcut); one who must but has not enrolled yet is sent to enrol right after
      the password, and gets no session until enrolled;
    - outside a web session that has passed the code (XML-RPC, /jsonrpc, /web/session/authenticate)
      such a user's credential is the password followed by the current six-digit code: the password
      alone is refused, so RPC is no way around the second factor, and a script of an administrator
      proves possession of the authenticator at each call;
    - wrong codes sent with the right password are logged as login failures (auth_brute_force) and
      five of them within the window block further codes of that login.
    The flags live in the web session on the server only: no value a client sends skips a step."""
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'res.users'  # pylint: disable=consider-merging-classes-inherited

    _two_factor_rpc_cache = defaultdict(dict)

    @classmethod
    def _build_model(cls, pool, cr):
        """auth_totp lets users write their own authenticator_ids, and Odoo writes a user's own
        SELF_WRITEABLE_FIELDS as superuser: one2many commands there would link, take over or delete
        other users' authenticators. Authenticators are added by the enrolment flows only."""
        ModelCls = super(ResUsers, cls)._build_model(pool, cr)
        ModelCls.SELF_WRITEABLE_FIELDS = [name for name in ModelCls.SELF_WRITEABLE_FIELDS
                                          if name != 'authenticator_ids']
        return ModelCls

    # ------------------------------------------------------------------ who needs what
    @api.multi
    def _two_factor_required(self):
        self.ensure_one()
        return bool(self.sudo().groups_id.filtered('two_factor_required'))

    @api.multi
    def _two_factor_enrolled(self):
        """An app is set up and in use: switched on by the user, or required by their role."""
        self.ensure_one()
        user = self.sudo()
        return bool(user.authenticator_ids and (user.mfa_enabled or user._two_factor_required()))

    @api.multi
    def _two_factor_verify(self, code):
        """True when ``code`` is a current code of one of the user's authenticator apps."""
        self.ensure_one()
        return self.sudo().authenticator_ids._totp_verify(code)

    @api.multi
    def _two_factor_enrol(self, secret, name):
        """Adds the confirmed authenticator app and switches the two-factor login on."""
        self.ensure_one()
        taken = self.sudo().authenticator_ids.mapped('name')
        unique, n = name, 1
        while unique in taken:
            n += 1
            unique = '%s (%d)' % (name, n)
        # sudo: users may not create authenticators themselves (only confirmed ones, here); at
        # enrolment after the password there is no session yet
        self.env['res.users.authenticator'].sudo().create({'name': unique, 'secret_key': secret, 'user_id': self.id})
        self.sudo().write({'mfa_enabled': True})

    @api.multi
    def validate_mfa_confirmation_code(self, confirmation_code):
        """auth_totp's public code check: over RPC it would test codes of any user without
        counting as a login failure. Only a user's own codes, and our flows use _two_factor_verify."""
        self.ensure_one()
        if self.id != self.env.uid:
            raise AccessError(_('Only the user can check the codes of their own authenticator app.'))
        return self._two_factor_verify(confirmation_code)

    @api.constrains('mfa_enabled')
    def _check_two_factor_kept(self):
        for user in self:
            if not user.mfa_enabled and user.authenticator_ids and user._two_factor_required():
                raise ValidationError(_(
                    '%(user)s must sign in with two factors (role: %(groups)s): the two-factor login '
                    'cannot be switched off. To replace a lost phone, an administrator removes the '
                    'user\'s authenticator apps; the user enrols again at the next login.') % {
                        'user': user.name,
                        'groups': '、'.join(user.sudo().groups_id.filtered('two_factor_required').mapped('full_name'))})

    # ------------------------------------------------------------------ the credential check
    @classmethod
    def check(cls, db, uid, passwd):
        """Each XML-RPC call checks its credential again (auth_totp drops Odoo's cache for
        two-factor users outside a web session that passed the code); a verified password + code
        is trusted for RPC_TRUST_SECONDS, no longer than the code itself is valid."""
        cache = cls._two_factor_rpc_cache[cls.pool.db_name]
        cached = cache.get(uid)
        if cached and cached[0] == passwd and cached[1] > time.time():
            return
        super(ResUsers, cls).check(db, uid, passwd)
        if uid in cls._mfa_uid_cache[cls.pool.db_name]:
            cache[uid] = (passwd, time.time() + RPC_TRUST_SECONDS)

    @api.model
    def check_credentials(self, password):
        user = self.env.user
        required = user._two_factor_required()
        if not (required or user.sudo().mfa_enabled):
            return super(ResUsers, self).check_credentials(password)
        # auth_totp's check() then never serves this uid from Odoo's credential cache
        self._mfa_uid_cache[self.env.cr.dbname].add(self.env.uid)
        if request and request.session.get('mfa_login_active') == self.env.uid:
            # a web session that has passed the second factor confirms actions with the password
            # alone (change password, the restore wizard)
            return self._two_factor_check_password(password)
        # the login's entry in auth_brute_force's log, when this check is part of a login: its
        # password check below records "successful", which only the second step may decide
        attempt_id = getattr(current_thread(), 'auth_attempt_id', None)
        if user._two_factor_enrolled():
            if self._two_factor_check_with_code(password, attempt_id):
                return
            self._two_factor_check_password(password)
            self._two_factor_pend('code')
            self._two_factor_log_attempt('second_factor', attempt_id)
            raise TwoFactorCodeNeeded()
        self._two_factor_check_password(password)
        self._two_factor_pend('enrol')
        self._two_factor_log_attempt('second_factor', attempt_id)
        raise TwoFactorEnrolmentNeeded()

    @api.model
    # lint: the check raises when it fails; it returns nothing
    def _two_factor_check_password(self, password):  # pylint: disable=missing-return
        """The password check of the layers below (auth_brute_force's ban included), without
        auth_totp's own second step, which ours replaces."""
        try:
            # lint: writes through the layer below this override on purpose
            super(ResUsers, self).check_credentials(password)  # pylint: disable=super-method-mismatch
        # lint: a wrong password falls through to the password+code check below
        except MfaLoginNeeded:  # pylint: disable=except-pass
            pass  # auth_totp raises it only once the layers below it have accepted the password
        if request:
            # auth_totp's web_login would send the browser to its own code page
            request.session.pop('mfa_login_needed', None)

    @api.model
    def _check_password_confirmation(self, password):
        """A signed-in user confirms a grave action with their password (the restore wizard). They
        passed the second factor to get here (a web session after the code, or RPC calls that each
        carry password and code), so the password alone is asked again, never a second code."""
        return self._two_factor_check_password(password)

    @api.model
    def _two_factor_password_ok(self, password):
        try:
            self._two_factor_check_password(password)
        except AccessDenied:
            return False
        return True

    @api.model
    def _two_factor_check_with_code(self, credential, attempt_id=None):
        """True when ``credential`` is the password followed by a current code. A wrong code with
        the right password is a login failure; False means "no code given" (the password alone,
        which may itself end with digits)."""
        if len(credential) <= CODE_DIGITS or not credential[-CODE_DIGITS:].isdigit():
            return False
        password, code = credential[:-CODE_DIGITS], credential[-CODE_DIGITS:]
        self._two_factor_check_not_blocked()
        if self.env.user._two_factor_verify(code):
            if not self._two_factor_password_ok(password):
                return False
            if request:
                # both factors in one credential (/web/session/authenticate, or typed at the login
                # form): this web session has passed the second factor
                request.session.pop(PENDING_KEY, None)
                request.session['mfa_login_active'] = self.env.uid
            return True
        if self._two_factor_password_ok(password):
            self._two_factor_log_attempt('code_failed', attempt_id)
            raise AccessDenied()
        return False

    @api.model
    def _two_factor_pend(self, step):
        """Remembers, in the server-side web session, that this login's password was right and
        which second step is due. Nothing of it is sent to the browser but the session cookie."""
        if request:
            request.session[PENDING_KEY] = {
                'uid': self.env.uid, 'login': self.env.user.login, 'step': step, 'since': time.time()}

    # ------------------------------------------------------------------ failures
    @api.model
    def _two_factor_failure_limits(self):
        get_param = self.env['ir.config_parameter'].sudo().get_param
        return (int(get_param('auth_brute_force.max_by_ip_user', 5)),
                int(get_param('gradient_base.two_factor_window_minutes', 15)))

    @api.model
    def _two_factor_blocked(self):
        """True when this login has sent too many wrong codes (with its right password) within
        the window: a code has one chance in a million, so the guesses must stay few."""
        limit, minutes = self._two_factor_failure_limits()
        since = fields.Datetime.to_string(datetime.utcnow() - timedelta(minutes=minutes))
        failures = self.env['res.authentication.attempt'].sudo().search_count([
            ('login', '=', self.env.user.login), ('result', '=', 'code_failed'), ('create_date', '>', since)])
        return failures >= limit

    @api.model
    def _two_factor_check_not_blocked(self):
        if self._two_factor_blocked():
            error = AccessDenied()
            error.reason = 'banned'
            raise error

    @api.model
    def _two_factor_log_attempt(self, result, attempt_id=None):
        """Records ``result`` in auth_brute_force's log (Settings > Technical): on the login's own
        entry when there is one, else as an entry of its own; in a cursor of its own, since the
        login's transaction is rolled back when it fails."""
        if request:
            remote = request.httprequest.remote_addr
        else:
            remote = getattr(current_thread(), 'environ', {}).get('REMOTE_ADDR')
        if not (attempt_id or remote):
            return  # as auth_brute_force: no address, no entry (code run on the server itself)
        with self.pool.cursor() as cr:
            attempts = self.env(cr=cr, user=SUPERUSER_ID)['res.authentication.attempt']
            attempt = attempts.browse(attempt_id).exists() if attempt_id else attempts
            if attempt:
                attempt.write({'result': result})
            else:
                attempts.create({'login': self.env.user.login, 'remote': remote, 'result': result})
