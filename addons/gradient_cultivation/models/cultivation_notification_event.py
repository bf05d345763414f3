"""Which cultivation events notify whom, on which channels (Settings of the module >
通知事件): one record per event, seeded from data/cultivation_notification_data.xml, edited by
the module's administrators. The events call ``_gc_fire`` with the record they are about; the
e-mail goes through the record's chatter (so the enterprise also reads it on the portal), the
SMS through the SMS queue of gradient_base; both land in the notification log."""
from odoo import SUPERUSER_ID, _, api, fields, models


class CultivationNotificationEvent(models.Model):
    _name = 'cultivation.notification.event'
    _description = 'Notification Event'
    _order = 'sequence, id'

    name = fields.Char(string='Event', required=True, translate=True)
    code = fields.Char(required=True, readonly=True, help='The event as the code raises it.')
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    email = fields.Boolean(string='E-mail', default=True)
    sms = fields.Boolean(string='SMS', default=False)
    to_enterprise = fields.Boolean(string='The Enterprise\'s Accounts', default=True,
                                   help='The portal accounts acting for the enterprise (or the claimant of a claim).')
    to_officer = fields.Boolean(string='The Territory Officer', default=False,
                                help='The territory officer who follows the enterprise\'s membership.')
    optional = fields.Boolean(string='Recipients May Opt Out', default=False,
                              help='A person who chose "No SMS notices" gets no SMS of this event. Leave unticked '
                                   'for decisions and deadlines the enterprise must be told of.')
    sms_template_id = fields.Many2one('gradient.sms.template', string='SMS Template', ondelete='restrict')

    _sql_constraints = [('code_unique', 'unique(code)', 'There is one notification setting per event.')]

    @api.model
    def _gc_event(self, code):
        return self.sudo().search([('code', '=', code)], limit=1)

    @api.model
    def _gc_recipients(self, event, record, partners=None):
        """The partners the event reaches for ``record``: those the caller names as the
        enterprise's side, and the territory officer of the record's membership if configured."""
        result = self.env['res.partner'].sudo()
        if event.to_enterprise and partners:
            result |= partners
        if event.to_officer:
            membership = getattr(record, 'membership_id', None) or (
                record if record._name == 'cultivation.membership' else None)
            if membership:
                result |= membership.sudo().territory_officer_id.partner_id
        return result

    @api.model
    def _gc_fire(self, code, record, partners=None, params=None, email_done=False):
        """Notifies the people of event ``code`` about ``record``. ``partners``: the enterprise's
        side; ``params``: the values of the SMS template; ``email_done``: the caller has posted
        the e-mail already (its own mail template), only the other channels remain. Returns
        whether the event sends e-mail (callers with their own template ask first)."""
        event = self._gc_event(code)
        if not event or not event.active:
            return False
        recipients = self._gc_recipients(event, record, partners).sudo()
        # the notice is written in the recipients' language (zh_CN here), whatever the caller's
        lang = recipients[:1].lang or 'zh_CN'
        event = event.with_context(lang=lang)
        record = record.with_context(lang=lang)
        if not recipients:
            return event.email
        params = dict(params or {})
        template = event.sms_template_id.with_context(lang=lang)
        text = template._render(params) if template else event.name
        if event.email and not email_done:
            record.sudo().with_context(gc_notification_event=event.name).message_post(
                body=text, subject=event.name, partner_ids=recipients.ids, subtype='mail.mt_comment',
                message_type='comment', author_id=self.env.ref('base.partner_root').id)
        if event.sms and template:
            Log = self.env['gradient.notification.log'].sudo(SUPERUSER_ID)
            for partner in recipients:
                Log._gc_queue_sms(partner, template, params, record=record, event=event.name,
                                  optional=event.optional)
        return event.email

    @api.model
    def _gc_sends_email(self, code):
        event = self._gc_event(code)
        return bool(event and event.active and event.email)

    @api.multi
    def action_open_log(self):
        self.ensure_one()
        action = self.env.ref('gradient_base.gradient_notification_log_action').read()[0]
        action['domain'] = [('event', '=', self.name)]
        action['name'] = _('Notification Log')
        return action
