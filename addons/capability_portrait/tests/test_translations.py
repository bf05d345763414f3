import odoo
from odoo.tests.common import TransactionCase

from odoo.addons.gradient_cultivation.tests.common import untranslated_terms


# After install: code terms (models, controllers) are scanned only for installed modules.
@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestTranslations(TransactionCase):

    def test_every_term_is_translated(self):
        missing = untranslated_terms(self.env, 'capability_portrait')
        self.assertFalse(missing, 'Untranslated terms in i18n/zh_CN.po:\n%s' % '\n'.join(missing))

    def test_messages_reach_users_in_chinese(self):
        scheme = self.env.ref('capability_portrait.scheme_miit_2022_srdi_sme').with_context(lang='zh_CN')
        with self.assertRaises(odoo.exceptions.ValidationError) as caught:
            scheme.score_values({'rd_ratio': 'high'})
        self.assertIn('应为数字', caught.exception.name)
        self.assertIn('研发', caught.exception.name)  # the indicator, by its Chinese name
