from odoo.exceptions import ValidationError

from .common import PortraitCase


class TestRuleKinds(PortraitCase):
    """Each scoring rule on its own, through score_values()."""

    def points(self, **values):
        result = self.scheme.score_values(values)
        return {line['code']: line['points'] for line in result['lines']}

    def test_bands_lower_bound_inclusive(self):
        self.assertEqual(self.points(ratio=5)['ratio'], 10)
        self.assertEqual(self.points(ratio=4.99)['ratio'], 6)
        self.assertEqual(self.points(ratio=3)['ratio'], 6)
        self.assertEqual(self.points(ratio=2.99)['ratio'], 0)
        self.assertEqual(self.points(ratio=-4)['ratio'], 0)

    def test_choice(self):
        self.assertEqual(self.points(level='provincial')['level'], 8)
        self.assertEqual(self.points(level='none')['level'], 0)

    def test_yes_no(self):
        self.assertEqual(self.points(emerging=True)['emerging'], 5)
        self.assertEqual(self.points(emerging=False)['emerging'], 2)
        self.assertEqual(self.points()['emerging'], 0)  # not given: no points

    def test_points_per_unit_with_cap(self):
        self.assertEqual(self.points(years=1)['years'], 0)
        self.assertEqual(self.points(years=5)['years'], 2)  # two full units of 2
        self.assertEqual(self.points(years=40)['years'], 5)  # capped at the maximum

    def test_better_of_two(self):
        self.assertEqual(self.points(spend=120, share=11)['spend'], 10)  # the ratio scores higher
        self.assertEqual(self.points(spend=600, share=1)['spend'], 10)
        self.assertEqual(self.points(spend=150, share=5)['spend'], 6)
        self.assertEqual(self.points(spend=(150, 2))['spend'], 4)  # a pair under the first code
        self.assertEqual(self.points(share=4)['spend'], 6)  # only one of the two given

    def test_manual_points(self):
        self.assertEqual(self.points(feature=7.5)['feature'], 7.5)
        with self.assertRaises(ValidationError) as caught:
            self.scheme.score_values({'feature': 12})
        self.assertIn('Feature', caught.exception.name)
        self.assertIn('0 到 10', caught.exception.name)

    def test_unknown_code_and_wrong_types_name_the_indicator(self):
        with self.assertRaises(ValidationError) as caught:
            self.scheme.score_values({'nonsense': 1})
        self.assertIn('nonsense', caught.exception.name)
        self.assertIn('未知', caught.exception.name)
        for code, value, expected in (('ratio', '5', '应为数字'), ('ratio', True, '应为数字'),
                                      ('emerging', 1, '是或否'), ('level', 'city', 'national'),
                                      ('spend', (1, 2, 3), '两个数字')):
            with self.assertRaises(ValidationError) as caught:
                self.scheme.score_values({code: value})
            self.assertIn(code, caught.exception.name)
            self.assertIn(expected, caught.exception.name)

    def test_result_shape(self):
        result = self.scheme.score_values({'ratio': 5, 'level': 'national', 'emerging': True, 'years': 4,
                                           'spend': 500, 'feature': 3, 'base_years': 2})
        self.assertEqual(result['total'], 10 + 10 + 5 + 2 + 10 + 3)
        innovation = self.env.ref('capability_portrait.dimension_innovation').name
        self.assertEqual(result['dimensions'][innovation], 30)
        self.assertTrue(result['passed'])
        line = [l for l in result['lines'] if l['code'] == 'ratio'][0]
        self.assertEqual((line['value'], line['points']), (5.0, 10))
