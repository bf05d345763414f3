"""The SMS queue: a message is written here in the user's transaction and sent by a cron job
(never inside the user's request), retried with a doubling wait when the gateway refuses or
does not answer, and marked failed after the gateway's number of attempts; administrators see
the failed ones (Settings > 通知 > 短信队列) and may queue them again."""
import json
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .gradient_sms_provider import SmsDeliveryError

_logger = logging.getLogger(__name__)
BATCH = 200


class GradientSmsMessage(models.Model):
    _name = 'gradient.sms.message'
    _description = 'SMS Message'
    _order = 'id desc'
    _rec_name = 'phone'

    phone = fields.Char(required=True, readonly=True)
    partner_id = fields.Many2one('res.partner', string='Recipient', readonly=True, ondelete='set null')
    template_id = fields.Many2one('gradient.sms.template', readonly=True, required=True, ondelete='restrict')
    params = fields.Text(string='Parameters', readonly=True, default='{}')
    body = fields.Text(string='Text', readonly=True)
    provider_id = fields.Many2one('gradient.sms.provider', string='Gateway', readonly=True, ondelete='set null')
    state = fields.Selection([('queued', 'Queued'), ('sent', 'Sent'), ('failed', 'Failed')], string='Status',
                             default='queued', required=True, readonly=True, index=True)
    attempts = fields.Integer(readonly=True)
    next_attempt = fields.Datetime(readonly=True, index=True, default=fields.Datetime.now)
    date_sent = fields.Datetime(string='Sent on', readonly=True)
    last_error = fields.Text(string='Gateway Answer', readonly=True)
    provider_ref = fields.Char(string='Gateway Message ID', readonly=True)
    log_id = fields.Many2one('gradient.notification.log', readonly=True, ondelete='set null')

    def _params(self):
        try:
            return json.loads(self.params or '{}')
        except ValueError:
            return {}

    @api.multi
    def action_retry(self):
        """An administrator queues failed messages again (a fixed gateway, a corrected number)."""
        self.check_access_rights('write')
        self.check_access_rule('write')
        for message in self:
            if message.state != 'failed':
                raise UserError(_('Only failed messages can be sent again.'))
        self.write({'state': 'queued', 'attempts': 0, 'next_attempt': fields.Datetime.now(), 'last_error': False})
        self.mapped('log_id').write({'state': 'queued', 'error': False})
        return True

    @api.model
    def _cron_send_queue(self):
        now = fields.Datetime.now()
        messages = self.sudo().search([('state', '=', 'queued'), ('next_attempt', '<=', now)],
                                      order='next_attempt, id', limit=BATCH)
        default_provider = self.env['gradient.sms.provider']._current()
        for message in messages:
            message._deliver(message.provider_id or default_provider)
        return len(messages)

    def _sent_last_hour(self):
        since = fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) - timedelta(hours=1))
        return self.search([('phone', '=', self.phone), ('state', '=', 'sent'), ('date_sent', '>', since)],
                           order='date_sent')

    def _deliver(self, provider):
        self.ensure_one()
        now = fields.Datetime.from_string(fields.Datetime.now())
        if not provider:
            return self._attempt_failed(None, _('No SMS gateway is configured (Settings > Notifications > SMS Gateways).'))
        recent = self._sent_last_hour()
        if len(recent) >= provider.rate_limit:
            # the number's hourly allowance is used up: wait until the oldest of the hour expires
            oldest = fields.Datetime.from_string(recent[0].date_sent)
            self.write({'next_attempt': fields.Datetime.to_string(oldest + timedelta(hours=1, seconds=1)),
                        'last_error': _('Waiting: %(count)d messages to this number in the last hour.') % {'count': len(recent)}})
            return False
        try:
            ref = provider._send(self)
        except SmsDeliveryError as error:
            return self._attempt_failed(provider, str(error))
        except Exception as error:  # pylint: disable=broad-except
            # a programming or network error of one message must not stop the queue
            _logger.exception('SMS %s: sending failed', self.id)
            return self._attempt_failed(provider, repr(error))
        self.write({'state': 'sent', 'provider_id': provider.id, 'provider_ref': ref, 'attempts': self.attempts + 1,
                    'date_sent': fields.Datetime.to_string(now), 'last_error': False})
        self.log_id._gc_done('sent')
        return True

    def _attempt_failed(self, provider, error):
        attempts = self.attempts + 1
        limit = provider.max_attempts if provider else 1
        vals = {'attempts': attempts, 'last_error': error}
        if provider:
            vals['provider_id'] = provider.id
        if attempts >= limit:
            vals['state'] = 'failed'
            self.write(vals)
            self.log_id._gc_done('failed', error)
            _logger.warning('SMS %s to %s failed after %d attempts: %s', self.id, self.phone, attempts, error)
        else:
            wait = provider.retry_minutes * 2 ** (attempts - 1)
            vals['next_attempt'] = fields.Datetime.to_string(
                fields.Datetime.from_string(fields.Datetime.now()) + timedelta(minutes=wait))
            self.write(vals)
            self.log_id.write({'error': error})
        return False
