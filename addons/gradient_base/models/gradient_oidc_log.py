"""The audit trail of the platform sign-on: every sign-on, refusal, account, binding and link,
with the platform identity (sub), the enterprise, and the address it came from. Lines are
written by the sign-on code only (as the system) and read by administrators; nobody edits or
deletes them through the ORM."""
import logging

from odoo import api, fields, models
from odoo.http import request

_logger = logging.getLogger(__name__)


class GradientOidcLog(models.Model):
    _name = 'gradient.oidc.log'
    _description = 'Sign-on Log'
    _order = 'id desc'
    _rec_name = 'event'

    event = fields.Selection([
        ('signon', 'Signed On'),
        ('refused', 'Refused'),
        ('account', 'Account Created'),
        ('enterprise', 'Enterprise Created'),
        ('binding', 'Bound to Enterprise'),
        ('link', 'Staff Identity Linked'),
        ('logout', 'Signed Out'),
    ], required=True, readonly=True, index=True)
    user_id = fields.Many2one('res.users', readonly=True, ondelete='set null', index=True)
    login = fields.Char(readonly=True)
    subject = fields.Char(string='Platform Identity (sub)', readonly=True, index=True)
    account_type = fields.Char(readonly=True)
    credit_code = fields.Char(readonly=True)
    enterprise = fields.Char(readonly=True)
    remote_addr = fields.Char(string='IP Address', readonly=True)
    reason = fields.Char(readonly=True, help='Why a sign-on was refused (a short code).')
    message = fields.Text(readonly=True)

    @api.model
    def _record(self, event, user=None, message=None, **values):
        """Writes one line (as the system: the person signing on has no session yet) and the
        same to the server log."""
        if request and request.httprequest:
            values.setdefault('remote_addr', request.httprequest.remote_addr)
        if user:
            values.update(user_id=user.id, login=user.sudo().login)
        values = {k: (v if v is None or isinstance(v, (int, bool)) else str(v)[:500]) for k, v in values.items()}
        line = self.sudo().create(dict(values, event=event, message=message))
        log = _logger.warning if event == 'refused' else _logger.info
        log('Platform sign-on %s: user=%s sub=%s type=%s credit_code=%s enterprise=%s ip=%s reason=%s %s',
            event, values.get('login'), values.get('subject'), values.get('account_type'),
            values.get('credit_code'), values.get('enterprise'), values.get('remote_addr'),
            values.get('reason'), message or '')
        return line
