from .common import PortraitCase

FULL = {'ratio': 5, 'level': 'national', 'emerging': True, 'years': 10, 'spend': 500, 'feature': 10, 'base_years': 3}


class TestPassRule(PortraitCase):
    """Total, per-dimension minimums, base conditions and direct passes."""

    def score(self, **changes):
        return self.scheme.score_values(dict(FULL, **changes))

    def test_total_minimum(self):
        self.assertTrue(self.score()['passed'])
        result = self.score(ratio=0, level='none', spend=0, emerging=False, years=0, feature=5)
        self.assertLess(result['total'], 30)
        self.assertFalse(result['passed'])

    def test_dimension_minimum_fails_despite_total(self):
        # growth: 2 (no) + 0 years + 2 points by hand = 4 < 5, while the total is 34 >= 30
        result = self.score(emerging=False, years=0, feature=2)
        self.assertGreaterEqual(result['total'], 30)
        self.assertFalse(result['score_passed'])
        self.assertFalse(result['passed'])
        growth = [d for d in result['dimension_details'] if d['code'] == 'growth'][0]
        self.assertEqual((growth['points'], growth['min_points'], growth['passed']), (4, 5, False))

    def test_base_condition_required(self):
        result = self.score(base_years=1)
        self.assertTrue(result['score_passed'])
        self.assertFalse(result['conditions_met'])
        self.assertFalse(result['passed'])
        self.assertEqual(result['unmet_conditions'], ['base_years'])
        missing = dict(FULL)
        del missing['base_years']
        self.assertFalse(self.scheme.score_values(missing)['passed'])  # not given: not met
        self.assertEqual(result['dimensions'], self.score()['dimensions'])  # conditions add no points

    def test_direct_pass_and_condition_groups(self):
        self.scheme.write({'indicator_ids': [
            (0, 0, {'code': 'award', 'name': 'Award', 'rule_kind': 'yes_no', 'max_points': 1, 'points_yes': 1,
                    'is_direct_pass': True, 'source_key': 'manual'}),
            (0, 0, {'code': 'route_a', 'name': 'Route A', 'rule_kind': 'yes_no', 'max_points': 1, 'points_yes': 1,
                    'is_condition': True, 'condition_group': 'route', 'source_key': 'manual'}),
            (0, 0, {'code': 'route_b', 'name': 'Route B', 'rule_kind': 'yes_no', 'max_points': 1, 'points_yes': 1,
                    'is_condition': True, 'condition_group': 'route', 'source_key': 'manual'})]})
        low = dict(FULL, ratio=0, level='none', spend=0, route_a=False, route_b=True)
        self.assertFalse(self.scheme.score_values(low)['passed'])
        self.assertTrue(self.scheme.score_values(dict(low, award=True))['passed'])  # direct pass
        self.assertTrue(self.scheme.score_values(dict(FULL, route_a=False, route_b=True))['passed'])
        result = self.scheme.score_values(dict(FULL, route_a=False, route_b=False))
        self.assertFalse(result['passed'])
        self.assertEqual(sorted(result['unmet_conditions']), ['route_a', 'route_b'])
