"""Who acts for an enterprise on the portal, and on whose word.

A portal account is bound to an enterprise in one of three ways, each kept as a claim record
(the audit trail of every binding): it registers an enterprise the zone does not know yet; it
claims an enterprise the zone knows, with the business licence and an authorisation letter
signed by the legal representative (授权委托书), and the enterprise's territory reviewer (the
bureau where the territory has none) approves or rejects it; or staff invite the enterprise's
contact by e-mail. Knowing an enterprise's public data (its credit code) never binds anyone."""
import re

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gradient_base.models.gradient_checked_input import text_limit
from odoo.addons.gradient_base.upload_policy import upload_problem

# The documents of a claim are scans or PDFs: no Office files.
CLAIM_DOCUMENT_TYPES = ('application/pdf', 'image/png', 'image/jpeg')
MOBILE_OR_PHONE = re.compile(r'^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$')
# the texts a claim takes, each limited on its field (gradient_base's text_limit)
TEXT_FIELDS = ('applicant_name', 'applicant_position', 'applicant_phone', 'note', 'licence_filename',
               'authorization_filename')
CLAIM_FIELDS = ('applicant_name', 'applicant_position', 'applicant_phone', 'note', 'licence_file',
                'licence_filename', 'authorization_file', 'authorization_filename')


