from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase


class TestMapping(SavepointCase):
    """The seeded mapping from portrait indicators to service domains."""

    def _domains(self, xmlid):
        return set(self.env.ref('expert_library.%s' % xmlid).domain_ids.mapped('code'))

    def test_seeded_mapping_of_the_real_indicator_codes(self):
        self.assertEqual(self._domains('mapping_ip_level'), {'ip'})
        self.assertEqual(self._domains('mapping_debt_ratio'), {'finance', 'tax'})
        self.assertEqual(self._domains('mapping_quality_items'), {'standard', 'brand'})
        self.assertIn('strategy', self._domains('mapping_rd_ratio'))
        self.assertIn('strategy', self._domains('mapping_rd_institution'))
        # every seeded code is an indicator of a seeded scheme
        codes = set(self.env['portrait.indicator'].search([]).mapped('code'))
        mapped = set(self.env['expert.domain.mapping'].search([('indicator_code', '!=', False)]).mapped('indicator_code'))
        self.assertFalse(mapped - codes)

    def test_code_wins_over_dimension(self):
        scheme = self.env.ref('capability_portrait.scheme_miit_2022_srdi_sme')
        Line = self.env['portrait.evaluation.line']
        ip_indicator = scheme.indicator_ids.filtered(lambda i: i.code == 'ip_level')
        self.assertEqual(ip_indicator.dimension_id, self.env.ref('capability_portrait.dimension_innovation'))
        line = Line.new({'code': 'ip_level', 'indicator_id': ip_indicator.id})
        needed = self.env['expert.domain.mapping']._domains_for_lines(line)
        self.assertEqual({d.code for d in needed}, {'ip'})  # not the dimension's strategy + ip

    def test_code_or_dimension_not_both(self):
        with self.assertRaises(ValidationError):
            self.env['expert.domain.mapping'].create({
                'indicator_code': 'x_code', 'dimension_id': self.env.ref('capability_portrait.dimension_growth').id,
                'domain_ids': [(6, 0, self.env.ref('expert_library.domain_hr').ids)]})
