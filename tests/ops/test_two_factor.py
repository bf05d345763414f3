"""Two-factor login for staff (issue 14, 网络安全等级保护 2.0: two factors for administrators),
over HTTP, JSON-RPC and XML-RPC against the running server: administrators and the bureau sign in
with the password and a code of their authenticator app; one who has not enrolled is made to
enrol before anything else; everyone else may. RPC is no way around it: a two-factor user's RPC
credential is the password followed by the current code."""
import re
import time
import xmlrpc.client

import pyotp
import requests

from .conftest import (ACCESS_DENIED, BASE_URL, DB, Browser, Rpc, count, fault_of, rpc_credential,
                       totp_now)

PASSWORD = 'Two-Factor-Ops-2026'


def wrong_code(secret=None):
    """A code that is none of the three accepted around now."""
    totp = pyotp.TOTP(secret) if secret else None
    accepted = {totp.at(time.time() + d) for d in (-30, 0, 30)} if totp else {totp_now()}
    return next(c for c in ('%06d' % n for n in range(100000, 999999, 111111)) if c not in accepted)


def password_only_session(login, password):
    """A browser that has sent the right password and nothing else."""
    browser = Browser()
    page = browser.get('/web/login')
    response = browser.session.post(BASE_URL + '/web/login', data={
        'login': login, 'password': password, 'csrf_token': Browser.token_in(page.text)},
        timeout=60, allow_redirects=False)
    browser.login = login
    return browser, response


def reaches_back_office(browser):
    """True when the session gets the web client or a model call (what a signed-in user gets)."""
    page = browser.get('/web')
    body = browser.session.post(BASE_URL + '/web/dataset/call_kw', json={
        'jsonrpc': '2.0', 'method': 'call', 'params': {
            'model': 'res.users', 'method': 'search_read', 'args': [[]], 'kwargs': {'fields': ['login'], 'limit': 1}}},
        timeout=60).json()
    return (page.status_code == 200 and 'odoo.session_info' in page.text) or bool(body.get('result'))


def new_staff(admin, group_xmlid='gradient_cultivation.group_bureau_reviewer'):
    login = 'gc_ops_2fa_%d' % int(time.time() * 1000)
    group = admin('ir.model.data', 'xmlid_to_res_id', group_xmlid)
    admin('res.users', 'create', {'name': '双因素测试 %s' % login[-5:], 'login': login, 'password': PASSWORD,
                                  'lang': 'zh_CN', 'groups_id': [(6, 0, [group])]},
          context={'no_reset_password': True})
    return login


def enrol(browser, response):
    """Follows the enrolment page: reads the key the page shows, confirms a code of it."""
    assert '/auth_totp/enrol' in response.headers.get('Location', ''), response.headers.get('Location')
    page = browser.get('/auth_totp/enrol')
    assert page.status_code == 200
    secret = re.search(r'class="o_two_factor_secret">([A-Z2-7 ]+)<', page.text).group(1).replace(' ', '')
    assert 'data:image/png;base64,' in page.text  # the QR code, inline (never a URL with the key)
    done = browser.session.post(BASE_URL + '/auth_totp/enrol', data={
        'confirmation_code': pyotp.TOTP(secret).now(), 'name': '运维测试手机',
        'csrf_token': Browser.token_in(page.text)}, timeout=60, allow_redirects=False)
    return secret, done


def test_admin_with_the_password_alone_reaches_nothing(admin):
    """Two-factor login: admin's right password alone gets the code page, no session that reaches
    /web or call_kw; the login log says "second factor due", not "successful"."""
    last = (admin('res.authentication.attempt', 'search', [], limit=1, order='id desc') or [0])[0]
    browser, response = password_only_session('admin', 'admin')
    assert '/auth_totp/login' in response.headers.get('Location', ''), response.status_code
    assert not reaches_back_office(browser)
    assert 'confirmation_code' in browser.get('/auth_totp/login').text
    logged = admin('res.authentication.attempt', 'search_read', [('id', '>', last), ('login', '=', 'admin')], ['result'])
    assert 'second_factor' in [a['result'] for a in logged], logged
    count('two-factor refusals checked')


def test_admin_with_the_right_code_gets_in():
    """Two-factor login: password, then the code of the demo key: the back office."""
    browser, response = password_only_session('admin', 'admin')
    before = browser.session.cookies.get('session_id')
    done = browser.second_factor(totp_now(), redirect='/web')
    assert done.status_code in (302, 303) or 'window.location' in done.text, done.status_code
    assert reaches_back_office(browser)
    assert browser.session.cookies.get('session_id') != before  # a new session id at login


def test_a_wrong_code_is_refused_and_counts_as_a_login_failure(admin):
    """Two-factor login: a wrong code gets no session and is a login failure (auth_brute_force's
    log); five within the window block even the right code."""
    login = new_staff(admin)
    browser, response = password_only_session(login, PASSWORD)
    secret, done = enrol(browser, response)
    browser, response = password_only_session(login, PASSWORD)
    assert '/auth_totp/login' in response.headers.get('Location', '')
    refused = browser.second_factor(wrong_code(secret), redirect='/web')
    assert refused.status_code == 200 and 'alert-danger' in refused.text
    assert not reaches_back_office(browser)
    results = admin('res.authentication.attempt', 'search_read', [('login', '=', login)], ['result'])
    assert 'code_failed' in [r['result'] for r in results]
    for _attempt in range(4):
        browser.second_factor(wrong_code(secret), redirect='/web')
    blocked = browser.second_factor(pyotp.TOTP(secret).now(), redirect='/web')
    assert blocked.status_code == 200 and 'alert-danger' in blocked.text
    assert not reaches_back_office(browser)
    count('two-factor refusals checked', 3)


