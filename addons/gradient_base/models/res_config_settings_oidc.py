from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .res_users_oidc import PASSWORD_PARAM


class ResConfigSettings(models.TransientModel):
    """The platform sign-on in Settings: administrators only (the fields carry the group, so that
    other users who open Settings neither see nor load them, and the provider record itself is
    administrators' only)."""
    _inherit = 'res.config.settings'

    gc_oidc_provider_id = fields.Many2one(
        'gradient.oidc.provider', groups='base.group_system',
        default=lambda self: self.env.ref('gradient_base.oidc_provider_platform', raise_if_not_found=False))
    gc_oidc_enabled = fields.Boolean(related='gc_oidc_provider_id.enabled', groups='base.group_system')
    gc_oidc_name = fields.Char(related='gc_oidc_provider_id.name', groups='base.group_system')
    gc_oidc_issuer = fields.Char(related='gc_oidc_provider_id.issuer', groups='base.group_system')
    gc_oidc_client_id = fields.Char(related='gc_oidc_provider_id.client_id', groups='base.group_system')
    gc_oidc_client_secret = fields.Char(related='gc_oidc_provider_id.client_secret', groups='base.group_system')
    gc_oidc_scope = fields.Char(related='gc_oidc_provider_id.scope', groups='base.group_system')
    gc_oidc_claim_name = fields.Char(related='gc_oidc_provider_id.claim_name', groups='base.group_system')
    gc_oidc_claim_phone = fields.Char(related='gc_oidc_provider_id.claim_phone', groups='base.group_system')
    gc_oidc_claim_email = fields.Char(related='gc_oidc_provider_id.claim_email', groups='base.group_system')
    gc_oidc_claim_account_type = fields.Char(related='gc_oidc_provider_id.claim_account_type',
                                             groups='base.group_system')
    gc_oidc_account_type_enterprise = fields.Char(related='gc_oidc_provider_id.account_type_enterprise',
                                                  groups='base.group_system')
    gc_oidc_account_type_staff = fields.Char(related='gc_oidc_provider_id.account_type_staff',
                                             groups='base.group_system')
    gc_oidc_claim_credit_code = fields.Char(related='gc_oidc_provider_id.claim_credit_code',
                                            groups='base.group_system')
    gc_oidc_claim_enterprise_name = fields.Char(related='gc_oidc_provider_id.claim_enterprise_name',
                                                groups='base.group_system')
    gc_oidc_claim_staff_id = fields.Char(related='gc_oidc_provider_id.claim_staff_id', groups='base.group_system')
    gc_password_login_others = fields.Boolean(
        string='Password Login for Everyone', groups='base.group_system', default=True,
        help='Off: only administrators sign in with a password; everyone else signs on through the platform.')

    @api.model
    def get_values(self):
        res = super(ResConfigSettings, self).get_values()
        if self.env.user.has_group('base.group_system'):
            res['gc_password_login_others'] = self.env['ir.config_parameter'].sudo().get_param(
                PASSWORD_PARAM, 'True') != 'False'
        return res

    @api.multi
    def set_values(self):
        # execute() lets only administrators get here, but set_values is public over RPC too
        if not (self.env.user._is_superuser() or self.env.user.has_group('base.group_system')):
            raise AccessError(_('Only administrators change the settings.'))
        res = super(ResConfigSettings, self).set_values()
        params = self.env['ir.config_parameter']
        value = 'True' if self.gc_password_login_others else 'False'
        if params.sudo().get_param(PASSWORD_PARAM, 'True') != value:
            params.set_param(PASSWORD_PARAM, value)
            self.env['res.users']._oidc_password_switch_changed()
        return res
