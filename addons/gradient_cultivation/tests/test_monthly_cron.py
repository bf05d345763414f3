from .common import CultivationCase


class TestMonthlyCron(CultivationCase):
    """The daily cron: opening the month's reports, reminding, and marking them overdue."""

    @classmethod
    def setUpClass(cls):
        super(TestMonthlyCron, cls).setUpClass()
        cls._library_fixtures()
        Param = cls.env['ir.config_parameter'].sudo()
        Param.set_param('gradient_cultivation.report_open_day', '25')
        Param.set_param('gradient_cultivation.report_deadline_day', '10')
        Param.set_param('gradient_cultivation.report_reminder_days', '3')
        cls.Report = cls.env['cultivation.monthly.report']

    def _reports(self, membership, period=None):
        domain = [('membership_id', '=', membership.id)]
        if period:
            domain.append(('period_date', '=', period))
        return self.Report.search(domain)

    def test_reports_open_on_the_configured_day(self):
        self.Report._cron_monthly_reporting(today='2026-03-24')
        self.assertFalse(self._reports(self.member_a, '2026-03-01'), 'not before the 25th')
        self.Report._cron_monthly_reporting(today='2026-03-25')
        report = self._reports(self.member_a, '2026-03-01')
        self.assertEqual(len(report), 1)
        self.assertEqual((report.state, report.date_deadline, report.year, report.month),
                         ('open', '2026-04-10', 2026, 3))
        self.assertEqual(report.territory_id, self.street)
        self.Report._cron_monthly_reporting(today='2026-03-26')
        self.assertEqual(len(self._reports(self.member_a, '2026-03-01')), 1, 'opened once')

    def test_a_missed_previous_month_is_opened_until_its_deadline(self):
        self.Report._cron_monthly_reporting(today='2026-04-05')
        self.assertTrue(self._reports(self.member_a, '2026-03-01'))
        self.Report._cron_monthly_reporting(today='2026-05-11')
        self.assertFalse(self._reports(self.member_a, '2026-04-01'), 'April closed on May 10th')

    def test_only_active_members_admitted_by_then_get_reports(self):
        self.member_b.sudo(self.bureau_reviewer).action_exit('left the zone')
        late = self.env['cultivation.membership'].create({
            'enterprise_id': self.env['cultivation.enterprise'].create({
                'name': 'Late', 'credit_code': '91610131MA0000004H', 'territory_id': self.street.id}).id,
            'library_id': self.scale_up.id, 'date_admitted': '2026-04-02'})
        self.Report._cron_monthly_reporting(today='2026-03-25')
        self.assertFalse(self._reports(self.member_b))
        self.assertFalse(self._reports(late), 'admitted after March')

    def test_reminders_until_submitted(self):
        self.Report._cron_monthly_reporting(today='2026-03-25')
        report = self._reports(self.member_a, '2026-03-01')
        self.assertEqual(report.reminder_count, 1)
        reminder = report.message_ids.filtered(lambda m: self.portal_user.partner_id in m.partner_ids)
        self.assertEqual(len(reminder), 1)
        self.assertIn('2026-03', reminder.subject or reminder.body)
        self.Report._cron_monthly_reporting(today='2026-03-27')
        self.assertEqual(report.reminder_count, 1, 'not again within the interval')
        self.Report._cron_monthly_reporting(today='2026-03-28')
        self.assertEqual(report.reminder_count, 2)
        report.sudo(self.portal_user).write({'revenue': 10, 'revenue_ytd': 10})
        report.sudo(self.portal_user).action_submit()
        self.Report._cron_monthly_reporting(today='2026-04-02')
        self.assertEqual(report.reminder_count, 2, 'no reminder once submitted')

    def test_overdue_after_the_deadline_with_an_activity_for_the_officer(self):
        self.Report._cron_monthly_reporting(today='2026-03-25')
        report = self._reports(self.member_a, '2026-03-01')
        self.Report._cron_monthly_reporting(today='2026-04-10')
        self.assertFalse(report.is_overdue, 'the deadline day itself is still in time')
        self.Report._cron_monthly_reporting(today='2026-04-11')
        self.assertTrue(report.is_overdue)
        self.assertEqual(report.activity_ids.mapped('user_id'), self.territory_reviewer)
        overdue = self.Report.sudo(self.territory_reviewer).search([('is_overdue', '=', True)])
        self.assertIn(report, overdue)
        report.sudo(self.portal_user).write({'revenue': 10, 'revenue_ytd': 10})
        report.sudo(self.portal_user).action_submit()
        self.assertFalse(report.is_overdue)
        self.assertFalse(report.activity_ids)
