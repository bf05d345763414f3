from odoo.exceptions import AccessError, ValidationError

from .common import PortraitCase


class TestBadInput(PortraitCase):
    """evaluate() and scheme_for_library() called directly (XML-RPC) with what is not a scheme,
    an enterprise, a date or values entered by hand: refused with a Chinese message, and no
    evaluation is stored."""

    def test_evaluate_refuses_arguments_of_the_wrong_kind(self):
        self.scheme.action_publish()
        Evaluation = self.env['portrait.evaluation'].sudo(self.bureau_reviewer)
        before = Evaluation.search_count([])
        a = self.enterprise_a.id
        for args, label in [(('abc', [a]), '评分体系'), ((99999999, [a]), '评分体系'), ((self.scheme.id, 'abc'), '企业'),
                            ((self.scheme.id, [a], '2026-13-45'), '日期'), ((self.scheme.id, [a], False, 'abc'), '手工'),
                            ((self.scheme.id, [a], False, {'abc': {}}), '手工'),
                            ((self.scheme.id, [a], False, {str(self.enterprise_b.id): {}}), '手工'),
                            ((self.scheme.id, [a], False, {str(a): {'feature': 'abc'}}), 'feature')]:
            with self.assertRaises(Exception) as caught:
                Evaluation.evaluate(*args)
            self.assertIsInstance(caught.exception, (ValidationError, AccessError), args)
            self.assertIn(label, caught.exception.name, args)
        self.assertEqual(Evaluation.search_count([]), before)
        with self.assertRaises(AccessError):  # an enterprise of another territory
            self.env['portrait.evaluation'].sudo(self.territory_reviewer).evaluate(self.scheme.id, [self.enterprise_b.id])

    def test_scheme_for_library_refuses_what_is_no_library_or_date(self):
        Scheme = self.env['portrait.scheme'].sudo(self.portal_user)
        with self.assertRaises(ValidationError):
            Scheme.scheme_for_library('abc')
        with self.assertRaises(ValidationError):
            Scheme.scheme_for_library(self.scheme.library_ids.ids, '2026-02-30')
