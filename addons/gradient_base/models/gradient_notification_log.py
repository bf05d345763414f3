"""The notification log: every message sent to someone, by e-mail or SMS, to whom, why (the
record it is about and the event), when, and what became of it.

E-mails are logged when Odoo queues them (mail.mail, see mail_mail_notification_log.py), SMS
when they are queued (gradient.sms.message). Staff read the log within their access (record
rules: administrators all, other staff what was sent to them or by them; the business addons
add their reviewers' scope); portal users have no access to it at all."""
import json
import re

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import ValidationError

# Mainland China mobile numbers: 11 digits from 13x to 19x, optionally after +86 / 0086 / 86.
MOBILE_CN = re.compile(r'^(?:\+?86|0086)?(1[3-9]\d{9})$')


def normalize_mobile(value):
    """The 11 digits of a mainland mobile number written with spaces, dashes or a +86 prefix;
    None when it is not one."""
    match = MOBILE_CN.match(re.sub(r'[\s\-()]', '', value or ''))
    return match.group(1) if match else None


class GradientNotificationLog(models.Model):
    _name = 'gradient.notification.log'
    _description = 'Notification Log'
    _order = 'id desc'
    _rec_name = 'subject'

    channel = fields.Selection([('email', 'E-mail'), ('sms', 'SMS')], required=True, readonly=True, index=True)
    event = fields.Char(readonly=True, help='Why the message was sent.')
    partner_id = fields.Many2one('res.partner', string='Recipient', readonly=True, index=True, ondelete='set null')
    recipient = fields.Char(string='Address', readonly=True, help='The e-mail address or mobile number.')
    subject = fields.Char(readonly=True)
    body = fields.Text(string='Text', readonly=True)
    res_model = fields.Char(string='Document Model', readonly=True, index=True)
    res_id = fields.Integer(string='Document ID', readonly=True, index=True)
    record_name = fields.Char(string='Document', readonly=True)
    state = fields.Selection([('queued', 'Queued'), ('sent', 'Sent'), ('failed', 'Failed'),
                              ('refused', 'Not sent')], string='Status', required=True, default='queued', readonly=True, index=True)
    error = fields.Text(string='Reason / Gateway Answer', readonly=True)
    date_done = fields.Datetime(string='Delivered or Failed on', readonly=True)
    mail_id = fields.Integer(string='Outgoing Mail', readonly=True, index=True)
    sms_id = fields.Many2one('gradient.sms.message', string='SMS', readonly=True, ondelete='set null')

    @api.model
    def _gc_record_vals(self, record):
        if not record:
            return {}
        return {'res_model': record._name, 'res_id': record.id,
                'record_name': (record.sudo().display_name or '')[:200]}

    def _gc_done(self, state, error=False):
        """The final state of a message: kept here and in its record's chatter."""
        for log in self.sudo():
            log.write({'state': state, 'error': error or False, 'date_done': fields.Datetime.now()})
            if log.channel == 'sms':
                log._gc_post_to_chatter()

    def _gc_post_to_chatter(self):
        model = self.env.get(self.res_model) if self.res_model else None
        if model is None or 'message_ids' not in model._fields:
            return
        record = model.sudo().browse(self.res_id).exists()
        if not record:
            return
        labels = dict(self._fields['state']._description_selection(self.env))
        record.message_post(body=_('SMS to %(name)s (%(phone)s): %(state)s. %(text)s') % {
            'name': self.partner_id.name or '', 'phone': self.recipient, 'state': labels.get(self.state),
            'text': self.body or ''}, subtype='mail.mt_note', author_id=self.env.ref('base.partner_root').id)

    @api.model
    def _gc_queue_sms(self, partner, template, params, record=None, event='', optional=True):
        """Queues one SMS to ``partner`` (its mobile number) and logs it. Not queued, but logged as
        not sent, when the person has no valid mobile number or, for an optional notice, has opted
        out of SMS. Returns the queue entry (or an empty recordset)."""
        # The sender may not read the recipient (an expert and the enterprise's contact): the
        # notice belongs to the workflow step that already checked the sender's right.
        # In the recipient's language (an RPC client may send none).
        lang = partner.sudo().lang or self.env.lang or 'zh_CN'
        self = self.with_context(lang=lang)  # pylint: disable=self-cls-assignment
        Log, partner, template = self.sudo(), partner.sudo().with_context(lang=lang), template.sudo().with_context(lang=lang)
        body = template._render(params)
        vals = dict(self._gc_record_vals(record), channel='sms', event=event, partner_id=partner.id,
                    subject=template.name, body=body)
        phone = normalize_mobile(partner.mobile) or normalize_mobile(partner.phone)
        if optional and partner.gc_sms_opt_out:
            Log.create(dict(vals, recipient=phone or partner.mobile or '', state='refused',
                            error=_('The recipient chose not to receive SMS notices.')))
            return self.env['gradient.sms.message']
        if not phone:
            Log.create(dict(vals, recipient=partner.mobile or partner.phone or '', state='refused',
                            error=_('No mainland mobile number on the recipient.')))
            return self.env['gradient.sms.message']
        log = Log.create(dict(vals, recipient=phone))
        message = self.env['gradient.sms.message'].sudo(SUPERUSER_ID).create({
            'phone': phone, 'partner_id': partner.id, 'template_id': template.id, 'body': body,
            'params': json.dumps(params, ensure_ascii=False), 'log_id': log.id})
        log.write({'sms_id': message.id})
        return message

    @api.model
    def _gc_setup_mail_delivery(self):
        """Odoo's demo data adds an outgoing mail server localhost:25 that takes precedence over
        the configuration file's smtp_* settings (where a deployment keeps its relay, TLS and
        login): it is archived. Notification e-mails wait in the queue (res_partner_notification.py),
        so the queue's cron job runs every minute instead of every hour."""
        demo_server = self.env.ref('base.ir_mail_server_localhost0', raise_if_not_found=False)
        if demo_server and demo_server.active:
            demo_server.sudo().write({'active': False})
        queue = self.env.ref('mail.ir_cron_mail_scheduler_action', raise_if_not_found=False)
        if queue and (queue.interval_number, queue.interval_type) != (1, 'minutes'):
            queue.sudo().write({'interval_number': 1, 'interval_type': 'minutes'})
        return True

    @api.multi
    def action_open_record(self):
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env:
            raise ValidationError(_('This message is not about a document.'))
        return {'type': 'ir.actions.act_window', 'res_model': self.res_model, 'res_id': self.res_id,
                'view_mode': 'form', 'target': 'current'}
