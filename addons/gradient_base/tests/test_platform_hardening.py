from odoo.tests.common import SavepointCase

from ..models.auditlog_secret import MASK, is_secret_field
from ..models.ir_http_redirect import local_url

HOST = 'gradient.example:8069'


class TestPlatformHardening(SavepointCase):

    def test_local_url_keeps_paths_of_this_site(self):
        for url, expected in (('/web', '/web'), ('/my/reports?x=1', '/my/reports?x=1'),
                              ('/web#action=3&id=4', '/web#action=3&id=4'),
                              ('http://gradient.example:8069/web?a=b', '/web?a=b'),
                              ('https://GRADIENT.example:8069/my', '/my')):
            self.assertEqual(local_url(url, HOST), expected, url)

    def test_local_url_refuses_other_sites(self):
        for url in ('https://evil.example/', '//evil.example', '/\\evil.example', '\\\\evil.example',
                    'https:evil.example', 'javascript:alert(1)', ' /web', '/\t/evil.example',
                    'http://gradient.example:8069@evil.example/', 'web', '', None, 'data:text/html,x',
                    'http://gradient.example/web'):
            self.assertIsNone(local_url(url, HOST), url)

    def test_secret_fields_by_name(self):
        for name in ('password', 'password_crypt', 'new_passwd', 'signup_token', 'oauth_access_token',
                     'totp_secret', 'otp', 'api_key', 'private_key', 'secret_key', 'client_secret'):
            self.assertTrue(is_secret_field(name), name)
        for name in ('name', 'login', 'key', 'footprint', 'description', 'monkey', 'keyword'):
            self.assertFalse(is_secret_field(name), name)

    def test_secret_values_logged_masked(self):
        """The change of a secret field is logged (field, who, when) with its values masked."""
        Rule = self.env['auditlog.rule']
        rule = Rule.search([('model_id.model', '=', 'res.users')], limit=1)
        if not rule:
            Rule.create({'name': 'users (test)', 'model_id': self.env.ref('base.model_res_users').id,
                         'log_type': 'full'})
        # Not subscribed: subscribing patches res.users' methods in memory, which outlives the
        # test's rollback and, during an install, hid the res.users overrides of the modules
        # loaded after this one (their territory change no longer cleared the rule cache).
        # create_logs only needs auditlog's model cache to know the model.
        for name in ('_auditlog_model_cache', '_auditlog_field_cache'):
            if not hasattr(self.env.registry, name):
                setattr(self.env.registry, name, {})
        cache = self.env.registry._auditlog_model_cache
        if 'res.users' not in cache:
            cache['res.users'] = self.env.ref('base.model_res_users').id
            self.addCleanup(cache.pop, 'res.users', None)
        user = self.env.user
        old = {user.id: {'password_crypt': '$pbkdf2-sha512$old', 'signature': '<p>a</p>'}}
        new = {user.id: {'password_crypt': '$pbkdf2-sha512$new', 'signature': '<p>b</p>'}}
        Rule.sudo().create_logs(user.id, 'res.users', [user.id], 'write', old, new, {'log_type': 'full'})
        log = self.env['auditlog.log'].search([('model_id.model', '=', 'res.users'), ('res_id', '=', user.id)],
                                              order='id desc', limit=1)
        lines = {line.field_name: line for line in log.line_ids}
        secret = lines['password_crypt']
        self.assertEqual((secret.old_value, secret.new_value, secret.old_value_text, secret.new_value_text),
                         (MASK, MASK, MASK, MASK))
        self.assertEqual(lines['signature'].new_value, '<p>b</p>')
