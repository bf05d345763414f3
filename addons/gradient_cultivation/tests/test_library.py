from odoo.exceptions import AccessError

from .common import CultivationCase


class TestLibrary(CultivationCase):

    def test_four_tiers_in_gradient_order(self):
        xmlids = ['library_scale_up', 'library_srdi_sme', 'library_little_giant', 'library_champion']
        tiers = [self.env.ref('gradient_cultivation.%s' % x) for x in xmlids]
        self.assertEqual([t.code for t in tiers], ['scale_up', 'srdi_sme', 'little_giant', 'champion'])
        ordered = self.env['cultivation.library'].search([('id', 'in', [t.id for t in tiers])])
        self.assertEqual(ordered.ids, [t.id for t in tiers])
        # Each tier points to the one above it; the champion library is the top.
        for lower, higher in zip(tiers, tiers[1:]):
            self.assertEqual(lower.next_library_id, higher)
        self.assertFalse(tiers[-1].next_library_id)

    def test_tier_names_are_chinese_in_zh_cn(self):
        tier = self.env.ref('gradient_cultivation.library_srdi_sme').with_context(lang='zh_CN')
        self.assertEqual(tier.name, '专精特新中小企业培育库')
        champion = self.env.ref('gradient_cultivation.library_champion').with_context(lang='zh_CN')
        self.assertEqual(champion.name, '制造业单项冠军培育库')

    def test_reordering_changes_the_gradient(self):
        scale_up = self.env.ref('gradient_cultivation.library_scale_up')
        srdi = self.env.ref('gradient_cultivation.library_srdi_sme')
        little_giant = self.env.ref('gradient_cultivation.library_little_giant')
        srdi.sequence = 35  # moved above the little giants
        self.assertEqual(scale_up.next_library_id, little_giant)
        self.assertEqual(little_giant.next_library_id, srdi)

    def test_only_administrators_edit_tiers(self):
        tier = self.env.ref('gradient_cultivation.library_scale_up')
        self.assertTrue(tier.sudo(self.bureau_reviewer).name)
        with self.assertRaises(AccessError):
            tier.sudo(self.bureau_reviewer).write({'description': 'changed'})
        with self.assertRaises(AccessError):
            tier.sudo(self.portal_user).write({'description': 'changed'})
        manager = self._user('mgr', 'gradient_cultivation.group_manager')
        tier.sudo(manager).write({'description': 'changed'})
        self.assertEqual(tier.description, 'changed')
