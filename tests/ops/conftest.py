"""What the tests against a running server share: XML-RPC and web clients of the demo users, a
second enterprise with a portal account of its own, and the figures the matrices count (printed
at the end of the run: "roles × models × operations checked = N" and the like).

The server is the test server of `make test` (GC_BASE_URL, GC_DB_NAME) with the demo data. Every
record a test needs is looked up or made here as the administrator, so that the tests run again
on the same database."""
import base64
import collections
import os
import re
import time
import xmlrpc.client

import pyotp
import pytest
import requests

BASE_URL = os.environ.get('GC_BASE_URL', 'http://localhost:8069')
DB = os.environ.get('GC_DB_NAME', 'gradient_test')
# Odoo's XML-RPC fault codes (odoo/service/wsgi_server.py)
APPLICATION_ERROR, WARNING, ACCESS_DENIED, ACCESS_ERROR = 1, 2, 3, 4
PDF = base64.b64encode(b'%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').decode()
# The portal account of the second enterprise, made by the `world` fixture (demo database only).
OTHER_LOGIN, OTHER_PASSWORD = 'gc_ops_enterprise_b', 'Ops-Enterprise-B-2026'
# What the matrices checked, by figure: printed by pytest_terminal_summary.
FIGURES = collections.OrderedDict()
# The demo users enrolled in the two-factor login, with the demo key of README's demo logins.
DEMO_TOTP_SECRET = 'GRADIENTDEMOTOTPKEYFORSTAFF23456'
TWO_FACTOR_LOGINS = ('admin', 'bureau')
CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def count(figure, n=1):
    FIGURES[figure] = FIGURES.get(figure, 0) + n


# The order the tests against the running server run in, by file. The matrices read the demo
# database as it is; the restore drill starts Odoo processes of its own on the test database
# (after which the test server reloads its registry); the restore from Settings swaps the test
# database and must follow the drill; the fault recovery stops PostgreSQL and goes last. A new
# file is placed here, or the run stops and says so.
OPS_ORDER = (
    'test_bad_input_forms.py',
    'test_bad_input_rpc.py',
    'test_enterprise_claim.py',
    'test_publication.py',
    'test_http_route_matrix.py',
    'test_rpc_access_matrix.py',
    'test_rpc_business_matrix.py',
    'test_security_core.py',
    'test_security_models.py',
    'test_security_platform.py',
    'test_two_factor.py',
    'test_oidc_signon.py',
    'test_what_users_see.py',
    'test_workbench.py',
    'test_notifications.py',
    'test_restore_drill.py',
    'test_restore_from_settings.py',
    'test_fault_recovery.py',
)


def pytest_collection_modifyitems(session, config, items):
    """Browser tests first (as given on the command line), then the ops tests in OPS_ORDER."""
    here = os.path.dirname(os.path.abspath(__file__))
    unknown = sorted({os.path.basename(str(item.fspath)) for item in items
                      if os.path.dirname(str(item.fspath)) == here
                      and os.path.basename(str(item.fspath)) not in OPS_ORDER})
    if unknown:
        raise pytest.UsageError('tests/ops: place %s in OPS_ORDER (tests/ops/conftest.py)' % ', '.join(unknown))

    def rank(indexed):
        index, item = indexed
        if os.path.dirname(str(item.fspath)) != here:
            return (0, index)
        return (1, OPS_ORDER.index(os.path.basename(str(item.fspath))), index)
    items[:] = [item for _, item in sorted(enumerate(items), key=rank)]


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section('security figures')
        for figure, n in FIGURES.items():
            terminalreporter.write_line('%s = %d' % (figure, n))


def totp_now(secret=DEMO_TOTP_SECRET):
    return pyotp.TOTP(secret).now()


# Logins the tests enrolled themselves (a new administrator must), with the key each got.
ENROLLED = {}


def rpc_credential(login, password):
    """What an RPC client sends as the password: a two-factor user's password is followed by the
    current code of their authenticator app (the password alone is refused)."""
    if login in ENROLLED:
        return password + totp_now(ENROLLED[login])
    return password + totp_now() if login in TWO_FACTOR_LOGINS else password


