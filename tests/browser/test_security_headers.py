"""The production proxy's security headers (deploy/nginx.conf), in a real browser.

nginx runs in front of the test server with a copy of deploy/nginx.conf rendered for this
machine: the TLS server block listens on a free loopback port without TLS, the upstreams point
at the test server, Host keeps the port ($http_host) and the session cookie drops `secure` (the
browser talks plain HTTP here). Every security header line is taken from the production file as
it is. Chromium then loads the login page, the back office (the administrator's home and an
application form) and the portal (/my as the enterprise) through it: the headers must be there,
the pages must work, and the content security policy must not block anything (no
`securitypolicyviolation` event on any page)."""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import xmlrpc.client
from urllib.parse import urlparse

import pytest
import requests

from conftest import BASE_URL, TWO_FACTOR_LOGINS, rpc_credential, totp_now

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
DB = os.environ.get('GC_DB_NAME', 'gradient_test')
HEADERS = ('Strict-Transport-Security', 'Content-Security-Policy', 'X-Frame-Options', 'X-Content-Type-Options',
           'Referrer-Policy', 'Permissions-Policy')
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', function (e) {
    window.gcCspViolation([e.violatedDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber].join(' '));
});
"""


def render_production_config(port, upstream):
    """deploy/nginx.conf for a plain-HTTP loopback test (see the module's docstring)."""
    with open(os.path.join(ROOT, 'deploy', 'nginx.conf')) as f:
        text = f.read()
    text = re.sub(r'server \{\s*listen 80;.*?\n\}\n', '', text, flags=re.S)  # the redirect to HTTPS
    assert 'listen 443 ssl http2;' in text
    text = text.replace('listen 443 ssl http2;', 'listen 127.0.0.1:%d;' % port)
    text = '\n'.join(line for line in text.splitlines() if not line.strip().startswith('ssl_'))
    text = text.replace('server odoo:8069;', 'server %s;' % upstream).replace('server odoo:8072;', 'server %s;' % upstream)
    text = text.replace('proxy_set_header Host $host;', 'proxy_set_header Host $http_host;')
    text = text.replace('proxy_set_header X-Forwarded-Host $host;', 'proxy_set_header X-Forwarded-Host $http_host;')
    text = text.replace('session_id secure ', 'session_id ')
    return text


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@pytest.fixture(scope='module')
def proxy():
    nginx = shutil.which('nginx') or '/usr/sbin/nginx'
    if not os.path.exists(nginx):
        pytest.fail('nginx is missing: run make setup (apt-get install nginx-light).')
    folder = tempfile.mkdtemp(prefix='gc-nginx-')
    for sub in ('body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'):
        os.makedirs(os.path.join(folder, 'tmp', sub))
        os.chmod(os.path.join(folder, 'tmp', sub), 0o777)  # nginx's workers run as an unprivileged user
    os.chmod(os.path.join(folder, 'tmp'), 0o755)
    os.chmod(folder, 0o755)
    port = free_port()
    upstream = urlparse(BASE_URL)
    with open(os.path.join(folder, 'site.conf'), 'w') as f:
        f.write(render_production_config(port, '127.0.0.1:%d' % (upstream.port or 80)))
    with open(os.path.join(folder, 'nginx.conf'), 'w') as f:
        f.write("""daemon off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {d}/tmp/body;
    proxy_temp_path {d}/tmp/proxy;
    fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
    include {d}/site.conf;
}}
""".format(d=folder))
    process = subprocess.Popen([nginx, '-c', os.path.join(folder, 'nginx.conf'), '-p', folder],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = 'http://127.0.0.1:%d' % port
    deadline = time.time() + 20
    while True:
        try:
            requests.get(url + '/web/login', timeout=30)
            break
        except requests.RequestException:
            if process.poll() is not None or time.time() > deadline:
                process.kill()
                log = open(os.path.join(folder, 'error.log')).read() if os.path.exists(os.path.join(folder, 'error.log')) else ''
                pytest.fail('nginx did not start: %s %s' % (process.stderr.read().decode()[-500:], log[-500:]))
            time.sleep(0.3)
    yield url
    process.terminate()
    process.wait(10)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def watched(browser):
    """A browser context whose pages report every content-security-policy violation."""
    context = browser.new_context(viewport={'width': 1366, 'height': 800}, locale='zh-CN')
    violations = []
    context.expose_binding('gcCspViolation', lambda source, text: violations.append('%s: %s' % (source['page'].url, text)))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(90000)  # the first load of the back office compiles its assets
    yield page, violations
    context.close()


def assert_security_headers(response, what):
    headers = {name.lower(): value for name, value in response.headers.items()}
    missing = [name for name in HEADERS if name.lower() not in headers]
    assert not missing, '%s lacks %s' % (what, ', '.join(missing))
    csp = headers['content-security-policy']
    for directive in ("frame-ancestors 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"):
        assert directive in csp, '%s: the policy lacks %s' % (what, directive)
    assert headers['x-frame-options'] == 'SAMEORIGIN', headers['x-frame-options']
    assert headers['x-content-type-options'] == 'nosniff'
    assert 'max-age=' in headers['strict-transport-security']


def wait_for(page, selector, violations):
    """Waits for ``selector``; a page that does not come up fails with the violations seen."""
    try:
        page.wait_for_selector(selector)
    except Exception as error:
        raise AssertionError('%s did not appear (%s); policy violations: %s' % (
            selector, str(error).splitlines()[0], violations[:10] or 'none'))


def sign_in(page, proxy, user):
    """Odoo's login form, through the proxy (the login page's own headers are checked)."""
    response = page.goto(proxy + '/web/login')
    assert_security_headers(response, '/web/login')
    page.fill('input[name=login]', user)
    page.fill('input[name=password]', user)
    page.click('button[type=submit]')
    if user in TWO_FACTOR_LOGINS:  # administrators sign in with the code of their authenticator
        page.wait_for_selector('input[name=confirmation_code]')
        page.fill('input[name=confirmation_code]', totp_now())
        page.click('button[type=submit]')


def application_id():
    common = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common')
    uid = common.authenticate(DB, 'admin', rpc_credential('admin', 'admin'), {})
    models = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object')
    found = models.execute_kw(DB, uid, rpc_credential('admin', 'admin'), 'cultivation.application', 'search', [[]],
                              {'limit': 1})
    assert found, 'the demo database has no application'
    return found[0]


def test_security_headers_and_policy_in_back_office(proxy, watched, shot):
    """Production defaults: the login page and the back office (home, an application form)
    served through the production proxy carry the security headers and work under its content
    security policy, with no violation reported."""
    page, violations = watched
    sign_in(page, proxy, 'admin')
    wait_for(page, '#oe_main_menu_navbar .oe_application_menu_placeholder', violations)
    page.wait_for_selector('.o_loading', state='hidden')
    assert page.locator('.oe_application_menu_placeholder a[data-menu-xmlid]').count() > 0
    response = page.goto(proxy + '/web')
    assert_security_headers(response, '/web')
    wait_for(page, '#oe_main_menu_navbar .oe_application_menu_placeholder', violations)
    record = application_id()
    page.goto('%s/web?open=%d#id=%d&model=cultivation.application&view_type=form' % (proxy, record, record))
    wait_for(page, '.o_form_view', violations)
    page.wait_for_selector('.o_loading', state='hidden')
    shot(page, 'security_headers_back_office_form')
    assert not violations, 'content security policy violations:\n' + '\n'.join(violations[:20])


def test_security_headers_and_policy_on_portal(proxy, watched, shot):
    """Production defaults: the portal (/my as the enterprise) through the production proxy
    carries the headers and works under the policy, with no violation reported."""
    page, violations = watched
    sign_in(page, proxy, 'enterprise')
    page.wait_for_url(re.compile(r'.*/my.*'))
    response = page.goto(proxy + '/my')
    assert response.status == 200
    assert_security_headers(response, '/my')
    page.wait_for_selector('.o_portal_my_home, .o_portal')
    response = page.goto(proxy + '/my/reports')
    assert response.status == 200
    assert_security_headers(response, '/my/reports')
    shot(page, 'security_headers_portal')
    assert not violations, 'content security policy violations:\n' + '\n'.join(violations[:20])


def test_headers_on_static_files_and_errors(proxy):
    """Production defaults: static files and error answers carry the headers too (`always`)."""
    for path in ('/web/static/src/img/favicon.ico', '/web/content/999999999', '/gc-no-such-page'):
        response = requests.get(proxy + path, timeout=60, allow_redirects=False)
        assert_security_headers(response, path)
