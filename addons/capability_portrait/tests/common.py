from odoo.tests.common import SavepointCase

from odoo.addons.gradient_cultivation.tests.common import CultivationCase


def scheme_values(env, **overrides):
    """A draft scheme with one scored indicator per rule kind, on two dimensions."""
    innovation = env.ref('capability_portrait.dimension_innovation')
    growth = env.ref('capability_portrait.dimension_growth')
    values = {
        'name': 'Test scheme', 'code': 'test_scheme', 'min_total': 30, 'weak_threshold': 50,
        'library_ids': [(6, 0, [env.ref('gradient_cultivation.library_srdi_sme').id])],
        'dimension_rule_ids': [(0, 0, {'dimension_id': innovation.id, 'min_points': 10}),
                               (0, 0, {'dimension_id': growth.id, 'min_points': 5})],
        'indicator_ids': [
            (0, 0, {'code': 'ratio', 'name': 'Ratio', 'rule_kind': 'bands', 'max_points': 10,
                    'dimension_id': innovation.id, 'source_key': 'app:rd_ratio',
                    'band_ids': [(0, 0, {'lower_bound': 5, 'points': 10}), (0, 0, {'lower_bound': 3, 'points': 6}),
                                 (0, 0, {'open_below': True, 'points': 0})]}),
            (0, 0, {'code': 'level', 'name': 'Level', 'rule_kind': 'choice', 'max_points': 10,
                    'dimension_id': innovation.id, 'source_key': 'app:rd_institution_level',
                    'choice_ids': [(0, 0, {'key': 'national', 'points': 10}), (0, 0, {'key': 'provincial', 'points': 8}),
                                   (0, 0, {'key': 'none', 'points': 0})]}),
            (0, 0, {'code': 'emerging', 'name': 'Emerging', 'rule_kind': 'yes_no', 'max_points': 5,
                    'dimension_id': growth.id, 'source_key': 'app:strategic_emerging',
                    'points_yes': 5, 'points_no': 2}),
            (0, 0, {'code': 'years', 'name': 'Years', 'rule_kind': 'per_unit', 'max_points': 5,
                    'dimension_id': growth.id, 'source_key': 'app:niche_years', 'unit_size': 2, 'points_per_unit': 1}),
            (0, 0, {'code': 'spend', 'name': 'Spend', 'second_code': 'share', 'rule_kind': 'better_of',
                    'max_points': 10, 'dimension_id': innovation.id, 'source_key': 'app:rd_spend',
                    'second_source_key': 'app:rd_ratio',
                    'band_ids': [(0, 0, {'lower_bound': 500, 'points': 10}), (0, 0, {'lower_bound': 100, 'points': 4}),
                                 (0, 0, {'input': 'second', 'lower_bound': 10, 'points': 10}),
                                 (0, 0, {'input': 'second', 'lower_bound': 4, 'points': 6})]}),
            (0, 0, {'code': 'feature', 'name': 'Feature', 'rule_kind': 'manual', 'max_points': 10,
                    'dimension_id': growth.id, 'source_key': 'manual'}),
            (0, 0, {'code': 'base_years', 'name': 'Base years', 'rule_kind': 'bands', 'max_points': 1,
                    'is_condition': True, 'source_key': 'app:niche_years',
                    'band_ids': [(0, 0, {'lower_bound': 2, 'points': 1})]}),
        ],
    }
    values.update(overrides)
    return values


class PortraitCase(CultivationCase):
    """Users of every role and two enterprises (gradient_cultivation), and a test scheme."""

    @classmethod
    def setUpClass(cls):
        super(PortraitCase, cls).setUpClass()
        cls.scheme = cls.env['portrait.scheme'].create(scheme_values(cls.env))


__all__ = ['PortraitCase', 'SavepointCase', 'scheme_values']
