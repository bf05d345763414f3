from odoo.tests.common import TransactionCase

from .common import untranslated_terms


class TestTranslations(TransactionCase):

    def test_every_term_is_translated(self):
        missing = untranslated_terms(self.env, 'gradient_cultivation')
        self.assertFalse(missing, 'Untranslated terms in i18n/zh_CN.po:\n%s' % '\n'.join(missing))
