from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.gradient_base.models.gradient_checked_input import WRITE_ALL

DAYS_PARAMETER = 'gradient_cultivation.publication_days'
HOLIDAYS_PARAMETER = 'gradient_cultivation.publication_holidays'
DEFAULT_DAYS = 5
BUREAU_GROUPS = ('gradient_cultivation.group_bureau_reviewer', 'gradient_cultivation.group_manager')


def add_working_days(start, days, holidays=()):
    """The last day of a period of ``days`` working days beginning on ``start`` (a date): Saturdays,
    Sundays and the ``holidays`` (dates) do not count. The day of publication counts when it is a
    working day, as a notice posted in the morning is read that day."""
    day = start
    counted = 0
    while True:
        if day.weekday() < 5 and day not in holidays:
            counted += 1
            if counted >= days:
                return day
        day += timedelta(days=1)


class CultivationPublication(models.Model):
    """The public notice (公示) of the enterprises the bureau intends to admit after the joint
    review. It is shown without login on /publications for a period of working days; anyone may
    lodge an objection (cultivation.objection) during it. An application listed here becomes an
    admission only after the period has ended with no sustained objection (_cron_close)."""
    _name = 'cultivation.publication'
    _description = 'Publication'
    _inherit = ['gradient.checked.input', 'mail.thread', 'cultivation.keep.mixin']
    _order = 'date_start desc, id desc'
    _writable_fields = {
        'gradient_cultivation.group_bureau_reviewer': {
            'draft': ('title', 'period_days', 'contact_info', 'application_ids')},
        'gradient_cultivation.group_manager': WRITE_ALL,
    }

    name = fields.Char(string='Number', readonly=True, copy=False, default='/')
    title = fields.Char(required=True, size=200, track_visibility='onchange',
                        default=lambda self: _('Enterprises Intended for Admission'))
    period_days = fields.Integer(
        string='Period (working days)', required=True,
        default=lambda self: self._default_period_days(),
        help='Working days during which anyone may object; Saturdays, Sundays and the holidays of '
             'the setting do not count.')
    contact_info = fields.Text(
        string='How to Object', required=True, max_length=2000,
        default=lambda self: _('Lodge the objection on this page during the period, with your name, a '
                               'telephone number, the reasons and any evidence. Objections lodged '
                               'anonymously or after the period are not accepted.'),
        help='Shown on the public page and on the printed notice.')
    state = fields.Selection([
        ('draft', 'Draft'),
        ('open', 'In Publication'),
        ('closed', 'Closed'),
    ], string='Status', default='draft', required=True, readonly=True, copy=False, index=True,
        track_visibility='onchange')
    date_start = fields.Date(string='Published On', readonly=True, copy=False)
    date_end = fields.Date(string='Period Ends On', readonly=True, copy=False,
                           help='The last day on which an objection is accepted.')
    published_by = fields.Many2one('res.users', readonly=True, copy=False)
    application_ids = fields.Many2many(
        'cultivation.application', 'cultivation_publication_application_rel', 'publication_id',
        'application_id', string='Applications', copy=False,
        help='The applications that passed the review and are intended for admission.')
    objection_ids = fields.One2many('cultivation.objection', 'publication_id', string='Objections',
                                    readonly=True)
    objection_count = fields.Integer(compute='_compute_objection_count', string='Objections')
    open_objection_count = fields.Integer(compute='_compute_objection_count', string='Undecided Objections')

    @api.model
    def _default_period_days(self):
        raw = self.env['ir.config_parameter'].sudo().get_param(DAYS_PARAMETER, DEFAULT_DAYS)
        try:
            return max(1, int(raw))
        except (TypeError, ValueError):
            return DEFAULT_DAYS

    @api.depends('objection_ids.state')
    def _compute_objection_count(self):
        for publication in self:
            publication.objection_count = len(publication.objection_ids)
            publication.open_objection_count = len(publication.objection_ids.filtered(lambda o: o.state == 'new'))

    @api.constrains('period_days')
    def _check_period_days(self):
        for publication in self:
            if not 1 <= publication.period_days <= 60:
                raise UserError(_('Period (working days): give a number of working days from 1 to 60.'))

    @api.model
    def create(self, vals):
        publication = super(CultivationPublication, self).create(vals)
        publication._workflow_write({
            'name': self.env['ir.sequence'].sudo().next_by_code('cultivation.publication') or '/'})
        return publication

    # ------------------------------------------------------------------ period
    @api.model
    def _holidays(self):
        """The public holidays the bureau lists in the setting (YYYY-MM-DD, comma separated)."""
        raw = self.env['ir.config_parameter'].sudo().get_param(HOLIDAYS_PARAMETER, '') or ''
        holidays = set()
        for part in raw.replace('，', ',').split(','):
            try:
                holidays.add(fields.Date.from_string(part.strip()))
            except (TypeError, ValueError):
                continue
        return holidays

    @api.multi
    def is_accepting_objections(self):
        """True while the period runs (its last day included)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        return self.state == 'open' and self.date_start <= today <= self.date_end

    # ------------------------------------------------------------------ workflow
    @api.multi
    def _check_bureau(self):
        if self.env.uid != SUPERUSER_ID and not any(self.env.user.has_group(group) for group in BUREAU_GROUPS):
            raise AccessError(_('Only the bureau publishes and decides publications.'))

    @api.multi
    def action_add_pending(self):
        """Lists every application that passed the review and awaits publication."""
        self._check_bureau()
        for publication in self:
            if publication.state != 'draft':
                raise UserError(_('Publication %s is no longer a draft.') % publication.name)
            pending = self.env['cultivation.application'].search([
                ('state', '=', 'to_publish'), ('id', 'not in', publication.application_ids.ids)])
            publication.write({'application_ids': [(4, application.id) for application in pending]})
        return True

    @api.multi
    def action_publish(self):
        self._check_bureau()
        for publication in self:
            if publication.state != 'draft':
                raise UserError(_('Publication %s is no longer a draft.') % publication.name)
            if not publication.application_ids:
                raise UserError(_('Applications: list at least one application to publish.'))
            wrong = publication.application_ids.filtered(lambda a: a.state != 'to_publish')
            if wrong:
                raise UserError(_('Applications: %(names)s did not pass the review or are published already; '
                                  'remove them from the list.') % {'names': ', '.join(wrong.mapped('name'))})
            start = fields.Date.from_string(fields.Date.context_today(self))
            end = add_working_days(start, publication.period_days, self._holidays())
            publication._workflow_write({
                'state': 'open', 'date_start': fields.Date.to_string(start),
                'date_end': fields.Date.to_string(end), 'published_by': self.env.uid})
            for application in publication.application_ids:
                application._start_publication(publication)
            publication.message_post(body=_('Published until %(date_end)s.') % {'date_end': publication.date_end},
                                     subtype='mail.mt_note')
        return True

    @api.multi
    def _bureau_officer(self):
        """Who gets the to-do of an objection: the reviewer who published, while they are one."""
        self.ensure_one()
        officer = self.published_by
        if officer.active and any(officer.has_group(group) for group in BUREAU_GROUPS) and officer.id != SUPERUSER_ID:
            return officer
        group = self.env.ref('gradient_cultivation.group_bureau_reviewer')
        return group.users.filtered(lambda u: u.active and not u.share and u.id != SUPERUSER_ID)[:1]

    @api.model
    def _cron_close(self):
        """After the period: the listed applications without a sustained objection are admitted; an
        application whose objection is still undecided waits for the decision (the next run)."""
        today = fields.Date.context_today(self)
        for publication in self.search([('state', '=', 'open'), ('date_end', '<', today)]):
            publication._finalize()
        return True

    @api.multi
    def _finalize(self):
        self.ensure_one()
        waiting = self.env['cultivation.application']
        for application in self.application_ids.filtered(lambda a: a.state == 'publicity'):
            objections = self.objection_ids.filtered(lambda o: o.application_id == application)
            if objections.filtered(lambda o: o.state == 'new'):
                waiting |= application
                continue
            try:
                with self.env.cr.savepoint():
                    # The notice of admission is the bureau's: signed by the reviewer who published.
                    application.sudo(self._bureau_officer() or self.env.user)._admit()
            except UserError as error:
                # e.g. the enterprise moved to another tier meanwhile: the bureau sees why and
                # decides; the other admissions of the list go ahead.
                waiting |= application
                application.sudo().message_post(body=_('The admission could not be completed: %(error)s') % {
                    'error': error.name}, subtype='mail.mt_note')
        if not waiting:
            self._workflow_write({'state': 'closed'})
            self.message_post(body=_('The period has ended; the admissions are final.'), subtype='mail.mt_note')

    @api.model
    def public_open(self):
        """The publications shown on the public page: open ones and those closed in the last 30 days."""
        since = fields.Date.to_string(fields.Date.from_string(fields.Date.context_today(self)) - timedelta(days=30))
        return self.search(['|', ('state', '=', 'open'), '&', ('state', '=', 'closed'), ('date_end', '>=', since)])

    @api.multi
    def public_rows(self):
        """What the public page and the printed notice show of each listed enterprise: its name,
        credit code, tier and territory, never its figures."""
        self.ensure_one()
        return [{
            'id': application.id,
            'company_name': application.company_name or application.enterprise_id.name,
            'credit_code': application.credit_code or application.enterprise_id.credit_code,
            'library': application.library_id.name,
            'territory': application.territory_id.display_name,
        } for application in self.application_ids.sorted(lambda a: (a.library_id.sequence, a.id))]

    @api.multi
    def notice_intro(self):
        """The notice's first sentence, one translatable sentence with named placeholders."""
        self.ensure_one()
        return _('After the review of the territories, the bureau and the joint review, the following '
                 '%(count)d enterprises are intended for admission to the gradient cultivation libraries. '
                 'They are published for public comment.') % {'count': len(self.application_ids)}

    @api.multi
    def notice_period(self):
        self.ensure_one()
        return _('Publication period: from %(date_start)s to %(date_end)s (%(days)d working days). Anyone who '
                 'objects to an enterprise listed here may lodge an objection within the period.') % {
            'date_start': self.date_start or '—', 'date_end': self.date_end or '—', 'days': self.period_days}
