from odoo.addons.gradient_cultivation.tests.common import ArchiveCase

from .common import scheme_values


class TestArchiveNotDelete(ArchiveCase):
    """Dimensions and schemes are archived, evaluations kept: none is deleted by non-administrators.
    A scheme's indicators are edited (and deleted) with their draft scheme, see test_versioning."""

    def test_dimensions_and_schemes_are_archived(self):
        dimension = self.env['portrait.dimension'].create({'name': 'Old axis', 'code': 'old_axis'})
        self.assertArchivedNotDeleted(dimension, self.bureau_reviewer, archiver=self.manager)
        scheme = self.env['portrait.scheme'].create(scheme_values(self.env, code='archive_test'))
        self.assertArchivedNotDeleted(scheme, self.bureau_reviewer)  # even an unused draft
        scheme.sudo(self.manager).unlink()  # an administrator removes a draft made by mistake
        self.assertFalse(scheme.exists())

    def test_evaluations_are_kept(self):
        scheme = self.env['portrait.scheme'].create(scheme_values(self.env, code='archive_eval'))
        scheme.action_publish()
        evaluation = self.env['portrait.evaluation'].evaluate(scheme, self.enterprise_a)
        self.assertKeptNotDeleted(evaluation, self.bureau_reviewer, self.territory_reviewer, self.portal_user)
