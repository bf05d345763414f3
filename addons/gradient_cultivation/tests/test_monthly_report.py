from odoo.exceptions import AccessError, UserError, ValidationError

from .common import CultivationCase


class TestMonthlyReport(CultivationCase):
    """What an enterprise may report, the second look at unusual figures, submission and reopening."""

    @classmethod
    def setUpClass(cls):
        super(TestMonthlyReport, cls).setUpClass()
        cls._library_fixtures()
        cls.history = cls._year_of_reports(cls.member_a, 2025, revenue=100.0, months=range(1, 7))
        cls.june = cls.history[-1]
        cls.report = cls._report(cls.member_a, '2025-07-01', state='open')

    def _as_portal(self, report=None):
        return (report or self.report).sudo(self.portal_user)

    def test_negative_revenue_is_refused_naming_the_field(self):
        with self.assertRaises(ValidationError) as ctx:
            self._as_portal().write({'revenue': -5})
        self.assertIn('当月营业收入', ctx.exception.name)
        self.assertIn('不能为负', ctx.exception.name)

    def test_a_loss_is_allowed(self):
        self._as_portal().write({'revenue': 90, 'revenue_ytd': 690, 'total_profit': -12.5})
        self.assertEqual(self.report.total_profit, -12.5)

    def test_year_to_date_cannot_fall_below_last_month(self):
        errors = self.report.figure_errors({'revenue': 90, 'revenue_ytd': 500})
        self.assertIn('revenue_ytd', errors)
        self.assertIn('2025-06', errors['revenue_ytd'])
        with self.assertRaises(ValidationError):
            self._as_portal().write({'revenue': 90, 'revenue_ytd': 500})

    def test_year_to_date_cannot_be_below_the_month(self):
        errors = self.report.figure_errors({'revenue': 900, 'revenue_ytd': 800})
        self.assertIn('revenue_ytd', errors)

    def test_january_starts_a_new_year(self):
        january = self._report(self.member_a, '2026-01-01', state='open')
        self.assertFalse(january.figure_errors({'revenue': 50, 'revenue_ytd': 50}))

    def test_unusual_figures_need_a_second_confirmation(self):
        report = self._as_portal()
        report.write({'revenue': 1000, 'revenue_ytd': 1600, 'main_revenue': 90, 'rd_expense': 5, 'employees': 50})
        self.assertIn('revenue', report.unusual_figures())
        with self.assertRaises(UserError) as ctx:
            report.action_submit()
        self.assertIn('请核对', ctx.exception.name)
        self.assertEqual(self.report.state, 'open')
        report.action_submit(confirm_unusual=True)
        self.assertEqual(self.report.state, 'submitted')
        self.assertTrue(self.report.unusual_confirmed)
        self.assertIn('1,000', self.report.unusual_notes)

    def test_usual_figures_submit_at_once(self):
        report = self._as_portal()
        report.write({'revenue': 105, 'revenue_ytd': 705, 'main_revenue': 95, 'rd_expense': 5,
                      'employees': 51, 'taxes_paid': 0, 'growth_news': 'New line'})
        self.assertFalse(report.unusual_figures())
        report.action_submit()
        self.assertEqual((self.report.state, self.report.submitted_by), ('submitted', self.portal_user))
        self.assertFalse(self.report.is_overdue)

    def test_a_blank_figure_is_not_a_zero(self):
        """Issue 19: taxes left blank were compared as 0 with the usual 15 ("0 is far from the
        usual 14.92"); blank stays blank, and a real 0 still gets the second look."""
        self.history.write({'taxes_paid': 15.0})
        report = self._as_portal()
        report.write({'revenue': 100, 'revenue_ytd': 700, 'main_revenue': 90, 'rd_expense': 5,
                      'employees': 50, 'taxes_paid': None})
        self.assertEqual(report._blank_fields(('taxes_paid', 'revenue'))[report.id], {'taxes_paid'})
        self.assertNotIn('taxes_paid', report.unusual_figures())
        report.write({'taxes_paid': 0})
        self.assertIn('taxes_paid', report.unusual_figures())
        report.write({'taxes_paid': False})
        self.assertNotIn('taxes_paid', report.unusual_figures())

    def test_blank_past_months_do_not_make_the_usual_level(self):
        """Months whose taxes were never entered do not pull the usual level down: with two
        blank months counted as 0 the usual level of 10, 10, 30, 30 read 10 and 85 was "far
        from it"; without them it is 30, and 85 is within three times."""
        self.history[2:4].write({'taxes_paid': 10.0})
        self.history[4:6].write({'taxes_paid': 30.0})
        report = self._as_portal()
        report.write({'revenue': 100, 'revenue_ytd': 700, 'main_revenue': 90, 'rd_expense': 5,
                      'employees': 50, 'taxes_paid': 85})
        self.assertNotIn('taxes_paid', report.unusual_figures())
        report.write({'taxes_paid': 95})
        self.assertIn('taxes_paid', report.unusual_figures())

    def test_submitted_report_is_read_only_for_the_enterprise(self):
        with self.assertRaises(UserError) as ctx:
            self._as_portal(self.june).write({'revenue': 1})
        self.assertIn('已提交', ctx.exception.name)
        with self.assertRaises(UserError):
            self._as_portal(self.june).action_submit()

    def test_enterprise_cannot_write_workflow_fields(self):
        with self.assertRaises(AccessError):
            self._as_portal().write({'state': 'submitted'})
        with self.assertRaises(AccessError):
            self._as_portal().write({'is_overdue': False, 'revenue': 1})

    def test_reviewers_do_not_fill_reports(self):
        with self.assertRaises(AccessError):
            self.report.sudo(self.bureau_reviewer).write({'revenue': 1})

    def test_territory_reopens_with_a_reason_and_the_enterprise_corrects(self):
        with self.assertRaises(UserError):
            self.june.sudo(self.territory_reviewer).action_reopen(' ')
        self.june.sudo(self.territory_reviewer).action_reopen('June revenue double counted')
        self.assertEqual(self.june.state, 'reopened')
        told = self.june.message_ids.filtered(lambda m: self.portal_user.partner_id in m.partner_ids)
        self.assertIn('June revenue double counted', told[0].body)
        self._as_portal(self.june).write({'revenue': 95, 'revenue_ytd': 595})
        self._as_portal(self.june).action_submit()
        self.assertEqual(self.june.state, 'submitted')

    def test_only_a_submitted_report_is_reopened(self):
        with self.assertRaises(UserError):
            self.report.sudo(self.territory_reviewer).action_reopen('why')

    def test_reviewer_of_another_territory_cannot_reopen(self):
        other = self._user('t_other', 'gradient_cultivation.group_territory_reviewer',
                           territory_ids=[(6, 0, [self.other_street.id])])
        with self.assertRaises(AccessError):
            self.june.sudo(other).action_reopen('not mine')
        self.assertEqual(self.june.state, 'submitted')

    def test_enterprise_and_joint_reviewer_cannot_reopen(self):
        with self.assertRaises(UserError):
            self.june.sudo(self.portal_user).action_reopen('let me')
        with self.assertRaises(UserError):
            self.june.sudo(self.joint_reviewer).action_reopen('let me')

    def test_reports_of_an_exited_member_cannot_be_submitted(self):
        self.member_a.sudo(self.bureau_reviewer).action_exit('gone')
        with self.assertRaises(UserError):
            self.report.with_context(active_test=False).sudo(self.portal_user).action_submit()

    def test_one_report_per_member_and_month(self):
        with self.assertRaises(Exception):
            with self.cr.savepoint():
                self._report(self.member_a, '2025-07-01', state='open')

    def test_ratios_for_pivots(self):
        self.assertAlmostEqual(self.june.rd_ratio, 5.0)
        self.assertEqual(self.june.reported_rate, 100.0)
        self.assertEqual(self.report.reported_rate, 0.0)