def enrolled(login, password):
    """Signs a new two-factor user in once through the web, enrolling an authenticator as the
    enrolment page asks (its key read off the page), so that RPC clients can then sign in."""
    if login in ENROLLED:
        return
    browser = Browser()
    page = browser.get('/web/login')
    response = browser.session.post(BASE_URL + '/web/login', data={
        'login': login, 'password': password, 'csrf_token': Browser.token_in(page.text)},
        timeout=60, allow_redirects=False)
    if '/auth_totp/enrol' not in response.headers.get('Location', ''):
        return  # enrolled before (an earlier run on this database): its key is unknown here
    page = browser.get('/auth_totp/enrol')
    secret = re.search(r'class="o_two_factor_secret">([A-Z2-7 ]+)<', page.text).group(1).replace(' ', '')
    browser.session.post(BASE_URL + '/auth_totp/enrol', data={
        'confirmation_code': totp_now(secret), 'name': '运维测试手机', 'csrf_token': Browser.token_in(page.text)},
        timeout=60, allow_redirects=False)
    ENROLLED[login] = secret


def credit_code(first17):
    """A unified social credit code with its GB 32100-2015 check character."""
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS))
    return first17 + CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def unique_credit_code():
    digits = '%09d' % (int(time.time() * 1000) % 10 ** 9)
    return credit_code('91610131' + digits)


# ---------------------------------------------------------------------------------- XML-RPC
class Rpc(object):
    """One user's XML-RPC client: ``rpc(model, method, *args, **kwargs)``."""

    def __init__(self, login, password=None):
        self.login, self.password = login, password or login
        common = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common')
        self.uid = common.authenticate(DB, self.login, rpc_credential(self.login, self.password), {})
        assert self.uid, 'demo login %s failed' % login
        self.proxy = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object', allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        # On a fresh database the threaded test server reloads its registry once, after the other
        # test processes signal changes; a request that lands during the reload is told the model
        # does not exist. Such a call is repeated for a few seconds; a model that is really
        # missing still fails the test.
        for attempt in range(20):
            try:
                return self.proxy.execute_kw(DB, self.uid, rpc_credential(self.login, self.password),
                                             model, method, list(args), kwargs)
            except xmlrpc.client.Fault as fault:
                missing = model in fault.faultString and ('不存在' in fault.faultString
                                                          or 'does not exist' in fault.faultString)
                if not missing or attempt == 19:
                    raise
                time.sleep(0.5)


class Anonymous(object):
    """A caller without a valid login: every call is refused before it reaches a model."""
    login = 'anonymous'

    def __init__(self):
        self.proxy = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object', allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(DB, False, '', model, method, list(args), kwargs)


def fault_of(call, *args, **kwargs):
    """The XML-RPC fault the call raises, or None when it succeeds."""
    try:
        call(*args, **kwargs)
    except xmlrpc.client.Fault as fault:
        return fault
    return None


