"""Sign-on through the 助企一把 platform (issue 15), end to end against the local OpenID provider
(deploy/oidc/provider.mjs, started by `make test` with its test hooks) and the test server.

Every bad ID token here is made by the real provider at the real token endpoint, then changed by
its test hook (/__test__/next-token, loopback only) before Odoo receives it: tampered, expired,
for another audience, with another nonce, without the credit code. Each carries a platform
identity and a credit code nobody has yet, so that its acceptance would create an account and an
enterprise: each is refused with a Chinese message and a log line, and nothing is created. The
same identity with an unchanged token then signs on (the control: the refusal was the token's).

Also: a replayed authorization code (refused by the provider, through Odoo), a forged state and a
state of another browser session, the settings and the client secret over RPC as a portal user and
a reviewer, and the switch that keeps the password login to administrators, over XML-RPC,
JSON-RPC and the login form."""
import re
import time
import xmlrpc.client

import pytest
import requests

from .conftest import (ACCESS_DENIED, BASE_URL, DB, OTHER_LOGIN, OTHER_PASSWORD, Browser, Rpc, credit_code,
                       fault_of, rpc_credential)

FOLLOW_LIMIT = 12


@pytest.fixture(scope='module')
def issuer(admin):
    found = admin('gradient.oidc.provider', 'search_read', [('enabled', '=', True)], ['issuer'])
    assert found and found[0]['issuer'], 'the test database has no enabled sign-on provider (demo data)'
    url = found[0]['issuer'].rstrip('/')
    assert requests.get(url + '/.well-known/openid-configuration', timeout=30).status_code == 200, \
        'the local OpenID provider does not answer at %s (scripts/test.sh starts it)' % url
    return url


def misbehave(issuer, mode):
    """The provider's next ID token is changed so (test hook of the local provider)."""
    response = requests.post(issuer + '/__test__/next-token', data={'mode': mode}, timeout=30)
    assert response.status_code == 200, 'the provider runs without its test hooks (GC_OIDC_TEST_HOOKS=1)'


def provider_login(session, start_response, login):
    """On the provider's own login page: the form, the demo identity's login and password; the
    provider's redirects are followed up to Odoo's callback, which is returned unvisited."""
    page = start_response
    match = re.search(r'action="(/interaction/[^"]+/login)"', page.text)
    assert match, 'not the provider\'s login page: %s' % page.url
    provider = page.url.split('/interaction/')[0]
    response = session.post(provider + match.group(1), data={'login': login, 'password': login},
                            allow_redirects=False, timeout=60)
    for _ in range(FOLLOW_LIMIT):
        assert response.status_code in (302, 303), (response.status_code, response.text[:300])
        location = response.headers['Location']
        if location.startswith('/'):
            location = provider + location
        if '/auth_oidc/callback' in location:
            return location
        response = session.get(location, allow_redirects=False, timeout=60)
    raise AssertionError('the provider did not send the browser back to Odoo')


def start(session, follow=True):
    """Clicks 「使用助企一把账号登录」: Odoo's start route, then (follow) the provider's redirects."""
    return session.get(BASE_URL + '/auth_oidc/login', timeout=60, allow_redirects=follow)


def finish(session, callback):
    """Visits the callback; returns (where Odoo sent the browser, the login page's error if any)."""
    response = session.get(callback, allow_redirects=False, timeout=60)
    assert response.status_code in (302, 303), response.text[:300]
    location = response.headers['Location']
    if '/web/login' in location:
        page = session.get(BASE_URL + '/web/login', timeout=60)
        found = re.search(r'class="alert alert-danger"[^>]*>\s*(.*?)\s*</p>', page.text, re.S)
        return location, found and found.group(1)
    return location, None


def sign_on(login, mode=None, issuer=None, session=None):
    session = session or requests.Session()
    start_response = start(session)
    callback = provider_login(session, start_response, login)
    if mode:
        misbehave(issuer, mode)
    return session, finish(session, callback)


