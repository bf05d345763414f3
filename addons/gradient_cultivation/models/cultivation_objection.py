import re
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gradient_base.models.gradient_checked_input import text_limit
from odoo.addons.gradient_base.upload_policy import upload_problem

from .cultivation_publication import BUREAU_GROUPS

HOURLY_LIMIT_PARAMETER = 'gradient_cultivation.objection_hourly_limit'
DEFAULT_HOURLY_LIMIT = 3
MAX_FILES = 3
PHONE_PATTERN = re.compile(r'^[0-9+\-() ]{7,20}$')
EMAIL_PATTERN = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s]+$')


class CultivationObjection(models.Model):
    """An objection (异议) to an enterprise listed in a publication, lodged by anyone on the
    public page during the period. It goes to the bureau as a to-do; the bureau investigates and
    decides with a reason: sustained (the application is returned to the enterprise or not
    admitted) or dismissed (the admission goes ahead at the end of the period)."""
    _name = 'cultivation.objection'
    _description = 'Objection'
    _inherit = ['gradient.checked.input', 'mail.thread', 'mail.activity.mixin', 'cultivation.keep.mixin']
    _order = 'id desc'
    _owner_fields = ('publication_id', 'application_id')
    # What the objector wrote is evidence: nobody edits it. The bureau writes its decision.
    _writable_fields = {
        'gradient_cultivation.group_bureau_reviewer': {'new': ('decision_reason', 'outcome')},
    }

    name = fields.Char(string='Number', readonly=True, copy=False, default='/')
    publication_id = fields.Many2one('cultivation.publication', required=True, readonly=True,
                                     ondelete='restrict', index=True)
    application_id = fields.Many2one('cultivation.application', string='Enterprise Objected To', required=True,
                                     readonly=True, ondelete='restrict', index=True)
    enterprise_id = fields.Many2one(related='application_id.enterprise_id', readonly=True, store=True)
    objector_name = fields.Char(string='Name of the Objector', required=True, readonly=True, size=100)
    contact_phone = fields.Char(string='Telephone', required=True, readonly=True, size=20)
    contact_email = fields.Char(string='E-mail', readonly=True, size=200)
    reasons = fields.Text(required=True, readonly=True, max_length=4000)
    attachment_ids = fields.Many2many('ir.attachment', 'cultivation_objection_attachment_rel', 'objection_id',
                                      'attachment_id', string='Evidence', readonly=True)
    remote_addr = fields.Char(string='Sent From (IP address)', readonly=True)
    state = fields.Selection([
        ('new', 'To Decide'),
        ('sustained', 'Sustained'),
        ('dismissed', 'Unfounded'),
    ], string='Status', default='new', required=True, readonly=True, index=True, track_visibility='onchange')
    outcome = fields.Selection([
        ('return', 'Return the Application to the Enterprise'),
        ('reject', 'Do Not Admit'),
    ], string='If Sustained', default='return', track_visibility='onchange',
        help='What becomes of the application when the objection is sustained.')
    decision_reason = fields.Text(string='Reason of the Decision', max_length=4000, track_visibility='onchange')
    decided_by = fields.Many2one('res.users', readonly=True)
    decided_on = fields.Datetime(readonly=True)

    # ------------------------------------------------------------------ lodging (public page)
    @api.model
    def _lodge_errors(self, vals):
        """{field: message} of an objection's values, all at once (the public form shows each
        beside its field)."""
        errors = {}
        for name in ('objector_name', 'contact_phone', 'reasons'):
            if not (vals.get(name) or '').strip():
                errors[name] = _('%(label)s: required.') % {'label': self._input_label(self._fields[name])}
        for name in ('objector_name', 'contact_phone', 'contact_email', 'reasons'):
            value = vals.get(name) or ''
            limit = text_limit(self._fields[name])
            if len(value) > limit:
                errors[name] = _('%(label)s: at most %(limit)d characters (you entered %(value_length)d).') % {
                    'label': self._input_label(self._fields[name]), 'limit': limit, 'value_length': len(value)}
        phone = (vals.get('contact_phone') or '').strip()
        if phone and 'contact_phone' not in errors and not PHONE_PATTERN.match(phone):
            errors['contact_phone'] = _('Telephone: give a telephone number (digits, 7 to 20 characters).')
        email = (vals.get('contact_email') or '').strip()
        if email and 'contact_email' not in errors and not EMAIL_PATTERN.match(email):
            errors['contact_email'] = _('E-mail: give an address such as name@example.com, or leave it empty.')
        return errors

    @api.model
    def _hourly_limit(self):
        raw = self.env['ir.config_parameter'].sudo().get_param(HOURLY_LIMIT_PARAMETER, DEFAULT_HOURLY_LIMIT)
        try:
            return max(1, int(raw))
        except (TypeError, ValueError):
            return DEFAULT_HOURLY_LIMIT

    @api.model
    def _lodge(self, publication, application_id, vals, files, remote_addr):
        """Creates the objection of the public form and the bureau's to-do. Private (a client
        cannot call it): the public controller calls it as superuser, the one place objections
        are created. Returns (objection, errors); errors is {field: message} and nothing is kept
        when there is one."""
        if isinstance(publication, int):  # the demo data gives ids
            publication = self.env['cultivation.publication'].browse(publication)
        errors = self._lodge_errors(vals)
        application = publication.application_ids.filtered(lambda a: a.id == application_id)
        if not publication.is_accepting_objections():
            errors['publication'] = _('Objection: the period of this publication is over; objections are no longer accepted.')
        elif not application or application.state != 'publicity':
            errors['application_id'] = _('Enterprise Objected To: choose one of the enterprises of this publication.')
        since = fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) - timedelta(hours=1))
        if remote_addr and self.search_count([('remote_addr', '=', remote_addr), ('create_date', '>=', since)]) \
                >= self._hourly_limit():
            errors['publication'] = _('Objection: too many objections were sent from your network in the last hour; '
                                      'please try again later or write to the bureau.')
        files = [f for f in files if f[1]]
        if len(files) > MAX_FILES:
            errors['evidence'] = _('Evidence: at most %(count)d files.') % {'count': MAX_FILES}
        checked = []
        for filename, datas in files:
            problem, mimetype, _size = upload_problem(self.env, datas, _('Evidence %(name)s') % {'name': filename})
            if problem:
                errors['evidence'] = problem
                break
            checked.append((filename, datas, mimetype))
        if errors:
            return self.browse(), errors
        objection = self.create({
            'publication_id': publication.id,
            'application_id': application.id,
            'objector_name': vals['objector_name'].strip(),
            'contact_phone': vals['contact_phone'].strip(),
            'contact_email': (vals.get('contact_email') or '').strip() or False,
            'reasons': vals['reasons'].strip(),
        })
        fields_vals = {'name': self.env['ir.sequence'].next_by_code('cultivation.objection') or '/',
                       'remote_addr': remote_addr or False}
        if checked:
            attachments = self.env['ir.attachment']
            for filename, datas, mimetype in checked:
                attachments |= self.env['ir.attachment'].create({
                    'name': filename, 'datas_fname': filename, 'datas': datas, 'mimetype': mimetype,
                    'res_model': self._name, 'res_id': objection.id})
            fields_vals['attachment_ids'] = [(6, 0, attachments.ids)]
        objection._workflow_write(fields_vals)
        officer = publication._bureau_officer()
        if officer:
            objection._schedule_todo(officer)
        publication.message_post(body=_('Objection %(name)s lodged against %(enterprise)s.') % {
            'name': objection.name, 'enterprise': application.enterprise_id.name}, subtype='mail.mt_note')
        return objection, {}

    @api.multi
    def _schedule_todo(self, user):
        self.ensure_one()
        self.env['mail.activity'].sudo().create({
            'res_model_id': self.env['ir.model']._get(self._name).id,
            'res_id': self.id,
            'activity_type_id': self.env.ref('mail.mail_activity_data_todo').id,
            'summary': _('Decide objection %(name)s (%(enterprise)s)') % {
                'name': self.name, 'enterprise': self.application_id.enterprise_id.name},
            'user_id': user.id,
            'date_deadline': self.publication_id.date_end,
        })

    # ------------------------------------------------------------------ decision (bureau)
    @api.multi
    def _check_decidable(self, reason):
        self.ensure_one()
        if self.env.uid != SUPERUSER_ID and not any(self.env.user.has_group(group) for group in BUREAU_GROUPS):
            raise AccessError(_('Only the bureau decides objections.'))
        if self.state != 'new':
            raise UserError(_('Objection %(name)s is decided already.') % {'name': self.name})
        if not reason:
            raise UserError(_('Reason of the Decision: say what the investigation found.'))

    @api.multi
    def decide(self, decision, reason, outcome='return'):
        """The bureau's decision as one call (RPC clients): ``decision`` is 'sustained' or
        'dismissed', with the reason and, when sustained, what becomes of the application."""
        if decision not in ('sustained', 'dismissed'):
            raise ValidationError(_('Decision: answer "sustained" or "dismissed".'))
        reason = self._argument_text(reason, _('Reason of the Decision'), 4000)
        for objection in self:
            objection._check_decidable(reason)
            objection.write({'decision_reason': reason, 'outcome': outcome})
        return self.action_sustain() if decision == 'sustained' else self.action_dismiss()

    @api.multi
    def action_sustain(self):
        """The objection is founded (button; the reason and the outcome are the form's): the
        application is returned to the enterprise or not admitted, with the reason."""
        for objection in self:
            reason = (objection.decision_reason or '').strip()
            objection._check_decidable(reason)
            if objection.outcome not in ('return', 'reject'):
                raise ValidationError(_('If Sustained: choose whether the application is returned or not admitted.'))
            application = objection.application_id
            if application.state != 'publicity':
                raise UserError(_('Application %(name)s is no longer in publication.') % {'name': application.name})
            objection._decide('sustained', reason, objection.outcome)
            application._end_publication_by_objection(objection.outcome, reason)
            # Other undecided objections against the same application have no object any more.
            for other in objection.publication_id.objection_ids.filtered(
                    lambda o: o.application_id == application and o.state == 'new'):
                other._decide('dismissed', _('The application was already decided by objection %(name)s.') % {
                    'name': objection.name}, False)
        return True

    @api.multi
    def action_dismiss(self):
        """The objection is unfounded (button): the admission goes ahead at the end of the period."""
        for objection in self:
            reason = (objection.decision_reason or '').strip()
            objection._check_decidable(reason)
            objection._decide('dismissed', reason, objection.outcome)
        return True

    @api.multi
    def _decide(self, state, reason, outcome):
        self.ensure_one()
        self._workflow_write({'state': state, 'decision_reason': reason, 'outcome': outcome or False,
                              'decided_by': self.env.uid, 'decided_on': fields.Datetime.now()})
        self.sudo().activity_ids.unlink()
        self.message_post(body=_('%(state)s: %(reason)s') % {
            'state': dict(self._fields['state']._description_selection(self.env))[state], 'reason': reason},
            subtype='mail.mt_note')
