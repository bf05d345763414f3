"""Cultivation events reach the right people on the configured channels: e-mail (a mail queued
for the recipient, logged) and SMS (queued, sent by the development gateway, logged), the
territory reviewers see their territory's log only, and reviewers get a daily digest."""
from odoo.exceptions import AccessError

from .common import CultivationCase
from .test_enterprise_claim import PNG, PDF


class TestNotificationEvents(CultivationCase):

    @classmethod
    def setUpClass(cls):
        super(TestNotificationEvents, cls).setUpClass()
        cls._library_fixtures()
        cls._application_fixtures()
        Param = cls.env['ir.config_parameter'].sudo()
        Param.set_param('gradient_cultivation.report_open_day', '25')
        Param.set_param('gradient_cultivation.report_deadline_day', '10')
        Param.set_param('gradient_cultivation.report_reminder_days', '3')
        cls.portal_user.partner_id.write({'mobile': '13900000001', 'email': 'contact_a@example.com'})
        cls.territory_reviewer.partner_id.write({'mobile': '13900000002'})
        cls.street.write({'reviewer_ids': [(6, 0, [cls.territory_reviewer.id])]})
        cls.env['gradient.sms.provider'].search([]).write({'active': False})
        cls.env['gradient.sms.provider'].create({'name': 'Dev', 'kind': 'development'})
        cls.Event = cls.env['cultivation.notification.event']
        cls.Log = cls.env['gradient.notification.log']
        cls.Report = cls.env['cultivation.monthly.report']

    def _logs(self, code, partner, channel):
        return self.Log.search([('event', '=', self.Event._gc_event(code).name), ('partner_id', '=', partner.id),
                                ('channel', '=', channel)])

    def assertReached(self, code, partner, channels=('email', 'sms'), record=None):
        for channel in ('email', 'sms'):
            logs = self._logs(code, partner, channel)
            if channel in channels:
                self.assertTrue(logs, '%s should reach %s by %s' % (code, partner.name, channel))
                if record is not None:
                    self.assertEqual((logs[0].res_model, logs[0].res_id), (record._name, record.id))
            else:
                self.assertFalse(logs, '%s should not reach %s by %s' % (code, partner.name, channel))
        return self._logs(code, partner, 'sms')

    def test_monthly_report_open_due_overdue(self):
        contact, officer = self.portal_user.partner_id, self.territory_reviewer.partner_id
        self.Report._cron_monthly_reporting(today='2026-03-25')
        report = self.Report.search([('membership_id', '=', self.member_a.id), ('period_date', '=', '2026-03-01')])
        sms = self.assertReached('monthly_report_open', contact, record=report)
        self.assertEqual(sms.sms_id.phone, '13900000001')
        self.assertIn('2026-03', sms.body)
        self.assertIn('2026-04-10', sms.body)
        mail_log = self._logs('monthly_report_open', contact, 'email')
        self.assertEqual(mail_log.recipient, 'contact_a@example.com')
        self.assertTrue(self.env['mail.mail'].browse(mail_log.mail_id).exists(), 'the e-mail waits in the mail queue')
        self.assertReached('monthly_report_open', officer, channels=())
        self.assertEqual(mail_log.territory_id, self.street)

        self.Report._cron_monthly_reporting(today='2026-04-06')
        self.assertReached('monthly_report_due', contact, channels=())
        self.Report._cron_monthly_reporting(today='2026-04-07')
        self.assertReached('monthly_report_due', contact, record=report)

        self.Report._cron_monthly_reporting(today='2026-04-11')
        self.assertReached('monthly_report_overdue', contact, record=report)
        self.assertReached('monthly_report_overdue', officer, record=report)

        # the SMS queue delivers through the gateway, the log follows
        self.env['gradient.sms.message']._cron_send_queue()
        self.assertEqual(set(self._logs('monthly_report_overdue', contact, 'sms').mapped('state')), {'sent'})

    def test_channels_follow_the_settings(self):
        contact = self.portal_user.partner_id
        returned = self.Event._gc_event('application_returned')
        returned.write({'email': False, 'sms': True})
        application = self._new_application()
        application.action_submit()
        application.sudo(self.territory_reviewer).action_return('Upload the audit report')
        self.assertReached('application_returned', contact, channels=('sms',), record=application)
        self.assertTrue(application.message_ids.filtered(lambda m: 'Upload the audit report' in (m.body or '')),
                        'the notice stays in the chatter')
        returned.write({'email': True, 'sms': False})
        application.sudo(self.portal_user).action_submit()
        application.sudo(self.territory_reviewer).action_return('Sign the pledge')
        self.assertEqual(len(self._logs('application_returned', contact, 'email')), 1)
        self.assertEqual(len(self._logs('application_returned', contact, 'sms')), 1, 'no second SMS')

    def test_stage_passed_admitted_and_opt_out(self):
        contact = self.portal_user.partner_id
        contact.gc_sms_opt_out = True
        self.Event._gc_event('application_stage_passed').write({'sms': True, 'optional': True})
        application = self._new_application()
        application.action_submit()
        application.sudo(self.territory_reviewer).action_approve('in order')
        sms = self.assertReached('application_stage_passed', contact, record=application)
        self.assertEqual(sms.state, 'refused', 'an optional notice respects the opt-out')
        application.sudo(self.bureau_reviewer).action_approve('meets the criteria')
        for member in self.joint_members:
            application.sudo(member).action_joint_vote(80, True, 'ok')
        # published for objections (公示): the enterprise hears of it, and is admitted after the period
        self.assertEqual(application.state, 'to_publish')
        publication = self.env['cultivation.publication'].sudo(self.bureau_reviewer).create({'title': 'Intended admissions'})
        publication.action_add_pending()
        publication.action_publish()
        sms = self.assertReached('application_published', contact, record=application)
        self.assertEqual(sms.state, 'queued', 'not an optional notice')
        publication = self.env['cultivation.publication'].browse(publication.id)
        publication._workflow_write({'date_start': '2000-01-03', 'date_end': '2000-01-07'})
        self.env['cultivation.publication']._cron_close()
        self.assertEqual(application.state, 'approved')
        sms = self.assertReached('application_admitted', contact, record=application)
        self.assertEqual(sms.state, 'queued', 'a decision is sent despite the opt-out')

    def test_claim_decided(self):
        claimant = self._user('claimant_n', 'base.group_portal')
        claimant.partner_id.mobile = '13900000003'
        claim = self.env['cultivation.enterprise.claim'].sudo(claimant).submit_claim('91610131MA00000018', {
            'applicant_name': '张三', 'applicant_position': '财务经理', 'applicant_phone': '13800000000',
            'licence_file': PDF, 'licence_filename': 'licence.pdf',
            'authorization_file': PNG, 'authorization_filename': 'letter.png'})
        claim.sudo(self.territory_reviewer).action_approve()
        self.assertReached('claim_approved', claimant.partner_id, record=claim.sudo())

    def test_log_within_each_reviewers_reach(self):
        self.Report._cron_monthly_reporting(today='2026-03-25')
        self.Report._cron_monthly_reporting(today='2026-04-11')
        about_a = self.Log.search([('territory_id', '=', self.street.id)])
        about_b = self.Log.search([('res_model', '=', 'cultivation.monthly.report'),
                                   ('territory_id', '=', self.other_street.id)])
        self.assertTrue(about_a)
        # enterprise B has no portal account: only its officer-less overdue report; make one entry
        about_b |= self.Log.create({'channel': 'sms', 'recipient': '13900000009', 'territory_id': self.other_street.id})
        seen = self.Log.sudo(self.territory_reviewer).search([])
        self.assertTrue(about_a <= seen)
        self.assertFalse(seen & about_b, 'another territory\'s log stays hidden')
        self.assertTrue((about_a | about_b) <= self.Log.sudo(self.bureau_reviewer).search([]))
        with self.assertRaises(AccessError):
            self.Log.sudo(self.portal_user).search([])
        with self.assertRaises(AccessError):
            about_b.sudo(self.territory_reviewer).read(['body'])
        with self.assertRaises(AccessError):
            self.Event.sudo(self.portal_user).search([])
        with self.assertRaises(AccessError):
            self.Event._gc_event('application_returned').sudo(self.territory_reviewer).write({'sms': False})

    def test_daily_digest_of_review_todos(self):
        application = self._new_application()
        application.action_submit()  # the territory stage gives its reviewer a to-do
        todos = self.env['mail.activity'].search([('res_model', '=', 'cultivation.application'),
                                                  ('res_id', '=', application.id),
                                                  ('user_id', '=', self.territory_reviewer.id)])
        self.assertTrue(todos)
        before = self.env['mail.mail'].search([]).ids
        self.env['mail.activity']._cron_gc_review_digest()
        digest = self.env['mail.mail'].search([('id', 'not in', before),
                                               ('recipient_ids', 'in', self.territory_reviewer.partner_id.ids)])
        self.assertEqual(digest.recipient_ids, self.territory_reviewer.partner_id)
        self.assertIn(application.name, digest.body_html)
        self.assertTrue(all(todos.mapped('gc_digest_sent')))
        log = self.Log.search([('mail_id', '=', digest.id)])
        self.assertEqual(log.partner_id, self.territory_reviewer.partner_id)
        before = self.env['mail.mail'].search([]).ids
        self.env['mail.activity']._cron_gc_review_digest()
        self.assertFalse(self.env['mail.mail'].search([('id', 'not in', before)]), 'each to-do is sent once')

    def test_notices_wait_in_the_queue(self):
        """No e-mail is sent inside the user's request: the notices wait for the mail queue's cron job."""
        application = self._new_application()
        application.action_submit()
        application.sudo(self.territory_reviewer).action_return('Upload the audit report')
        log = self._logs('application_returned', self.portal_user.partner_id, 'email')
        mail = self.env['mail.mail'].browse(log.mail_id)
        self.assertEqual((mail.state, log.state), ('outgoing', 'queued'))
        mail.send()  # what the cron job does (Odoo's test mode stops at the SMTP connection)
        self.assertEqual(log.state, 'sent')
