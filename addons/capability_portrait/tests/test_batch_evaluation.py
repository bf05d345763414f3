from odoo.exceptions import AccessError, UserError

from .common import PortraitCase


class TestBatchEvaluation(PortraitCase):
    """Evaluations of many enterprises at once: values from their sources, history, library
    averages, values entered by hand kept, the wizard and the monthly job."""

    @classmethod
    def setUpClass(cls):
        super(TestBatchEvaluation, cls).setUpClass()
        cls.scheme.action_publish()
        cls._application_fixtures()
        cls.Evaluation = cls.env['portrait.evaluation']

    def test_values_come_from_the_sources(self):
        self._new_application(niche_years=5, rd_institution_level='provincial', strategic_emerging=True)
        evaluation = self.Evaluation.evaluate(self.scheme, self.enterprise_a | self.enterprise_b)
        self.assertEqual(len(evaluation), 2)
        mine = evaluation.filtered(lambda e: e.enterprise_id == self.enterprise_a)
        points = {line.code: line.points for line in mine.line_ids}
        # rd ratio 400/6000 = 6.67 % -> 10; provincial -> 8; yes -> 5; 5 years -> 2; spend 400 -> 4, ratio -> 6
        self.assertEqual(points, {'ratio': 10, 'level': 8, 'emerging': 5, 'years': 2, 'spend': 6, 'feature': 0,
                                  'base_years': 1})
        self.assertEqual(mine.total, 31)
        self.assertTrue(mine.passed)
        self.assertEqual(mine.territory_id, self.street)
        self.assertEqual(mine.library_id, self.srdi)
        theirs = evaluation - mine  # no application: nothing to score, the condition unmet
        self.assertEqual((theirs.total, theirs.passed, theirs.unmet_count), (0, False, 1))

    def test_history_latest_and_manual_values_kept(self):
        self._new_application(niche_years=5)
        first = self.Evaluation.evaluate(self.scheme, self.enterprise_a, '2026-01-31',
                                         manual_values={self.enterprise_a.id: {'feature': 8}})
        second = self.Evaluation.evaluate(self.scheme, self.enterprise_a, '2026-02-28')
        self.assertFalse(first.is_latest)
        self.assertTrue(second.is_latest)
        self.assertEqual(second.line_ids.filtered(lambda l: l.code == 'feature').points, 8)
        # the bureau changes a value by hand: the evaluation is scored again
        line = second.line_ids.filtered(lambda l: l.code == 'feature')
        line.write({'value_number': 2})
        self.assertEqual(second.total, first.total - 6)
        with self.assertRaises(UserError):
            second.line_ids.filtered(lambda l: l.code == 'ratio').write({'value_number': 9})
        history = second._portrait_values()['history']
        self.assertEqual(history.ids, (first | second).sorted('date').ids)

    def test_library_average_and_radar(self):
        self._new_application(niche_years=5)
        evaluations = self.Evaluation.evaluate(self.scheme, self.enterprise_a | self.enterprise_a1)
        mine = evaluations.filtered(lambda e: e.enterprise_id == self.enterprise_a)
        averages = mine._library_averages()
        for dimension in mine.dimension_ids:
            other = (evaluations - mine).dimension_ids.filtered(lambda d: d.dimension_id == dimension.dimension_id)
            self.assertAlmostEqual(averages[dimension.dimension_id.id], (dimension.share + other.share) / 2, 4)
        self.assertIsNone(mine._radar())  # two dimensions: no radar
        self.assertIn('<table', mine.portrait_html)

    def test_wizard_evaluates_the_library_members_and_cron_runs(self):
        Membership = self.env['cultivation.membership']
        Membership.create({'enterprise_id': self.enterprise_a.id, 'library_id': self.srdi.id})
        Membership.create({'enterprise_id': self.enterprise_b.id, 'library_id': self.srdi.id})
        wizard = self.env['portrait.evaluate.wizard'].sudo(self.bureau_reviewer).create({'library_id': self.srdi.id})
        action = wizard.action_evaluate()
        evaluations = self.Evaluation.search(action['domain'])
        evaluated = evaluations.mapped('enterprise_id')
        self.assertTrue(self.enterprise_a | self.enterprise_b <= evaluated)
        # every active member of the library, and nobody else (the demo adds members of its own)
        members = Membership.search([('library_id', '=', self.srdi.id), ('state', '=', 'active')])
        self.assertEqual(evaluated, members.mapped('enterprise_id'))
        before = self.Evaluation.search_count([])
        self.Evaluation._cron_evaluate_members()
        self.assertGreaterEqual(self.Evaluation.search_count([]) - before, 2)

    def test_only_the_bureau_evaluates(self):
        with self.assertRaises(AccessError):
            self.Evaluation.sudo(self.territory_reviewer).evaluate(self.scheme, self.enterprise_a)

    def test_many_enterprises_in_one_pass(self):
        Enterprise = self.env['cultivation.enterprise']
        enterprises = Enterprise.browse()
        for n in range(60):
            enterprises |= Enterprise.create({'name': 'Batch %d' % n, 'credit_code': _code(n),
                                              'territory_id': self.street.id})
        evaluations = self.Evaluation.evaluate(self.scheme, enterprises)
        self.assertEqual(len(evaluations), 60)
        self.assertEqual(len(evaluations.mapped('line_ids')), 60 * 7)


ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _code(n):
    body = '91610131MB%07d' % n
    check = (31 - sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS)) % 31) % 31
    return body + ALPHABET[check]
