from odoo.exceptions import UserError

from .common import PortraitCase


class TestVersioning(PortraitCase):
    """A scheme that has scored is never changed in place; copies are new draft versions."""

    def test_draft_is_editable_and_cannot_score(self):
        self.scheme.write({'min_total': 40})
        self.scheme.indicator_ids[0].write({'max_points': 12})
        with self.assertRaises(UserError):
            self.env['portrait.evaluation'].evaluate(self.scheme, self.enterprise_a)

    def test_used_scheme_is_locked_and_copied_into_a_new_version(self):
        self.scheme.action_publish()
        self.env['portrait.evaluation'].evaluate(self.scheme, self.enterprise_a)
        self.assertTrue(self.scheme.is_used)
        indicator = self.scheme.indicator_ids[0]
        for attempt in (lambda: self.scheme.write({'min_total': 10}),
                        lambda: indicator.write({'max_points': 20}),
                        lambda: indicator.band_ids[0].write({'points': 1}),
                        lambda: self.scheme.dimension_rule_ids[0].write({'min_points': 1}),
                        lambda: indicator.unlink()):
            with self.assertRaises(UserError) as caught:
                attempt()
            self.assertIn('新版本', caught.exception.name)
        with self.assertRaises(UserError) as caught:
            self.scheme.unlink()
        self.assertIn('归档', caught.exception.name)
        self.scheme.write({'date_to': '2099-12-31'})  # its life may still change
        copy = self.scheme.copy()
        self.assertEqual((copy.version, copy.state, copy.is_used, copy.previous_id),
                         (2, 'draft', False, self.scheme))
        self.assertEqual(sorted(copy.indicator_ids.mapped('code')), sorted(self.scheme.indicator_ids.mapped('code')))
        self.assertEqual(len(copy.indicator_ids.mapped('band_ids')), len(self.scheme.indicator_ids.mapped('band_ids')))
        copy.indicator_ids.filtered(lambda i: i.code == 'ratio').write({'max_points': 12})
        copy.action_publish()
        self.assertEqual(self.scheme.state, 'retired')
        self.assertEqual(self.env['portrait.scheme'].scheme_for_library(self.scheme.library_ids), copy)
        self.assertEqual(self.scheme.indicator_ids.filtered(lambda i: i.code == 'ratio').max_points, 10)
