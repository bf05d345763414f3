from odoo.tests.common import SavepointCase

SRDI_EXAMPLE = {
    # base conditions: 7 years, 250 (10k CNY) and 6.5 % R&D, revenue 5,000
    'base_niche_years': 7, 'base_rd_spend': 250, 'base_rd_ratio': 6.5, 'base_revenue': 5000,
    'main_business_share': 75,          # 70-80: 3
    'main_revenue_growth_2y': 8,        # 8-10 (8 inclusive): 8
    'niche_years': 7,                   # 3 full units of 2 years: 3
    'product_field': 'industrial_basis',  # 3
    'digital_level': 2,                 # 3
    'quality_items': 2,                 # 2 x 3 = 6, at most 5
    'net_margin': 5,                    # 4-6: 4
    'debt_ratio': 50,                   # 50-60: 3
    'local_feature': 8,                 # 8 given by hand
    'rd_spend': 250, 'rd_ratio': 6.5,   # 200-300: 4 or 6-8 %: 6 -> 6
    'ip_level': 'class1_own',           # 8
    'rd_staff_ratio': 12,               # 10-20: 3
    'rd_institution': 'city',           # 4
}


class TestSeededSchemes(SavepointCase):
    """The seeded MIIT schemes against examples computed by hand from criteria.md."""

    @classmethod
    def setUpClass(cls):
        super(TestSeededSchemes, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        cls.srdi = cls.env.ref('capability_portrait.scheme_miit_2022_srdi_sme')
        cls.innovative = cls.env.ref('capability_portrait.scheme_miit_2022_innovative_sme')
        cls.little_giant = cls.env.ref('capability_portrait.scheme_miit_2022_little_giant')
        cls.champion = cls.env.ref('capability_portrait.scheme_miit_2023_champion')

    def test_seeded_structure(self):
        self.assertEqual(self.srdi.max_total, 100)
        self.assertEqual(self.innovative.max_total, 100)
        scored = self.srdi.indicator_ids.filtered(lambda i: not i.is_condition and not i.is_direct_pass)
        self.assertEqual(len(scored), 13)
        self.assertEqual(len(self.innovative.indicator_ids.filtered(
            lambda i: not i.is_condition and not i.is_direct_pass)), 6)
        for scheme in (self.srdi, self.innovative, self.little_giant, self.champion):
            self.assertEqual(scheme.state, 'published')
        self.assertTrue(all(i.is_condition for i in self.little_giant.indicator_ids | self.champion.indicator_ids))

    def test_srdi_example(self):
        result = self.srdi.score_values(SRDI_EXAMPLE)
        points = {line['code']: line['points'] for line in result['lines']}
        self.assertEqual(points['rd_spend'], 6)
        self.assertEqual(points['quality_items'], 5)
        self.assertEqual(result['dimensions'], {'Specialisation': 17, 'Refinement': 15, 'Distinctiveness': 8,
                                                'Innovation': 21})
        self.assertEqual(result['total'], 61)
        self.assertTrue(result['passed'])
        # one point less (R&D staff 9 %: 1) is below 60; then only a direct pass helps
        low = self.srdi.score_values(dict(SRDI_EXAMPLE, rd_staff_ratio=9))
        self.assertEqual((low['total'], low['passed']), (59, False))
        self.assertTrue(self.srdi.score_values(dict(SRDI_EXAMPLE, rd_staff_ratio=9, direct_maker_top500=True))['passed'])
        # a base condition unmet (R&D ratio 2.9 %) fails whatever the score
        unmet = self.srdi.score_values(dict(SRDI_EXAMPLE, base_rd_ratio=2.9))
        self.assertEqual((unmet['total'], unmet['passed'], unmet['unmet_conditions']), (61, False, ['base_rd_ratio']))
        # revenue below 10 million CNY is made up for by 20 million CNY of equity financing in 2 years
        small = dict(SRDI_EXAMPLE, base_revenue=800)
        self.assertFalse(self.srdi.score_values(small)['passed'])
        self.assertTrue(self.srdi.score_values(dict(small, base_equity_financing_2y=2000))['passed'])

    def test_innovative_example(self):
        example = {'ip_level': 'class1', 'rd_ratio': 3, 'main_revenue_growth': 12, 'debt_ratio': 55,
                   'strategic_emerging': False, 'main_business_share': 65}
        result = self.innovative.score_values(example)
        # innovation 10 + 15, growth 15 + 5, specialisation 5 + 15
        self.assertEqual(result['dimensions'], {'Innovation': 25, 'Growth': 20, 'Specialisation': 20})
        self.assertEqual((result['total'], result['passed']), (65, True))
        # total 70 but growth 0 < 15: not passed, unless a direct-pass route applies
        lopsided = {'ip_level': 'class1_high_value', 'rd_ratio': 5, 'main_revenue_growth': -1, 'debt_ratio': 80,
                    'strategic_emerging': True, 'main_business_share': 70}
        result = self.innovative.score_values(lopsided)
        self.assertEqual((result['total'], result['score_passed'], result['passed']), (70, False, False))
        self.assertTrue(self.innovative.score_values(dict(lopsided, direct_high_tech=True))['passed'])
        self.assertTrue(self.innovative.score_values(dict(lopsided, direct_rd_institution='provincial'))['passed'])
        self.assertTrue(self.innovative.score_values(dict(lopsided, direct_equity_financing=500))['passed'])

    def test_little_giant_and_champion_checks(self):
        giant = {'niche_years': 3, 'main_business_share': 70, 'main_revenue_growth_2y': 5, 'digital_process': True,
                 'certification': True, 'debt_ratio': 70, 'market_share': 10, 'own_brand': True, 'rd_route': False,
                 'direct_route': True, 'rd_institution': 'city', 'ip_class1': 2, 'supply_chain': True}
        self.assertTrue(self.little_giant.score_values(giant)['passed'])  # every threshold met exactly
        failed = self.little_giant.score_values(dict(giant, debt_ratio=70.5, direct_route=False))
        self.assertFalse(failed['passed'])
        self.assertEqual(sorted(failed['unmet_conditions']), ['debt_ratio', 'direct_route', 'rd_route'])
        champion = {'niche_years': 12, 'market_rank': 3, 'technology': True, 'profitability': True,
                    'no_violation': True, 'revenue': 30000, 'little_giant': True}
        self.assertTrue(self.champion.score_values(champion)['passed'])  # small, but already a little giant
        self.assertFalse(self.champion.score_values(dict(champion, market_rank=4))['passed'])
        self.assertFalse(self.champion.score_values(dict(champion, market_rank=0))['passed'])  # rank not given
