from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from ..models.cultivation_enterprise import credit_code_check_char, credit_code_error
from .common import CultivationCase


class TestCreditCode(CultivationCase):

    def test_check_character_of_known_codes(self):
        # Published codes of well-known companies: the check character must agree.
        for code in ('91440300708461136T', '91110108551385082Q', '91330100716105852F'):
            self.assertEqual(credit_code_check_char(code[:17]), code[17], code)
            self.assertIsNone(credit_code_error(code))

    def test_errors_by_kind(self):
        self.assertEqual(credit_code_error('91610131MA6U3K2R7'), 'length')
        self.assertEqual(credit_code_error('91610131MA6U3K2R7BB'), 'length')
        self.assertEqual(credit_code_error('91610131MA6U3K2I7B'), 'characters')  # I is not allowed
        self.assertEqual(credit_code_error('91610131MA6U3K2R7C'), 'check')

    def _create(self, code):
        return self.env['cultivation.enterprise'].create({
            'name': 'Test', 'credit_code': code, 'territory_id': self.street.id})

    def test_valid_code_is_accepted_and_normalised(self):
        enterprise = self._create(' 91610131ma0000004h ')
        self.assertEqual(enterprise.credit_code, '91610131MA0000004H')
        self.assertTrue(enterprise.partner_id.is_company)
        self.assertEqual(enterprise.partner_id.name, 'Test')

    def test_wrong_check_character_is_refused_with_the_field_named(self):
        with self.assertRaises(ValidationError) as caught:
            self._create('91610131MA0000004J')
        self.assertIn('统一社会信用代码', caught.exception.name)
        self.assertIn('校验码', caught.exception.name)
        self.assertIn('91610131MA0000004J', caught.exception.name)

    def test_wrong_length_and_characters_are_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self._create('9161013')
        self.assertIn('统一社会信用代码：必须为 18 位', caught.exception.name)
        with self.assertRaises(ValidationError) as caught:
            self._create('91610131MA6W1N5Q2O')
        self.assertIn('I、O、S、V、Z', caught.exception.name)

    def test_editing_to_a_wrong_code_is_refused_and_nothing_changes(self):
        # as in a request: the failed write is rolled back with its transaction (savepoint)
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                self.enterprise_a.write({'credit_code': '91610131MA6U3K2R7C'})
        self.enterprise_a.invalidate_cache()
        self.assertEqual(self.enterprise_a.credit_code, '91610131MA00000018')

    @mute_logger('odoo.sql_db')
    def test_code_is_unique(self):
        with self.assertRaises(Exception) as caught:
            with self.env.cr.savepoint():
                self._create('91610131MA00000018')
        self.assertIn('credit_code_unique', str(caught.exception))

    def test_staff_counts_are_checked(self):
        with self.assertRaises(ValidationError) as caught:
            self.enterprise_a.write({'employee_count': 10, 'rd_employee_count': 11})
        self.assertIn('研发人员数：不能超过从业人数（10 人）', caught.exception.name)

    def test_name_changes_follow_to_the_company_contact(self):
        self.enterprise_a.write({'name': 'Enterprise A renamed', 'phone': '029-1234'})
        self.assertEqual(self.enterprise_a.partner_id.name, 'Enterprise A renamed')
        self.assertEqual(self.enterprise_a.partner_id.phone, '029-1234')
