import os
import re
import time
from contextlib import contextmanager

import odoo
from odoo import SUPERUSER_ID, api
from .common import ServerCase


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestLoginSecurity(ServerCase):
    """Repeated failed logins are logged and blocked for a while; idle sessions expire."""

    def setUp(self):
        super(TestLoginSecurity, self).setUp()
        with self._env() as env:
            env['res.users'].with_context(no_reset_password=True).create({
                'name': 'Guarded', 'login': 'gc_guarded', 'password': 'Right-pw-2026', 'email': 'g@example.com',
                # a staff role without the two-factor requirement (gradient_base tests that one)
                'groups_id': [(6, 0, [env.ref('gradient_cultivation.group_territory_reviewer').id])]})
            env['ir.config_parameter'].set_param('auth_brute_force.max_by_ip_user', '3')

    def _login(self, password):
        page = self.url_open('/web/login')
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open('/web/login', data={'login': 'gc_guarded', 'password': password, 'csrf_token': token})

    def _attempts(self):
        with self._env() as env:
            return env['res.authentication.attempt'].search([('login', '=', 'gc_guarded')], order='id').mapped('result')

    def test_failed_logins_are_logged_then_blocked_for_a_while(self):
        for _attempt in range(3):
            response = self._login('wrong')
            self.assertIn('/web/login', response.url)
        response = self._login('Right-pw-2026')
        self.assertIn('/web/login', response.url)  # the right password does not help while blocked
        self.assertEqual(self._attempts(), ['failed', 'failed', 'failed', 'banned'])
        # the block lasts the window (15 minutes), then lifts by itself
        with self._env() as env:
            Attempt = env['res.authentication.attempt']
            self.assertTrue(Attempt._hits_limit(3, '127.0.0.1', 'gc_guarded'))
            env.cr.execute("UPDATE res_authentication_attempt SET create_date = create_date - interval '20 minutes'")
            self.assertFalse(Attempt._hits_limit(3, '127.0.0.1', 'gc_guarded'))

    def test_idle_sessions_expire(self):
        self.authenticate('gc_guarded', 'Right-pw-2026')
        self.assertNotIn('/web/login', self.url_open('/my').url)
        with self._env() as env:
            delay = int(env['ir.config_parameter'].get_param('inactive_session_time_out_delay'))
        self.assertEqual(delay, 7200)
        path = odoo.http.root.session_store.get_session_filename(self.session_id)
        old = time.time() - delay - 60
        os.utime(path, (old, old))
        self.assertIn('/web/login', self.url_open('/my').url)

    def test_signup_refuses_a_weak_password(self):
        page = self.url_open('/web/signup')
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open('/web/signup', data={
            'login': 'weak@example.com', 'name': 'Weak', 'password': 'abc12345', 'confirm_password': 'abc12345',
            'csrf_token': token})
        self.assertTrue('密码须满足以下要求' in response.text or 'Must contain the following' in response.text)
        with self._env() as env:
            self.assertFalse(env['res.users'].search([('login', '=', 'weak@example.com')]))
