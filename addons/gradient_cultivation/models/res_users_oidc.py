"""Enterprise accounts of the 助企一把 platform: the verified path of binding.

The platform verified the enterprise behind an enterprise account and sends its unified social
credit code in the signed ID token. The first sign-on of such an identity creates its portal
account and binds it to the enterprise of that code (registering the enterprise from the claims
when the zone does not know it yet); the binding is recorded as a claim of its own kind
(cultivation.enterprise.claim, origin "signon"), beside registrations, reviewed claims and
invitations, so that every binding stays one audited kind of record. Later sign-ons find the
account again by the platform's identifier (sub), never by e-mail or phone: a local account that
happens to share an e-mail is not taken over."""
from odoo import _, api, fields, models

from odoo.addons.gradient_base.models.gradient_notification_log import normalize_mobile
from odoo.addons.gradient_base.models.gradient_oidc_provider import OidcRefusal

from .cultivation_enterprise import credit_code_error

NAME_LIMIT = 60


class CultivationEnterpriseClaim(models.Model):
    _inherit = 'cultivation.enterprise.claim'

    origin = fields.Selection(selection_add=[('signon', 'Verified by Platform Sign-on')])


class ResUsers(models.Model):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'res.users'  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _oidc_provision_enterprise(self, provider, claims):
        sub = claims['sub']
        code = provider._claim(claims, 'claim_credit_code').upper()
        base = {'subject': sub, 'account_type': 'enterprise', 'credit_code': code or None}
        if not code:
            raise OidcRefusal('no_credit_code', _(
                'The 助企一把 platform did not send the verified unified social credit code of your enterprise '
                '(claim %(claim)s): an enterprise account signs on only with it. Complete the enterprise '
                'verification on the platform, then sign on again.') % {'claim': provider.claim_credit_code}, **base)
        if credit_code_error(code):
            raise OidcRefusal('bad_credit_code', _(
                'The unified social credit code %(code)s sent by the 助企一把 platform is not a valid code '
                '(18 characters under GB 32100-2015): sign-on refused.') % {'code': code[:40]}, **base)
        Enterprise = self.env['cultivation.enterprise'].sudo().with_context(active_test=False)
        user = self.sudo().with_context(active_test=False).search([('oidc_subject', '=', sub)], limit=1)
        if user and not user.share:
            raise OidcRefusal('subject_mismatch', _(
                'Your platform identity signs on as a staff account of this system, not as an enterprise: ask '
                'the administrator.'), **base)
        bound = Enterprise._of_user(user) if user else Enterprise
        if bound and bound.credit_code != code:
            raise OidcRefusal('other_enterprise', _(
                'Your account acts for %(bound)s, but the 助企一把 platform now names the enterprise with the code '
                '%(code)s: sign-on refused. Ask the bureau to move your account.') % {
                    'bound': bound.name, 'code': code}, enterprise=bound.name, **base)
        if bound:
            return user
        enterprise = Enterprise.search([('credit_code', '=', code)], limit=1)
        if enterprise and not enterprise.active:
            raise OidcRefusal('enterprise_archived', _(
                'The enterprise with the code %(code)s is archived in this system: ask the bureau.') % {'code': code},
                enterprise=enterprise.name, **base)
        if not enterprise:
            enterprise = self._oidc_register_enterprise(provider, claims, code, base)
        if not user:
            user = self._oidc_create_portal_user(provider, claims, enterprise)
        enterprise._bind_user(user)
        self.env['cultivation.enterprise.claim']._record_binding(enterprise, user, 'signon')
        self.env['gradient.oidc.log']._record(
            'binding', user=user, enterprise=enterprise.name, **base)
        return user

    @api.model
    def _oidc_register_enterprise(self, provider, claims, code, base):
        """An enterprise the zone does not know yet, as the platform verified it. It is filed
        under the zone until the bureau gives it its territory."""
        name = provider._claim(claims, 'claim_enterprise_name')
        if not name:
            raise OidcRefusal('claims', _(
                'The 助企一把 platform did not send the name of your enterprise (claim %(claim)s), which this '
                'system needs to register it: sign-on refused.') % {'claim': provider.claim_enterprise_name}, **base)
        Territory = self.env['cultivation.territory'].sudo()
        territory = Territory.search([('type', '=', 'zone')], limit=1) or Territory.search([], limit=1)
        if not territory:
            raise OidcRefusal('no_territory', _('No territory is configured yet: the bureau sets up the territories '
                                                'before enterprises sign on.'), **base)
        enterprise = self.env['cultivation.enterprise'].sudo().create({
            'name': name[:NAME_LIMIT * 2], 'credit_code': code, 'territory_id': territory.id})
        enterprise.message_post(body=_(
            'Registered at the first sign-on of its account through the 助企一把 platform, which verified the '
            'credit code. Filed under %(territory)s: give it its territory.') % {'territory': territory.name},
            subtype='mail.mt_note')
        self.env['gradient.oidc.log']._record('enterprise', enterprise=enterprise.name, **base)
        return enterprise

    @api.model
    def _oidc_create_portal_user(self, provider, claims, enterprise):
        sub = claims['sub']
        name = provider._claim(claims, 'claim_name')[:NAME_LIMIT] or enterprise.name
        email = provider._claim(claims, 'claim_email').lower()[:120]
        phone = provider._claim(claims, 'claim_phone')[:30]
        Users = self.sudo().with_context(active_test=False)
        # The login is a label here (the account has no password): the e-mail when no account has
        # it, else one made of the platform identity.
        login = email if email and '@' in email and not Users.search_count([('login', '=', email)]) else None
        if not login:
            login = 'zqyb-%s' % sub[:60]
            if Users.search_count([('login', '=', login)]):
                raise OidcRefusal('login_taken', _(
                    'An account with the login %(login)s exists already: ask the administrator.') % {'login': login},
                    subject=sub, account_type='enterprise')
        user = Users.with_context(no_reset_password=True, mail_create_nolog=True).create({
            'name': name, 'login': login, 'email': email or False, 'oidc_subject': sub,
            'lang': 'zh_CN' if self.env['res.lang'].search_count([('code', '=', 'zh_CN')]) else self.env.lang,
            'tz': 'Asia/Shanghai',
            'groups_id': [(6, 0, [self.env.ref('base.group_portal').id])],
        })
        # the platform's number becomes the SMS number when it is a mainland mobile one; another
        # value (a landline) must not stop the sign-on
        if normalize_mobile(phone):
            user.partner_id.write({'mobile': normalize_mobile(phone)})
        self.env['gradient.oidc.log']._record('account', user=user, subject=sub, account_type='enterprise',
                                              credit_code=enterprise.credit_code, enterprise=enterprise.name)
        return user
