from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger

from odoo.addons.gradient_cultivation.tests.common import untranslated_terms


class TestDimension(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestDimension, cls).setUpClass()
        Users = cls.env['res.users'].with_context(no_reset_password=True)
        cls.bureau = Users.create({'name': 'B', 'login': 'pd_bureau', 'groups_id': [
            (6, 0, [cls.env.ref('gradient_cultivation.group_bureau_reviewer').id])]})
        cls.territory = Users.create({'name': 'T', 'login': 'pd_territory', 'groups_id': [
            (6, 0, [cls.env.ref('gradient_cultivation.group_territory_reviewer').id])]})

    def test_seeded_dimensions_in_order(self):
        codes = self.env['portrait.dimension'].search([]).mapped('code')
        self.assertEqual(codes[:5], ['specialisation', 'refinement', 'distinctive', 'innovation', 'growth'])
        innovation = self.env.ref('capability_portrait.dimension_innovation').with_context(lang='zh_CN')
        self.assertEqual(innovation.name, '新（创新能力）')

    def test_bureau_edits_territory_reviewer_only_reads(self):
        Dimension = self.env['portrait.dimension']
        created = Dimension.sudo(self.bureau).create({'name': 'Digital', 'code': 'digital'})
        self.assertTrue(created.exists())
        self.assertTrue(Dimension.sudo(self.territory).search([('code', '=', 'digital')]))
        with self.assertRaises(AccessError):
            Dimension.sudo(self.territory).create({'name': 'X', 'code': 'x'})

    @mute_logger('odoo.sql_db')
    def test_code_is_unique(self):
        with self.assertRaises(Exception) as caught:
            with self.env.cr.savepoint():
                self.env['portrait.dimension'].create({'name': 'Again', 'code': 'innovation'})
        self.assertIn('code_unique', str(caught.exception))

    def test_every_term_is_translated(self):
        missing = untranslated_terms(self.env, 'capability_portrait')
        self.assertFalse(missing, 'Untranslated terms in i18n/zh_CN.po:\n%s' % '\n'.join(missing))
