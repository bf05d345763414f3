import re

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# GB 32100-2015: the unified social credit code (统一社会信用代码) has 18 characters from this
# alphabet (no I, O, S, V, Z); the 18th is a check character computed from the first 17.
CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_PATTERN = re.compile(r'^[0-9A-HJ-NPQRTUWXY]{18}$')
EMAIL_PATTERN = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s]+$')

# GB/T 4754-2017: the divisions (大类) the zone's industrial enterprises belong to, keyed by the
# first three characters of the industry code. Used to filter and group the libraries.
INDUSTRY_DIVISIONS = [
    ('C13', 'Agricultural and sideline food processing'),
    ('C14', 'Food manufacturing'),
    ('C15', 'Liquor, beverages and refined tea'),
    ('C17', 'Textiles'),
    ('C18', 'Textile garments and apparel'),
    ('C21', 'Furniture'),
    ('C22', 'Paper and paper products'),
    ('C23', 'Printing and reproduction of recording media'),
    ('C24', 'Culture, education, arts, sports and entertainment goods'),
    ('C25', 'Petroleum, coal and other fuel processing'),
    ('C26', 'Chemical raw materials and chemical products'),
    ('C27', 'Pharmaceuticals'),
    ('C28', 'Chemical fibres'),
    ('C29', 'Rubber and plastic products'),
    ('C30', 'Non-metallic mineral products'),
    ('C31', 'Ferrous metal smelting and rolling'),
    ('C32', 'Non-ferrous metal smelting and rolling'),
    ('C33', 'Metal products'),
    ('C34', 'General-purpose equipment'),
    ('C35', 'Special-purpose equipment'),
    ('C36', 'Automobiles'),
    ('C37', 'Railway, ship, aerospace and other transport equipment'),
    ('C38', 'Electrical machinery and equipment'),
    ('C39', 'Computers, communication and other electronic equipment'),
    ('C40', 'Instruments and meters'),
    ('C41', 'Other manufacturing'),
    ('C42', 'Recycling of waste resources'),
    ('C43', 'Repair of metal products, machinery and equipment'),
    ('I65', 'Software and information technology services'),
    ('M73', 'Research and experimental development'),
    ('M75', 'Technology promotion and application services'),
    ('other', 'Other industries'),
]


# What a portal user registers when it binds itself to an enterprise the zone does not know yet.
BINDING_FIELDS = ('name', 'territory_id', 'legal_representative', 'street', 'industry_code', 'founding_date',
                  'registered_capital', 'employee_count', 'rd_employee_count', 'main_product', 'phone', 'email')


def credit_code_check_char(first17):
    """The GB 32100-2015 check character of the first 17 characters of a credit code."""
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def credit_code_error(code):
    """None when ``code`` is a valid credit code, else what is wrong with it (untranslated)."""
    if not code or len(code) != 18:
        return 'length'
    if not CREDIT_CODE_PATTERN.match(code):
        return 'characters'
    if credit_code_check_char(code[:17]) != code[17]:
        return 'check'
    return None


