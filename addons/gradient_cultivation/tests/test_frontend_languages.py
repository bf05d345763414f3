from odoo.tests.common import TransactionCase


class TestFrontendLanguages(TransactionCase):
    """The portal's installed and default languages are cached; they follow every change."""

    def setUp(self):
        super(TestFrontendLanguages, self).setUp()
        self.Lang = self.env['res.lang']

    def test_installed_languages_follow_activation(self):
        self.assertEqual(self.Lang.browse(self.Lang._gc_frontend_lang_ids()), self.Lang.search([]))
        french = self.Lang.with_context(active_test=False).search([('code', '=', 'fr_FR')])
        self.assertTrue(french and not french.active)
        french.active = True
        self.assertIn(french.id, self.Lang._gc_frontend_lang_ids())
        french.active = False
        self.assertNotIn(french.id, self.Lang._gc_frontend_lang_ids())

    def test_default_language_follows_the_partner_default(self):
        chinese, french = [self.Lang.with_context(active_test=False).search([('code', '=', code)])
                           for code in ('zh_CN', 'fr_FR')]
        (chinese | french).write({'active': True})
        self.env['ir.default'].set('res.partner', 'lang', 'zh_CN')
        self.assertEqual(self.Lang._gc_default_lang_id(), chinese.id)
        self.env['ir.default'].set('res.partner', 'lang', 'fr_FR')
        self.assertEqual(self.Lang._gc_default_lang_id(), french.id)
        # deactivating the default language drops the default: the first installed one then
        french.active = False
        self.assertEqual(self.Lang._gc_default_lang_id(), self.Lang.search([], limit=1).id)
        self.assertNotEqual(self.Lang._gc_default_lang_id(), french.id)
