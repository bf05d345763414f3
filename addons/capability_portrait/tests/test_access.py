from odoo.exceptions import AccessError

from .common import PortraitCase


class TestAccess(PortraitCase):
    """Who sees which evaluations, and who edits schemes."""

    @classmethod
    def setUpClass(cls):
        super(TestAccess, cls).setUpClass()
        cls.scheme.action_publish()
        cls.evaluations = cls.env['portrait.evaluation'].evaluate(
            cls.scheme, cls.enterprise_a | cls.enterprise_a1 | cls.enterprise_b)

    def visible(self, user):
        return self.env['portrait.evaluation'].sudo(user).search(
            [('id', 'in', self.evaluations.ids)]).mapped('enterprise_id')

    def test_enterprise_sees_only_its_own(self):
        self.assertEqual(self.visible(self.portal_user), self.enterprise_a)
        other = self.evaluations.filtered(lambda e: e.enterprise_id == self.enterprise_b)
        with self.assertRaises(AccessError):
            other.sudo(self.portal_user).read(['total'])
        lines = self.env['portrait.evaluation.line'].sudo(self.portal_user).search(
            [('evaluation_id', 'in', self.evaluations.ids)])
        self.assertEqual(lines.mapped('evaluation_id.enterprise_id'), self.enterprise_a)
        with self.assertRaises(AccessError):
            self.evaluations.sudo(self.portal_user).filtered(lambda e: e.id == other.id).unlink()

    def test_territory_reviewer_sees_its_territories(self):
        self.assertEqual(self.visible(self.territory_reviewer), self.enterprise_a | self.enterprise_a1)
        self.assertEqual(self.visible(self.bureau_reviewer), self.enterprise_a | self.enterprise_a1 | self.enterprise_b)
        self.assertFalse(self.env['portrait.evaluation'].sudo(self.joint_reviewer).check_access_rights(
            'read', raise_exception=False))

    def test_schemes_are_edited_by_the_bureau_only(self):
        draft = self.scheme.copy()
        for user in (self.territory_reviewer, self.portal_user, self.plain_user):
            with self.assertRaises(AccessError):
                draft.sudo(user).write({'min_total': 50})
            with self.assertRaises(AccessError):
                draft.indicator_ids[0].sudo(user).write({'max_points': 3})
        draft.sudo(self.bureau_reviewer).write({'min_total': 50})
        self.assertEqual(draft.min_total, 50)
        # enterprises read the published criteria, not the drafts
        visible = self.env['portrait.scheme'].sudo(self.portal_user).search([('code', '=', self.scheme.code)])
        self.assertEqual(visible, self.scheme)

    def test_changes_are_audited(self):
        draft = self.scheme.copy()
        draft.sudo(self.bureau_reviewer).write({'min_total': 55})
        log = self.env['auditlog.log'].search([('model_id.model', '=', 'portrait.scheme'), ('res_id', '=', draft.id),
                                               ('method', '=', 'write')])
        self.assertIn(self.bureau_reviewer, log.mapped('user_id'))

    def test_every_portrait_model_is_audited(self):
        rules = self.env['auditlog.rule'].search([('state', '=', 'subscribed')])
        logged = set(rules.mapped('model_id.model'))
        for model in ('portrait.dimension', 'portrait.scheme', 'portrait.scheme.dimension', 'portrait.indicator',
                      'portrait.indicator.band', 'portrait.indicator.choice', 'portrait.evaluation',
                      'portrait.evaluation.line'):
            self.assertIn(model, logged)
        dimension = self.env['portrait.dimension'].create({'name': 'Audited', 'code': 'audited_dimension'})
        dimension.write({'description': 'changed'})
        log = self.env['auditlog.log'].search([('model_id.model', '=', 'portrait.dimension'), ('res_id', '=', dimension.id),
                                               ('method', '=', 'write')])
        self.assertEqual(log.line_ids.mapped('field_name'), ['description'])