def counts(admin):
    return (admin('res.users', 'search_count', [], context={'active_test': False}),
            admin('cultivation.enterprise', 'search_count', [], context={'active_test': False}),
            admin('cultivation.enterprise.claim', 'search_count', []))


def last_refusal(admin, since_id):
    lines = admin('gradient.oidc.log', 'search_read', [('id', '>', since_id), ('event', '=', 'refused')],
                  ['reason', 'message', 'subject', 'remote_addr'], order='id desc')
    return lines[0] if lines else None


def last_log_id(admin):
    found = admin('gradient.oidc.log', 'search', [], limit=1, order='id desc')
    return found[0] if found else 0


def fresh_identity():
    stamp = int(time.time() * 1000) % 10 ** 7
    return 'zqyb-ops-%d' % stamp, credit_code('91610131MC%07d' % stamp), '西安运维测试科技有限公司%d' % stamp


@pytest.mark.parametrize('mode, reason, words', [
    ('tamper', 'signature', '签名无效'),
    ('expired', 'expired', '已过期'),
    ('audience', 'audience', '其他应用'),
    ('nonce', 'nonce', 'nonce'),
    ('drop:uscc', 'no_credit_code', '统一社会信用代码'),
])
def test_bad_id_token_is_refused_and_creates_nothing(admin, issuer, mode, reason, words):
    sub, code, name = fresh_identity()
    identity = 'set:sub=%s|set:uscc=%s|set:enterprise_name=%s|set:email=%s@example.com' % (sub, code, name, sub)
    before, since = counts(admin), last_log_id(admin)
    _session, (location, error) = sign_on('xinghe', identity + '|' + mode, issuer)
    assert '/web/login' in location
    assert error and words in error, error
    assert re.search(r'[\u4e00-\u9fff]', error), 'the refusal is not in Chinese: %s' % error
    line = last_refusal(admin, since)
    assert line and line['reason'] == reason, line
    assert line['remote_addr'], 'the refusal keeps no address'
    assert counts(admin) == before, 'a refused sign-on created records'
    assert not admin('res.users', 'search', [('login', '=', '%s@example.com' % sub)], context={'active_test': False})
    # the control: the same identity with the token as the provider signed it is let in, and
    # would have been created by the refused one
    session, (location, error) = sign_on('xinghe', identity, issuer)
    assert error is None and location.endswith('/my'), (location, error)
    after = counts(admin)
    assert after[0] == before[0] + 1 and after[1] == before[1] + 1, (before, after)
    enterprise = admin('cultivation.enterprise', 'search_read', [('credit_code', '=', code)], ['name', 'partner_id'])
    assert enterprise and enterprise[0]['name'] == name


def test_rotated_signing_key_is_fetched_once(admin, issuer):
    """The provider signs with a key the module has not seen: it fetches the JWKS again."""
    since = last_log_id(admin)
    _session, (location, error) = sign_on('ruichi', 'rotate', issuer)
    assert error is None and location.endswith('/my'), (location, error)
    assert admin('gradient.oidc.log', 'search_count', [('id', '>', since), ('event', '=', 'signon')]) == 1


def test_replayed_code_is_refused_by_the_provider(admin, issuer):
    session = requests.Session()
    callback = provider_login(session, start(session), 'ruichi')
    location, error = finish(session, callback)
    assert error is None and location.endswith('/my')
    code = re.search(r'code=([^&]+)', callback).group(1)
    # the same browser starts a new sign-on and hands in the used code with the new state
    # (not following it to the provider, which still knows the browser and would answer with a
    # fresh code at once)
    second = start(session, follow=False)
    state = re.search(r'state=([^&]+)', second.headers['Location']).group(1)
    before, since = counts(admin), last_log_id(admin)
    replay = BASE_URL + '/auth_oidc/callback?code=%s&state=%s' % (code, state)
    location, error = finish(session, replay)
    assert '/web/login' in location and error and '授权码只能使用一次' in error, error
    assert last_refusal(admin, since)['reason'] == 'code'
    assert counts(admin) == before


