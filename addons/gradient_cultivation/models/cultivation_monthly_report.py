from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gradient_base.models.gradient_checked_input import WRITE_ALL, text_limit

# What the enterprise reports; the rest of the record belongs to the reporting workflow.
REPORT_NUMBER_FIELDS = ('revenue', 'revenue_ytd', 'main_revenue', 'total_profit', 'taxes_paid',
                        'rd_expense', 'new_orders', 'export_revenue')
REPORT_INT_FIELDS = ('employees', 'new_patents')
REPORT_TEXT_FIELDS = ('growth_news', 'difficulties')
REPORT_FIELDS = REPORT_NUMBER_FIELDS + REPORT_INT_FIELDS + REPORT_TEXT_FIELDS
# Figures that may be negative (a loss); all others may not.
SIGNED_FIELDS = ('total_profit',)
# Figures compared with the enterprise's history before a submission is accepted unchecked.
PLAUSIBILITY_FIELDS = ('revenue', 'main_revenue', 'taxes_paid', 'rd_expense', 'employees')
TEXT_LIMIT = 2000
MAX_FIGURE = 10 ** 9  # 10k CNY: ten trillion CNY, far above any member's month

PARAM_DEFAULTS = {
    'gradient_cultivation.report_open_day': 25,
    'gradient_cultivation.report_deadline_day': 10,
    'gradient_cultivation.report_reminder_days': 3,
    'gradient_cultivation.report_unusual_factor': 3.0,
    'gradient_cultivation.report_due_notice_days': 3,
}


def month_start(day):
    return day.replace(day=1)


