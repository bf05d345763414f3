import io
import zipfile

from odoo.exceptions import AccessError, UserError

from .common import CultivationCase


class TestAnnualEvaluation(CultivationCase):
    """The yearly campaign: measured figures, proposed outcomes, the bureau's decisions and their effects."""

    @classmethod
    def setUpClass(cls):
        super(TestAnnualEvaluation, cls).setUpClass()
        cls._library_fixtures()
        Plan = cls.env['cultivation.plan']
        # A: every target met, no violation -> upgrade. A1: a serious violation -> exit.
        # B: one of two targets met -> keep (50 % is not below the 50 % minimum).
        cls._year_of_reports(cls.member_a, 2024, revenue=80.0)
        cls._year_of_reports(cls.member_a, 2025, revenue=100.0, rd_ratio=4.0, new_patents=1)
        Plan.create({'membership_id': cls.member_a.id, 'year': 2025, 'target_revenue': 1100,
                     'target_growth': 20, 'target_rd_ratio': 3, 'target_new_patents': 10})
        cls._year_of_reports(cls.member_a1, 2025, revenue=500.0)
        Plan.create({'membership_id': cls.member_a1.id, 'year': 2025, 'target_revenue': 5000})
        cls.env['cultivation.violation'].create({
            'enterprise_id': cls.enterprise_a1.id, 'category': 'environment', 'severity': 'serious',
            'date': '2025-06-01', 'description': 'Emissions above the limit'})
        cls._year_of_reports(cls.member_b, 2025, revenue=100.0, rd_ratio=1.0)
        Plan.create({'membership_id': cls.member_b.id, 'year': 2025, 'target_revenue': 1000, 'target_rd_ratio': 3})
        cls.evaluation = cls.env['cultivation.annual.evaluation'].sudo(cls.bureau_reviewer).create({
            'name': 'Annual evaluation 2025', 'year': 2025,
            'library_ids': [(6, 0, [cls.scale_up.id, cls.srdi.id])]})

    def _line(self, membership):
        return self.evaluation.line_ids.filtered(lambda l: l.membership_id == membership)

    def test_start_measures_every_active_member(self):
        self.evaluation.action_start()
        self.assertEqual(self.evaluation.state, 'running')
        for member in (self.member_a, self.member_a1, self.member_b):
            self.assertTrue(self._line(member))
        line_a = self._line(self.member_a)
        self.assertEqual((line_a.months_reported, line_a.months_due), (12, 12))
        self.assertAlmostEqual(line_a.actual_revenue, 1200)
        self.assertAlmostEqual(line_a.previous_revenue, 960)
        self.assertAlmostEqual(line_a.actual_growth, 25.0)
        self.assertAlmostEqual(line_a.actual_rd_ratio, 4.0)
        self.assertEqual(line_a.actual_new_patents, 12)
        self.assertEqual((line_a.targets_set, line_a.targets_met), (4, 4))
        self.assertEqual(line_a.proposed_outcome, 'upgrade')
        line_a1 = self._line(self.member_a1)
        self.assertEqual((line_a1.serious_violation_count, line_a1.proposed_outcome), (1, 'exit'))
        self.assertIn('Emissions above the limit', line_a1.violation_summary)
        line_b = self._line(self.member_b)
        self.assertEqual((line_b.targets_set, line_b.targets_met, line_b.proposed_outcome), (2, 1, 'keep'))

    def test_missing_reports_propose_an_exit(self):
        self.env['cultivation.monthly.report'].search([
            ('membership_id', '=', self.member_b.id), ('month', '>', 4)]).write({'state': 'open'})
        self.evaluation.action_start()
        line_b = self._line(self.member_b)
        self.assertEqual(line_b.months_reported, 4)
        self.assertEqual(line_b.proposed_outcome, 'exit')
        self.assertIn('4', line_b.proposal_reason)

    def test_decisions_take_effect(self):
        self.evaluation.action_start()
        bureau = self.bureau_reviewer
        self._line(self.member_a1).sudo(bureau).action_decide('exit', 'Serious environmental violation in 2025')
        self._line(self.member_a).sudo(bureau).action_decide('upgrade', 'All targets met')
        self._line(self.member_b).sudo(bureau).action_decide('keep', 'Improving')
        self.assertEqual(self.member_a1.state, 'exited')
        self.assertIn('Serious environmental violation', self.member_a1.exit_reason)
        self.assertTrue(self.member_a.upgrade_proposed)
        self.assertEqual(self.member_a.upgrade_library_id, self.srdi)
        self.assertEqual(self.member_b.state, 'active')
        self.assertEqual(self._line(self.member_b).decided_by, bureau)
        for line in self.evaluation.line_ids.filtered(lambda l: not l.decision):  # the demo's members
            line.sudo(bureau).action_decide('keep', 'Demo member')
        self.evaluation.sudo(bureau).action_close()
        self.assertEqual(self.evaluation.state, 'done')

    def test_a_decision_needs_a_reason_and_the_bureau(self):
        self.evaluation.action_start()
        line = self._line(self.member_a1)
        with self.assertRaises(UserError):
            line.sudo(self.bureau_reviewer).action_decide('exit', ' ')
        with self.assertRaises(UserError):
            line.sudo(self.territory_reviewer).action_decide('exit', 'mine')
        self.assertEqual(self.member_a1.state, 'active')
        line.sudo(self.bureau_reviewer).action_decide('keep', 'Rectified')
        with self.assertRaises(UserError):
            line.sudo(self.bureau_reviewer).action_decide('exit', 'changed my mind')

    def test_lines_and_state_change_only_through_the_actions(self):
        self.evaluation.action_start()
        with self.assertRaises(AccessError):
            self._line(self.member_a).sudo(self.bureau_reviewer).write({'decision': 'exit'})
        with self.assertRaises(AccessError):
            self.evaluation.sudo(self.bureau_reviewer).write({'state': 'done'})

    def test_closing_needs_every_member_decided(self):
        self.evaluation.action_start()
        with self.assertRaises(UserError):
            self.evaluation.sudo(self.bureau_reviewer).action_close()

    def test_started_evaluations_are_kept(self):
        self.evaluation.action_start()
        with self.assertRaises(UserError):
            self.evaluation.sudo(self.bureau_reviewer).unlink()

    def test_territory_reviewer_sees_its_members_only(self):
        self.evaluation.action_start()
        lines = self.env['cultivation.annual.evaluation.line'].sudo(self.territory_reviewer).search(
            [('evaluation_id', '=', self.evaluation.id)])
        self.assertEqual(lines.mapped('membership_id'), self.member_a | self.member_a1)

    def test_excel_report_per_tier_and_territory(self):
        self.evaluation.action_start()
        self._line(self.member_a1).sudo(self.bureau_reviewer).action_decide('exit', 'Violation')
        report = self.env.ref('gradient_cultivation.action_report_cultivation_evaluation_xlsx')
        content, fmt = report.sudo(self.bureau_reviewer).render(self.evaluation.ids)
        self.assertEqual(fmt, 'xlsx')
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            strings = book.read('xl/sharedStrings.xml').decode('utf-8')
        for text in ('Enterprise A1', 'Street A', 'Street B', 'Violation', '退库'):
            self.assertIn(text, strings)
