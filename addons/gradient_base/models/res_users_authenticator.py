import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)
try:
    import pyotp
except ImportError:  # auth_totp declares it; the module does not install without it
    _logger.debug('pyotp is missing')

SECRET_FIELD = 'secret_key'


def _domain_names(domain):
    """The field names a domain filters on (first segment of each path)."""
    for leaf in domain or []:
        if isinstance(leaf, (list, tuple)) and leaf and isinstance(leaf[0], str):
            yield leaf[0].split('.')[0]


def _secret_refused():
    return AccessError(_('The secret of an authenticator app is never shown, searched or exported: '
                         'only its user\'s enrolment uses it.'))


class ResUsersAuthenticator(models.Model):
    """auth_totp keeps each app's TOTP secret in a plain field that administrators could read
    (its rule grants them every user's authenticators, and in Odoo 11 the administrator is the
    superuser, whom field groups do not stop). Here the secret cannot be read, searched, grouped or
    exported by anyone over the ORM; the code check reads it in SQL, in _totp_verify only."""
    _inherit = 'res.users.authenticator'

    # prefetch=False: reading another field never pulls the secret into a read()
    secret_key = fields.Char(prefetch=False, copy=False)

    @api.model
    def check_field_access_rights(self, operation, fields):
        if operation == 'read' and fields and SECRET_FIELD in fields:
            raise _secret_refused()
        allowed = super(ResUsersAuthenticator, self).check_field_access_rights(operation, fields)
        if operation == 'read' and not fields:
            allowed = [name for name in allowed if name != SECRET_FIELD]
        return allowed

    @api.model
    def _where_calc(self, domain, active_test=True):
        # search, search_count, name_search and read_group all build their WHERE here
        if SECRET_FIELD in _domain_names(domain):
            raise _secret_refused()
        return super(ResUsersAuthenticator, self)._where_calc(domain, active_test=active_test)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        groupby = [groupby] if isinstance(groupby, str) else (groupby or [])
        if any(name.split(':')[0].split('.')[0] == SECRET_FIELD for name in list(fields or []) + list(groupby)):
            raise _secret_refused()
        return super(ResUsersAuthenticator, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.multi
    def validate_conf_code(self, confirmation_code):
        """auth_totp's public code check, callable over RPC: only on one's own apps."""
        if self.sudo().mapped('user_id').ids not in ([], [self.env.uid]):
            raise AccessError(_('Only the user can check the codes of their own authenticator app.'))
        return self._totp_verify(confirmation_code)

    @api.multi
    def _totp_verify(self, code):
        """True when ``code`` is the current code of one of these apps (or of the step before or
        after it: phones' clocks drift)."""
        if not self.ids or not code:
            return False
        code = str(code).strip().replace(' ', '')
        self.env.cr.execute('SELECT secret_key FROM res_users_authenticator WHERE id IN %s', (tuple(self.ids),))
        return any(pyotp.TOTP(secret).verify(code, valid_window=1) for secret, in self.env.cr.fetchall() if secret)
