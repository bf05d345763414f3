from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.gradient_base.models.gradient_checked_input import text_limit
from odoo.addons.gradient_cultivation.models.cultivation_enterprise import INDUSTRY_DIVISIONS

OPEN_REQUEST_STATES = ('requested', 'accepted', 'in_progress')
# Weights of the match score (out of 100): what a good recommendation is made of.
WEIGHT_DOMAINS, WEIGHT_INDUSTRY, WEIGHT_TERRITORY, WEIGHT_RATING, WEIGHT_CAPACITY = 50, 15, 15, 10, 10
NEUTRAL_RATING = 3.0  # an expert without ratings yet is neither helped nor held back
# What each state change needs and gives: action -> (states it starts from, state it gives).
# What a portal application to the library asks for, and how long each text may be.
APPLICATION_TEXT_FIELDS = ('name', 'organisation', 'title', 'contact_name', 'phone', 'email', 'qualification',
                           'profile')
APPLICATION_REQUIRED = ('name', 'contact_name', 'phone', 'qualification', 'profile')
STATE_CHANGES = {
    'admit': (('candidate',), 'active'),
    'suspend': (('active',), 'suspended'),
    'reinstate': (('suspended',), 'active'),
}


class ExpertExpert(models.Model):
    """An expert or a service institution of the library. Candidates apply (on the portal or
    entered by the bureau); the bureau admits, suspends and reinstates them, always with a reason.
    Only active experts are recommended to enterprises and can receive requests."""
    _name = 'expert.expert'
    _description = 'Expert or Service Institution'
    _inherit = ['gradient.checked.input', 'mail.thread', 'mail.activity.mixin', 'cultivation.keep.mixin']
    _order = 'state, rating_avg desc, name'

    name = fields.Char(required=True, size=200, track_visibility='onchange')
    expert_type = fields.Selection([('individual', 'Individual Expert'), ('institution', 'Service Institution')],
                                   string='Type', required=True, default='individual', track_visibility='onchange')
    organisation = fields.Char(string='Employer', size=200, help='For an individual expert: the employer or institution.')
    title = fields.Char(string='Title or Position', size=200)
    domain_ids = fields.Many2many('expert.domain', 'expert_expert_domain_rel', 'expert_id', 'domain_id',
                                  string='Service Domains', track_visibility='onchange')
    industry_ids = fields.One2many('expert.expert.industry', 'expert_id', string='Industry Fields', copy=True)
    industry_summary = fields.Char(string='Industries', compute='_compute_industry_summary')
    qualification = fields.Text(string='Qualifications', max_length=2000,
                                help='Degrees, professional titles, licences and the main cases served.')
    certificate_ids = fields.One2many('expert.certificate', 'expert_id', string='Certificates')
    territory_ids = fields.Many2many('cultivation.territory', 'expert_expert_territory_rel', 'expert_id',
                                     'territory_id', string='Service Territories',
                                     help='Towns/streets and parks served. Empty: the whole zone.')
    capacity = fields.Integer(default=3, required=True, track_visibility='onchange',
                              help='How many open requests the expert takes at once.')
    open_request_count = fields.Integer(string='Open Requests', compute='_compute_load')
    free_capacity = fields.Integer(compute='_compute_load')
    capacity_text = fields.Char(compute='_compute_load', string='Capacity Left')
    contact_name = fields.Char(string='Contact Person', size=100)
    phone = fields.Char(size=30)
    email = fields.Char(size=200)
    profile = fields.Text(string='Public Profile', max_length=2000, help='A short introduction shown to enterprises on the portal.')
    state = fields.Selection([('candidate', 'Candidate'), ('active', 'Active'), ('suspended', 'Suspended')],
                             string='Status', default='candidate', required=True, readonly=True, index=True,
                             track_visibility='onchange')
    state_reason = fields.Text(string='Reason of the Last Decision', readonly=True, track_visibility='onchange')
    user_id = fields.Many2one('res.users', string='Portal User', ondelete='set null', index=True,
                              track_visibility='onchange',
                              help='The user who answers the requests on the portal.')
    request_ids = fields.One2many('expert.service.request', 'expert_id', string='Service Requests')
    request_count = fields.Integer(string='Requests', compute='_compute_request_count')
    rating_avg = fields.Float(string='Average Rating', compute='_compute_rating', store=True, digits=(3, 2),
                              group_operator='avg')
    rating_count = fields.Integer(string='Ratings', compute='_compute_rating', store=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('user_unique', 'unique(user_id)', 'Portal User: a user is linked to one expert at most.'),
    ]

    CAPACITY_RANGE = (1, 50)

    @api.model
    def capacity_error(self, capacity):
        """What is wrong with ``capacity`` (open requests at once), or None: the constraint and the
        portal's form give the same."""
        low, high = self.CAPACITY_RANGE
        if capacity < low:
            return _('Capacity: at least 1 open request.')
        if capacity > high:
            return _('Capacity: at most 50 open requests at once.')
        return None

    @api.constrains('capacity')
    def _check_capacity(self):
        for expert in self:
            error = self.capacity_error(expert.capacity)
            if error:
                raise ValidationError(error)

    @api.depends('industry_ids.division')
    def _compute_industry_summary(self):
        for expert in self:
            expert.industry_summary = '、'.join(expert.industry_ids.mapped('display_name')) or _('All industries')

    def _open_counts(self):
        # The load of an expert counts every enterprise's requests, also those the reader may
        # not see (an enterprise sees its own only): read past the record rules.
        groups = self.env['expert.service.request'].sudo().read_group(
            [('expert_id', 'in', self.ids), ('state', 'in', OPEN_REQUEST_STATES)], ['expert_id'], ['expert_id'])
        return {g['expert_id'][0]: g['expert_id_count'] for g in groups}

    def _compute_load(self):
        counts = self._open_counts()
        for expert in self:
            expert.open_request_count = counts.get(expert.id, 0)
            expert.free_capacity = max(0, expert.capacity - expert.open_request_count)
            # one sentence, so that its translation can order the numbers (the cards showed a bare 4/4)
            expert.capacity_text = _('Can take %(free)d more requests (at most %(total)d at once)') % {
                'free': expert.free_capacity, 'total': expert.capacity}

    def _compute_request_count(self):
        groups = self.env['expert.service.request'].read_group(
            [('expert_id', 'in', self.ids)], ['expert_id'], ['expert_id'])
        counts = {g['expert_id'][0]: g['expert_id_count'] for g in groups}
        for expert in self:
            expert.request_count = counts.get(expert.id, 0)

    @api.depends('request_ids.rating', 'request_ids.state')
    def _compute_rating(self):
        for expert in self:
            # Ratings are public figures of the expert, whoever reads the expert.
            rated = expert.sudo().request_ids.filtered(lambda r: r.state == 'done' and r.rating)
            expert.rating_count = len(rated)
            expert.rating_avg = sum(int(r.rating) for r in rated) / len(rated) if rated else 0.0

    # ------------------------------------------------------------------ states
    @api.multi
    def change_state(self, action, reason):
        """Admits, suspends or reinstates the experts (the bureau), with the reason kept."""
        if not (self.env.user.has_group('gradient_cultivation.group_bureau_reviewer')
                or self.env.user.has_group('gradient_cultivation.group_manager')):
            raise AccessError(_('Only the bureau admits, suspends or reinstates experts.'))
        if not isinstance(action, str) or action not in STATE_CHANGES:
            raise UserError(_('Decision: choose admit, suspend or reinstate.'))
        reason = self._argument_text(reason, _('Reason'))
        if not reason:
            raise UserError(_('Reason: state why you take this decision.'))
        sources, target = STATE_CHANGES[action]
        labels = dict(self._fields['state']._description_selection(self.env))
        for expert in self:
            if expert.state not in sources:
                raise UserError(_('%(expert)s is %(labels)s: it cannot be %(action_label)s.') % {'expert': expert.name, 'labels': labels[expert.state], 'action_label': self._action_label(action)})
        self._workflow_write({'state': target, 'state_reason': reason})  # checked above
        for expert in self:
            expert.message_post(body=_('%(action)s: %(reason)s') % {'action': self._action_label(action).capitalize(), 'reason': reason})
        return True

    def _action_label(self, action):
        return {'admit': _('admitted'), 'suspend': _('suspended'), 'reinstate': _('reinstated')}[action]

    def _open_state_wizard(self, action):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': {'admit': _('Admit'), 'suspend': _('Suspend'), 'reinstate': _('Reinstate')}[action],
            'res_model': 'expert.state.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_expert_id': self.id, 'default_action': action},
        }

    @api.multi
    def action_admit(self):
        return self._open_state_wizard('admit')

    @api.multi
    def action_suspend(self):
        return self._open_state_wizard('suspend')

    @api.multi
    def action_reinstate(self):
        return self._open_state_wizard('reinstate')

    @api.multi
    def action_view_requests(self):
        self.ensure_one()
        action = self.env.ref('expert_library.expert_service_request_action').read()[0]
        action['domain'] = [('expert_id', '=', self.id)]
        action['context'] = {'default_expert_id': self.id}
        return action

    # ------------------------------------------------------------------ portal application
    @api.model
    def apply_from_portal(self, vals, industries, certificates):
        """A candidate expert applying on the portal, linked to the applying user. ``industries``:
        division codes; ``certificates``: [(file name, base64 content)]."""
        user = self.env.user
        if self.sudo().search([('user_id', '=', user.id)], limit=1):
            raise UserError(_('You have already applied: your expert profile is being reviewed or is active.'))
        values = self._application_values(vals, industries, certificates)
        values.update(state='candidate', user_id=user.id)
        # Portal users have no right to create experts in general: the application is the one
        # way in, as a candidate tied to the applicant, which the bureau then reviews.
        expert = self.sudo().with_context(mail_create_nolog=False).create(values)
        expert.message_post(body=_('Application submitted on the portal by %s.') % user.name)
        return self.browse(expert.id)

    @api.model
    def _application_values(self, vals, industries, certificates):
        """The values of a portal application, checked field by field: the text the form asks,
        existing domains and territories (only linked, never made or removed), the capacity, the
        industry divisions and at least one certificate."""
        if not isinstance(vals, dict) or not isinstance(industries, (list, tuple)) \
                or not isinstance(certificates, (list, tuple)):
            raise ValidationError(_('Values: give the fields of the application and their values.'))
        values = {}
        for name in APPLICATION_TEXT_FIELDS:
            label = self._fields[name].get_description(self.env)['string']
            values[name] = self._argument_text(vals.get(name), label, limit=text_limit(self._fields[name]))
            if name in APPLICATION_REQUIRED and not values[name]:
                raise ValidationError(_('%s: required.') % label)
        expert_type = vals.get('expert_type') or 'individual'
        if expert_type not in ('individual', 'institution'):
            raise ValidationError(_('Type: choose individual expert or service institution.'))
        values['expert_type'] = expert_type
        for name, model in (('domain_ids', 'expert.domain'), ('territory_ids', 'cultivation.territory')):
            label = self._fields[name].get_description(self.env)['string']
            ids = self._linked_ids(vals.get(name), label)
            if len(self.env[model].sudo().browse(ids).exists()) != len(set(ids)):
                raise ValidationError(_('%s: choose existing records.') % label)
            values[name] = [(6, 0, ids)]
        if not values['domain_ids'][0][2]:
            raise ValidationError(_('Service Domains: choose at least one.'))
        capacity = vals.get('capacity')
        capacity = 1 if capacity is None else capacity
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise ValidationError(_('Capacity: from 1 to 50 open requests at once.'))
        if self.capacity_error(capacity):
            raise ValidationError(self.capacity_error(capacity))
        values['capacity'] = capacity
        known = {code for code, _label in self.env['expert.expert.industry']._fields['division'].selection}
        if any(not isinstance(code, str) or code not in known for code in industries):
            raise ValidationError(_('Industry Fields: choose divisions from the list.'))
        values['industry_ids'] = [(0, 0, {'division': code}) for code in sorted(set(industries))]
        if not certificates:
            raise ValidationError(_('Certificates: upload at least one qualification certificate (PDF or image).'))
        if any(not isinstance(c, (list, tuple)) or len(c) != 2 or not isinstance(c[0], str)
               or not isinstance(c[1], (str, bytes)) for c in certificates):
            raise ValidationError(_('Certificates: give each file as its name and its content.'))
        values['certificate_ids'] = [(0, 0, {'name': name, 'datas': datas}) for name, datas in certificates]
        return values

    @api.model
    def _linked_ids(self, value, label):
        """The ids of a list of records to link: ids, or the (6, 0, ids) a form sends."""
        if not value:
            return []
        if isinstance(value, (list, tuple)) and len(value) == 1 and isinstance(value[0], (list, tuple)) \
                and len(value[0]) == 3 and value[0][0] == 6:
            value = value[0][2]
        if not isinstance(value, (list, tuple)) or any(
                isinstance(i, bool) or not isinstance(i, int) or i <= 0 for i in value):
            raise ValidationError(_('%s: choose existing records.') % label)
        return list(value)

    # ------------------------------------------------------------------ matching
    @api.model
    def _latest_evaluations(self, enterprise):
        """The enterprise's portrait: its latest evaluation on each scheme, the one of the tier
        it is scored for first."""
        latest = self.env['portrait.evaluation'].search(
            [('enterprise_id', '=', enterprise.id), ('is_latest', '=', True)], order='date desc, id desc')
        library = enterprise._portrait_library()
        own = latest.filtered(lambda e: e.library_id == library)
        return own | (latest - own)

    @api.model
    def _needed_domains(self, enterprise):
        """(latest evaluations, {domain: weak lines}) for the weak indicators of the enterprise's
        portrait, on every scheme it was evaluated on."""
        enterprise = self._argument_records('cultivation.enterprise', enterprise, _('Enterprise'))
        evaluations = self._latest_evaluations(enterprise)
        weak = evaluations.mapped('line_ids').filtered('is_weak')
        return evaluations, self.env['expert.domain.mapping']._domains_for_lines(weak)

    @api.model
    def _match_for_enterprise(self, enterprise, limit=10):
        """The active experts with free capacity who serve the domains the enterprise's weak
        indicators call for, best first: a list of dicts with the expert, its score (0-100),
        the domains and weak indicators it covers and the reason, in the user's language."""
        enterprise = self._argument_records('cultivation.enterprise', enterprise, _('Enterprise'))
        if limit is not None and limit is not False and (isinstance(limit, bool) or not isinstance(limit, int)
                                                         or limit < 0):
            raise ValidationError(_('Limit: give the number of experts to recommend.'))
        evaluation, needed = self._needed_domains(enterprise)
        if not needed:
            return []
        weak_lines = self.env['portrait.evaluation.line'].browse()
        for lines in needed.values():
            weak_lines |= lines
        domain_ids = [d.id for d in needed]
        candidates = self.search([('state', '=', 'active'), ('domain_ids', 'in', domain_ids)])
        counts = candidates._open_counts()
        territory = enterprise.territory_id
        # Which territory lies in which: the map of the zone, public knowledge for the portal too.
        Territory = self.env['cultivation.territory'].sudo()
        results = []
        for expert in candidates:
            free = max(0, expert.capacity - counts.get(expert.id, 0))
            if not free:
                continue
            covered_domains = expert.domain_ids.filtered(lambda d: d in needed)
            covered_lines = weak_lines.browse()
            for domain in covered_domains:
                covered_lines |= needed[domain]
            industry_fit = bool(enterprise.industry_division) and \
                enterprise.industry_division in expert.industry_ids.mapped('division')
            if not expert.territory_ids:
                territory_fit, territory_points = 'zone', WEIGHT_TERRITORY * 2 / 3.0
            elif territory and Territory.search_count(
                    [('id', '=', territory.id), ('id', 'child_of', expert.territory_ids.ids)]):
                territory_fit, territory_points = 'own', WEIGHT_TERRITORY
            else:
                territory_fit, territory_points = 'other', 0.0
            rating = expert.rating_avg if expert.rating_count else NEUTRAL_RATING
            score = (WEIGHT_DOMAINS * len(covered_lines) / len(weak_lines)
                     + (WEIGHT_INDUSTRY if industry_fit else 0.0)
                     + territory_points
                     + WEIGHT_RATING * rating / 5.0
                     + WEIGHT_CAPACITY * free / float(expert.capacity))
            results.append({
                'expert': expert,
                'score': round(score, 1),
                'domains': covered_domains,
                'lines': covered_lines,
                'free_capacity': free,
                'reason': self._match_reason(covered_lines, covered_domains, industry_fit, territory_fit,
                                             expert, free),
            })
        results.sort(key=lambda r: (-r['score'], -r['expert'].rating_avg, -r['free_capacity'], r['expert'].name))
        return results[:limit] if limit else results

    def _match_reason(self, lines, domains, industry_fit, territory_fit, expert, free):
        parts = [_('Serves %(value)s for your weak indicators: %(value2)s') % {'value': '、'.join(domains.mapped('name')), 'value2': '、'.join(lines.mapped(lambda l: l.name or l.code))}]
        if industry_fit:
            parts.append(_('knows your industry'))
        parts.append({'own': _('serves your territory'), 'zone': _('serves the whole zone'),
                      'other': _('serves other territories')}[territory_fit])
        if expert.rating_count:
            parts.append(_('rated %(rating_avg).1f of 5 by %(rating_count)d enterprises') % {'rating_avg': expert.rating_avg, 'rating_count': expert.rating_count})
        else:
            parts.append(_('not rated yet'))
        parts.append(_('can take %d more requests') % free)
        return '；'.join(parts) + '。'


class ExpertIndustry(models.Model):
    """An industry field (GB/T 4754 division) an expert knows, the same divisions as enterprises."""
    _name = 'expert.expert.industry'
    _inherit = ['gradient.checked.input']
    _description = 'Expert Industry Field'
    _order = 'division'

    expert_id = fields.Many2one('expert.expert', required=True, ondelete='cascade', index=True)
    division = fields.Selection(INDUSTRY_DIVISIONS, string='Industry Division', required=True)

    _sql_constraints = [
        ('division_unique', 'unique(expert_id, division)', 'Industry Fields: each division once per expert.'),
    ]

    @api.multi
    def name_get(self):
        labels = dict(self._fields['division']._description_selection(self.env))
        return [(r.id, labels.get(r.division, r.division)) for r in self]
