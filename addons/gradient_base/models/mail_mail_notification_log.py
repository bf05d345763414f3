"""E-mails in the notification log, and retried.

Odoo queues every e-mail as a mail.mail that its cron job sends; a mail the server refuses (or
cannot reach) becomes 'exception' and stays there. Here each queued mail is logged per
recipient, a failed one is queued again after 10, 20, 40 minutes, and after the fourth failed
attempt it is left failed: the log shows it to the staff and the mail queue to administrators."""
from datetime import timedelta

from odoo import api, fields, models

MAIL_ATTEMPTS = 4
MAIL_RETRY_MINUTES = 10


class MailMail(models.Model):
    _inherit = 'mail.mail'

    gc_attempts = fields.Integer(string='Delivery Attempts', readonly=True, copy=False)
    gc_next_attempt = fields.Datetime(string='Next Attempt', readonly=True, copy=False)

    @api.model
    def create(self, vals):
        mail = super(MailMail, self).create(vals)
        mail._gc_log_queued()
        return mail

    def _gc_log_queued(self):
        Log = self.env['gradient.notification.log'].sudo()
        message = self.sudo().mail_message_id
        record = None
        if message.model and message.res_id and message.model in self.env:
            record = self.env[message.model].sudo().browse(message.res_id).exists() or None
        base = dict(Log._gc_record_vals(record), channel='email', mail_id=self.id,
                    event=self.env.context.get('gc_notification_event') or (message.subtype_id.name or ''),
                    subject=(self.subject or message.subject or message.record_name or '')[:200])
        for partner in self.sudo().recipient_ids:
            Log.create(dict(base, partner_id=partner.id, recipient=partner.email or ''))
        if self.email_to:
            Log.create(dict(base, recipient=self.email_to[:200]))

    @api.multi
    def write(self, vals):
        result = super(MailMail, self).write(vals)
        if vals.get('state') == 'sent':
            self._gc_logs().filtered(lambda log: log.state != 'sent')._gc_done('sent')
        elif vals.get('state') == 'exception':
            self._gc_failed_attempt(vals.get('failure_reason'))
        return result

    def _gc_logs(self):
        return self.env['gradient.notification.log'].sudo().search([('mail_id', 'in', self.ids)])

    def _gc_failed_attempt(self, reason):
        # (the writes below leave 'state' alone: they do not come back here)
        now = fields.Datetime.from_string(fields.Datetime.now())
        for mail in self.sudo():
            attempts = mail.gc_attempts + 1
            logs = mail._gc_logs()
            if attempts >= MAIL_ATTEMPTS:
                mail.write({'gc_attempts': attempts, 'gc_next_attempt': False})
                logs._gc_done('failed', str(reason or ''))
            else:
                wait = timedelta(minutes=MAIL_RETRY_MINUTES * 2 ** (attempts - 1))
                mail.write({'gc_attempts': attempts, 'gc_next_attempt': fields.Datetime.to_string(now + wait)})
                logs.write({'state': 'queued', 'error': str(reason or '')})

    @api.model
    def _cron_gc_retry_failed(self):
        """Queues again the mails whose wait after a failed attempt is over."""
        mails = self.sudo().search([('state', '=', 'exception'), ('gc_next_attempt', '!=', False),
                                    ('gc_next_attempt', '<=', fields.Datetime.now()),
                                    ('gc_attempts', '<', MAIL_ATTEMPTS)])
        mails.write({'state': 'outgoing', 'gc_next_attempt': False})
        return len(mails)