class CultivationEnterpriseClaim(models.Model):
    _name = 'cultivation.enterprise.claim'
    _description = 'Enterprise Claim'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'cultivation.keep.mixin']
    _order = 'id desc'
    # Reviewers post their questions on the claim without the right to change it.
    _mail_post_access = 'read'

    name = fields.Char(compute='_compute_name', store=True)
    origin = fields.Selection([
        ('registration', 'Registered a New Enterprise'),
        ('claim', 'Claim with Documents'),
        ('invitation', 'Invited by Staff'),
    ], string='How', required=True, readonly=True, default='claim')
    state = fields.Selection([
        ('submitted', 'Awaiting Review'),
        ('approved', 'Approved'),
        ('rejected', 'Rejected'),
        ('cancelled', 'Withdrawn'),
    ], string='Status', required=True, readonly=True, default='submitted', track_visibility='onchange', index=True)
    user_id = fields.Many2one('res.users', string='Portal Account', required=True, readonly=True,
                              ondelete='restrict', index=True)
    login = fields.Char(related='user_id.login', string='Login', readonly=True)
    enterprise_id = fields.Many2one('cultivation.enterprise', required=True, readonly=True,
                                    ondelete='restrict', index=True)
    credit_code = fields.Char(related='enterprise_id.credit_code', readonly=True)
    territory_id = fields.Many2one(related='enterprise_id.territory_id', store=True, readonly=True, index=True)
    applicant_name = fields.Char(string='Applicant', size=40, readonly=True)
    applicant_position = fields.Char(string='Position', size=40, readonly=True)
    applicant_phone = fields.Char(string='Phone', size=20, readonly=True)
    note = fields.Text(string='Note from the Applicant', max_length=1000, readonly=True)
    licence_file = fields.Binary(string='Business Licence', attachment=True, readonly=True)
    licence_filename = fields.Char(size=200, readonly=True)
    authorization_file = fields.Binary(string='Authorisation Letter', attachment=True, readonly=True,
                                       help='授权委托书 signed by the legal representative and stamped by the enterprise.')
    authorization_filename = fields.Char(size=200, readonly=True)
    bound_user_count = fields.Integer(
        compute='_compute_bound_user_count', string='Accounts Already Bound',
        help='Portal accounts that act for the enterprise now: a claim on an enterprise that has some '
             'deserves a call to its legal representative.')
    decided_by_id = fields.Many2one('res.users', string='Decided by', readonly=True)
    decision_date = fields.Datetime(readonly=True)
    reject_reason = fields.Text(string='Reason for Rejection', max_length=1000, readonly=True)

    @api.depends('enterprise_id.name', 'user_id.name')
    def _compute_name(self):
        for claim in self:
            claim.name = '%s / %s' % (claim.enterprise_id.name or '', claim.user_id.name or '')

    @api.depends('enterprise_id')
    def _compute_bound_user_count(self):
        for claim in self:
            claim.bound_user_count = len(claim.enterprise_id.sudo().user_ids)

    # ------------------------------------------------------------------ nobody edits a claim
    @api.multi
    def write(self, vals):
        # A claim is changed by its actions only (which check who acts): its documents, its
        # decision and its state are evidence. Odoo's chatter may touch its bookkeeping fields.
        if self.env.uid != SUPERUSER_ID and set(vals) - {'message_last_post', 'activity_ids'}:
            raise AccessError(_('Enterprise claims are changed through their buttons only (approve, reject, '
                                'withdraw), not edited.'))
        return super(CultivationEnterpriseClaim, self).write(vals)

    # ------------------------------------------------------------------ applying
    @api.model
    def _claim_errors(self, credit_code, vals):
        """What is wrong with a claim of the current user, as {field: message}: all at once, for
        the portal form to show beside each field."""
        errors = {}
        if not isinstance(vals, dict) or set(vals) - set(CLAIM_FIELDS):
            unknown = sorted(set(vals) - set(CLAIM_FIELDS)) if isinstance(vals, dict) else []
            raise AccessError(_('A claim carries the applicant and the documents only (not: %(fields)s).')
                              % {'fields': ', '.join(map(str, unknown)) or '?'})
        user = self.env.user
        if not user.share:
            errors['_form'] = _('Only portal accounts claim an enterprise.')
        elif self.env['cultivation.enterprise']._of_user(user):
            errors['_form'] = _('Your account is already bound to an enterprise.')
        elif self.sudo().search_count([('user_id', '=', user.id), ('state', '=', 'submitted')]):
            errors['_form'] = _('Your claim is awaiting review; withdraw it before you claim again.')
        if not self._enterprise_of_code(credit_code):
            errors['credit_code'] = _('Unified Social Credit Code: no enterprise of the zone has this code; '
                                      'register your enterprise instead.')
        for name in TEXT_FIELDS:
            value = vals.get(name)
            limit = text_limit(self._fields[name])
            if value and (not isinstance(value, str) or len(value) > limit):
                errors[name] = _('%(field)s: at most %(limit)d characters.') % {'field': self._label(name), 'limit': limit}
        if not (vals.get('applicant_name') or '').strip():
            errors['applicant_name'] = _('Applicant: enter your name as on your identity card.')
        phone = (vals.get('applicant_phone') or '').strip() if isinstance(vals.get('applicant_phone'), str) else ''
        if not MOBILE_OR_PHONE.match(phone.replace(' ', '')):
            errors['applicant_phone'] = _('Phone: enter a mainland mobile number (11 digits, e.g. 13800000000) '
                                          'or a landline with its area code (e.g. 029-88888888).')
        for field in ('licence_file', 'authorization_file'):
            problem = self._document_problem(field, vals.get(field))
            if problem:
                errors[field] = problem
        return errors

    @api.model
    def _label(self, name):
        # In the user's language also for an RPC client that sends no context (as _() does).
        env = self.with_context(lang=self.env.lang or self.env.user.lang).env
        return self._fields[name].get_description(env)['string']

    @api.model
    def _document_problem(self, field, datas):
        label = self._label(field)
        if not datas:
            return _('%(document)s: upload a scan or PDF of it.') % {'document': label}
        problem, mimetype, _size = upload_problem(self.env, datas, label)
        if problem:
            return problem
        if mimetype not in CLAIM_DOCUMENT_TYPES:
            return _('%(document)s: only a PDF or a PNG or JPEG image is accepted.') % {'document': label}
        return None

    @api.model
    def _enterprise_of_code(self, credit_code):
        if not isinstance(credit_code, str) or not credit_code.strip():
            return self.env['cultivation.enterprise']
        # The claimant may not read the enterprise (that is what it asks for): found as the system.
        return self.env['cultivation.enterprise'].sudo().search(
            [('credit_code', '=', credit_code.strip().upper())], limit=1)

    @api.model
    @api.returns('self', lambda value: value.id)  # an id for RPC clients
    def submit_claim(self, credit_code, vals):
        """The current portal user claims the enterprise of ``credit_code`` with ``vals`` (the
        applicant and the two documents, base64). Binds nothing: the territory reviewer decides."""
        errors = self._claim_errors(credit_code, vals)
        if errors:
            raise ValidationError('\n'.join(errors[k] for k in sorted(errors)))
        enterprise = self._enterprise_of_code(credit_code)
        values = {name: vals.get(name) for name in CLAIM_FIELDS}
        for name in ('applicant_name', 'applicant_position', 'applicant_phone', 'note'):
            values[name] = (values[name] or '').strip() or False
        values.update(origin='claim', state='submitted', user_id=self.env.uid, enterprise_id=enterprise.id)
        # Portal users have no right to create claims directly: this method is the one way, with
        # the checks above (the user, the enterprise, the documents).
        claim = self.sudo().with_context(mail_create_nolog=True).create(values)
        # The chatter says who claimed (the record was made as the system, see above).
        claim.message_post(body=_('Claim submitted by %(name)s (%(login)s).') % {
            'name': self.env.user.name, 'login': self.env.user.login},
            author_id=self.env.user.partner_id.id, subtype='mail.mt_note')
        claim._schedule_review()
        return self.browse(claim.id)

    @api.multi
    def _candidate_reviewers(self):
        """The reviewers of the enterprise's territory or of a territory above it; the bureau's
        reviewers where none is configured."""
        self.ensure_one()
        territory = self.sudo().enterprise_id.territory_id
        reviewers = self.env['res.users']
        while territory and not reviewers:
            reviewers = territory.reviewer_ids.filtered(
                lambda u: u.active and u.has_group('gradient_cultivation.group_territory_reviewer'))
            territory = territory.parent_id
        if not reviewers:
            reviewers = self.env.ref('gradient_cultivation.group_bureau_reviewer').sudo().users.filtered(
                lambda u: u.active and u.id != SUPERUSER_ID)
        return reviewers

    @api.multi
    def _schedule_review(self):
        """A to-do for the reviewer with the fewest open claims."""
        self.ensure_one()
        reviewers = self._candidate_reviewers()
        if not reviewers:
            return
        Activity = self.env['mail.activity'].sudo()  # the claimant schedules it for the reviewer
        groups = Activity.read_group([('res_model', '=', self._name), ('user_id', 'in', reviewers.ids)],
                                     ['user_id'], ['user_id'])
        load = {group['user_id'][0]: group['user_id_count'] for group in groups}
        reviewer = reviewers.sorted(lambda user: (load.get(user.id, 0), user.id))[0]
        Activity.create({
            'res_model_id': self.env['ir.model']._get(self._name).id,
            'res_id': self.id,
            'activity_type_id': self.env.ref('mail.mail_activity_data_todo').id,
            'summary': _('Check the claim of %(enterprise)s') % {'enterprise': self.sudo().enterprise_id.name},
            'user_id': reviewer.id,
            'date_deadline': fields.Date.context_today(self),
        })

    # ------------------------------------------------------------------ deciding
    @api.multi
    def _check_decider(self):
        """Only a reviewer who may see the enterprise (its territory's, or the bureau) decides."""
        if not self.env.user._is_enterprise_reviewer():
            raise AccessError(_('Claims are decided by the territory reviewer of the enterprise or by the bureau.'))
        self.check_access_rights('write')
        self.check_access_rule('write')
        for claim in self:
            if claim.state != 'submitted':
                raise UserError(_('The claim of %(enterprise)s is no longer awaiting review (now: %(state)s).') % {
                    'enterprise': claim.enterprise_id.name,
                    'state': dict(claim._fields['state'].get_description(
                        claim.with_context(lang=self.env.lang or self.env.user.lang).env)['selection'])[claim.state]})

    @api.multi
    def action_approve(self):
        self._check_decider()
        for claim in self:
            if self.env['cultivation.enterprise']._of_user(claim.user_id):
                raise UserError(_('The account %(login)s is already bound to an enterprise; reject this claim.')
                                % {'login': claim.login})
            claim.enterprise_id._bind_user(claim.user_id)
            claim._decide('approved')
            claim._tell_applicant(_('Your claim of %(enterprise)s was approved: your account now acts for the '
                                    'enterprise.') % {'enterprise': claim.enterprise_id.name}, 'claim_approved')
        return True

    @api.multi
    def action_reject(self, reason):
        if not isinstance(reason, str) or not reason.strip():
            raise ValidationError(_('Reason for Rejection: required; the applicant reads it.'))
        limit = text_limit(self._fields['reject_reason'])
        if len(reason) > limit:
            raise ValidationError(_('%(field)s: at most %(limit)d characters.') % {'field': self._label('reject_reason'),
                                                                                   'limit': limit})
        self._check_decider()
        for claim in self:
            claim._decide('rejected', reject_reason=reason.strip())
            claim._tell_applicant(_('Your claim of %(enterprise)s was rejected: %(reason)s') % {
                'enterprise': claim.enterprise_id.name, 'reason': reason.strip()}, 'claim_rejected')
        return True

    @api.multi
    def action_reject_with_reason(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Reject the Claim'),
            'res_model': 'cultivation.reason.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_action': 'reject_claim', 'default_res_id': self.id},
        }

    @api.multi
    def action_cancel(self):
        """The applicant withdraws its claim while it waits."""
        for claim in self:
            if claim.user_id != self.env.user or claim.state != 'submitted':
                raise AccessError(_('Only the applicant withdraws a claim, while it awaits review.'))
            claim._decide('cancelled')
        return True

    @api.multi
    def _decide(self, state, **extra):
        # The state is written as the system: nobody has the right to write a claim (see write);
        # the callers checked who decides.
        self.sudo().write(dict(extra, state=state, decided_by_id=self.env.uid,
                               decision_date=fields.Datetime.now()))
        self.sudo().mapped('activity_ids').unlink()

    @api.multi
    def _tell_applicant(self, body, event=None):
        self.ensure_one()
        Event = self.env['cultivation.notification.event']
        applicant = self.sudo().user_id.partner_id
        emailed = not (event and Event._gc_event(event)) or Event._gc_sends_email(event)
        self.sudo().with_context(gc_notification_event=event and Event._gc_event(event).name or False).message_post(
            body=body, partner_ids=applicant.ids if emailed else [], subtype='mail.mt_comment',
            message_type='notification')
        if event:
            Event._gc_fire(event, self, applicant, {'name': applicant.name or '',
                                                     'enterprise': self.sudo().enterprise_id.name or ''},
                           email_done=True)

    # ------------------------------------------------------------------ the other two ways
    @api.model
    def _record_binding(self, enterprise, user, origin):
        """The record of a binding that needed no review (a new enterprise, an invitation)."""
        return self.sudo().create({
            'origin': origin, 'state': 'approved', 'user_id': user.id, 'enterprise_id': enterprise.id,
            'applicant_name': user.name, 'decided_by_id': self.env.uid, 'decision_date': fields.Datetime.now(),
        })