def test_forged_state_is_refused(admin, issuer):
    session = requests.Session()
    callback = provider_login(session, start(session), 'ruichi')
    forged = re.sub(r'state=[^&]+', 'state=forged-state-value', callback)
    since = last_log_id(admin)
    location, error = finish(session, forged)
    assert '/web/login' in location and error and '不是在此浏览器中发起' in error, error
    assert last_refusal(admin, since)['reason'] == 'state'
    # the session is not signed in
    assert session.get(BASE_URL + '/my', allow_redirects=False, timeout=60).status_code in (302, 303)


def test_state_of_another_browser_session_is_refused(admin, issuer):
    victim = requests.Session()
    callback = provider_login(victim, start(victim), 'ruichi')
    attacker = requests.Session()
    start(attacker)  # the attacker's own sign-on, started and abandoned
    since = last_log_id(admin)
    location, error = finish(attacker, callback)
    assert '/web/login' in location and error and '不是在此浏览器中发起' in error, error
    assert last_refusal(admin, since)['reason'] == 'state'
    assert attacker.get(BASE_URL + '/my', allow_redirects=False, timeout=60).status_code in (302, 303)
    # a callback without any sign-on started in the session is refused too
    location, error = finish(requests.Session(), callback)
    assert '/web/login' in location and error


def test_callback_without_flow_or_with_provider_error(admin, issuer):
    session = requests.Session()
    start(session)
    since = last_log_id(admin)
    location, error = finish(session, BASE_URL + '/auth_oidc/callback?error=access_denied&state=x')
    assert '/web/login' in location and error
    assert last_refusal(admin, since)['reason'] == 'state'


# ---------------------------------------------------------------------------- settings over RPC
SETTINGS_FIELDS = ['gc_oidc_issuer', 'gc_oidc_client_id', 'gc_oidc_client_secret', 'gc_password_login_others']


@pytest.mark.parametrize('login, password', [('zhangba', 'zhangba'), (OTHER_LOGIN, OTHER_PASSWORD)])
def test_settings_and_secret_are_administrators_only(admin, world, login, password):
    user = Rpc(login, password)
    provider_id = admin('ir.model.data', 'xmlid_to_res_id', 'gradient_base.oidc_provider_platform')
    for call in (
        lambda: user('gradient.oidc.provider', 'read', [provider_id], ['client_secret']),
        lambda: user('gradient.oidc.provider', 'search_read', [], ['issuer']),
        lambda: user('gradient.oidc.provider', 'export_data', [provider_id], ['client_secret']),
        lambda: user('gradient.oidc.provider', 'write', [provider_id], {'issuer': 'https://evil.example'}),
        lambda: user('gradient.oidc.provider', 'create', {'name': 'evil', 'issuer': 'https://evil.example'}),
        lambda: user('gradient.oidc.log', 'search_read', [], ['subject']),
        lambda: user('res.config.settings', 'default_get', SETTINGS_FIELDS),
        lambda: user('res.config.settings', 'create', {'gc_password_login_others': False}),
        lambda: user('res.config.settings', 'create', {'gc_oidc_issuer': 'https://evil.example'}),
        lambda: user('res.users', 'write', [user.uid], {'oidc_staff_id': 'GXQ-ZB-0815'}),
        lambda: user('res.users', 'read', [user.uid], ['oidc_subject', 'oidc_staff_id']),
    ):
        fault = fault_of(call)
        assert fault is not None, 'a non-administrator reached the sign-on settings'
    settings = fault_of(lambda: user('res.config.settings', 'set_values', []))
    assert settings is not None
    values = admin('gradient.oidc.provider', 'read', [provider_id], ['issuer'])[0]
    assert 'evil' not in (values['issuer'] or '')
    assert admin('ir.config_parameter', 'get_param', 'gradient_base.password_login_others', 'True') != 'False'


