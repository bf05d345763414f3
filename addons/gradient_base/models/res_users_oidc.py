"""Who a platform identity signs on as, and who may still sign in with a password.

- A staff identity signs on only as the existing user an administrator linked it to (the staff
  number of the platform on the user, ``oidc_staff_id``): sign-on never creates staff accounts,
  and roles and territories stay what Odoo's Settings say.
- An enterprise identity is the business addon's to provision (``_oidc_provision_enterprise``):
  the platform addon knows no enterprises and refuses them.
- Administrators always keep the password login; a switch in Settings decides whether others
  do. The rule is in the credential check itself, so the login form, /web/session/authenticate,
  XML-RPC and JSON-RPC all obey it."""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessDenied

from .gradient_oidc_provider import OidcRefusal

PASSWORD_PARAM = 'gradient_base.password_login_others'


class ResUsers(models.Model):
    _inherit = 'res.users'

    oidc_subject = fields.Char(
        string='Platform Identity (sub)', copy=False, index=True, groups='base.group_system',
        help='The 助企一把 platform\'s identifier of the person, kept at their first sign-on.')
    oidc_staff_id = fields.Char(
        string='Platform Staff ID', copy=False, groups='base.group_system',
        help='The staff number of this person on the 助企一把 platform: with it the person signs on '
             'through the platform as this user. Only administrators link it.')

    _sql_constraints = [
        ('oidc_subject_unique', 'unique(oidc_subject)', 'This platform identity already signs on as another user.'),
        ('oidc_staff_id_unique', 'unique(oidc_staff_id)', 'This platform staff ID is linked to another user.'),
    ]

    # ------------------------------------------------------------------ sign-on
    @api.model
    def _oidc_sign_on(self, provider, claims):
        """The user the verified ``claims`` sign on as; OidcRefusal when none may. Called as
        the system within a savepoint: a refusal leaves nothing behind."""
        kind = provider._account_kind(claims)
        if kind == 'staff':
            user = self._oidc_staff_user(provider, claims)
        else:
            user = self._oidc_provision_enterprise(provider, claims)
        if not user.active:
            raise OidcRefusal('inactive', _('Your account in this system is archived: ask the administrator.'),
                              subject=claims['sub'], account_type=kind)
        return user

    @api.model
    def _oidc_staff_user(self, provider, claims):
        sub = claims['sub']
        staff_id = provider._claim(claims, 'claim_staff_id')
        Users = self.sudo().with_context(active_test=False)
        user = Users.search([('oidc_staff_id', '=', staff_id), ('share', '=', False)], limit=1) if staff_id else Users
        if not user:
            raise OidcRefusal('unknown_staff', _(
                'Your staff identity on the 助企一把 platform (staff ID %(staff_id)s) is not linked to an account '
                'of this system. Staff accounts are not created by sign-on: ask the administrator to link your '
                'staff ID to your account.') % {'staff_id': staff_id or '-'},
                subject=sub, account_type='staff')
        if user.oidc_subject and user.oidc_subject != sub:
            raise OidcRefusal('subject_mismatch', _(
                'The account linked to staff ID %(staff_id)s signs on with another platform identity: sign-on '
                'refused. Ask the administrator.') % {'staff_id': staff_id},
                subject=sub, account_type='staff')
        taken = Users.search([('oidc_subject', '=', sub), ('id', '!=', user.id)], limit=1)
        if taken:
            raise OidcRefusal('subject_mismatch', _(
                'Your platform identity already signs on as another account of this system: ask the '
                'administrator.'), subject=sub, account_type='staff')
        if not user.oidc_subject:
            user.write({'oidc_subject': sub})
            self.env['gradient.oidc.log']._record('link', user=user, subject=sub, account_type='staff', message=_(
                'Staff ID %(staff_id)s signed on for the first time: its platform identity is kept on the user.')
                % {'staff_id': staff_id})
        return user

    @api.model
    def _oidc_provision_enterprise(self, provider, claims):
        """The portal user of an enterprise identity. The platform addon knows no enterprises:
        the business addon overrides this to find or create the user and bind its enterprise."""
        raise OidcRefusal('enterprise_unsupported', _(
            'Enterprise accounts of the 助企一把 platform cannot sign on to this system.'),
            subject=claims.get('sub'), account_type='enterprise')

    # ------------------------------------------------------------------ password login
    @api.model
    def _password_login_allowed(self, user):
        """Administrators always; everyone else while the switch in Settings allows it."""
        if user.id == SUPERUSER_ID or user.sudo().has_group('base.group_system'):
            return True
        return self.env['ir.config_parameter'].sudo().get_param(PASSWORD_PARAM, 'True') != 'False'

    @api.model
    def check_credentials(self, password):
        if not self._password_login_allowed(self.env.user):
            raise AccessDenied()
        return super(ResUsers, self).check_credentials(password)

    @classmethod
    def check(cls, db, uid, passwd):
        """XML-RPC and JSON-RPC calls carry the password at each call and Odoo (and the
        two-factor layer) trust a password seen before: the switch is checked at every call."""
        res = super(ResUsers, cls).check(db, uid, passwd)
        with cls.pool.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if not env['res.users']._password_login_allowed(env['res.users'].browse(uid)):
                raise AccessDenied()
        return res

    @api.model
    def _oidc_password_switch_changed(self):
        """Forgets the passwords this process trusts, so that the switch applies to the next call."""
        for cache in (getattr(type(self), '_Users__uid_cache', None), getattr(type(self), '_two_factor_rpc_cache', None)):
            if cache is not None:
                cache.get(self.env.cr.dbname, {}).clear()
