from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .expert_certificate import checked_file


class ExpertServiceRecord(models.Model):
    """What the expert did for a request: a dated note of the service, with an optional file."""
    _name = 'expert.service.record'
    _inherit = ['gradient.checked.input']
    _description = 'Service Record'
    # gradient.checked.input: whose the record is is given at creation and never changes.
    _owner_fields = ('request_id',)
    _checks_input_first = True  # create and write check the values first (gradient.checked.input)
    _order = 'date desc, id desc'

    request_id = fields.Many2one('expert.service.request', string='Service Request', required=True,
                                 ondelete='cascade', index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    content = fields.Text(string='Service Given', max_length=2000, required=True)
    file = fields.Binary(string='Attachment', attachment=True)
    file_name = fields.Char(string='Attachment Name')
    mimetype = fields.Char(readonly=True)
    author_id = fields.Many2one('res.users', string='Recorded by', default=lambda self: self.env.user, readonly=True)

    @api.model
    def create(self, vals):
        self._check_input(vals, create=True)
        vals = {name: value for name, value in vals.items() if name != 'mimetype'}  # measured below
        request = self.env['expert.service.request'].browse(vals.get('request_id'))
        if not request.exists():
            raise UserError(_('Service record: choose the request it belongs to.'))
        if not request._is_expert_side():
            raise AccessError(_('Only the expert of the request (or the bureau) records the service given.'))
        if request.state not in ('accepted', 'in_progress'):
            raise UserError(_('Service records are kept while the service runs; this request is %s.')
                            % request._state_label())
        if not self._argument_text(vals.get('content'), _('Service Given')):
            raise UserError(_('Service Given: describe what was done.'))
        self._check_date(vals.get('date'), request)
        if vals.get('file'):
            vals = dict(vals, mimetype=checked_file(self.env, vals.get('file_name'), vals['file'])[0])
        record = super(ExpertServiceRecord, self).create(vals)
        if request.state == 'accepted':
            request.action_start()
        return record

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        vals = {name: value for name, value in vals.items() if name != 'mimetype'}  # measured below
        self._check_expert_side()
        for record in self:
            if record.request_id.state in ('done', 'cancelled', 'declined'):
                raise UserError(_('The request is closed: its service records can no longer change.'))
            if 'date' in vals:
                self._check_date(vals['date'], record.request_id)
        if vals.get('file'):
            vals = dict(vals, mimetype=checked_file(self.env, vals.get('file_name') or self[:1].file_name,
                                                    vals['file'])[0])
        return super(ExpertServiceRecord, self).write(vals)

    @api.model
    def _check_date(self, day, request):
        """A service record tells what was done: not on a day still to come (in the user's time
        zone), nor before the request was accepted; so the request's completion date, set on
        the day it is done, never falls before one of its records. Checked before anything is
        written."""
        if not day:
            return
        today = fields.Date.context_today(self)
        if day > today:
            raise ValidationError(_('Service date: %(date)s is in the future; record a service on the day it was '
                                    'given (today at the latest).') % {'date': day})
        accepted = request.date_accepted
        if accepted and day < accepted:
            raise ValidationError(_('Service date: %(date)s is before the request was accepted on %(accepted)s.')
                                  % {'date': day, 'accepted': accepted})

    @api.multi
    def _check_expert_side(self):
        """The service record is the expert's account of its work: the expert of the request (or
        the bureau) keeps it; the enterprise reads it."""
        for record in self:
            if not record.request_id._is_expert_side():
                raise AccessError(_('Only the expert of the request (or the bureau) records the service given.'))

    @api.multi
    def unlink(self):
        self.check_access_rights('unlink')
        self._check_expert_side()
        for record in self:
            if record.request_id.state in ('done', 'cancelled', 'declined'):
                raise UserError(_('The request is closed: its service records can no longer change.'))
        return super(ExpertServiceRecord, self).unlink()