# ---------------------------------------------------------------------------------- HTTP
class Browser(object):
    """A user's web session, as a browser holds it: cookies, the login form, CSRF tokens."""

    def __init__(self, login=None, password=None):
        self.session = requests.Session()
        self.login = login or 'anonymous'
        if login:
            page = self.session.get(BASE_URL + '/web/login', timeout=60)
            response = self.session.post(BASE_URL + '/web/login', data={
                'login': login, 'password': password or login, 'csrf_token': self.token_in(page.text),
                'redirect': '/my'}, timeout=60, allow_redirects=False)
            if login in TWO_FACTOR_LOGINS and '/auth_totp/login' in response.headers.get('Location', ''):
                response = self.second_factor(totp_now())
            # Odoo 11 answers a successful login with a page that moves on by script
            assert response.status_code in (302, 303) or 'window.location' in response.text, \
                'login of %s failed' % login

    def second_factor(self, code, redirect='/my'):
        """The second step of a two-factor login: the code page, then the code."""
        page = self.session.get(BASE_URL + '/auth_totp/login', params={'redirect': redirect}, timeout=60)
        return self.session.post(BASE_URL + '/auth_totp/login', data={
            'confirmation_code': code, 'csrf_token': self.token_in(page.text), 'redirect': redirect},
            timeout=60, allow_redirects=False)

    @staticmethod
    def token_in(html):
        found = re.search(r'name="csrf_token" value="([^"]+)"', html)
        return found.group(1) if found else None

    def get(self, path, **kwargs):
        kwargs.setdefault('timeout', 180)
        kwargs.setdefault('allow_redirects', False)
        return self.session.get(BASE_URL + path, **kwargs)

    def post(self, path, data=None, token_from=None, files=None, **kwargs):
        """POSTs a form with the CSRF token of the page ``token_from`` (by default the page
        itself, else /my/enterprise, a form every signed-in user gets); ``data`` may carry its own
        csrf_token to override it (None: no token)."""
        data = dict(data or {})
        if 'csrf_token' not in data:
            page = self.get(token_from or path)
            if page.status_code != 200:
                page = self.get('/my/enterprise')
            data['csrf_token'] = self.token_in(page.text)
        elif data['csrf_token'] is None:
            del data['csrf_token']
        kwargs.setdefault('timeout', 180)
        kwargs.setdefault('allow_redirects', False)
        return self.session.post(BASE_URL + path, data=data, files=files, **kwargs)

    def call_kw(self, model, method, *args, **kwargs):
        """What the web client sends: JSON-RPC /web/dataset/call_kw, with the user's context
        (language, time zone). Returns (result, error)."""
        if not hasattr(self, 'user_context'):
            info = self.session.post(BASE_URL + '/web/session/get_session_info', json={
                'jsonrpc': '2.0', 'method': 'call', 'params': {}}, timeout=60).json()
            self.user_context = info['result']['user_context']
        kwargs.setdefault('context', self.user_context)
        response = self.session.post(BASE_URL + '/web/dataset/call_kw', json={
            'jsonrpc': '2.0', 'method': 'call',
            'params': {'model': model, 'method': method, 'args': list(args), 'kwargs': kwargs}}, timeout=180)
        body = response.json()
        return body.get('result'), body.get('error')


