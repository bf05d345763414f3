import json
import math
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gradient_base.models.gradient_checked_input import WRITE_ALL

from .cultivation_call import CALL_TZ

RD_INSTITUTION_LEVELS = [
    ('national', 'National'),
    ('provincial', 'Provincial'),
    ('city', 'City'),
    ('below_city', 'Below City'),
    ('none', 'None'),
]
PRODUCT_FIELDS = [
    ('gap_filling', 'Fills a Domestic Gap'),
    ('industrial_basis', 'Industrial Basis (core parts, key materials, processes)'),
    ('other', 'Other'),
]

# What the enterprise declares (入库申请书). Reviewers act on an application; they never edit these.
DECLARED_FIELDS = (
    'enterprise_id', 'call_id', 'library_id', 'submission_channel',
    'company_name', 'credit_code', 'legal_representative', 'address', 'industry_code', 'founding_date',
    'registered_capital', 'employee_count', 'rd_employee_count', 'contact_name', 'contact_phone',
    'contact_email', 'main_product', 'niche_field', 'niche_years', 'product_field', 'strategic_emerging',
    'financial_ids', 'ip_class1_count', 'ip_class2_count', 'rd_institution_level', 'certifications',
    'honours', 'market_share', 'market_rank', 'pledge_accepted', 'pledge_signatory', 'pledge_date',
    'attachment_ids',
)
# Declared fields compared between versions ("what changed since the last return").
VERSIONED_FIELDS = tuple(f for f in DECLARED_FIELDS if f not in (
    'enterprise_id', 'call_id', 'financial_ids', 'attachment_ids'))


