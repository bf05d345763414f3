"""Secrets never in the audit log (finding 7).

OCA auditlog writes the old and the new value of every logged field: on res.users that is the
password hash (``password_crypt``) of every password change, readable by whoever reads the audit
log (the bureau's managers), and open to offline guessing. Any logged model may hold such
values (tokens of sign-up and portal access, API and TOTP secrets, keys). Here every log line of
a secret field keeps that the field changed, by whom and when, but its values are masked
("******"); an empty value stays empty (that a secret was set or cleared is not itself secret).

A field is secret by its name (password, passwd, pwd, *crypt*, *token*, *secret*, TOTP/OTP
fields, keys such as api_key, private_key, secret_key, access_key) or by the attribute
``password=True`` on its definition. Log lines written before this module masked them are masked
when it is installed or updated (data/auditlog_secret_data.xml).

The audit log's HTTP sessions (auditlog.http.session) kept the session id itself, a bearer
credential for the whole session: they keep a keyed digest of it instead, which still groups the
requests of one session."""
import hashlib
import hmac
import logging
import re

from odoo import api, models
from odoo.http import request

_logger = logging.getLogger(__name__)
MASK = '******'
DIGEST_PREFIX = 'hmac:'
SECRET_NAME = re.compile(
    r'passw|passwd|pwd|crypt|token|secret|(^|_)t?otp(_|$)'
    r'|(^|_)(api|private|secret|access|auth|cookie|encryption|signing|session|license)_?keys?($|_)',
    re.IGNORECASE)
# The old value of a secret field could be shown as these without revealing anything.
EMPTY_VALUES = (None, False, '', 'False', 'None', '[]')


def is_secret_field(name, field=None):
    return bool(SECRET_NAME.search(name or '')) or bool(getattr(field, 'password', False))


class AuditlogRule(models.Model):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'auditlog.rule'  # pylint: disable=consider-merging-classes-inherited

    def _gc_is_secret(self, log, field_data):
        model = self.env.get(log.model_id.model)
        field = model._fields.get(field_data['name']) if model is not None else None
        return is_secret_field(field_data['name'], field)

    @staticmethod
    def _gc_masked(vals):
        for key in ('old_value', 'old_value_text', 'new_value', 'new_value_text'):
            if vals.get(key) not in EMPTY_VALUES:
                vals[key] = MASK
        return vals

    def _prepare_log_line_vals_on_create(self, log, field, new_values):
        vals = super(AuditlogRule, self)._prepare_log_line_vals_on_create(log, field, new_values)
        return self._gc_masked(vals) if self._gc_is_secret(log, field) else vals

    def _prepare_log_line_vals_on_write(self, log, field, old_values, new_values):
        vals = super(AuditlogRule, self)._prepare_log_line_vals_on_write(log, field, old_values, new_values)
        return self._gc_masked(vals) if self._gc_is_secret(log, field) else vals

    def _prepare_log_line_vals_on_read(self, log, field, read_values):
        vals = super(AuditlogRule, self)._prepare_log_line_vals_on_read(log, field, read_values)
        return self._gc_masked(vals) if self._gc_is_secret(log, field) else vals

    @api.model
    def _gc_mask_logged_secrets(self):
        """Masks the values of secret fields in the log lines already written (databases that
        logged before this module masked them). Audit lines are read-only through the ORM for
        everyone (models/auditlog_readonly.py), hence the SQL; only the values of secret fields change."""
        # lint: a configuration table of a few rows, read whole on purpose
        fields_ = self.env['ir.model.fields'].sudo().search([])  # pylint: disable=no-search-all
        secret_ids = [f.id for f in fields_ if is_secret_field(
            f.name, self.env[f.model]._fields.get(f.name) if f.model in self.env else None)]
        if not secret_ids:
            return 0
        statements = []
        for column in ('old_value', 'old_value_text', 'new_value', 'new_value_text'):
            statements.append(
                "{col} = CASE WHEN {col} IS NULL OR {col} IN ('', 'False', 'None', '[]') THEN {col} "
                "ELSE %(mask)s END".format(col=column))
        self.env.cr.execute(
            "UPDATE auditlog_log_line SET " + ', '.join(statements) +
            " WHERE field_id IN %(ids)s AND (old_value NOT IN %(keep)s OR new_value NOT IN %(keep)s"
            " OR old_value_text NOT IN %(keep)s OR new_value_text NOT IN %(keep)s)",
            {'mask': MASK, 'ids': tuple(secret_ids), 'keep': (MASK, '', 'False', 'None', '[]')})
        count = self.env.cr.rowcount
        if count:
            _logger.info('Masked the secret values of %d audit log lines', count)
        self.env['auditlog.log.line'].invalidate_cache()
        return count


class AuditlogHttpSession(models.Model):
    _inherit = 'auditlog.http.session'

    @api.model
    def _gc_session_digest(self, sid):
        secret = self.env['ir.config_parameter'].sudo().get_param('database.secret') or ''
        return DIGEST_PREFIX + hmac.new(secret.encode(), sid.encode(), hashlib.sha256).hexdigest()[:40]

    @api.model
    def current_http_session(self):
        """The audit log's record of the current HTTP session, named by a digest of the session
        id (never the id itself), made on the first call of a request."""
        if not request or not request.session or not request.session.sid:
            return False
        digest = self._gc_session_digest(request.session.sid)
        found = self.search([('name', '=', digest), ('user_id', '=', request.uid)], limit=1)
        if not found:
            found = self.create({'name': digest, 'user_id': request.uid})
        return found.id

    @api.model
    def _gc_hash_logged_session_ids(self):
        """Replaces the session ids kept before this module by their digests."""
        sessions = self.sudo().search([('name', '!=', False), ('name', 'not like', DIGEST_PREFIX)])
        for session in sessions:
            session.name = self._gc_session_digest(session.name)
        return len(sessions)