# ---------------------------------------------------------------------------------- the world
class World(object):
    """The records the matrices act on, as the administrator made or found them: enterprise A
    (the demo portal user's, in the territory of the reviewer zhangba) and enterprise B (another
    enterprise in another territory, with the portal account OTHER_LOGIN)."""

    def __init__(self, admin):
        self.admin = admin
        rpc = admin
        self.ref = lambda xmlid: rpc('ir.model.data', 'xmlid_to_res_id', xmlid)
        user_a = rpc('res.users', 'search_read', [('login', '=', 'enterprise')], ['partner_id'])[0]
        partner_a = rpc('res.partner', 'read', [user_a['partner_id'][0]], ['commercial_partner_id'])[0]
        self.enterprise_a = rpc('cultivation.enterprise', 'search',
                                [('partner_id', '=', partner_a['commercial_partner_id'][0])])[0]
        self.user_a = user_a['id']
        zhangba = rpc('res.users', 'search_read', [('login', '=', 'zhangba')], ['territory_ids'])[0]
        self.reviewer_territories = zhangba['territory_ids']
        territory_a = rpc('cultivation.enterprise', 'read', [self.enterprise_a], ['territory_id'])[0]['territory_id'][0]
        assert territory_a in rpc('cultivation.territory', 'search', [('id', 'child_of', self.reviewer_territories)])
        self.territory_a = territory_a
        self.enterprise_b = self._enterprise_b()
        self.territory_b = rpc('cultivation.enterprise', 'read', [self.enterprise_b], ['territory_id'])[0]['territory_id'][0]
        self.user_b = self._portal_user_b()
        self.expert_own = rpc('expert.expert', 'search', [('user_id.login', '=', 'expert')])[0]
        self.expert_user = rpc('res.users', 'search', [('login', '=', 'expert')])[0]
        self.libraries = rpc('cultivation.library', 'search', [], order='sequence')
        self.membership = {e: self._membership(e) for e in (self.enterprise_a, self.enterprise_b)}

    def _enterprise_b(self):
        rpc = self.admin
        reviewed = rpc('cultivation.territory', 'search', [('id', 'child_of', self.reviewer_territories)])
        outside = [('territory_id', 'not in', reviewed), ('state', '=', 'active')]
        members = rpc('cultivation.membership', 'search_read', outside, ['enterprise_id'])
        evaluated = {e['enterprise_id'][0] for e in rpc('portrait.evaluation', 'search_read',
                                                         [('is_latest', '=', True)], ['enterprise_id'])}
        with_requests = {r['enterprise_id'][0] for r in rpc('expert.service.request', 'search_read', [],
                                                             ['enterprise_id'])}
        ranked = sorted(members, key=lambda m: (m['enterprise_id'][0] not in evaluated,
                                                m['enterprise_id'][0] not in with_requests, m['id']))
        return ranked[0]['enterprise_id'][0]

    def _portal_user_b(self):
        rpc = self.admin
        found = rpc('res.users', 'search', [('login', '=', OTHER_LOGIN)])
        if found:
            return found[0]
        partner = rpc('cultivation.enterprise', 'read', [self.enterprise_b], ['partner_id'])[0]['partner_id'][0]
        contact = rpc('res.partner', 'create', {'name': '运维测试联系人', 'parent_id': partner,
                                                'email': 'ops-b@example.com'})
        return rpc('res.users', 'create', {
            'name': '运维测试联系人', 'login': OTHER_LOGIN, 'password': OTHER_PASSWORD, 'partner_id': contact,
            'lang': 'zh_CN', 'groups_id': [(6, 0, [self.ref('base.group_portal')])]},
            context={'no_reset_password': True})

    def _membership(self, enterprise):
        found = self.admin('cultivation.membership', 'search',
                           [('enterprise_id', '=', enterprise), ('state', '=', 'active')])
        assert found, 'the demo enterprise %d has no active membership' % enterprise
        return found[0]

    def applicant(self):
        """A portal account of no enterprise and no expert: (login, password)."""
        login, password = 'gc_ops_applicant', 'Ops-Applicant-2026'
        if not self.admin('res.users', 'search', [('login', '=', login)]):
            self.admin('res.users', 'create', {
                'name': '运维测试申请人', 'login': login, 'password': password, 'lang': 'zh_CN',
                'groups_id': [(6, 0, [self.ref('base.group_portal')])]}, context={'no_reset_password': True})
        # what an earlier run let through must not make this one's refusals "already applied"
        left = self.admin('expert.expert', 'search', [('user_id.login', '=', login)], context={'active_test': False})
        if left:
            self.admin('expert.expert', 'unlink', left)
        return login, password

    def territory_of(self, scope):
        return self.territory_a if scope == 'A' else self.territory_b

    def enterprise_of(self, scope):
        return self.enterprise_a if scope == 'A' else self.enterprise_b

    def ops_call(self):
        """A closed call of our own (kept off the portal) for the applications the tests make."""
        rpc = self.admin
        found = rpc('cultivation.call', 'search', [('name', '=', '运维测试申报批次')])
        if found:
            return found[0]
        return rpc('cultivation.call', 'create', {
            'name': '运维测试申报批次', 'date_open': '2000-01-01', 'date_close': '2000-12-31', 'year': 2000,
            'library_ids': [(6, 0, self.libraries)]})


@pytest.fixture(scope='session', autouse=True)
def server_ready():
    """Waits until the server serves pages that need the models of all three addons. Right after
    a start, the threaded test server has answered for a few seconds with a registry that lacked
    some of them (the flake scripts/test.sh restarts the server for); the matrices would count
    that as refusals."""
    deadline = time.time() + 90
    while True:
        try:
            browser = Browser('enterprise')
            if all(browser.get(path).status_code == 200 for path in ('/my/experts', '/my/portrait', '/my/reports')):
                return
        except (requests.RequestException, AssertionError):
            pass
        if time.time() > deadline:
            pytest.fail('the test server does not serve the portal pages of the three addons')
        time.sleep(1)


@pytest.fixture(scope='session')
def admin():
    return Rpc('admin')


@pytest.fixture(scope='session')
def world(admin):
    return World(admin)


@pytest.fixture(scope='session')
def records(world):
    from .records import Records  # a helper module of these tests; it imports this one
    return Records(world)
