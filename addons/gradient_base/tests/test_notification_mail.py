"""E-mails in the notification log: logged per recipient when queued, sent or retried after a
failure with a growing wait, failed after the fourth attempt. (The mails themselves reach the
local SMTP server in the ops tests: Odoo's test mode never opens an SMTP connection.)"""
from datetime import timedelta

from odoo import fields
from odoo.tests.common import SavepointCase

from ..models.mail_mail_notification_log import MAIL_ATTEMPTS


class TestMailLog(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestMailLog, cls).setUpClass()
        cls.partner = cls.env['res.partner'].create({'name': '李四', 'email': 'lisi@example.com'})
        cls.Log = cls.env['gradient.notification.log']

    def _mail(self):
        return self.env['mail.mail'].create({'subject': '月报提醒', 'body_html': '<p>请提交月报</p>',
                                             'email_from': 'noreply@example.com',
                                             'recipient_ids': [(6, 0, self.partner.ids)]})

    def test_queued_and_sent(self):
        mail = self._mail()
        log = self.Log.search([('mail_id', '=', mail.id)])
        self.assertEqual((log.channel, log.state, log.recipient, log.partner_id), ('email', 'queued', 'lisi@example.com', self.partner))
        self.assertEqual(log.subject, '月报提醒')
        mail.send()
        self.assertEqual(log.state, 'sent')
        self.assertTrue(log.date_done)

    def test_failure_retried_then_failed(self):
        mail = self._mail()
        log = self.Log.search([('mail_id', '=', mail.id)])
        Mail = self.env['mail.mail']
        for attempt in range(1, MAIL_ATTEMPTS):
            mail.write({'state': 'exception', 'failure_reason': 'Connection refused'})
            self.assertEqual((mail.gc_attempts, log.state), (attempt, 'queued'))
            self.assertEqual(log.error, 'Connection refused')
            wait = fields.Datetime.from_string(mail.gc_next_attempt) - fields.Datetime.from_string(fields.Datetime.now())
            self.assertTrue(timedelta(minutes=10 * 2 ** (attempt - 1) - 1) < wait <= timedelta(minutes=10 * 2 ** (attempt - 1)))
            Mail._cron_gc_retry_failed()
            self.assertEqual(mail.state, 'exception', 'not queued again before its wait is over')
            mail.write({'gc_next_attempt': fields.Datetime.to_string(
                fields.Datetime.from_string(fields.Datetime.now()) - timedelta(seconds=1))})
            Mail._cron_gc_retry_failed()
            self.assertEqual(mail.state, 'outgoing')
        mail.write({'state': 'exception', 'failure_reason': 'Connection refused'})
        self.assertEqual((mail.gc_attempts, log.state), (MAIL_ATTEMPTS, 'failed'))
        Mail._cron_gc_retry_failed()
        self.assertEqual(mail.state, 'exception', 'a failed mail stays failed')
