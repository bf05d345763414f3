from .common import PortraitCase


class TestWeakIndicators(PortraitCase):
    """Indicators below the scheme's share of their maximum are weak, and explained."""

    def test_weak_below_threshold(self):
        # weak below 50 %: ratio 6/10 is not weak, years 2/5 is, a condition never is
        result = self.scheme.score_values({'ratio': 3, 'level': 'national', 'emerging': True, 'years': 4,
                                           'spend': 500, 'feature': 5, 'base_years': 0})
        self.assertEqual(sorted(result['weak']), ['years'])
        self.scheme.write({'weak_threshold': 70})
        result = self.scheme.score_values({'ratio': 3, 'level': 'national', 'emerging': True, 'years': 4,
                                           'spend': 500, 'feature': 5})
        self.assertEqual(sorted(result['weak']), ['feature', 'ratio', 'years'])

    def test_evaluation_lists_weak_indicators_with_explanations(self):
        self.scheme.indicator_ids.filtered(lambda i: i.code == 'ratio').write(
            {'explanation': 'Spend more on research.'})
        self.scheme.action_publish()
        self._application_fixtures()
        self._new_application(niche_years=3, strategic_emerging=True)  # R&D ratio of the last year: 400 / 6000 = 6.67 %
        evaluation = self.env['portrait.evaluation'].evaluate(self.scheme, self.enterprise_a, manual_values={
            self.enterprise_a.id: {'feature': 1}})
        weak = evaluation.line_ids.filtered('is_weak')
        self.assertEqual(sorted(weak.mapped('code')), ['feature', 'level', 'years'])
        self.assertEqual(evaluation.weak_count, 3)
        html = evaluation.portrait_html
        self.assertIn('Feature', html)
        self.assertNotIn('Spend more on research.', html)  # ratio is not weak
        self.scheme_ratio_weak = evaluation.line_ids.filtered(lambda l: l.code == 'ratio').is_weak
        self.assertFalse(self.scheme_ratio_weak)