class CultivationMonthlyReport(models.Model):
    """The monthly report of a member (月度填报): its figures of one month, its growth news and
    its difficulties. Opened by a cron for every active member, filled and submitted by the
    enterprise on the portal, read-only once submitted unless its territory reopens it."""
    _name = 'cultivation.monthly.report'
    _description = 'Monthly Report'
    _inherit = ['gradient.checked.input', 'mail.thread', 'mail.activity.mixin', 'portal.mixin',
                'cultivation.enterprise.notice', 'cultivation.keep.mixin']
    _order = 'period_date desc, enterprise_id'
    # The enterprise answers its reviewers from the portal (issue 19): whoever reads the record
    # (its enterprise by the record rules, its reviewers) may write a message on it; a submitted
    # record stays closed to its other fields.
    _mail_post_access = 'read'
    # gradient.checked.input: the enterprise fills the figures while the report is open or
    # reopened; it never archives a report (issue 14, finding 9), the workflow does (an exit).
    _owner_fields = ('membership_id',)
    _writable_fields = {
        'base.group_portal': {'open': REPORT_FIELDS, 'reopened': REPORT_FIELDS},
        'gradient_cultivation.group_manager': WRITE_ALL,
    }

    name = fields.Char(compute='_compute_name', store=True, string='Report')
    membership_id = fields.Many2one('cultivation.membership', required=True,
                                    ondelete='restrict', index=True, readonly=True)
    enterprise_id = fields.Many2one(related='membership_id.enterprise_id', store=True, readonly=True, index=True)
    library_id = fields.Many2one(related='membership_id.library_id', store=True, readonly=True, index=True)
    territory_id = fields.Many2one(related='membership_id.territory_id', store=True, readonly=True, index=True)
    period_date = fields.Date(string='Month', required=True, readonly=True, index=True,
                              help='The first day of the month reported on.')
    year = fields.Integer(compute='_compute_period', store=True, group_operator=False, index=True)
    month = fields.Integer(compute='_compute_period', store=True, group_operator=False)
    period = fields.Char(string='Reporting Month', compute='_compute_period', store=True, index=True,
                         help='The month reported on, as 2026-11: what lists, pivots and charts show and group '
                              'by (grouping the date by month printed "六月 2026").')
    date_deadline = fields.Date(string='Deadline', readonly=True, index=True)
    state = fields.Selection(string='Status', selection=[
        ('open', 'To Fill'),
        ('submitted', 'Submitted'),
        ('reopened', 'Reopened'),
    ], default='open', required=True, readonly=True, track_visibility='onchange', index=True)
    is_overdue = fields.Boolean(string='Overdue', readonly=True, index=True)
    submit_date = fields.Datetime(string='Submitted On', readonly=True)
    submitted_by = fields.Many2one('res.users', readonly=True)
    reopen_reason = fields.Text(string='Reason for Reopening', readonly=True)
    reminder_count = fields.Integer(string='Reminders Sent', readonly=True)
    last_reminder_date = fields.Date(string='Last Reminder', readonly=True)
    unusual_confirmed = fields.Boolean(string='Unusual Figures Confirmed', readonly=True,
                                       help='The enterprise confirmed figures far from its history.')
    unusual_notes = fields.Text(string='Unusual Figures', readonly=True)
    active = fields.Boolean(default=True)
    # mail.activity.mixin keeps this for internal users only; the portal reads these reports too.
    activity_date_deadline = fields.Date(groups='base.group_user,base.group_portal')

    revenue = fields.Float(string='Operating Revenue of the Month (10k CNY)', digits=(16, 2))
    revenue_ytd = fields.Float(string='Operating Revenue Year to Date (10k CNY)', digits=(16, 2))
    main_revenue = fields.Float(string='Main-business Revenue of the Month (10k CNY)', digits=(16, 2))
    total_profit = fields.Float(string='Total Profit of the Month (10k CNY)', digits=(16, 2))
    taxes_paid = fields.Float(string='Taxes Paid in the Month (10k CNY)', digits=(16, 2))
    employees = fields.Integer(string='Employees at Month End', group_operator='avg')
    rd_expense = fields.Float(string='R&D Spend of the Month (10k CNY)', digits=(16, 2))
    new_patents = fields.Integer()
    new_orders = fields.Float(string='New Orders (10k CNY)', digits=(16, 2))
    export_revenue = fields.Float(string='Export Revenue (10k CNY)', digits=(16, 2))
    growth_news = fields.Text(max_length=TEXT_LIMIT, help='成长动态: new products, customers, investment, awards.')
    difficulties = fields.Text(max_length=TEXT_LIMIT, string='Difficulties and Needs', help='困难诉求: what the zone could help with.')
    rd_ratio = fields.Float(string='R&D Ratio (%)', compute='_compute_ratios', store=True, digits=(6, 2),
                            group_operator='avg')
    reported_rate = fields.Float(string='Reporting Rate (%)', compute='_compute_ratios', store=True,
                                 digits=(5, 1), group_operator='avg',
                                 help='100 for a submitted report, 0 otherwise: its average is the reporting rate.')

    _sql_constraints = [
        ('membership_period_unique', 'unique(membership_id, period_date)',
         'A member has one monthly report per month.'),
    ]

    @api.depends('enterprise_id.name', 'period_date')
    def _compute_name(self):
        for report in self:
            if report.period_date:
                report.name = '%s %s' % (report.period_date[:7], report.enterprise_id.name or '')

    @api.depends('period_date')
    def _compute_period(self):
        for report in self:
            day = fields.Date.from_string(report.period_date) if report.period_date else None
            report.year = day.year if day else 0
            report.month = day.month if day else 0
            report.period = report.period_date[:7] if report.period_date else False

    @api.depends('revenue', 'rd_expense', 'state')
    def _compute_ratios(self):
        for report in self:
            report.rd_ratio = report.rd_expense * 100.0 / report.revenue if report.revenue > 0 else 0.0
            report.reported_rate = 100.0 if report.state == 'submitted' else 0.0

    # lint: super() returns nothing here (a compute method / HttpCase.authenticate)
    def _compute_access_url(self):  # pylint: disable=missing-return
        super(CultivationMonthlyReport, self)._compute_access_url()
        for report in self:
            report.access_url = '/my/reports/%s' % report.id

    # ------------------------------------------------------------------ portal
    @api.multi
    def portal_due_text(self):
        """The deadline of an open report, in a sentence for the enterprise's workbench."""
        self.ensure_one()
        if not self.date_deadline:
            return ''
        lang = self.env['res.lang']._lang_get(self.env.lang or self.env.user.lang or 'zh_CN')
        date = fields.Date.from_string(self.date_deadline).strftime(lang.date_format)
        if self.is_overdue:
            return _('Overdue: the deadline was %(date)s.') % {'date': date}
        return _('Please submit it by %(date)s.') % {'date': date}

    @api.multi
    def portal_submitted_text(self):
        self.ensure_one()
        return _('The monthly report of %(month)s is submitted.') % {'month': self.period}

    # ------------------------------------------------------------------ settings
    @api.model
    def _param(self, key):
        default = PARAM_DEFAULTS['gradient_cultivation.' + key]
        raw = self.env['ir.config_parameter'].sudo().get_param('gradient_cultivation.' + key)
        try:
            return type(default)(raw) if raw not in (None, False, '') else default
        except ValueError:
            return default

    @api.model
    def _deadline_of(self, period):
        """The deadline of the report of the month starting on ``period``: a day of the next month."""
        nxt = period + relativedelta(months=1)
        day = max(1, min(self._param('report_deadline_day'), 28))
        return nxt.replace(day=day)

    # ------------------------------------------------------------------ checks
    @api.multi
    def figure_errors(self, vals):
        """Field -> message for figures that cannot be right, whoever enters them (the portal
        shows each beside its field; the constraint refuses them)."""
        self.ensure_one()
        if not isinstance(vals, dict):
            self._check_input(vals, writing=False)  # refuses what is no {field: value}, in the user's words
        errors = {}
        for name in REPORT_TEXT_FIELDS:
            text = vals.get(name, self[name]) or ''
            limit = text_limit(self._fields[name])
            if isinstance(text, str) and len(text) > limit:  # not text: _check_input below says so
                label = self._fields[name].get_description(self.env)['string']
                errors[name] = _('%(label)s: at most %(limit)d characters (you entered %(value_length)d).') % {
                    'label': label, 'limit': limit, 'value_length': len(text)}
        # the type checks of gradient.checked.input (writes nothing); a text over its limit is told above
        # (a form gives None for a figure it could not read: told beside the field by the form)
        self._check_input({name: value for name, value in vals.items() if name not in errors and value is not None},
                          writing=False)
        values = {name: vals.get(name, self[name]) for name in REPORT_NUMBER_FIELDS + REPORT_INT_FIELDS}
        for name, value in values.items():
            label = self._fields[name].get_description(self.env)['string']
            if value is None or value is False:
                continue
            if name not in SIGNED_FIELDS and value < 0:
                errors[name] = _('%s: cannot be negative.') % label
            elif abs(value) > MAX_FIGURE:
                errors[name] = _('%s: the number is too large.') % label
        known = {name for name, value in values.items() if value is not None and value is not False and name not in errors}
        if {'revenue_ytd', 'revenue'} <= known and values['revenue_ytd'] < values['revenue']:
            errors['revenue_ytd'] = _('Operating Revenue Year to Date: cannot be below the revenue of the month '
                                      '(%.2f).') % values['revenue']
        previous = self._previous_report()
        if ('revenue_ytd' in known and 'revenue_ytd' not in errors and previous and previous.year == self.year
                and values['revenue_ytd'] < previous.revenue_ytd):
            errors['revenue_ytd'] = _('Operating Revenue Year to Date: cannot be below that of %(period_date)s (%(revenue_ytd).2f).') % {'period_date': previous.period_date[:7], 'revenue_ytd': previous.revenue_ytd}
        return errors

    @api.constrains(*REPORT_FIELDS)
    def _check_figures(self):
        for report in self:
            errors = report.figure_errors({})
            if errors:
                raise ValidationError('\n'.join(errors[k] for k in sorted(errors)))

    @api.multi
    def _previous_report(self):
        """The submitted report of the month before, if any."""
        self.ensure_one()
        before = fields.Date.to_string(fields.Date.from_string(self.period_date) - relativedelta(months=1))
        return self.sudo().search([('enterprise_id', '=', self.enterprise_id.id), ('period_date', '=', before),
                                   ('state', '=', 'submitted')], limit=1)

    @api.multi
    def unusual_figures(self, vals=None):
        """Figures far from the enterprise's own history (the median of its last six submitted
        months): worth a second look, not refused. Returns field -> message."""
        self.ensure_one()
        vals = vals or {}
        self._check_input(vals, writing=False)  # checks values, writes nothing
        factor = self._param('report_unusual_factor')
        history = self.sudo().search([
            ('enterprise_id', '=', self.enterprise_id.id), ('state', '=', 'submitted'),
            ('period_date', '<', self.period_date), ('id', '!=', self.id)], order='period_date desc', limit=6)
        if len(history) < 3 or factor <= 1:
            return {}
        # A figure left blank is not a zero: neither the month's nor a past month's counts.
        blanks = (self | history)._blank_fields(PLAUSIBILITY_FIELDS)
        warnings = {}
        for name in PLAUSIBILITY_FIELDS:
            past = sorted(h[name] for h in history if name not in blanks[h.id])
            if len(past) < 3:
                continue
            median = past[len(past) // 2]
            if name in vals:
                value = vals[name]
            else:
                value = None if name in blanks[self.id] else self[name]
            if median > 0 and value is not None and (value > median * factor or value < median / factor):
                label = self._fields[name].get_description(self.env)['string']
                warnings[name] = _('%(label)s: %(value)s is far from the usual %(usual)s of the last months; check it.') % {'label': label, 'value': '{:,.2f}'.format(value).rstrip('0').rstrip('.'), 'usual': '{:,.2f}'.format(median).rstrip('0').rstrip('.')}
        return warnings

    @api.multi
    def _blank_fields(self, names):
        """Number fields read 0 where nothing was entered (NULL in the table): the names each
        report left blank, by report id. `names` are this model's own field names."""
        if not self.ids:
            return {}
        assert all(name in self._fields for name in names)
        self.env.cr.execute('SELECT id, %s FROM %s WHERE id IN %%s' % (
            ', '.join('%s IS NULL' % name for name in names), self._table), (tuple(self.ids),))
        return {row[0]: {name for name, blank in zip(names, row[1:]) if blank} for row in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ writes
    @api.multi
    def write(self, vals):
        figures = set(vals) & set(REPORT_FIELDS)
        if figures and self.env.uid != SUPERUSER_ID:
            for report in self:
                if report.state == 'submitted':
                    raise UserError(_('The report of %s is submitted and can no longer be changed; ask your '
                                      'territory to reopen it.') % report.period_date[:7])
            if not self.env.user.has_group('base.group_portal') \
                    and not self.env.user.has_group('gradient_cultivation.group_manager'):
                raise AccessError(_('Only the enterprise fills its monthly report.'))
        # The other fields (state, membership, reminders, `active`) are the reporting workflow's:
        # gradient.checked.input refuses them below, naming the field (_writable_fields).
        res = super(CultivationMonthlyReport, self).write(vals)
        # A figure left blank stays blank (NULL), not the 0 Odoo stores for an empty number:
        # the second look at unusual figures and the statistics skip it (issue 19).
        blank = [name for name in figures if name in REPORT_NUMBER_FIELDS + REPORT_INT_FIELDS
                 and (vals[name] is None or vals[name] is False)]  # 0 is a figure (0 == False)
        if blank:
            self.env.cr.execute('UPDATE %s SET %s WHERE id IN %%s' % (
                self._table, ', '.join('%s = NULL' % name for name in blank)), (tuple(self.ids),))
            self.invalidate_cache(blank, self.ids)
        return res

    @api.multi
    def _workflow_write(self, vals):
        # The reporting workflow writes its own fields, whoever (enterprise, reviewer, cron) acts.
        return self.sudo().write(vals)

    # ------------------------------------------------------------------ workflow
    @api.multi
    def action_submit(self, confirm_unusual=False):
        for report in self:
            if report.state == 'submitted':
                raise UserError(_('The report of %s is already submitted.') % report.period_date[:7])
            if report.membership_id.state != 'active':
                raise UserError(_('%s is no longer an active member; its reports are closed.')
                                % report.enterprise_id.name)
            errors = report.figure_errors({})
            if errors:
                raise UserError('\n'.join(errors[k] for k in sorted(errors)))
            warnings = report.unusual_figures()
            if warnings and not confirm_unusual:
                raise UserError(_('Some figures are far from your history. Check them and confirm:\n%s')
                                % '\n'.join(warnings[k] for k in sorted(warnings)))
            report._workflow_write({
                'state': 'submitted', 'submit_date': fields.Datetime.now(), 'submitted_by': self.env.uid,
                'is_overdue': False, 'unusual_confirmed': bool(warnings),
                'unusual_notes': '\n'.join(warnings[k] for k in sorted(warnings)) or False})
            report.sudo().activity_ids.unlink()
            report.sudo().message_post(body=_('Submitted.'), subtype='mail.mt_note',
                                       author_id=self.env.user.partner_id.id)
            report.membership_id.sudo()._evaluate_suggestions()
        return True

    @api.multi
    def action_reopen(self, reason):
        """The territory (or the bureau) reopens a submitted report for correction."""
        if not self.env.user._is_enterprise_reviewer(managers=True):
            raise UserError(_('Only the territory or the bureau can reopen a monthly report.'))
        reason = self._argument_text(reason, _('Reason'))
        if not reason:
            raise UserError(_('Reason: say what the enterprise must correct.'))
        self.check_access_rule('read')  # a reviewer reopens the reports of its own territories only
        for report in self:
            if report.state != 'submitted':
                raise UserError(_('Only a submitted report can be reopened.'))
            report._workflow_write({'state': 'reopened', 'reopen_reason': reason})
            report._notify_enterprise(
                _('Your monthly report of %(period_date)s is reopened for correction: %(reason)s') % {'period_date': report.period_date[:7], 'reason': reason})
        return True

    @api.multi
    def action_open_reopen(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'cultivation.reason.wizard', 'view_mode': 'form',
            'target': 'new', 'name': _('Reopen the Report'),
            'context': {'default_action': 'reopen_report', 'default_res_id': self.id},
        }

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_monthly_reporting(self, today=None):
        """Once a day: opens the month's reports from the configured day on, reminds the
        enterprises that have not submitted, and marks reports past their deadline overdue."""
        today = fields.Date.from_string(today) if today else fields.Date.from_string(fields.Date.context_today(self))
        self._open_reports(today)
        self._remind(today)
        self._remind_due_soon(today)
        self._mark_overdue(today)
        return True

    @api.model
    def _open_reports(self, today):
        periods = []
        previous = month_start(today) - relativedelta(months=1)
        if today <= self._deadline_of(previous):
            periods.append(previous)  # a member admitted late, or a cron that did not run
        if today.day >= self._param('report_open_day'):
            periods.append(month_start(today))
        created = self.browse()
        Membership = self.env['cultivation.membership'].sudo()
        for period in periods:
            period_end = fields.Date.to_string(period + relativedelta(months=1) - timedelta(days=1))
            period_str = fields.Date.to_string(period)
            members = Membership.search([('state', '=', 'active'), ('date_admitted', '<=', period_end)])
            existing = self.sudo().with_context(active_test=False).search(
                [('period_date', '=', period_str), ('membership_id', 'in', members.ids)]).mapped('membership_id')
            for membership in members - existing:
                created |= self.sudo().create({
                    'membership_id': membership.id, 'period_date': period_str,
                    'date_deadline': fields.Date.to_string(self._deadline_of(period))})
        return created

    @api.model
    def _remind(self, today):
        interval = max(1, self._param('report_reminder_days'))
        last_ok = fields.Date.to_string(today - timedelta(days=interval))
        reports = self.sudo().search([
            ('state', 'in', ('open', 'reopened')), ('membership_id.state', '=', 'active'),
            '|', ('last_reminder_date', '=', False), ('last_reminder_date', '<=', last_ok)])
        for report in reports:
            # The first reminder is the notice that the report is open (one message that day, by
            # the channels of the event "monthly report opened"); the later ones are e-mails.
            report._notify_enterprise('', template='gradient_cultivation.mail_template_monthly_report_reminder',
                                      event=None if report.reminder_count else 'monthly_report_open',
                                      params=report._gc_params())
            report.write({'reminder_count': report.reminder_count + 1,
                          'last_reminder_date': fields.Date.to_string(today)})
        return reports

    @api.model
    def _remind_due_soon(self, today):
        """Three days (gradient_cultivation.report_due_notice_days) before the deadline, the
        enterprises whose report is still open hear of it."""
        due = fields.Date.to_string(today + timedelta(days=self._param('report_due_notice_days')))
        reports = self.sudo().search([('state', 'in', ('open', 'reopened')), ('date_deadline', '=', due),
                                      ('membership_id.state', '=', 'active')])
        for report in reports:
            report._gc_fire('monthly_report_due')
        return reports

    def _gc_params(self):
        return {'enterprise': self.enterprise_id.name or '', 'period': (self.period_date or '')[:7],
                'deadline': self.date_deadline or ''}

    def _gc_fire(self, code):
        self.env['cultivation.notification.event']._gc_fire(code, self, self._enterprise_partners(), self._gc_params())

    @api.model
    def _mark_overdue(self, today):
        reports = self.sudo().search([
            ('state', 'in', ('open', 'reopened')), ('is_overdue', '=', False),
            ('date_deadline', '<', fields.Date.to_string(today))])
        reports.write({'is_overdue': True})
        for report in reports:
            report._gc_fire('monthly_report_overdue')
            officer = report.membership_id.territory_officer_id
            if officer:
                self.env['mail.activity'].sudo().create({
                    'res_model_id': self.env['ir.model']._get(self._name).id, 'res_id': report.id,
                    'activity_type_id': self.env.ref('mail.mail_activity_data_todo').id,
                    'user_id': officer.id, 'date_deadline': fields.Date.to_string(today),
                    'summary': _('Monthly report overdue'),
                    'note': _('%(enterprise)s has not submitted its report of %(period_date)s (deadline %(date_deadline)s).') % {'enterprise': report.enterprise_id.name, 'period_date': report.period_date[:7], 'date_deadline': report.date_deadline}})
        return reports
