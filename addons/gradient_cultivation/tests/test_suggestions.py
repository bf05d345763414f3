from odoo.exceptions import AccessError, UserError

from .common import CultivationCase


class TestSuggestions(CultivationCase):
    """Suggestion rules read the monthly trend; officers accept them into the plan or dismiss them."""

    @classmethod
    def setUpClass(cls):
        super(TestSuggestions, cls).setUpClass()
        cls._library_fixtures()
        cls.rd_rule = cls.env.ref('gradient_cultivation.suggestion_rule_rd_ratio_low')
        cls.falling_rule = cls.env.ref('gradient_cultivation.suggestion_rule_revenue_falling')
        cls.scale_up.min_rd_ratio = 3.0

    def _open(self, membership, rule):
        return membership.suggestion_ids.filtered(lambda s: s.rule_id == rule and s.state == 'open')

    def _submit(self, membership, period, **figures):
        report = self._report(membership, period, state='open', **figures)
        report.action_submit(confirm_unusual=True)
        return report

    def test_low_rd_ratio_three_months_running_raises_a_suggestion(self):
        self._submit(self.member_a, '2025-01-01', revenue=100, revenue_ytd=100, rd_expense=1)
        self._submit(self.member_a, '2025-02-01', revenue=100, revenue_ytd=200, rd_expense=2)
        self.assertFalse(self._open(self.member_a, self.rd_rule), 'two months are not a trend')
        self._submit(self.member_a, '2025-03-01', revenue=100, revenue_ytd=300, rd_expense=2.5)
        suggestion = self._open(self.member_a, self.rd_rule)
        self.assertEqual(len(suggestion), 1)
        self.assertIn('2025-03 2.5', suggestion.evidence)
        self.assertIn('3', suggestion.evidence)  # the tier's threshold
        self.assertIn(self.territory_reviewer.partner_id,
                      self.member_a.message_ids.mapped('partner_ids'), 'the officer is told')

    def test_no_suggestion_without_the_trend(self):
        self._submit(self.member_a, '2025-01-01', revenue=100, revenue_ytd=100, rd_expense=1)
        self._submit(self.member_a, '2025-02-01', revenue=100, revenue_ytd=200, rd_expense=5)  # above 3 %
        self._submit(self.member_a, '2025-03-01', revenue=100, revenue_ytd=300, rd_expense=1)
        self.assertFalse(self.member_a.suggestion_ids)

    def test_a_gap_in_the_months_breaks_the_trend(self):
        self._submit(self.member_a, '2025-01-01', revenue=100, revenue_ytd=100, rd_expense=1)
        self._submit(self.member_a, '2025-02-01', revenue=100, revenue_ytd=200, rd_expense=1)
        self._submit(self.member_a, '2025-04-01', revenue=100, revenue_ytd=400, rd_expense=1)
        self.assertFalse(self._open(self.member_a, self.rd_rule))

    def test_the_tier_threshold_applies(self):
        self.srdi.min_rd_ratio = 1.0
        for month, ytd in ((1, 100), (2, 200), (3, 300)):
            self._submit(self.member_a1, '2025-%02d-01' % month, revenue=100, revenue_ytd=ytd, rd_expense=2)
        self.assertFalse(self._open(self.member_a1, self.rd_rule), '2 % is above this tier\'s 1 %')

    def test_rule_limited_to_other_tiers_does_not_fire(self):
        self.rd_rule.library_ids = [(6, 0, [self.srdi.id])]
        for month, ytd in ((1, 100), (2, 200), (3, 300)):
            self._submit(self.member_a, '2025-%02d-01' % month, revenue=100, revenue_ytd=ytd, rd_expense=1)
        self.assertFalse(self._open(self.member_a, self.rd_rule))

    def test_falling_revenue_needs_three_drops_and_resolves_when_it_recovers(self):
        ytd = 0
        for month, revenue in ((1, 200), (2, 180), (3, 150)):
            ytd += revenue
            self._submit(self.member_a, '2025-%02d-01' % month, revenue=revenue, revenue_ytd=ytd, rd_expense=revenue)
        self.assertFalse(self._open(self.member_a, self.falling_rule), 'two drops only')
        ytd += 120
        self._submit(self.member_a, '2025-04-01', revenue=120, revenue_ytd=ytd, rd_expense=120)
        suggestion = self._open(self.member_a, self.falling_rule)
        self.assertTrue(suggestion)
        ytd += 130
        self._submit(self.member_a, '2025-05-01', revenue=130, revenue_ytd=ytd, rd_expense=130)
        self.assertEqual(suggestion.state, 'resolved')

    def _raise_rd_suggestion(self):
        for month, ytd in ((1, 100), (2, 200), (3, 300)):
            self._submit(self.member_a, '2025-%02d-01' % month, revenue=100, revenue_ytd=ytd, rd_expense=1)
        return self._open(self.member_a, self.rd_rule)

    def test_accepting_adds_the_measure_to_this_years_plan(self):
        suggestion = self._raise_rd_suggestion()
        suggestion.sudo(self.territory_reviewer).action_accept()
        self.assertEqual(suggestion.state, 'accepted')
        plan = self.member_a.current_plan()
        self.assertTrue(plan)
        self.assertIn(self.rd_rule.plan_measure, plan.measures)
        with self.assertRaises(UserError):
            suggestion.sudo(self.territory_reviewer).action_accept()

    def test_dismissing_needs_a_reason(self):
        suggestion = self._raise_rd_suggestion()
        with self.assertRaises(UserError):
            suggestion.sudo(self.bureau_reviewer).action_dismiss('')
        suggestion.sudo(self.bureau_reviewer).action_dismiss('R&D is booked at year end')
        self.assertEqual(suggestion.state, 'dismissed')

    def test_the_enterprise_sees_its_suggestions_but_cannot_decide(self):
        suggestion = self._raise_rd_suggestion()
        mine = self.env['cultivation.suggestion'].sudo(self.portal_user).search([])
        self.assertEqual(mine, suggestion)
        with self.assertRaises(UserError):
            suggestion.sudo(self.portal_user).action_accept()

    def test_another_territory_cannot_decide(self):
        suggestion = self._raise_rd_suggestion()
        other = self._user('t_other', 'gradient_cultivation.group_territory_reviewer',
                           territory_ids=[(6, 0, [self.other_street.id])])
        with self.assertRaises(AccessError):
            suggestion.sudo(other).action_accept()
