import odoo
from odoo.tests.common import TransactionCase

from .common import untranslated_terms


# After install: code terms (controllers, models) are scanned only for installed modules.
@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestTranslations(TransactionCase):

    def test_every_term_is_translated(self):
        missing = untranslated_terms(self.env, 'gradient_cultivation')
        self.assertFalse(missing, 'Untranslated terms in i18n/zh_CN.po:\n%s' % '\n'.join(missing))

    def test_every_term_of_the_platform_is_translated(self):
        """gradient_base's own terms (it has no test of its own that could read this helper)."""
        missing = untranslated_terms(self.env, 'gradient_base')
        self.assertFalse(missing, 'Untranslated terms in gradient_base/i18n/zh_CN.po:\n%s' % '\n'.join(missing))

    def test_core_template_expressions_are_not_translated(self):
        template = self.env.ref('mail.mail_template_data_notification_email_default')
        subject = template.with_context(lang='zh_CN').subject
        self.assertNotIn(' 或 ', subject or '')
        self.assertEqual(self.env['ir.translation']._repair_template_expressions(), 0)

    def test_portal_change_link_reads_modify(self):
        view = self.env.ref('portal.portal_layout')
        html = self.env['ir.ui.view'].with_context(lang='zh_CN').browse(view.id).arch
        self.assertIn('修改', html)
        self.assertNotIn('找零', html)
