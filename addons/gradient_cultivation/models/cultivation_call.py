from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

CALL_TZ = 'Asia/Shanghai'  # the High-tech Zone's


class CultivationCall(models.Model):
    """An application window (申报批次): enterprises apply to the listed tiers between the open
    and close dates, both included, in the zone's time (Asia/Shanghai)."""
    _name = 'cultivation.call'
    _description = 'Application Call'
    _inherit = ['gradient.checked.input', 'mail.thread', 'cultivation.name.mixin', 'cultivation.keep.mixin']
    _order = 'date_open desc, id desc'

    name = fields.Char(required=True, track_visibility='onchange')
    year = fields.Integer(required=True, default=lambda self: fields.Date.from_string(
        fields.Date.context_today(self)).year)
    library_ids = fields.Many2many(
        'cultivation.library', string='Cultivation Libraries', required=True,
        help='The tiers enterprises may apply to in this call.')
    date_open = fields.Date(string='Opens On', required=True, track_visibility='onchange')
    date_close = fields.Date(string='Closes On', required=True, track_visibility='onchange')
    instructions = fields.Html(help='What enterprises must know and prepare, shown on the portal.')
    state = fields.Selection(string='Status', selection=[
        ('upcoming', 'Upcoming'),
        ('open', 'Open'),
        ('closed', 'Closed'),
    ], compute='_compute_state', search='_search_state')
    application_ids = fields.One2many('cultivation.application', 'call_id', string='Applications')
    application_count = fields.Integer(compute='_compute_application_count')
    active = fields.Boolean(default=True)

    @api.model
    def _today(self):
        # The calls open and close on the zone's own dates, whatever time zone a client's context
        # names: a context of UTC-12 kept a call open for twenty more hours (issue 14, finding 3).
        return fields.Date.context_today(self.with_context(tz=CALL_TZ))

    @api.depends('date_open', 'date_close')
    def _compute_state(self):
        today = self._today()
        for call in self:
            if call.date_open and today < call.date_open:
                call.state = 'upcoming'
            elif call.date_close and today > call.date_close:
                call.state = 'closed'
            else:
                call.state = 'open'

    def _search_state(self, operator, value):
        today = self._today()
        domains = {
            'upcoming': [('date_open', '>', today)],
            'open': [('date_open', '<=', today), ('date_close', '>=', today)],
            'closed': [('date_close', '<', today)],
        }
        if operator == '=' and value in domains:
            return expression.normalize_domain(domains[value])
        if operator == 'in' and all(v in domains for v in value):
            return expression.OR([domains[v] for v in value]) if value else expression.FALSE_DOMAIN
        raise UserError(_('Unsupported search on the state of a call.'))

    def _compute_application_count(self):
        data = self.env['cultivation.application'].read_group(
            [('call_id', 'in', self.ids)], ['call_id'], ['call_id'])
        counts = {d['call_id'][0]: d['call_id_count'] for d in data}
        for call in self:
            call.application_count = counts.get(call.id, 0)

    @api.constrains('date_open', 'date_close')
    def _check_dates(self):
        for call in self:
            if call.date_open and call.date_close and call.date_close < call.date_open:
                raise ValidationError(_('Closes On: the call cannot close before it opens (%s).') % call.date_open)

    @api.multi
    def check_open_for(self, library):
        """Raises a UserError saying why an application to ``library`` cannot be submitted now."""
        self.ensure_one()
        library = self._argument_records('cultivation.library', library, _('Cultivation Library'))
        if library not in self.library_ids:
            raise UserError(_('Cultivation library: the call "%(name)s" does not accept applications to "%(library)s".')
                            % {'name': self.name, 'library': library.name})
        if self.state != 'open':
            raise UserError(_('The call "%(name)s" accepts applications from %(date_open)s to %(date_close)s only; today is outside that window.')
                            % {'name': self.name, 'date_open': self.date_open, 'date_close': self.date_close})

    @api.multi
    def action_view_applications(self):
        self.ensure_one()
        action = self.env.ref('gradient_cultivation.cultivation_application_action').read()[0]
        action['domain'] = [('call_id', '=', self.id)]
        action['context'] = {'default_call_id': self.id}
        return action
