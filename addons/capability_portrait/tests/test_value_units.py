from odoo.tests.common import SavepointCase

from ..models import value_sources


class TestValueUnits(SavepointCase):
    """Issue 19: the portrait showed values without their units ("516", "8600 / 0")."""

    @classmethod
    def setUpClass(cls):
        super(TestValueUnits, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='zh_CN'))
        cls.scheme = cls.env.ref('capability_portrait.scheme_miit_2022_srdi_sme')

    def test_units_of_the_sources(self):
        units = {key: value_sources.source_unit(self.env, key) for key in (
            'app:revenue', 'app:rd_ratio', 'app:employee_count', 'app:ip_class1_count', 'app:niche_years',
            'mon:revenue', 'mon:employees', 'app:ip_level', 'manual', False)}
        self.assertEqual(units, {
            'app:revenue': '万元', 'app:rd_ratio': '%', 'app:employee_count': '人', 'app:ip_class1_count': '项',
            'app:niche_years': '年', 'mon:revenue': '万元', 'mon:employees': '人', 'app:ip_level': '',
            'manual': '', False: ''})

    def _line(self, indicator, **values):
        return self.env['portrait.evaluation.line'].new(dict(
            indicator_id=indicator.id, source_key=indicator.source_key,
            second_source_key=indicator.second_source_key, **values))

    def test_values_are_shown_with_their_units(self):
        revenue = self.scheme.indicator_ids.filtered(lambda i: i.source_key == 'app:revenue')[:1]
        self.assertTrue(revenue, 'the seeded SRDI scheme reads the revenue of the application')
        line = self._line(revenue, has_value=True, value_number=8600)
        expected = '8600 万元' if revenue.rule_kind != 'better_of' else '8600 万元 / —'
        self.assertEqual(line.value_display, expected)
        ratio = self.scheme.indicator_ids.filtered(lambda i: i.source_key == 'app:rd_ratio' and i.rule_kind != 'better_of')[:1]
        self.assertEqual(self._line(ratio, has_value=True, value_number=6.5).value_display, '6.5%')

    def test_an_indicator_entered_by_hand_says_its_own_unit(self):
        manual = self.scheme.indicator_ids.filtered(
            lambda i: i.source_key == 'manual' and i.rule_kind not in ('choice', 'yes_no', 'better_of'))[:1]
        self.assertTrue(manual)
        manual.with_context(lang='zh_CN').write({'unit': '项'})
        self.assertEqual(self._line(manual, has_value=True, value_number=3).value_display, '3 项')