def test_client_secret_is_not_exported_nor_audited_in_clear(admin):
    provider_id = admin('ir.model.data', 'xmlid_to_res_id', 'gradient_base.oidc_provider_platform')
    secret = admin('gradient.oidc.provider', 'read', [provider_id], ['client_secret'])[0]['client_secret']
    assert secret
    exported = admin('gradient.oidc.provider', 'export_data', [provider_id], ['name', 'client_secret'])
    assert exported['datas'][0][1] == '' and secret not in str(exported)
    admin('gradient.oidc.provider', 'write', [provider_id], {'client_secret': secret + 'x'})
    admin('gradient.oidc.provider', 'write', [provider_id], {'client_secret': secret})
    lines = admin('auditlog.log.line', 'search_read', [('field_id.name', '=', 'client_secret'),
                                                         ('log_id.res_id', '=', provider_id)],
                  ['old_value', 'new_value', 'old_value_text', 'new_value_text'], limit=4, order='id desc')
    assert lines, 'changes of the sign-on provider are not audited'
    for line in lines:
        assert secret not in str(line), line


# ---------------------------------------------------------------------------- the password switch
def set_password_login(admin, allowed):
    settings = admin('res.config.settings', 'create', {'gc_password_login_others': allowed})
    admin('res.config.settings', 'execute', [settings])


def test_password_switch_holds_over_xmlrpc_jsonrpc_and_the_form(admin):
    common = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common')
    reviewer = Rpc('zhangba')  # signed in with the password while it was allowed
    assert reviewer('res.users', 'read', [reviewer.uid], ['name'])
    set_password_login(admin, False)
    try:
        assert common.authenticate(DB, 'zhangba', 'zhangba', {}) is False
        assert common.authenticate(DB, OTHER_LOGIN, OTHER_PASSWORD, {}) is False
        # a password the server trusted before the switch is no longer enough, call by call
        fault = fault_of(reviewer, 'res.users', 'read', [reviewer.uid], ['name'])
        assert fault is not None and fault.faultCode == ACCESS_DENIED, fault
        # JSON-RPC: the web client's authenticate and /jsonrpc
        answer = requests.post(BASE_URL + '/web/session/authenticate', json={
            'jsonrpc': '2.0', 'method': 'call', 'params': {'db': DB, 'login': 'zhangba', 'password': 'zhangba'}},
            timeout=60).json()
        assert not (answer.get('result') or {}).get('uid'), answer
        answer = requests.post(BASE_URL + '/jsonrpc', json={
            'jsonrpc': '2.0', 'method': 'call', 'params': {
                'service': 'object', 'method': 'execute_kw',
                'args': [DB, reviewer.uid, 'zhangba', 'res.users', 'read', [[reviewer.uid], ['name']]]}},
            timeout=60).json()
        assert 'error' in answer and 'result' not in answer, answer
        # the login form says why, in Chinese
        browser = Browser()
        page = browser.get('/web/login')
        response = browser.session.post(BASE_URL + '/web/login', data={
            'login': 'zhangba', 'password': 'zhangba', 'csrf_token': Browser.token_in(page.text)}, timeout=60)
        assert '只有管理员可以用密码登录' in response.text
        assert browser.get('/web', allow_redirects=False).status_code in (302, 303)
        # administrators keep the password login (with their second factor)
        assert common.authenticate(DB, 'admin', rpc_credential('admin', 'admin'), {})
        assert admin('res.users', 'search_count', [('login', '=', 'zhangba')]) == 1
    finally:
        set_password_login(admin, True)
    assert common.authenticate(DB, 'zhangba', 'zhangba', {})
    assert reviewer('res.users', 'read', [reviewer.uid], ['name'])
