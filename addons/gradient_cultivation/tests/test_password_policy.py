from odoo.exceptions import UserError

from .common import CultivationCase


class TestPasswordPolicy(CultivationCase):

    def test_weak_passwords_are_refused_with_the_rules_in_chinese(self):
        for weak in ('short1A', 'alllowercase123', 'ALLUPPERCASE123', 'NoDigitsHere'):
            with self.assertRaises(UserError) as caught:
                self.bureau_reviewer.write({'password': weak})
            self.assertIn('密码须满足以下要求', caught.exception.name)
            self.assertIn('长度至少 10 个字符', caught.exception.name)
        self.bureau_reviewer.write({'password': 'Strong-Pass-2026'})

    def test_recent_passwords_cannot_be_reused(self):
        self.bureau_reviewer.write({'password': 'First-Pass-2026'})
        self.bureau_reviewer.write({'password': 'Second-Pass-2026'})
        with self.assertRaises(UserError) as caught:
            self.bureau_reviewer.write({'password': 'First-Pass-2026'})
        self.assertIn('不能使用最近用过的 5 个密码', caught.exception.name)

    def test_passwords_are_stored_hashed(self):
        self.bureau_reviewer.write({'password': 'Hashed-Pass-2026'})
        self.env.cr.execute('SELECT password, password_crypt FROM res_users WHERE id = %s', [self.bureau_reviewer.id])
        plain, hashed = self.env.cr.fetchone()
        self.assertFalse(plain)
        self.assertTrue(hashed.startswith('$pbkdf2-sha512$'))
