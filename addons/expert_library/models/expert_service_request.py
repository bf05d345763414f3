from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.addons.gradient_base.grants import is_granted
from odoo.addons.gradient_base.models.gradient_checked_input import text_limit
from odoo.exceptions import AccessError, UserError, ValidationError

from .expert_expert import OPEN_REQUEST_STATES

STATES = [
    ('requested', 'Requested'),
    ('accepted', 'Accepted'),
    ('declined', 'Declined'),
    ('in_progress', 'In Progress'),
    ('done', 'Done'),
    ('cancelled', 'Cancelled'),
]
RATINGS = [('1', '1 - Poor'), ('2', '2 - Fair'), ('3', '3 - Good'), ('4', '4 - Very Good'), ('5', '5 - Excellent')]
# Changed only by the action methods below (through _workflow_write: a grant of the server's own
# call, never a context key, which any RPC call could set; issue 14, finding 3).
PROTECTED_FIELDS = {'state', 'enterprise_id', 'expert_id', 'date_accepted', 'date_done', 'date_deadline',
                    'decline_reason', 'cancel_reason', 'rating', 'rating_comment', 'date_rated', 'evaluation_id'}
# What the enterprise describes, while the expert has not answered yet.
NEED_FIELDS = ('domain_id', 'need', 'line_ids', 'contact_phone')