def test_an_unenrolled_bureau_user_is_made_to_enrol_first(admin):
    """Two-factor login: a bureau reviewer without an authenticator app is sent to enrol after the
    password and reaches no page and no RPC until enrolled; then each login asks for the code."""
    login = new_staff(admin)
    browser, response = password_only_session(login, PASSWORD)
    assert '/auth_totp/enrol' in response.headers.get('Location', '')
    assert not reaches_back_office(browser)
    common = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common')
    assert not common.authenticate(DB, login, PASSWORD, {})
    secret, done = enrol(browser, response)
    assert done.status_code in (302, 303) or 'window.location' in done.text
    assert reaches_back_office(browser)
    # enrolled: the next login asks for the code, RPC wants password + code
    again, response = password_only_session(login, PASSWORD)
    assert '/auth_totp/login' in response.headers.get('Location', '')
    assert not common.authenticate(DB, login, PASSWORD, {})
    assert common.authenticate(DB, login, PASSWORD + pyotp.TOTP(secret).now(), {})
    count('two-factor refusals checked', 3)


def test_a_portal_user_is_not_asked():
    """Two-factor login: enterprises and experts (portal) sign in with the password (offered, not
    required)."""
    for login in ('enterprise', 'expert', 'zhangba'):
        browser, response = password_only_session(login, login)
        assert '/auth_totp/' not in response.headers.get('Location', '') + response.text
        assert browser.get('/my').status_code == 200


def test_rpc_wants_password_and_code():
    """Two-factor login: XML-RPC and JSON-RPC with admin's password alone are refused; password +
    current code is admin's RPC credential; a wrong code is refused."""
    common = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common')
    assert not common.authenticate(DB, 'admin', 'admin', {})
    assert not common.authenticate(DB, 'bureau', 'bureau', {})
    uid = common.authenticate(DB, 'admin', rpc_credential('admin', 'admin'), {})
    assert uid
    objects = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object', allow_none=True)
    fault = fault_of(objects.execute_kw, DB, uid, 'admin', 'res.users', 'search', [[]], {'limit': 1})
    assert fault is not None and fault.faultCode == ACCESS_DENIED, fault
    assert objects.execute_kw(DB, uid, rpc_credential('admin', 'admin'), 'res.users', 'search', [[]], {'limit': 1})
    jsonrpc = requests.post(BASE_URL + '/jsonrpc', json={'jsonrpc': '2.0', 'method': 'call', 'params': {
        'service': 'common', 'method': 'login', 'args': [DB, 'admin', 'admin']}}, timeout=60).json()
    assert not jsonrpc.get('result')
    session = requests.post(BASE_URL + '/web/session/authenticate', json={'jsonrpc': '2.0', 'method': 'call', 'params': {
        'db': DB, 'login': 'admin', 'password': 'admin'}}, timeout=60).json()
    assert not (session.get('result') or {}).get('uid')
    count('two-factor refusals checked', 5)


def test_nobody_reads_another_users_secret(admin):
    """Two-factor login: the TOTP key of an authenticator app is never read, searched or grouped
    over RPC, by the bureau or the administrator (the superuser in Odoo 11)."""
    bureau = Rpc('bureau')
    ids = admin('res.users.authenticator', 'search', [('user_id.login', 'in', ['admin', 'bureau'])])
    assert ids
    for rpc in (admin, bureau):
        for call in (lambda: rpc('res.users.authenticator', 'read', ids, ['secret_key']),
                     lambda: rpc('res.users.authenticator', 'search_read', [], ['name', 'secret_key']),
                     lambda: rpc('res.users.authenticator', 'search', [('secret_key', '!=', False)]),
                     lambda: rpc('res.users.authenticator', 'read_group', [], ['user_id'], ['secret_key']),
                     lambda: rpc('res.users', 'search', [('authenticator_ids.secret_key', '=like', 'G%')]),
                     lambda: rpc('res.users.authenticator', 'export_data', ids, ['secret_key'])):
            assert fault_of(call) is not None
            count('two-factor refusals checked')
        for record in rpc('res.users.authenticator', 'search_read', [], []):
            assert 'secret_key' not in record
    # nor may a user add an app of their own choosing over RPC (only a confirmed enrolment does)
    me = bureau('res.users', 'search', [('login', '=', 'bureau')])[0]
    assert fault_of(bureau, 'res.users.authenticator', 'create',
                    {'name': 'x', 'secret_key': 'JBSWY3DPEHPK3PXP', 'user_id': me}) is not None
    assert fault_of(bureau, 'res.users', 'write', [me], {'authenticator_ids': [(0, 0, {
        'name': 'x', 'secret_key': 'JBSWY3DPEHPK3PXP'})]}) is not None