class CultivationEnterprise(models.Model):
    """An industrial enterprise of the zone: its master data and its territory. Its company
    partner carries the address and contacts; its portal users are contacts of that partner."""
    _name = 'cultivation.enterprise'
    _description = 'Enterprise'
    _inherit = ['gradient.checked.input', 'mail.thread', 'mail.activity.mixin', 'cultivation.name.mixin',
                'cultivation.keep.mixin']
    _checks_input_first = True  # create and write check the values first (gradient.checked.input)
    _order = 'name'

    name = fields.Char(required=True, size=200, track_visibility='onchange')
    credit_code = fields.Char(
        string='Unified Social Credit Code', required=True, size=18, track_visibility='onchange',
        help='18 characters under GB 32100-2015, the last one a check character.')
    # Made by create() when not given, so that the form need not ask for it.
    partner_id = fields.Many2one(
        'res.partner', string='Company', ondelete='restrict', readonly=True, index=True,
        help='The company contact of the enterprise; its portal users are its contacts.')
    territory_id = fields.Many2one(
        'cultivation.territory', required=True, index=True, track_visibility='onchange',
        help='The town/street or park responsible for the enterprise.')
    legal_representative = fields.Char(size=200, track_visibility='onchange')
    street = fields.Char(string='Address', size=200)
    industry_code = fields.Char(
        size=200, help='Industry class under GB/T 4754, e.g. C3973.')
    industry_division = fields.Selection(
        INDUSTRY_DIVISIONS, compute='_compute_industry_division', store=True,
        help='The GB/T 4754 division of the industry code.')
    founding_date = fields.Date()
    registered_capital = fields.Float(string='Registered Capital (10k CNY)', digits=(16, 2))
    employee_count = fields.Integer(string='Employees')
    rd_employee_count = fields.Integer(string='R&D Employees')
    main_product = fields.Char(size=200)
    phone = fields.Char(size=200)
    email = fields.Char(size=200)
    user_ids = fields.One2many(
        'res.users', compute='_compute_user_ids', string='Portal Users',
        help='Users who act for the enterprise on the portal.')
    active = fields.Boolean(default=True, track_visibility='onchange')
    claim_ids = fields.One2many('cultivation.enterprise.claim', 'enterprise_id', string='Claims and Bindings',
                                groups='gradient_cultivation.group_territory_reviewer,'
                                       'gradient_cultivation.group_bureau_reviewer',
                                help='Every portal account bound to the enterprise, and how: registered it, '
                                     'claimed it with documents, or was invited by staff.')

    _sql_constraints = [
        ('credit_code_unique', 'unique(credit_code)',
         'An enterprise with this unified social credit code already exists.'),
    ]

    @api.depends('industry_code')
    def _compute_industry_division(self):
        known = {code for code, _label in INDUSTRY_DIVISIONS}
        for enterprise in self:
            prefix = (enterprise.industry_code or '').strip().upper()[:3]
            enterprise.industry_division = prefix if prefix in known else ('other' if prefix else False)

    @api.depends('partner_id')
    def _compute_user_ids(self):
        Users = self.env['res.users'].sudo()  # portal users may not read other users
        for enterprise in self:
            enterprise.user_ids = Users.search([
                ('partner_id', 'child_of', enterprise.partner_id.id)]) if enterprise.partner_id else Users

    @api.model
    def credit_code_message(self, code):
        """The message (in the user's language) saying what is wrong with credit code ``code``, or
        None when it is valid: the constraint below and the portal forms show the same."""
        error = credit_code_error(code)
        if not error:
            return None
        messages = {
            'length': _('Unified Social Credit Code: it must have exactly 18 characters (you entered %s).'),
            'characters': _('Unified Social Credit Code: only digits and capital letters other than '
                            'I, O, S, V and Z are allowed (you entered %s).'),
            'check': _('Unified Social Credit Code: the check character (the 18th) does not match '
                       'the first 17 under GB 32100-2015; please check the code (you entered %s).'),
        }
        return messages[error] % (code or '')

    @api.constrains('credit_code')
    def _check_credit_code(self):
        for enterprise in self:
            message = self.credit_code_message(enterprise.credit_code)
            if message:
                raise ValidationError(message)

    @api.constrains('employee_count', 'rd_employee_count', 'registered_capital')
    def _check_counts(self):
        for enterprise in self:
            if enterprise.employee_count < 0 or enterprise.rd_employee_count < 0:
                raise ValidationError(_('Employees: the number of employees cannot be negative.'))
            if enterprise.rd_employee_count > enterprise.employee_count:
                raise ValidationError(_('R&D Employees: cannot exceed the number of employees (%d).')
                                      % enterprise.employee_count)
            if enterprise.registered_capital < 0:
                raise ValidationError(_('Registered Capital: cannot be negative.'))

    @api.model
    def _partner_sudo(self):
        # The enterprise's company contact follows the enterprise: whoever may create or edit
        # the enterprise (checked by its own access rules) keeps its contact in step, even
        # without the right to manage contacts in general.
        return self.env['res.partner'].sudo()

    @api.model
    def _normalize_vals(self, vals):
        if vals.get('credit_code'):
            vals['credit_code'] = vals['credit_code'].strip().upper()
        return vals

    @api.model
    def create(self, vals):
        self._check_input(vals, create=True)
        vals = self._normalize_vals(dict(vals))
        if not vals.get('partner_id'):
            partner = self._partner_sudo().create({
                'name': vals.get('name'),
                'is_company': True,
                'street': vals.get('street'),
                'phone': vals.get('phone'),
                'email': vals.get('email'),
            })
            vals['partner_id'] = partner.id
        return super(CultivationEnterprise, self).create(vals)

    @api.model
    def _of_user(self, user):
        """The enterprise ``user`` acts for, found as the system (empty when none): reviewers may
        not read the accounts of enterprises outside their territories."""
        return self.sudo().search([('partner_id', '=', user.sudo().partner_id.commercial_partner_id.id)], limit=1)

    @api.model
    @api.returns('self', lambda value: value.id)  # an id for RPC clients
    def bind_portal_user(self, credit_code, vals):
        """Registers the enterprise of ``credit_code`` with ``vals`` and binds the current portal
        user to it. Only an enterprise the zone does not know yet is registered so: one it knows
        is claimed with documents and a reviewer's decision (cultivation.enterprise.claim), never
        bound by knowing its public credit code."""
        user = self.env.user
        if not user.share:
            raise UserError(_('Only portal accounts are bound to an enterprise.'))
        if self._of_user(user):
            raise UserError(_('Your account is already bound to an enterprise.'))
        if not isinstance(credit_code, str) or not isinstance(vals, dict):
            raise ValidationError(_('Unified Social Credit Code: enter the 18 characters of the code.'))
        unknown = set(vals) - set(BINDING_FIELDS)
        if unknown:
            # The binding registers what the portal form asks, nothing else (never a company
            # contact of another enterprise, which would hand over its records).
            raise AccessError(_('The binding registers the enterprise\'s master data only (not: %(fields)s).')
                              % {'fields': ', '.join(sorted(unknown))})
        territory = vals.get('territory_id')
        if not isinstance(territory, int) or isinstance(territory, bool) or not self.env['cultivation.territory'] \
                .search_count([('id', '=', territory), ('type', '!=', 'zone')]):
            raise ValidationError(_('Territory: choose the town/street or park where the enterprise is registered.'))
        # A portal user may neither look up other enterprises nor create one: the registration
        # does both itself, under the checks above and below.
        Enterprise = self.sudo().with_context(active_test=False)
        if Enterprise.search_count([('credit_code', '=', credit_code.strip().upper())]):
            raise UserError(_('Unified Social Credit Code: the zone already knows this enterprise; claim it with '
                              'the business licence and an authorisation letter of its legal representative.'))
        enterprise = Enterprise.create(dict(vals, credit_code=credit_code))  # checks the values
        enterprise._bind_user(user)
        self.env['cultivation.enterprise.claim']._record_binding(enterprise, user, 'registration')
        return self.browse(enterprise.id)

    @api.multi
    def _bind_user(self, user):
        """Makes the portal account ``user`` act for this enterprise. Callers decide who may bind:
        the registration of a new enterprise, an approved claim, a staff invitation."""
        self.ensure_one()
        user = user.sudo()  # the account is not yet the reviewer's to read (see _of_user)
        user.partner_id.write({'parent_id': self.sudo().partner_id.id})
        # The portal record rules read user.partner_id.commercial_partner_id, which just changed;
        # their computed domains are cached.
        self.env['ir.rule'].clear_caches()
        self.sudo().message_post(
            body=_('Portal account %(name)s (%(login)s) bound to the enterprise.') % {
                'name': user.name, 'login': user.login},
            subtype='mail.mt_note')

    @api.multi
    def action_invite_contact(self):
        self.ensure_one()
        self.check_access_rule('write')
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'cultivation.enterprise.invite.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_enterprise_id': self.id},
        }

    @api.multi
    def _invite_contact(self, name, email):
        """Staff invite the enterprise's contact: a portal account bound to the enterprise, and
        Odoo's sign-up invitation by e-mail, where the contact chooses a password."""
        self.ensure_one()
        if not self.env.user._is_enterprise_reviewer():
            raise AccessError(_('Enterprise contacts are invited by their territory reviewer or by the bureau.'))
        self.check_access_rights('write')
        self.check_access_rule('write')
        name = (name or '').strip() if isinstance(name, str) else ''
        email = (email or '').strip().lower() if isinstance(email, str) else ''
        if not name or len(name) > 40:
            raise ValidationError(_('Contact Name: required, at most 40 characters.'))
        if not EMAIL_PATTERN.match(email) or len(email) > 120:
            raise ValidationError(_('Email: enter an address like name@example.com.'))
        Users = self.env['res.users'].sudo().with_context(active_test=False)
        if Users.search_count([('login', '=', email)]):
            raise ValidationError(_('Email: %(email)s already has an account; that account claims the enterprise '
                                    'itself, or its administrator binds it.') % {'email': email})
        # Reviewers may not create users in general: this invitation creates exactly one portal
        # account, bound to an enterprise the reviewer may edit (checked above).
        contact = Users.with_context(no_reset_password=True).create({
            'name': name, 'login': email, 'email': email, 'lang': self.env.user.lang or 'zh_CN',
            'groups_id': [(6, 0, [self.env.ref('base.group_portal').id])],
        })
        self._bind_user(contact)
        self._send_invitation(contact)
        self.env['cultivation.enterprise.claim']._record_binding(self, contact, 'invitation')
        return contact

    @api.model
    def _send_invitation(self, contact):
        # Odoo's sign-up link (no expiry) in our own Chinese invitation, queued rather than sent
        # within the request (auth_signup's action_reset_password sends at once and fails the
        # invitation when the mail server is away). Templates are read as the system: reviewers may not.
        contact.partner_id.sudo().signup_prepare(signup_type='reset', expiration=False)
        template = self.env.ref('gradient_cultivation.mail_template_enterprise_invitation').sudo()
        template.with_context(lang=contact.lang).send_mail(contact.id, force_send=False)

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        if self.env.user.share and set(vals) & {'credit_code', 'territory_id', 'partner_id', 'active'}:
            raise AccessError(_('The unified social credit code and the territory of an enterprise are '
                                'changed by its territory reviewer, not on the portal.'))
        vals = self._normalize_vals(dict(vals))
        res = super(CultivationEnterprise, self).write(vals)
        synced = {k: vals[k] for k in ('name', 'street', 'phone', 'email') if k in vals}
        if synced:
            self._partner_sudo().browse(self.mapped('partner_id').ids).write(synced)
        return res
