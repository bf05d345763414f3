from odoo.exceptions import AccessError

from .common import ArchiveCase


class TestArchiveNotDelete(ArchiveCase):
    """Business records of the core addon are archived or kept, never deleted by non-administrators."""

    @classmethod
    def setUpClass(cls):
        super(TestArchiveNotDelete, cls).setUpClass()
        cls._application_fixtures()
        cls._library_fixtures()

    def test_configuration_is_archived(self):
        territory = self.env['cultivation.territory'].create({'name': 'Old park', 'code': 'T-OLD', 'type': 'park'})
        self.assertArchivedNotDeleted(territory, self.bureau_reviewer, archiver=self.manager)
        library = self.env['cultivation.library'].create({'name': 'Old tier', 'code': 'old_tier'})
        self.assertArchivedNotDeleted(library, self.bureau_reviewer, archiver=self.manager)
        stage = self.env['cultivation.review.stage'].create({
            'name': 'Old stage', 'group_id': self.env.ref('gradient_cultivation.group_bureau_reviewer').id,
            'sequence': 99})
        self.assertArchivedNotDeleted(stage, self.bureau_reviewer, archiver=self.manager)
        rule = self.env['cultivation.suggestion.rule'].create({
            'name': 'Old rule', 'indicator': 'revenue', 'threshold': 1, 'advice': 'Grow.'})
        self.assertArchivedNotDeleted(rule, self.bureau_reviewer, archiver=self.manager)

    def test_enterprises_calls_and_violations_are_archived(self):
        self.assertArchivedNotDeleted(self.enterprise_b, self.bureau_reviewer)
        self.assertArchivedNotDeleted(self.enterprise_a, self.territory_reviewer)
        self.assertArchivedNotDeleted(self.call, self.bureau_reviewer)
        violation = self.env['cultivation.violation'].create({
            'enterprise_id': self.enterprise_a.id, 'category': 'safety', 'description': 'Fire exit blocked'})
        self.assertArchivedNotDeleted(violation, self.territory_reviewer)
        self.assertArchivedNotDeleted(violation, self.bureau_reviewer)

    def test_monthly_reports_are_archived_by_administrators(self):
        report = self._report(self.member_a, '2024-01-01', revenue=100, revenue_ytd=100)
        self.assertArchivedNotDeleted(report, self.bureau_reviewer, archiver=self.manager)
        self.assertKeptNotDeleted(report, self.territory_reviewer, self.portal_user)

    def test_workflow_records_are_kept(self):
        plan = self.env['cultivation.plan'].create({'membership_id': self.member_a.id, 'year': 2024})
        self.assertKeptNotDeleted(plan, self.territory_reviewer, self.bureau_reviewer)
        self.assertKeptNotDeleted(self.member_a, self.territory_reviewer, self.bureau_reviewer)
        rule = self.env['cultivation.suggestion.rule'].create({
            'name': 'Rule', 'indicator': 'revenue', 'threshold': 1, 'advice': 'Grow.'})
        suggestion = self.env['cultivation.suggestion'].create({'membership_id': self.member_a.id, 'rule_id': rule.id})
        self.assertKeptNotDeleted(suggestion, self.territory_reviewer, self.bureau_reviewer)
        evaluation = self.env['cultivation.annual.evaluation'].create({'name': '2024 evaluation', 'year': 2024})
        self.assertKeptNotDeleted(evaluation, self.bureau_reviewer)  # even a draft: administrators only
        draft = self._new_application()
        self.assertKeptNotDeleted(draft, self.portal_user)

    def test_administrators_still_delete_a_record_made_by_mistake(self):
        territory = self.env['cultivation.territory'].create({'name': 'Typo', 'code': 'T-TYPO', 'type': 'park'})
        evaluation = self.env['cultivation.annual.evaluation'].create({'name': 'Twice', 'year': 2023})
        territory.sudo(self.manager).unlink()
        evaluation.sudo(self.manager).unlink()
        self.assertFalse(territory.exists() or evaluation.exists())

    def test_the_message_names_the_record_type_in_chinese(self):
        with self.assertRaises(AccessError) as caught:
            self.call.sudo(self.bureau_reviewer).unlink()
        label = self.env['ir.model']._get('cultivation.call').with_context(lang='zh_CN').name
        self.assertTrue(caught.exception.name.startswith(label), caught.exception.name)
        self.assertNotEqual(label, 'Cultivation Call')
