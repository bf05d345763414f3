from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .cultivation_enterprise import INDUSTRY_DIVISIONS
from odoo.addons.gradient_base.models.gradient_checked_input import WRITE_ALL


class CultivationMembership(models.Model):
    """An enterprise in one tier's library (在库企业), from its admission to its upgrade or exit.
    Its plans, monthly reports, suggestions and evaluations hang off it; its chatter is its history."""
    _name = 'cultivation.membership'
    _description = 'Library Membership'
    _inherit = ['gradient.checked.input', 'mail.thread', 'mail.activity.mixin',
                'cultivation.enterprise.notice', 'cultivation.name.mixin', 'cultivation.keep.mixin']
    _order = 'date_admitted desc, id desc'
    _rec_name = 'enterprise_id'
    # gradient.checked.input: the bureau assigns the officers; admissions, upgrades and exits are
    # the workflow's (admit, action_propose_upgrade, action_exit), the tier and the enterprise never
    # change on a membership (an upgrade makes a new one).
    _owner_fields = ('enterprise_id', 'library_id')
    _writable_fields = {
        'gradient_cultivation.group_bureau_reviewer': ('territory_officer_id', 'bureau_officer_id'),
        'gradient_cultivation.group_manager': WRITE_ALL,
    }

    enterprise_id = fields.Many2one('cultivation.enterprise', required=True,
                                    ondelete='restrict', index=True)
    library_id = fields.Many2one('cultivation.library', string='Cultivation Library', required=True,
                                 ondelete='restrict', index=True, track_visibility='onchange')
    territory_id = fields.Many2one(related='enterprise_id.territory_id', store=True, readonly=True, index=True)
    industry_division = fields.Selection(INDUSTRY_DIVISIONS, related='enterprise_id.industry_division',
                                         store=True, readonly=True, string='Industry Division')
    application_id = fields.Many2one('cultivation.application', string='Admission Application', readonly=True)
    date_admitted = fields.Date(string='Admitted On', required=True, default=fields.Date.context_today,
                                track_visibility='onchange')
    year_admitted = fields.Integer(string='Year of Admission', compute='_compute_year_admitted', store=True,
                                   group_operator=False)
    state = fields.Selection(string='Status', selection=[
        ('active', 'In Library'),
        ('upgraded', 'Upgraded'),
        ('exited', 'Exited'),
    ], default='active', required=True, track_visibility='onchange', index=True)
    next_membership_id = fields.Many2one('cultivation.membership', string='Upgraded To', readonly=True)
    previous_membership_id = fields.Many2one('cultivation.membership', string='Upgraded From',
                                             compute='_compute_previous_membership_id')
    territory_officer_id = fields.Many2one(
        'res.users', track_visibility='onchange',
        domain=lambda self: [('groups_id', 'in', self.env.ref('gradient_cultivation.group_territory_reviewer').id)],
        help='The officer of the territory who follows the enterprise.')
    bureau_officer_id = fields.Many2one(
        'res.users', track_visibility='onchange',
        domain=lambda self: [('groups_id', 'in', self.env.ref('gradient_cultivation.group_bureau_reviewer').id)],
        help='The officer of the bureau in charge of the enterprise.')
    upgrade_proposed = fields.Boolean(string='Proposed for Upgrade', readonly=True, track_visibility='onchange')
    upgrade_library_id = fields.Many2one('cultivation.library', string='Proposed Tier', readonly=True)
    upgrade_reason = fields.Text(string='Reason for the Upgrade Proposal', readonly=True)
    date_exited = fields.Date(string='Exited On', readonly=True, track_visibility='onchange')
    exit_reason = fields.Text(string='Reason for the Exit', readonly=True, track_visibility='onchange')
    plan_ids = fields.One2many('cultivation.plan', 'membership_id', string='Cultivation Plans')
    report_ids = fields.One2many('cultivation.monthly.report', 'membership_id', string='Monthly Reports')
    suggestion_ids = fields.One2many('cultivation.suggestion', 'membership_id', string='Cultivation Suggestions')
    report_count = fields.Integer(compute='_compute_counts', string='Reports')
    open_suggestion_count = fields.Integer(compute='_compute_counts', string='Open Suggestions')
    violation_count = fields.Integer(compute='_compute_counts', string='Violations')
    color = fields.Integer(related='library_id.color', readonly=True)

    @api.depends('date_admitted')
    def _compute_year_admitted(self):
        for membership in self:
            membership.year_admitted = int(membership.date_admitted[:4]) if membership.date_admitted else 0

    def _compute_previous_membership_id(self):
        for membership in self:
            membership.previous_membership_id = self.search([('next_membership_id', '=', membership.id)], limit=1) \
                if isinstance(membership.id, int) else False

    def _compute_counts(self):
        # Grouped counts for all the records at once (a roster or a list reads hundreds).
        def counts(model, field, domain):
            groups = self.env[model].read_group(domain, [field], [field])
            return {g[field][0]: g['%s_count' % field] for g in groups if g[field]}
        ids = [m.id for m in self if isinstance(m.id, int)]
        reports = counts('cultivation.monthly.report', 'membership_id', [('membership_id', 'in', ids)])
        suggestions = counts('cultivation.suggestion', 'membership_id',
                             [('membership_id', 'in', ids), ('state', '=', 'open')])
        violations = counts('cultivation.violation', 'enterprise_id',
                            [('enterprise_id', 'in', self.mapped('enterprise_id').ids)]) \
            if self.env['cultivation.violation'].check_access_rights('read', raise_exception=False) else {}
        for membership in self:
            membership.report_count = reports.get(membership.id, 0)
            membership.open_suggestion_count = suggestions.get(membership.id, 0)
            membership.violation_count = violations.get(membership.enterprise_id.id, 0)

    @api.constrains('enterprise_id', 'state')
    def _check_single_active(self):
        for membership in self.filtered(lambda m: m.state == 'active'):
            others = self.sudo().search_count([('enterprise_id', '=', membership.enterprise_id.id),
                                               ('state', '=', 'active'), ('id', '!=', membership.id)])
            if others:
                raise ValidationError(_('Enterprise: %s is already active in another library; '
                                        'an enterprise is in one tier at a time.') % membership.enterprise_id.name)

    # ------------------------------------------------------------------ admission and upgrade
    @api.model
    def tier_move_error(self, enterprise, library):
        """Why ``enterprise`` may not enter ``library``, or None: the gradient is climbed, never
        descended nor repeated. The one home of that rule: admit() and an application's
        submission ask it."""
        # as the system: whether an active membership exists is the rule's, whoever asks
        current = self.sudo().search([('enterprise_id', '=', enterprise.id), ('state', '=', 'active')], limit=1)
        if current and library and current.library_id.sequence >= library.sequence:
            return _('Cultivation Library: %(enterprise)s is already active in the %(library)s; it can only move up the '
                     'gradient.') % {'enterprise': enterprise.sudo().name, 'library': current.library_id.name}
        return None

    @api.model
    def admit(self, application=None, enterprise=None, library=None, date_admitted=None):
        """Admits an enterprise into a tier: from an approved ``application``, or, for a tier the
        ministry recognises itself (little giant, champion), from the bureau's record of it. An
        active membership in another tier is closed as upgraded and points to the new one."""
        if application:
            application = self._argument_records('cultivation.application', application, _('Admission Application'))
        else:
            enterprise = self._argument_records('cultivation.enterprise', enterprise, _('Enterprise'))
            library = self._argument_records('cultivation.library', library, _('Cultivation Library'))
        date_admitted = self._argument_date(date_admitted, _('Admitted On'))
        enterprise = application.enterprise_id if application else enterprise
        library = application.library_id if application else library
        error = self.tier_move_error(enterprise, library)
        if error:
            raise UserError(error)
        previous = self.search([('enterprise_id', '=', enterprise.id), ('state', '=', 'active')])
        previous.write({'state': 'upgraded', 'upgrade_proposed': False})
        membership = self.create({
            'enterprise_id': enterprise.id,
            'library_id': library.id,
            'application_id': application.id if application else False,
            'date_admitted': date_admitted or fields.Date.context_today(self),
            'territory_officer_id': previous.territory_officer_id.id,
            'bureau_officer_id': previous.bureau_officer_id.id,
        })
        previous.write({'next_membership_id': membership.id})
        # The enterprise goes on reporting: the reports it has still to fill move with it.
        previous.mapped('report_ids').filtered(lambda r: r.state != 'submitted')._workflow_write(
            {'membership_id': membership.id})
        for old in previous:
            old.message_post(body=_('Upgraded to the %s.') % library.name, subtype='mail.mt_note')
        membership.message_post(body=_('Admitted to the %s.') % library.name, subtype='mail.mt_note')
        return membership

    @api.multi
    def _check_bureau(self):
        if not (self.env.user.has_group('gradient_cultivation.group_bureau_reviewer')
                or self.env.user.has_group('gradient_cultivation.group_manager')):
            raise UserError(_('Only the bureau decides upgrades and exits of library members.'))

    @api.multi
    def _check_active(self):
        for membership in self:
            if membership.state != 'active':
                raise UserError(_('%(enterprise)s is no longer an active member of the %(library)s.')
                                % {'enterprise': membership.enterprise_id.name, 'library': membership.library_id.name})

    @api.multi
    def action_propose_upgrade(self, reason):
        """The bureau proposes the member for the next tier; the enterprise is told to apply."""
        self._check_bureau()
        self._check_active()
        reason = self._argument_text(reason, _('Reason'))
        if not reason:
            raise UserError(_('Reason: say why the enterprise is proposed for the next tier.'))
        for membership in self:
            target = membership.library_id.next_library_id
            if not target:
                raise UserError(_('%s is in the highest tier; there is no tier to move up to.')
                                % membership.enterprise_id.name)
            membership._workflow_write({'upgrade_proposed': True, 'upgrade_library_id': target.id, 'upgrade_reason': reason})
            membership._notify_enterprise(
                _('%(enterprise)s is proposed for the %(target)s: %(reason)s') % {'enterprise': membership.enterprise_id.name, 'target': target.name, 'reason': reason},
                template='gradient_cultivation.mail_template_membership_upgrade_proposed')
        return True

    @api.multi
    def action_admit_upgrade(self):
        """Records the admission of a proposed member into its proposed tier (e.g. its recognition
        by the ministry as a little giant)."""
        self.ensure_one()
        self._check_bureau()
        self._check_active()
        if not self.upgrade_proposed or not self.upgrade_library_id:
            raise UserError(_('Propose %s for the next tier first.') % self.enterprise_id.name)
        # The bureau records the admission; memberships themselves are created by the system only.
        new = self.sudo().admit(enterprise=self.enterprise_id, library=self.upgrade_library_id)
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': new.id,
                'view_mode': 'form', 'target': 'current'}

    @api.multi
    def action_exit(self, reason, date_exited=None):
        """退库: closes the membership, keeps all its data, tells the enterprise."""
        self._check_bureau()
        self._check_active()
        reason = self._argument_text(reason, _('Reason'))
        if not reason:
            raise UserError(_('Reason: an exit from the library needs a reason, which the enterprise is told.'))
        date_exited = self._argument_date(date_exited, _('Exited On'))
        for membership in self:
            membership._workflow_write({'state': 'exited', 'date_exited': date_exited or fields.Date.context_today(self),
                              'exit_reason': reason, 'upgrade_proposed': False})
            membership.report_ids.filtered(lambda r: r.state != 'submitted')._workflow_write({'active': False})
            membership._notify_enterprise(
                _('%(enterprise)s leaves the %(library)s: %(reason)s') % {'enterprise': membership.enterprise_id.name, 'library': membership.library_id.name, 'reason': reason},
                template='gradient_cultivation.mail_template_membership_exited')
        return True

    # ------------------------------------------------------------------ buttons
    @api.multi
    def _open_reason_wizard(self, action):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'cultivation.reason.wizard', 'view_mode': 'form',
            'target': 'new', 'name': dict(self.env['cultivation.reason.wizard']._fields['action']
                                          ._description_selection(self.env))[action],
            'context': {'default_action': action, 'default_res_id': self.id},
        }

    @api.multi
    def action_open_exit(self):
        return self._open_reason_wizard('exit_membership')

    @api.multi
    def action_open_propose_upgrade(self):
        return self._open_reason_wizard('propose_upgrade')

    @api.multi
    def action_view_reports(self):
        self.ensure_one()
        action = self.env.ref('gradient_cultivation.cultivation_monthly_report_action_trend').read()[0]
        action['domain'] = [('enterprise_id', '=', self.enterprise_id.id)]
        action['context'] = {'search_default_filter_submitted': 1}
        action['display_name'] = action['name'] = _('Trend of %s') % self.enterprise_id.name
        return action

    @api.multi
    def current_plan(self, year=None):
        self.ensure_one()
        if year and (isinstance(year, bool) or not isinstance(year, int)):
            raise ValidationError(_('Year: enter a year such as 2026.'))
        year = year or fields.Date.from_string(fields.Date.context_today(self)).year
        return self.plan_ids.filtered(lambda p: p.year == year)[:1]

    # ------------------------------------------------------------------ suggestions
    @api.multi
    def _evaluate_suggestions(self):
        """Runs the suggestion rules on each member's submitted reports: raises a suggestion
        where a rule holds (once, kept up to date while open) and resolves the open ones whose
        trend no longer holds."""
        Suggestion = self.env['cultivation.suggestion']
        # lint: a configuration table of a few rows, read whole on purpose
        rules = self.env['cultivation.suggestion.rule'].search([])  # pylint: disable=no-search-all
        for membership in self.filtered(lambda m: m.state == 'active'):
            reports = self.env['cultivation.monthly.report'].search(
                [('enterprise_id', '=', membership.enterprise_id.id), ('state', '=', 'submitted')],
                order='period_date desc', limit=25).sorted('period_date')
            open_by_rule = {s.rule_id: s for s in membership.suggestion_ids if s.state == 'open'}
            for rule in rules:
                evidence = rule.check(membership, reports)
                current = open_by_rule.get(rule)
                if evidence and current:
                    current.write({'evidence': evidence})
                elif evidence:
                    suggestion = Suggestion.create({'membership_id': membership.id, 'rule_id': rule.id,
                                                    'evidence': evidence})
                    membership.message_post(
                        body=_('New cultivation suggestion: %(rule)s (%(evidence)s)') % {'rule': rule.name, 'evidence': evidence},
                        subtype='mail.mt_note',
                        partner_ids=(membership.territory_officer_id | membership.bureau_officer_id)
                        .mapped('partner_id').ids)
                    suggestion.message_post(body=evidence, subtype='mail.mt_note')
                elif current:
                    current.write({'state': 'resolved'})
        return True
