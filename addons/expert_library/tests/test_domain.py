from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from odoo.addons.gradient_cultivation.tests.common import untranslated_terms


class TestDomain(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestDomain, cls).setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.bureau = Users.create({'name': 'B', 'login': 'ed_bureau', 'groups_id': [
            (6, 0, [cls.env.ref('gradient_cultivation.group_bureau_reviewer').id])]})
        cls.portal = Users.create({'name': 'P', 'login': 'ed_portal', 'groups_id': [
            (6, 0, [cls.env.ref('base.group_portal').id])]})

    def test_seven_domains_with_their_xml_ids(self):
        expected = {
            'domain_strategy': '战略咨询', 'domain_finance': '金融辅导', 'domain_brand': '品牌建设',
            'domain_tax': '财务税筹', 'domain_hr': '人力资源', 'domain_ip': '知识产权',
            'domain_standard': '体系标准',
        }
        for xmlid, chinese in expected.items():
            domain = self.env.ref('expert_library.%s' % xmlid).with_context(lang='zh_CN')
            self.assertEqual(domain.name, chinese)

    def test_bureau_adds_a_domain_portal_only_reads(self):
        added = self.env['expert.domain'].sudo(self.bureau).create({'name': 'Digitalisation', 'code': 'digital'})
        self.assertIn(added, self.env['expert.domain'].sudo(self.portal).search([]))
        with self.assertRaises(AccessError):
            added.sudo(self.portal).write({'name': 'changed'})
        with self.assertRaises(AccessError):
            added.sudo(self.bureau).unlink()  # the bureau archives; only administrators delete

    def test_every_term_is_translated(self):
        missing = untranslated_terms(self.env, 'expert_library')
        self.assertFalse(missing, 'Untranslated terms in i18n/zh_CN.po:\n%s' % '\n'.join(missing))
