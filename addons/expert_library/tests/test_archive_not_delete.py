from odoo.addons.gradient_cultivation.tests.common import ArchiveAssertions

from .common import ExpertCase


class TestArchiveNotDelete(ArchiveAssertions, ExpertCase):
    """Domains, their mapping to indicators and experts are archived, service requests kept: none is
    deleted by non-administrators. An expert's certificates and industries and a request's service
    records are edited with their expert or request."""

    @classmethod
    def setUpClass(cls):
        super(TestArchiveNotDelete, cls).setUpClass()
        cls.manager = cls._user('archive_manager', 'gradient_cultivation.group_manager')

    def test_domains_mappings_and_experts_are_archived(self):
        domain = self.env['expert.domain'].create({'name': 'Old domain', 'code': 'old_domain'})
        self.assertArchivedNotDeleted(domain, self.bureau_reviewer, archiver=self.manager)
        mapping = self.env['expert.domain.mapping'].create({'indicator_code': 'old_code',
                                                            'domain_ids': [(6, 0, domain.ids)]})
        self.assertArchivedNotDeleted(mapping, self.bureau_reviewer)
        self.assertArchivedNotDeleted(self.hr_only, self.bureau_reviewer)

    def test_service_requests_are_kept(self):
        request = self._request()
        self.assertKeptNotDeleted(request, self.bureau_reviewer, self.territory_reviewer, self.portal_user)
        request.sudo(self.portal_user).cancel('Solved internally')
        self.assertKeptNotDeleted(request, self.bureau_reviewer)  # cancelled, it stays in the history