class ExpertServiceRequest(models.Model):
    """An enterprise asks an expert for a service aimed at weak indicators of its portrait.

    requested -> accepted -> in_progress -> done (then rated by the enterprise); the expert may
    decline a new request, the enterprise may cancel it until the service starts."""
    _name = 'expert.service.request'
    _description = 'Expert Service Request'
    # No mail.activity.mixin: its fields are for internal users only, and enterprises and
    # experts create and move requests from the portal.
    _inherit = ['gradient.checked.input', 'mail.thread', 'cultivation.keep.mixin']
    _checks_input_first = True  # create and write check the values first (gradient.checked.input)
    _order = 'date_requested desc, id desc'
    # gradient.checked.input: the parties are chosen when the request is made; the enterprise
    # changes its need while the request waits for the expert; the rest is the workflow's.
    _owner_fields = ('enterprise_id', 'expert_id')
    _writable_fields = {
        'base.group_portal': {'requested': ('enterprise_id', 'expert_id') + NEED_FIELDS},
        'gradient_cultivation.group_bureau_reviewer': {'requested': ('enterprise_id', 'expert_id') + NEED_FIELDS},
        'gradient_cultivation.group_manager': {'requested': ('enterprise_id', 'expert_id') + NEED_FIELDS},
    }

    name = fields.Char(string='Reference', readonly=True, copy=False, default='/')
    enterprise_id = fields.Many2one('cultivation.enterprise', required=True, index=True,
                                    ondelete='restrict', track_visibility='onchange')
    # The expert reads the enterprise's name and territory on its requests, not the enterprise.
    enterprise_name = fields.Char(related='enterprise_id.name', string='Enterprise Name', readonly=True)
    territory_id = fields.Many2one('cultivation.territory', related='enterprise_id.territory_id', store=True,
                                   string='Territory', readonly=True, index=True)
    expert_id = fields.Many2one('expert.expert', required=True, index=True, ondelete='restrict',
                                track_visibility='onchange')
    expert_name = fields.Char(related='expert_id.name', string='Expert Name', readonly=True)
    domain_id = fields.Many2one('expert.domain', string='Service Domain', required=True, ondelete='restrict',
                                track_visibility='onchange')
    evaluation_id = fields.Many2one('portrait.evaluation', string='Portrait at Request', readonly=True,
                                    ondelete='set null')
    line_ids = fields.Many2many('portrait.evaluation.line', 'expert_service_request_line_rel', 'request_id',
                                'line_id', string='Weak Indicators Addressed')
    indicator_summary = fields.Char(string='Indicators Addressed', compute='_compute_indicator_summary')
    need = fields.Text(string='Need Described', max_length=2000, required=True)
    contact_phone = fields.Char(size=30)
    state = fields.Selection(STATES, string='Status', default='requested', required=True, readonly=True,
                             index=True, track_visibility='onchange', copy=False)
    date_requested = fields.Datetime(string='Requested on', default=fields.Datetime.now, readonly=True, index=True)
    date_accepted = fields.Date(string='Accepted on', readonly=True)
    date_done = fields.Date(string='Completed on', readonly=True)
    date_deadline = fields.Date(string='Due', readonly=True, index=True, track_visibility='onchange',
                                help='Requested: the expert answers by this date. Accepted: the service is '
                                     'completed by this date.')
    is_overdue = fields.Boolean(string='Overdue', compute='_compute_is_overdue', search='_search_is_overdue')
    decline_reason = fields.Text(string='Reason of Decline', max_length=2000, readonly=True)
    cancel_reason = fields.Text(string='Reason of Cancellation', max_length=2000, readonly=True)
    record_ids = fields.One2many('expert.service.record', 'request_id', string='Service Records')
    rating = fields.Selection(RATINGS, readonly=True, track_visibility='onchange')
    rating_comment = fields.Text(string='Comment on the Service', max_length=2000, readonly=True)
    date_rated = fields.Date(string='Rated on', readonly=True)
    score_before = fields.Float(compute='_compute_scores', digits=(6, 2))
    score_after = fields.Float(compute='_compute_scores', digits=(6, 2))
    score_max = fields.Float(string='Maximum Score', compute='_compute_scores', digits=(6, 2))
    has_score_after = fields.Boolean(compute='_compute_scores')
    score_summary = fields.Char(string='Indicators Before / After', compute='_compute_scores')

    # ------------------------------------------------------------------ computes
    def _compute_indicator_summary(self):
        for request in self:
            # The expert may not read the enterprise's portrait; the names of the indicators
            # it is asked to work on belong on its request.
            names = request.sudo().line_ids.mapped(lambda l: l.name or l.code)
            request.indicator_summary = '、'.join(names)

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = request.state in OPEN_REQUEST_STATES and bool(request.date_deadline) \
                and request.date_deadline < today

    def _search_is_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        if (operator == '=') == bool(value):
            return ['&', ('state', 'in', OPEN_REQUEST_STATES), ('date_deadline', '<', today)]
        return ['|', ('state', 'not in', OPEN_REQUEST_STATES), '|', ('date_deadline', '=', False),
                ('date_deadline', '>=', today)]

    def _after_lines(self, lines):
        """The same indicators in the newest evaluation on the same scheme made after the request
        (for each scheme the lines come from)."""
        self.ensure_one()
        Evaluation = self.env['portrait.evaluation'].sudo()
        after_lines, dates = lines.browse(), []
        for before in lines.mapped('evaluation_id'):
            after = Evaluation.search([
                ('enterprise_id', '=', self.enterprise_id.id), ('scheme_code', '=', before.scheme_code),
                ('id', '>', before.id), ('date', '>=', (self.date_requested or '')[:10])],
                order='date desc, id desc', limit=1)
            if after:
                codes = set(lines.filtered(lambda l: l.evaluation_id == before).mapped('code'))
                after_lines |= after.line_ids.filtered(lambda l: l.code in codes)
                dates.append(after.date)
        return after_lines, max(dates) if dates else None

    def _compute_scores(self):
        for request in self:
            # Figures of the enterprise's portrait shown on the request, to the expert as well.
            lines = request.sudo().line_ids
            request.score_before = sum(lines.mapped('points'))
            request.score_max = sum(lines.mapped('max_points'))
            after_lines, after_date = request._after_lines(lines) if lines else (None, None)
            request.has_score_after = bool(after_lines)
            request.score_after = sum(after_lines.mapped('points')) if after_lines else 0.0
            if not lines:
                request.score_summary = ''
            elif after_lines:
                request.score_summary = _('%(score_before)g → %(score_after)g of %(score_max)g (%(value)s, evaluated on %(after_date)s)') % {'score_before': round(request.score_before, 2), 'score_after': round(request.score_after, 2), 'score_max': round(request.score_max, 2), 'value': '%+g' % round(request.score_after - request.score_before, 2), 'after_date': after_date}
            else:
                request.score_summary = _('%(score_before)g of %(score_max)g; not evaluated again since the request') % {'score_before': round(request.score_before, 2), 'score_max': round(request.score_max, 2)}

    # ------------------------------------------------------------------ who may act
    def _is_bureau(self):
        user = self.env.user
        return self.env.uid == SUPERUSER_ID or user.has_group('gradient_cultivation.group_bureau_reviewer') \
            or user.has_group('gradient_cultivation.group_manager')

    def _is_expert_side(self):
        self.ensure_one()
        return self._is_bureau() or self.sudo().expert_id.user_id == self.env.user

    def _is_enterprise_side(self):
        self.ensure_one()
        partner = self.env.user.partner_id.commercial_partner_id
        return self._is_bureau() or self.sudo().enterprise_id.partner_id == partner

    def _state_label(self):
        return dict(self._fields['state']._description_selection(self.env)).get(self.state, self.state)

    def _check_transition(self, sources, side, action):
        """Raises a UserError naming the request and its state when ``action`` is not allowed."""
        for request in self:
            allowed = request._is_expert_side() if side == 'expert' else request._is_enterprise_side()
            if not allowed:
                who = _('the expert of the request') if side == 'expert' else _('the enterprise that asked')
                raise UserError(_('Request %(request)s: only %(who)s or the bureau can %(action)s it.') % {'request': request.name, 'who': who, 'action': action})
            if request.state not in sources:
                raise UserError(_('Request %(request)s is %(state_label)s: it cannot be %(action)s.') % {'request': request.name, 'state_label': request._state_label(), 'action': action})

    def _transition(self, vals):
        # The actions checked who acts and the state; the chatter names the user who acted.
        return self._workflow_write(vals)

    def _config_days(self, key, default):
        value = self.env['ir.config_parameter'].sudo().get_param('expert_library.%s' % key, default)
        try:
            return max(1, int(value))
        except (TypeError, ValueError):
            return default

    def _due_in(self, key, default):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string(today + timedelta(days=self._config_days(key, default)))

    # ------------------------------------------------------------------ create / write
    @api.model
    def create(self, vals):
        self._check_input(vals, create=True)
        vals = dict(vals)
        if self.env.uid != SUPERUSER_ID:  # demo data is loaded as superuser, in any state
            for name in PROTECTED_FIELDS - {'enterprise_id', 'expert_id'}:
                vals.pop(name, None)
        expert = self.env['expert.expert'].sudo().browse(vals.get('expert_id'))
        domain = self.env['expert.domain'].browse(vals.get('domain_id'))
        if self.env.uid != SUPERUSER_ID:
            self._check_requester(vals)
            self._check_new_request(expert, domain, vals)
        enterprise = self.env['cultivation.enterprise'].browse(vals.get('enterprise_id'))
        if not vals.get('evaluation_id') and enterprise:
            vals['evaluation_id'] = self._evaluation_of(enterprise, vals.get('line_ids')).id or False
        if not vals.get('date_deadline'):
            vals['date_deadline'] = self._due_in('response_days', 5)
        if vals.get('name', '/') == '/':
            vals['name'] = self.env['ir.sequence'].sudo().next_by_code('expert.service.request') or '/'
        request = super(ExpertServiceRequest, self.with_context(mail_create_nolog=True)).create(vals)
        if expert.user_id:
            # The enterprise cannot see the expert's user: the expert follows its request.
            request.sudo().message_subscribe(partner_ids=expert.user_id.partner_id.ids)
        request.message_post(body=_('Service requested from %(expert)s (%(domain)s).') % {'expert': expert.name, 'domain': domain.name})
        return request

    def _evaluation_of(self, enterprise, line_commands):
        """The portrait the request starts from: that of the weak indicators chosen, else the
        enterprise's latest."""
        line_ids = []
        for command in line_commands or []:
            if command[0] == 6:
                line_ids += list(command[2])
            elif command[0] == 4:
                line_ids.append(command[1])
        lines = self.env['portrait.evaluation.line'].browse(line_ids)
        return lines[:1].evaluation_id or self.env['expert.expert']._latest_evaluations(enterprise)[:1]

    def _check_requester(self, vals):
        """An enterprise asks for itself, about the weak indicators of its own portrait (the
        bureau may record a request for any enterprise)."""
        if self._is_bureau():
            return
        enterprise = self.env['cultivation.enterprise'].sudo().browse(vals.get('enterprise_id'))
        if enterprise.partner_id != self.env.user.partner_id.commercial_partner_id:
            raise AccessError(_('An enterprise requests services for itself only.'))
        line_ids = []
        for command in vals.get('line_ids') or []:
            line_ids += list(command[2]) if command[0] == 6 else [command[1]] if command[0] == 4 else []
        lines = self.env['portrait.evaluation.line'].sudo().browse(line_ids)
        if lines.filtered(lambda l: l.evaluation_id.enterprise_id != enterprise):
            raise AccessError(_('Weak Indicators Addressed: choose indicators of your own portrait.'))

    def _check_new_request(self, expert, domain, vals):
        if not expert.exists() or expert.state != 'active':
            raise UserError(_('Expert: only active experts of the library take requests.'))
        if not domain or domain not in expert.domain_ids:
            raise UserError(_('Service Domain: %s does not serve this domain; choose one of its domains.')
                            % expert.name)
        if expert.free_capacity < 1:
            raise UserError(_('%(expert)s has no free capacity at the moment (%(open_request_count)d open requests): choose another expert '
                              'or ask again later.') % {'expert': expert.name, 'open_request_count': expert.open_request_count})
        if not (vals.get('need') or '').strip():
            raise UserError(_('Need Described: say what you expect from the expert.'))
        duplicate = self.sudo().search_count([
            ('enterprise_id', '=', vals.get('enterprise_id')), ('expert_id', '=', expert.id),
            ('domain_id', '=', domain.id), ('state', 'in', OPEN_REQUEST_STATES)])
        if duplicate:
            raise UserError(_('You already have an open request to %(expert)s in %(domain)s.') % {'expert': expert.name, 'domain': domain.name})

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        if self.env.uid != SUPERUSER_ID and not is_granted('write', self._name, self.ids, vals):
            touched = PROTECTED_FIELDS.intersection(vals)
            if touched:
                raise UserError(_('The status, parties, dates and rating of a service request change only '
                                  'through its buttons.'))
            if set(vals) & set(NEED_FIELDS):
                for request in self:
                    if not request._is_enterprise_side():
                        raise AccessError(_('Request %s: only the enterprise that asked changes its need.')
                                          % request.name)
                    if request.state != 'requested':
                        raise UserError(_('Request %(request)s is %(state_label)s: the need can no longer be changed.')
                                        % {'request': request.name, 'state_label': request._state_label()})
        return super(ExpertServiceRequest, self).write(vals)

    @api.multi
    def unlink(self):
        for request in self:
            if request.state not in ('requested', 'cancelled'):
                raise UserError(_('Request %s cannot be deleted: cancel it instead; the bureau keeps the history.')
                                % request.name)
        return super(ExpertServiceRequest, self).unlink()

    # ------------------------------------------------------------------ transitions
    @api.multi
    def action_accept(self):
        self._check_transition(('requested',), 'expert', _('accepted'))
        for request in self:
            if request.sudo().expert_id.state != 'active':
                raise UserError(_('Request %s: the expert is not active in the library and cannot take requests.')
                                % request.name)
        self._transition({'state': 'accepted', 'date_accepted': fields.Date.context_today(self),
                          'date_deadline': self._due_in('service_days', 60)})
        self._gc_notify('service_request_accepted')
        return True

    @api.multi
    def decline(self, reason):
        self._check_transition(('requested',), 'expert', _('declined'))
        reason = self._argument_text(reason, _('Reason of Decline'), limit=text_limit(self._fields['decline_reason']))
        if not reason:
            raise UserError(_('Reason of Decline: tell the enterprise why.'))
        self._transition({'state': 'declined', 'decline_reason': reason})
        for request in self:
            request.message_post(body=_('Declined: %s') % reason)
        self._gc_notify('service_request_declined', reason=reason)
        return True

    @api.multi
    def action_start(self):
        self._check_transition(('accepted',), 'expert', _('started'))
        self._transition({'state': 'in_progress'})
        return True

    @api.multi
    def action_done(self):
        self._check_transition(('in_progress',), 'expert', _('completed'))
        for request in self:
            if not request.record_ids:
                raise UserError(_('Request %s: record the service given before completing it.') % request.name)
        self._transition({'state': 'done', 'date_done': fields.Date.context_today(self)})
        self._gc_notify('service_request_done')
        return True

    def _gc_notify(self, code, reason=''):
        """The enterprise's accounts hear of the expert's answer (cultivation.notification.event)."""
        Event = self.env['cultivation.notification.event']
        for request in self.sudo():
            Event._gc_fire(code, request, request.enterprise_id.user_ids.mapped('partner_id'), {
                'enterprise': request.enterprise_id.name or '', 'expert': request.expert_id.name or '',
                'request': request.name or '', 'reason': reason or ''})

    @api.multi
    def cancel(self, reason):
        self._check_transition(('requested', 'accepted'), 'enterprise', _('cancelled'))
        reason = self._argument_text(reason, _('Reason of Cancellation'), limit=text_limit(self._fields['cancel_reason']))
        if not reason:
            raise UserError(_('Reason of Cancellation: say why the service is no longer needed.'))
        self._transition({'state': 'cancelled', 'cancel_reason': reason})
        for request in self:
            request.message_post(body=_('Cancelled: %s') % reason)
        return True

    @api.multi
    def rate(self, rating, comment=''):
        """The enterprise rates the completed service, once, 1 to 5."""
        self.ensure_one()
        partner = self.env.user.partner_id.commercial_partner_id
        if self.env.uid != SUPERUSER_ID and self.sudo().enterprise_id.partner_id != partner:
            raise UserError(_('Request %s: only the enterprise that asked rates the service.') % self.name)
        if self.state != 'done':
            raise UserError(_('Request %(name)s is %(state_label)s: a service is rated once it is done.') % {'name': self.name, 'state_label': self._state_label()})
        if self.rating:
            raise UserError(_('Request %s has already been rated.') % self.name)
        if isinstance(rating, bool) or not isinstance(rating, (str, int)) \
                or str(rating).strip() not in dict(RATINGS):
            raise ValidationError(_('Rating: choose 1 to 5 stars.'))
        rating = str(rating).strip()
        comment = self._argument_text(comment, _('Comment on the Service'), limit=text_limit(self._fields['rating_comment']))
        self._transition({'rating': rating, 'rating_comment': comment or False,
                          'date_rated': fields.Date.context_today(self)})
        return True

    def _open_reason_wizard(self, action):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': {'decline': _('Decline'), 'cancel': _('Cancel Request')}[action],
            'res_model': 'expert.request.reason.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_request_id': self.id, 'default_action': action},
        }

    @api.multi
    def action_decline(self):
        return self._open_reason_wizard('decline')

    @api.multi
    def action_cancel(self):
        return self._open_reason_wizard('cancel')

    @api.multi
    def action_open_portrait(self):
        self.ensure_one()
        return self.enterprise_id.action_open_portrait()
