import base64
import logging

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)
try:
    import pyotp
except ImportError:  # auth_totp declares it
    _logger.debug('pyotp is missing')


class ResUsersAuthenticatorCreate(models.TransientModel):
    """auth_totp's wizard that adds an authenticator app from the user's preferences, tied to the
    user who runs it: the app is created only once a code of the new secret is confirmed, for the
    wizard's own user whatever user_id a client sends, and switches the two-factor login on."""
    _inherit = 'res.users.authenticator.create'

    secret_key = fields.Char(prefetch=False, copy=False)

    @api.multi
    def read(self, fields=None, load='_classic_read'):
        # the secret is shown to the user enrolling, and to nobody else (not even the superuser)
        if (not fields or 'secret_key' in fields) and self.ids:
            self.env.cr.execute('SELECT 1 FROM res_users_authenticator_create WHERE id IN %s AND create_uid != %s',
                                (tuple(self.ids), self.env.uid))
            if self.env.cr.fetchone():
                raise AccessError(_('The secret of an authenticator app is shown only to the user who adds it.'))
        return super(ResUsersAuthenticatorCreate, self).read(fields=fields, load=load)

    @api.multi
    def _create_authenticator(self):
        self.ensure_one()
        user = self.env.user
        if self.create_uid != user and self.env.uid != SUPERUSER_ID:
            raise AccessError(_('The secret of an authenticator app is shown only to the user who adds it.'))
        # the code of this secret was checked by _perform_validations
        user._two_factor_enrol(self.secret_key, self.name)

    @api.multi
    @api.depends('secret_key', 'user_id.display_name', 'user_id.company_id.display_name')
    def _compute_qr_code_tag(self):
        """The QR code as an inline image: auth_totp's /report/barcode URL would write the secret
        into every access log on the way."""
        for wizard in self:
            if not wizard.user_id or not wizard.secret_key:
                continue
            uri = pyotp.TOTP(wizard.secret_key).provisioning_uri(
                name=wizard.user_id.login, issuer_name=wizard.user_id.company_id.name or 'Odoo')
            png = self.env['ir.actions.report'].barcode('QR', uri, width=240, height=240)
            wizard.qr_code_tag = '<img src="data:image/png;base64,%s" width="240" height="240"/>' % (
                base64.b64encode(png).decode())