class CultivationApplication(models.Model):
    """The application for admission to a tier (入库申请书) and its review.

    The enterprise fills it (portal) and submits it; it then passes the configured review stages
    (cultivation.review.stage) in order. Each stage's reviewers approve (the next stage, or
    admission after the last) or return it with a reason; the enterprise edits and resubmits,
    and each submission is kept as a numbered version."""
    _name = 'cultivation.application'
    _description = 'Admission Application'
    _inherit = ['gradient.checked.input', 'mail.thread', 'mail.activity.mixin', 'portal.mixin',
                'cultivation.enterprise.notice', 'cultivation.name.mixin', 'cultivation.keep.mixin']
    _checks_input_first = True  # create and write check the values first (gradient.checked.input)
    # The enterprise answers its reviewers from the portal (issue 19): whoever reads the record
    # (its enterprise by the record rules, its reviewers) may write a message on it; a submitted
    # record stays closed to its other fields.
    _mail_post_access = 'read'
    _order = 'id desc'
    # gradient.checked.input: the enterprise declares while the application is a draft or
    # returned; reviewers act through the review workflow only; whose it is never changes.
    _owner_fields = ('enterprise_id',)
    _writable_fields = {
        'base.group_portal': {'draft': DECLARED_FIELDS, 'returned': DECLARED_FIELDS},
        'gradient_cultivation.group_manager': WRITE_ALL,
    }

    name = fields.Char(string='Reference', readonly=True, copy=False, default='/')
    enterprise_id = fields.Many2one('cultivation.enterprise', required=True,
                                    ondelete='restrict', index=True, track_visibility='onchange')
    call_id = fields.Many2one('cultivation.call', required=True, ondelete='restrict', index=True)
    library_id = fields.Many2one('cultivation.library', string='Cultivation Library', required=True,
                                 ondelete='restrict', index=True, track_visibility='onchange')
    territory_id = fields.Many2one(related='enterprise_id.territory_id', store=True, readonly=True,
                                   string='Territory', index=True)
    submission_channel = fields.Selection([
        ('territory', 'Via the Territory'),
        ('direct', 'Directly to the Bureau'),
    ], required=True, default='territory',
        help='Via the territory: the town/street or park reviews first. Directly: the application '
             'goes to the bureau (企业直报).')

    # -- basic data (copied from the enterprise, as declared) --
    company_name = fields.Char(string='Enterprise Name', size=200)
    credit_code = fields.Char(string='Unified Social Credit Code')
    legal_representative = fields.Char(size=200)
    address = fields.Char(size=200)
    industry_code = fields.Char(size=200)
    founding_date = fields.Date()
    registered_capital = fields.Float(string='Registered Capital (10k CNY)', digits=(16, 2))
    employee_count = fields.Integer(string='Employees')
    rd_employee_count = fields.Integer(string='R&D Employees')
    contact_name = fields.Char(string='Contact Person', size=200)
    contact_phone = fields.Char(size=200)
    contact_email = fields.Char(size=200)
    # -- niche and product --
    main_product = fields.Char(size=200)
    niche_field = fields.Char(size=200)
    niche_years = fields.Integer(string='Years in the Niche')
    product_field = fields.Selection(PRODUCT_FIELDS)
    strategic_emerging = fields.Boolean(string='Strategic Emerging Industry',
                                        help='The main product is listed in the strategic emerging industries classification.')
    # -- financials, IP, R&D, recognition --
    financial_ids = fields.One2many('cultivation.application.financial', 'application_id', string='Financials')
    ip_class1_count = fields.Integer(string='Class I IP Items',
                                     help='Invention patents, new plant varieties, IC layout designs and the like.')
    ip_class2_count = fields.Integer(string='Class II IP Items',
                                     help='Utility models, designs, software copyrights.')
    rd_institution_level = fields.Selection(RD_INSTITUTION_LEVELS, string='R&D Institution Level')
    # max_length: the limit of a text (gradient_base's text_limit reads it; Odoo 11 keeps it on the field)
    certifications = fields.Text(max_length=2000, help='Management-system and product certifications (e.g. ISO 9001).')
    honours = fields.Text(max_length=2000, help='Awards and recognitions of the last three years.')
    market_share = fields.Float(string='Market Share (%)', digits=(5, 2))
    market_rank = fields.Integer()
    # -- truthfulness pledge (承诺书) --
    pledge_accepted = fields.Boolean(string='Truthfulness Pledge Signed')
    pledge_signatory = fields.Char(string='Signed By', size=200)
    pledge_date = fields.Date(string='Signed On')
    attachment_ids = fields.One2many('cultivation.application.attachment', 'application_id', string='Attachments')

    # -- review --
    state = fields.Selection(string='Status', selection=[
        ('draft', 'Draft'),
        ('in_review', 'In Review'),
        ('returned', 'Returned'),
        ('to_publish', 'Passed, Awaiting Publication'),
        ('publicity', 'In Publication'),
        ('approved', 'Admitted'),
        ('rejected', 'Not Admitted'),
        ('withdrawn', 'Withdrawn'),
    ], default='draft', required=True, readonly=True, copy=False, index=True, track_visibility='onchange')
    stage_id = fields.Many2one('cultivation.review.stage', string='Review Stage', readonly=True, copy=False,
                               index=True, track_visibility='onchange', group_expand='_read_group_stage_ids')
    stage_is_joint = fields.Boolean(related='stage_id.is_joint', readonly=True)
    stage_date = fields.Datetime(string='In Stage Since', readonly=True, copy=False)
    stage_deadline = fields.Datetime(readonly=True, copy=False)
    is_overdue = fields.Boolean(string='Overdue', compute='_compute_is_overdue', search='_search_is_overdue')
    version = fields.Integer(readonly=True, copy=False, help='Number of submissions so far.')
    submit_date = fields.Datetime(string='Submitted On', readonly=True, copy=False)
    return_reason = fields.Text(string='Reason of the Last Return', readonly=True, copy=False)
    review_ids = fields.One2many('cultivation.application.review', 'application_id', string='Reviews', readonly=True)
    version_ids = fields.One2many('cultivation.application.version', 'application_id', string='Versions', readonly=True)
    joint_member_ids = fields.Many2many(
        'res.users', 'cultivation_application_joint_member_rel', 'application_id', 'user_id',
        string='Joint Review Members', readonly=True, copy=False)
    membership_id = fields.Many2one('cultivation.membership', readonly=True, copy=False)
    publication_ids = fields.Many2many(
        'cultivation.publication', 'cultivation_publication_application_rel', 'application_id',
        'publication_id', string='Publications', readonly=True, copy=False)
    latest_changes = fields.Text(related='version_ids.changes', string='Changes Since the Previous Version', readonly=True)
    can_review = fields.Boolean(compute='_compute_can_review')
    joint_summary = fields.Char(string='Joint Review Score', compute='_compute_joint_summary',
                                help="The members' average score of the latest joint review, beside the pass rule.")
    # mail.activity.mixin stores this for internal users only; enterprises create applications
    # on the portal, and the create must be able to store it.
    activity_date_deadline = fields.Date(groups='base.group_user,base.group_portal')

    # the range of market_share: the database's check, and form_errors() for the portal form
    MARKET_SHARE_RANGE = (0, 100)
    _sql_constraints = [
        ('market_share_range', 'CHECK(market_share >= %d AND market_share <= %d)' % MARKET_SHARE_RANGE,
         'Market Share (%): must be between 0 and 100.'),
    ]

    @api.model
    def form_errors(self, vals):
        """{field: message} for the values a form is about to write, all at once (the portal shows
        each beside its field): the application's own rules; its financial years are checked by
        cultivation.application.financial.line_errors."""
        errors = {}
        low, high = self.MARKET_SHARE_RANGE
        if vals.get('market_share') is not None and not low <= vals['market_share'] <= high:
            errors['market_share'] = _('Market Share (%): must be between 0 and 100.')
        return errors

    # ------------------------------------------------------------------ computes
    @api.depends('state', 'stage_deadline')
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for application in self:
            application.is_overdue = bool(application.state == 'in_review' and application.stage_deadline
                                          and application.stage_deadline < now)

    def _search_is_overdue(self, operator, value):
        overdue = ['&', ('state', '=', 'in_review'), ('stage_deadline', '<', fields.Datetime.now())]
        if (operator == '=') == bool(value):
            return overdue
        return ['|', '|', ('state', '!=', 'in_review'), ('stage_deadline', '=', False),
                ('stage_deadline', '>=', fields.Datetime.now())]

    @api.depends('review_ids', 'version')
    def _compute_joint_summary(self):
        for application in self:
            votes = application.review_ids.filtered(lambda r: r.decision in ('vote_for', 'vote_against'))
            if not votes:
                application.joint_summary = False
                continue
            latest = max(votes.mapped('version'))
            votes = votes.filtered(lambda r: r.version == latest)
            stage = votes[0].stage_id
            members = len(application.joint_member_ids) if application.stage_id == stage else len(votes)
            application.joint_summary = _(
                'average %(average).1f of %(votes)d of %(members)d members (%(in_favour)d in favour); %(rule)s') % {
                'average': sum(votes.mapped('score')) / len(votes), 'votes': len(votes),
                'members': max(members, len(votes)),
                'in_favour': len(votes.filtered(lambda r: r.decision == 'vote_for')), 'rule': stage.pass_rule()}

    @api.depends('stage_id', 'state', 'joint_member_ids')
    def _compute_can_review(self):
        for application in self:
            application.can_review = application._reviewer_problem() is None

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        # lint: a configuration table of a few rows, read whole on purpose
        return stages.search([], order=order)  # pylint: disable=no-search-all

    # ------------------------------------------------------------------ create / write
    @api.model
    def _enterprise_defaults(self, enterprise):
        contact = self.env.user.partner_id if self.env.user.share else self.env['res.partner']
        return {
            'company_name': enterprise.name,
            'credit_code': enterprise.credit_code,
            'legal_representative': enterprise.legal_representative,
            'address': enterprise.street,
            'industry_code': enterprise.industry_code,
            'founding_date': enterprise.founding_date,
            'registered_capital': enterprise.registered_capital,
            'employee_count': enterprise.employee_count,
            'rd_employee_count': enterprise.rd_employee_count,
            'main_product': enterprise.main_product,
            'contact_name': contact.name or False,
            'contact_phone': contact.phone or enterprise.phone,
            'contact_email': contact.email or enterprise.email,
        }

    @api.onchange('enterprise_id')
    def _onchange_enterprise_id(self):
        if self.enterprise_id:
            self.update(self._enterprise_defaults(self.enterprise_id))

    @api.model
    def _check_only_declared(self, vals):
        """Users write declared fields only; the review fields change through the workflow
        methods alone (which write as superuser in _workflow_write), never over RPC."""
        if self.env.uid == SUPERUSER_ID:
            return
        protected = [name for name in vals if name not in DECLARED_FIELDS
                     and not name.startswith(('message_', 'activity_'))]
        if protected:
            raise AccessError(_('The review fields (%s) change only through the review actions.')
                              % ', '.join(sorted(protected)))

    @api.multi
    def _workflow_write(self, vals):
        # The one place where the workflow writes its own fields, whoever triggered the step:
        # an enterprise may not write review fields, a reviewer may not write others' records.
        return self.sudo().write(vals)

    @api.model
    def create(self, vals):
        self._check_input(vals, create=True)
        self._check_only_declared(vals)
        self._check_declarer()
        if vals.get('enterprise_id'):
            enterprise = self.env['cultivation.enterprise'].browse(vals['enterprise_id'])
            vals = dict(self._enterprise_defaults(enterprise), **vals)
        if vals.get('name', '/') == '/':
            vals['name'] = self.env['ir.sequence'].sudo().next_by_code('cultivation.application') or '/'
        application = super(CultivationApplication, self).create(vals)
        application._check_unique_open_application()
        return application

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        self._check_only_declared(vals)
        declared = set(vals) & set(DECLARED_FIELDS)
        if declared:
            self._check_declarer()
            self._check_editable()
        res = super(CultivationApplication, self).write(vals)
        if {'enterprise_id', 'library_id', 'call_id'} & declared:
            self._check_unique_open_application()
        return res

    @api.multi
    def unlink(self):
        self.check_access_rights('unlink')
        if any(application.state != 'draft' for application in self):
            raise UserError(_('Only draft applications can be deleted; withdraw a submitted application instead.'))
        return super(CultivationApplication, self).unlink()

    @api.model
    def _check_declarer(self):
        """Only the enterprise (portal) declares; reviewers act on what it declared."""
        if self.env.uid == SUPERUSER_ID or not self.env.user.has_group('base.group_user'):
            return
        if self.env.user.has_group('gradient_cultivation.group_manager'):
            return  # administrators may correct data on the enterprise's behalf
        raise AccessError(_('Reviewers cannot change what the enterprise declared; '
                            'return the application with a reason instead.'))

    @api.multi
    def _check_editable(self):
        for application in self:
            if application.state not in ('draft', 'returned'):
                raise UserError(_('Application %(application)s is %(state_label)s: it can only be changed while it is a draft '
                                  'or after it was returned.') % {'application': application.name, 'state_label': application._state_label()})

    @api.multi
    def _check_lines_editable(self):
        """Financial lines and attachments are part of the declaration."""
        if self.env.uid == SUPERUSER_ID:
            return
        self._check_declarer()
        self._check_editable()

    @api.multi
    def _check_unique_open_application(self):
        for application in self:
            duplicate = self.sudo().search_count([
                ('id', '!=', application.id), ('enterprise_id', '=', application.enterprise_id.id),
                ('call_id', '=', application.call_id.id), ('library_id', '=', application.library_id.id),
                ('state', 'not in', ('withdrawn', 'rejected'))])
            if duplicate:
                raise ValidationError(_('Cultivation library: %(enterprise)s already has an application to "%(library)s" in this call.')
                                      % {'enterprise': application.enterprise_id.name, 'library': application.library_id.name})

    def _state_label(self):
        return dict(self._fields['state']._description_selection(self.env))[self.state]

    # ------------------------------------------------------------------ portal
    @api.multi
    def portal_waiting_on(self):
        """What the application waits on, in a sentence for the enterprise's workbench."""
        self.ensure_one()
        if self.state == 'draft':
            return _('Draft: complete it and submit it before the call closes.')
        if self.state == 'returned':
            return _('Returned: correct it as the reviewers ask and submit it again.')
        if self.state == 'in_review':
            if self.stage_deadline:
                local = fields.Datetime.context_timestamp(
                    self.with_context(tz=self.env.user.tz or CALL_TZ), fields.Datetime.from_string(self.stage_deadline))
                lang = self.env['res.lang']._lang_get(self.env.lang or self.env.user.lang or 'zh_CN')
                return _('Waiting on the review of %(stage)s, due by %(date)s.') % {
                    'stage': self.stage_id.name, 'date': local.strftime(lang.date_format)}
            return _('Waiting on the review of %(stage)s.') % {'stage': self.stage_id.name}
        if self.state == 'to_publish':
            return _('Passed the review: waiting for the bureau to publish the admission list.')
        if self.state == 'publicity':
            return _('Published for objections: admitted when the publication period ends.')
        return ''

    # ------------------------------------------------------------------ completeness
    @api.multi
    def portal_history(self):
        """Submissions and review decisions, newest first, as the enterprise sees them (joint
        review members' opinions stay internal)."""
        self.ensure_one()
        decisions = dict(self.env['cultivation.application.review']._fields['decision']._description_selection(self.env))
        rows = [{'date': v.create_date, 'version': v.version, 'stage': _('Submitted'), 'decision': '', 'opinion': ''}
                for v in self.version_ids]
        rows += [{'date': r.create_date, 'version': r.version, 'stage': r.stage_id.name,
                  'decision': decisions.get(r.decision, ''),
                  'opinion': r.opinion if r.decision in ('approve', 'return') else ''}
                 for r in self.review_ids]
        return sorted(rows, key=lambda row: row['date'], reverse=True)

    @api.multi
    def _missing_items(self):
        """What the application still lacks before it can be submitted (user-facing, translated)."""
        self.ensure_one()
        missing = []
        required = [
            ('company_name', _('Enterprise Name')), ('credit_code', _('Unified Social Credit Code')),
            ('legal_representative', _('Legal Representative')), ('address', _('Address')),
            ('industry_code', _('Industry Code')), ('contact_name', _('Contact Person')),
            ('contact_phone', _('Contact Phone')), ('main_product', _('Main Product')),
            ('niche_field', _('Niche Field')),
        ]
        for field_name, label in required:
            if not self[field_name]:
                missing.append(_('%s: required.') % label)
        if len(self.financial_ids) < 2:
            missing.append(_('Financials: give the figures of at least the last two years.'))
        if not self.pledge_accepted or not self.pledge_signatory:
            missing.append(_('Truthfulness Pledge: tick the pledge and give the name of the signatory.'))
        if 'licence' not in self.attachment_ids.mapped('doc_type'):
            missing.append(_('Attachments: the business licence is required.'))
        if 'financial_statement' not in self.attachment_ids.mapped('doc_type'):
            missing.append(_('Attachments: the financial statements are required.'))
        tier_error = self.library_id and self.env['cultivation.membership'].tier_move_error(
            self.enterprise_id, self.library_id)
        if tier_error:
            missing.append(tier_error)
        return missing

    # ------------------------------------------------------------------ workflow
    @api.multi
    def _applicable_stages(self):
        self.ensure_one()
        # lint: a configuration table of a few rows, read whole on purpose
        stages = self.env['cultivation.review.stage'].sudo().search([])  # pylint: disable=no-search-all
        return stages.filtered(lambda s: s.applies_to(self))

    @api.multi
    def _next_stage(self):
        """The first applicable stage after the current one (the first of all when there is none)."""
        self.ensure_one()
        stages = self._applicable_stages()
        if not self.stage_id:
            return stages[:1]
        current = (self.stage_id.sequence, self.stage_id.id)
        return stages.filtered(lambda s: (s.sequence, s.id) > current)[:1]

    @api.multi
    def action_submit(self):
        for application in self:
            if application.state not in ('draft', 'returned'):
                raise UserError(_('Application %(application)s is %(state_label)s: only a draft or a returned application can be submitted.')
                                % {'application': application.name, 'state_label': application._state_label()})
            application._check_declarer()
            application.call_id.check_open_for(application.library_id)
            missing = application._missing_items()
            if missing:
                raise UserError(_('The application cannot be submitted yet:\n%s') % '\n'.join(missing))
            application._record_version()
            application._workflow_write({
                'state': 'in_review', 'submit_date': fields.Datetime.now(), 'stage_id': False,
                'return_reason': False})
            application._post_note(_('Submitted as version %d.') % application.version)
            application._enter_stage(application._next_stage())
        return True

    @api.multi
    def _record_version(self):
        self.ensure_one()
        snapshot = self._snapshot()
        previous = self.version_ids.sorted('version')[-1:]
        changes = self._describe_changes(json.loads(previous.snapshot), snapshot) if previous else ''
        # Versions are the enterprise's record of what it submitted: written by the workflow.
        self.env['cultivation.application.version'].sudo().create({
            'application_id': self.id,
            'version': self.version + 1,
            'snapshot': json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
            'changes': changes,
            'submitted_by': self.env.uid,
        })
        self._workflow_write({'version': self.version + 1})

    @api.multi
    def _snapshot(self):
        self.ensure_one()
        data = {}
        for name in VERSIONED_FIELDS:
            value = self[name]
            if isinstance(value, models.BaseModel):
                value = value.display_name
            data[name] = value
        data['financials'] = {str(f.year): f._snapshot() for f in self.financial_ids}
        data['attachments'] = sorted('%s: %s' % (a.doc_type, a.name) for a in self.attachment_ids)
        return data

    @api.model
    def _describe_changes(self, old, new):
        lines = []
        for name in VERSIONED_FIELDS:
            if old.get(name) != new.get(name):
                label = self._fields[name].get_description(self.env)['string']
                lines.append('%s: %s → %s' % (label, self._shown(name, old.get(name)), self._shown(name, new.get(name))))
        for year in sorted(set(old.get('financials', {})) | set(new.get('financials', {}))):
            before, after = old.get('financials', {}).get(year, {}), new.get('financials', {}).get(year, {})
            for key in sorted(set(before) | set(after)):
                if before.get(key) != after.get(key):
                    label = self.env['cultivation.application.financial']._fields[key].get_description(self.env)['string']
                    lines.append('%s %s: %s → %s' % (year, label, before.get(key, '—'), after.get(key, '—')))
        added = set(new.get('attachments', [])) - set(old.get('attachments', []))
        removed = set(old.get('attachments', [])) - set(new.get('attachments', []))
        lines += [_('Attachment added: %s') % self._shown_attachment(a) for a in sorted(added)]
        lines += [_('Attachment removed: %s') % self._shown_attachment(a) for a in sorted(removed)]
        return '\n'.join(lines) or _('No change.')

    @api.model
    def _shown(self, name, value):
        """A snapshot value as the reader knows it: a choice by its label, yes/no, — for none.
        Snapshots keep the stored values (keys), so they read right in every language."""
        field = self._fields[name]
        if field.type == 'selection':
            return dict(field._description_selection(self.env)).get(value, value) if value else '—'
        if field.type == 'boolean':
            return _('Yes') if value else _('No')
        return value if value or value == 0 else '—'

    @api.model
    def _shown_attachment(self, entry):
        """"licence: x.pdf" of a snapshot as "营业执照: x.pdf"."""
        doc_type, _sep, file_name = entry.partition(': ')
        Attachment = self.env['cultivation.application.attachment']
        label = dict(Attachment._fields['doc_type']._description_selection(self.env)).get(doc_type, doc_type)
        return '%s: %s' % (label, file_name)

    @api.multi
    def _enter_stage(self, stage):
        """Moves the application into ``stage``; after the last one it awaits publication (公示):
        the admission follows only from a period with no sustained objection."""
        self.ensure_one()
        if not stage:
            return self._await_publication()
        now = fields.Datetime.from_string(fields.Datetime.now())
        vals = {
            'stage_id': stage.id,
            'stage_date': fields.Datetime.to_string(now),
            'stage_deadline': stage.time_limit_days and fields.Datetime.to_string(
                now + timedelta(days=stage.time_limit_days)) or False,
            'joint_member_ids': [(5, 0, 0)],
        }
        reviewers = stage.candidate_reviewers(self)
        if stage.is_joint:
            # The members with the fewest applications in joint review get the new one.
            load = {user.id: self.sudo().search_count([('state', '=', 'in_review'), ('stage_id', '=', stage.id),
                                                      ('joint_member_ids', 'in', [user.id])])
                    for user in reviewers}
            reviewers = reviewers.sorted(lambda u: (load[u.id], u.id))[:stage.joint_member_count]
            if len(reviewers) < stage.joint_member_count:
                raise UserError(_('Stage "%(stage)s" needs %(joint_member_count)d joint review members but only %(reviewers_length)d are configured; '
                                  'ask an administrator to complete the panel.')
                                % {'stage': stage.name, 'joint_member_count': stage.joint_member_count, 'reviewers_length': len(reviewers)})
            vals['joint_member_ids'] = [(6, 0, reviewers.ids)]
        # The workflow moves the application for whoever triggered the step (an enterprise has no
        # right to write review fields, a reviewer none to schedule activities for others).
        self._workflow_write(vals)
        self._schedule_review_activities(stage, reviewers)
        return True

    @api.multi
    def _schedule_review_activities(self, stage, reviewers):
        """A to-do for the review of ``stage``. Each member of a joint review votes, so each gets
        one; any of the candidates of another stage may act, and the to-do goes to the one with the
        fewest open reviews (a bureau of thirty reviewers would otherwise get thirty to-dos for every
        application, each costing its follower and notification)."""
        self.ensure_one()
        if not reviewers:
            return
        if not stage.is_joint and len(reviewers) > 1:
            groups = self.env['mail.activity'].sudo().read_group(
                [('res_model', '=', self._name), ('user_id', 'in', reviewers.ids)], ['user_id'], ['user_id'])
            load = {group['user_id'][0]: group['user_id_count'] for group in groups}
            reviewers = reviewers.sorted(lambda user: (load.get(user.id, 0), user.id))[:1]
        activity_type = self.env.ref('mail.mail_activity_data_todo')
        model_id = self.env['ir.model']._get(self._name).id
        deadline = (self.stage_deadline or fields.Datetime.now())[:10]
        Activity = self.env['mail.activity'].sudo()  # see _enter_stage
        for user in reviewers:
            Activity.create({
                'res_model_id': model_id,
                'res_id': self.id,
                'activity_type_id': activity_type.id,
                # stored text, read by the reviewer: in the reviewer's language, whichever process
                # (a scheduled job, a data file) scheduled it
                'summary': self.with_context(lang=user.lang or self.env.user.lang)._review_summary(stage),
                'user_id': user.id,
                'date_deadline': deadline,
            })

    @api.multi
    def _review_summary(self, stage):
        self.ensure_one()
        return _('Review %(name)s: %(stage)s') % {'name': self.name, 'stage': stage.with_context(lang=self.env.lang).name}

    @api.multi
    def _close_activities(self, users=None):
        activities = self.sudo().mapped('activity_ids')
        if users is not None:
            activities = activities.filtered(lambda a: a.user_id in users)
        activities.unlink()

    @api.multi
    def _reviewer_problem(self, user=None):
        """None when ``user`` may act on the current stage, else why not (translated)."""
        self.ensure_one()
        user = user or self.env.user
        if self.state != 'in_review' or not self.stage_id:
            return _('Application %s is not in review.') % self.name
        if user.id == SUPERUSER_ID:
            return None
        stage = self.stage_id
        if stage.is_joint:
            if user not in self.joint_member_ids:
                return _('You are not a member of the joint review of %s.') % self.name
            if self.review_ids.filtered(lambda r: r.stage_id == stage and r.version == self.version
                                        and r.reviewer_id == user):
                return _('You have already scored version %(version)d of %(name)s.') % {'version': self.version, 'name': self.name}
            return None
        if user not in stage.candidate_reviewers(self):
            return _('Stage "%(stage)s" of %(name)s is reviewed by another group or territory.') % {'stage': stage.name, 'name': self.name}
        return None

    @api.multi
    def _check_stage_seen(self):
        """The decision dialog (or an RPC client) says in ``review_stage_id`` which stage the reviewer
        saw: when the application has left it since, a colleague decided first, and the reviewer is
        told so rather than acting on a stage they did not look at."""
        seen = self.env.context.get('review_stage_id')
        if not seen:
            return
        if isinstance(seen, bool) or not isinstance(seen, int) or not 0 < seen < 2 ** 31:
            raise ValidationError(_('Review Stage: give the id of the stage you saw (a whole number).'))
        for application in self:
            if application.stage_id.id != seen or application.state != 'in_review':
                stage = self.env['cultivation.review.stage'].browse(seen).exists()
                now = application.stage_id.name if application.state == 'in_review' else application._state_label()
                raise UserError(_('Application %(application)s has left the stage "%(stage)s" since you opened it (now: %(now)s): '
                                  'a colleague may have decided it. Reload it to see where it is.')
                                % {'application': application.name, 'stage': stage.name or seen, 'now': now})

    @api.multi
    def _check_reviewer(self):
        self._check_stage_seen()
        for application in self:
            problem = application._reviewer_problem()
            if problem:
                raise AccessError(problem)

    @api.multi
    def _post_note(self, body):
        self.ensure_one()
        # Enterprises and joint members may lack write access to post; the note is the workflow's,
        # signed with the acting user.
        self.sudo().message_post(body=body, author_id=self.env.user.partner_id.id, subtype='mail.mt_note')

    @api.multi
    def _log_review(self, decision, opinion, score=False):
        self.ensure_one()
        # The review line is the record of the reviewer's act: written by the workflow.
        return self.env['cultivation.application.review'].sudo().create({
            'application_id': self.id,
            'stage_id': self.stage_id.id,
            'version': self.version,
            'reviewer_id': self.env.uid,
            'decision': decision,
            'score': score,
            'opinion': opinion,
        })

    @api.multi
    def action_approve(self, opinion=None, score=None):
        """Passes the current stage. At a joint review stage this is the member's vote in favour,
        with a score (0-100)."""
        opinion = self._argument_text(opinion, _('Opinion'))
        for application in self:
            application._check_reviewer()
            if application.stage_id.is_joint:
                application.action_joint_vote(score, True, opinion)
                continue
            stage = application.stage_id
            application._log_review('approve', opinion)
            application._post_note(_('%(stage)s passed: %(opinion)s') % {'stage': stage.name, 'opinion': opinion or _('no opinion given')})
            application._close_activities()
            application._enter_stage(application._next_stage())
            application._gc_notify_stage_passed(stage)
        return True

    @api.multi
    def action_joint_vote(self, score, in_favour, opinion=None):
        """A joint review member's score (0-100), vote and opinion. When every member has voted,
        the stage's pass rule decides."""
        self.ensure_one()
        opinion = self._argument_text(opinion, _('Opinion'))
        if not isinstance(in_favour, bool):
            raise ValidationError(_('In Favour of Admission: answer yes or no.'))
        self._check_reviewer()
        if not self.stage_id.is_joint:
            raise UserError(_('Stage "%s" is not a joint review.') % self.stage_id.name)
        if score is None or score is False or score == '':
            raise UserError(_('Score: a joint review member gives a score from 0 to 100.'))
        try:
            score = float(score)
        except (TypeError, ValueError, OverflowError):
            raise ValidationError(_('Score: give a number from 0 to 100.'))
        if not math.isfinite(score) or not 0 <= score <= 100:
            raise ValidationError(_('Score: give a number from 0 to 100 (you gave %s).') % score)
        stage = self.stage_id
        self._log_review('vote_for' if in_favour else 'vote_against', opinion, score)
        self._post_note(_('Joint review: %(user)s scored %(score)s, %(value)s. %(opinion)s') % {'user': self.env.user.name, 'score': score, 'value': _('in favour') if in_favour else _('against'), 'opinion': opinion or ''})
        self._close_activities(self.env.user)
        votes = self.review_ids.filtered(lambda r: r.stage_id == stage and r.version == self.version
                                         and r.decision in ('vote_for', 'vote_against'))
        if len(votes) < len(self.joint_member_ids):
            return True
        average = sum(votes.mapped('score')) / len(votes)
        in_favour_count = len(votes.filtered(lambda r: r.decision == 'vote_for'))
        passed = average >= stage.joint_min_average and (
            not stage.joint_require_majority or in_favour_count * 2 > len(votes))
        summary = _('Joint review result: average score %(average).1f, %(in_favour_count)d of %(votes_length)d in favour.') % {'average': average, 'in_favour_count': in_favour_count, 'votes_length': len(votes)}
        if passed:
            self._post_note(summary + ' ' + _('Passed.'))
            self._enter_stage(self._next_stage())
            self._gc_notify_stage_passed(stage)
        else:
            self._workflow_write({'state': 'rejected', 'stage_id': False})
            self._close_activities()
            self._notify_enterprise(summary + ' ' + _('The application is not admitted.'),
                                    event='application_rejected', params=self._gc_notice_params())
        return True

    @api.multi
    def action_return(self, reason):
        """Returns the application to the enterprise, which edits and resubmits it."""
        reason = self._argument_text(reason, _('Reason'))
        if not reason:
            raise UserError(_('Reason: say what the enterprise must correct before it resubmits.'))
        for application in self:
            application._check_reviewer()
            stage = application.stage_id
            application._log_review('return', reason)
            application._workflow_write({
                'state': 'returned', 'stage_id': False, 'stage_deadline': False,
                'return_reason': reason, 'joint_member_ids': [(5, 0, 0)]})
            application._close_activities()
            application._notify_enterprise(
                _('Your application %(application)s was returned at the stage "%(stage)s". Reason: %(reason)s. '
                  'Please correct it and submit it again.') % {'application': application.name, 'stage': stage.name, 'reason': reason},
                template='gradient_cultivation.mail_template_application_returned',
                event='application_returned', params=application._gc_notice_params(stage=stage.name))
        return True

    @api.multi
    def _open_review_wizard(self, decision, title):
        self.ensure_one()
        self._check_reviewer()
        return {
            'type': 'ir.actions.act_window',
            'name': title,
            'res_model': 'cultivation.application.review.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_application_id': self.id, 'default_decision': decision,
                        'default_stage_id': self.stage_id.id},
        }

    @api.multi
    def action_open_approve(self):
        return self._open_review_wizard('approve', _('Pass this stage'))

    @api.multi
    def action_open_return(self):
        return self._open_review_wizard('return', _('Return to the enterprise'))

    @api.multi
    def action_open_vote(self):
        return self._open_review_wizard('vote', _('Joint review score'))

    @api.multi
    def action_withdraw(self):
        for application in self:
            if application.state not in ('draft', 'in_review', 'returned'):
                raise UserError(_('Application %(application)s is %(state_label)s: it can no longer be withdrawn.')
                                % {'application': application.name, 'state_label': application._state_label()})
            application._check_declarer()
            application._workflow_write({
                'state': 'withdrawn', 'stage_id': False, 'stage_deadline': False})
            application._close_activities()
            application._post_note(_('Withdrawn by the enterprise.'))
        return True

    def _gc_notice_params(self, **extra):
        params = {'enterprise': self.enterprise_id.name or '', 'application': self.name or '',
                  'library': self.library_id.name or ''}
        params.update(extra)
        return params

    def _gc_notify_stage_passed(self, stage):
        """The enterprise hears that its application passed a stage and went on to the next one."""
        if self.state == 'in_review':
            self.env['cultivation.notification.event']._gc_fire(
                'application_stage_passed', self, self._enterprise_partners(),
                self._gc_notice_params(stage=stage.name))

    @api.multi
    def _await_publication(self):
        self.ensure_one()
        self._workflow_write({'state': 'to_publish', 'stage_id': False, 'stage_deadline': False})
        self._notify_enterprise(
            _('Your application %(application)s passed the review. The bureau will publish the enterprises '
              'it intends to admit; the admission becomes final when the publication period ends without '
              'a sustained objection.') % {'application': self.name})
        return True

    @api.multi
    def _start_publication(self, publication):
        self.ensure_one()
        self._workflow_write({'state': 'publicity'})
        self._notify_enterprise(
            _('Your application %(application)s is published as intended for admission until %(date_end)s.')
            % {'application': self.name, 'date_end': publication.date_end},
            event='application_published', params=self._gc_notice_params(date_end=publication.date_end))

    @api.multi
    def _end_publication_by_objection(self, outcome, reason):
        """A sustained objection: the application goes back to the enterprise, or is not admitted."""
        self.ensure_one()
        if outcome == 'return':
            self._workflow_write({'state': 'returned', 'return_reason': reason})
            self._notify_enterprise(
                _('An objection to your application %(application)s was sustained during its publication and the '
                  'application is returned. Reason: %(reason)s. Please correct it and submit it again.')
                % {'application': self.name, 'reason': reason})
        else:
            self._workflow_write({'state': 'rejected'})
            self._notify_enterprise(
                _('An objection to your application %(application)s was sustained during its publication: the '
                  'enterprise is not admitted. Reason: %(reason)s.') % {'application': self.name, 'reason': reason})

    @api.multi
    def _admit(self):
        self.ensure_one()
        # Admission follows from the review: the last reviewer (often a joint review member)
        # has no right of its own to create library memberships.
        membership = self.env['cultivation.membership'].sudo().admit(self)
        self._workflow_write({
            'state': 'approved', 'stage_id': False, 'stage_deadline': False, 'membership_id': membership.id})
        self._notify_enterprise(
            _('Congratulations: %(enterprise)s is admitted to the %(library)s.') % {'enterprise': self.enterprise_id.name, 'library': self.library_id.name},
            template='gradient_cultivation.mail_template_application_admitted',
            event='application_admitted', params=self._gc_notice_params())
        return True

    # ------------------------------------------------------------------ portal
    # lint: super() returns nothing here (a compute method / HttpCase.authenticate)
    def _compute_access_url(self):  # pylint: disable=missing-return
        super(CultivationApplication, self)._compute_access_url()
        for application in self:
            application.access_url = '/my/applications/%s' % application.id

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_remind_overdue(self):
        """Reminds the reviewers of overdue applications once a day."""
        for application in self.search([('is_overdue', '=', True)]):
            users = application.stage_id.candidate_reviewers(application)
            if application.stage_is_joint:
                voted = application.review_ids.filtered(
                    lambda r: r.stage_id == application.stage_id and r.version == application.version
                ).mapped('reviewer_id')
                users = application.joint_member_ids - voted
            application.message_post(
                body=_('Overdue since %(stage_deadline)s at the stage "%(stage)s".') % {'stage_deadline': application.stage_deadline, 'stage': application.stage_id.name},
                partner_ids=users.mapped('partner_id').ids, subtype='mail.mt_comment')
        return True
