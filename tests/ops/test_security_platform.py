"""Odoo-core hardening of issue 14, tried as the outside probe did, over HTTP, JSON-RPC and
XML-RPC against the running server: secrets in the audit log (finding 7), login attempts
(finding 8), the session at login and redirects (finding 12), the database manager and
tracebacks (finding 13), and what the sweeps of their classes found."""
import configparser
import json
import os
import re
import time
import xmlrpc.client

import pytest
import requests

from .conftest import ACCESS_DENIED, ACCESS_ERROR, BASE_URL, DB, Browser, Rpc, count, enrolled, fault_of

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
CJK = re.compile('[\u4e00-\u9fff]')
MASK = '******'
SECRET_FIELD = re.compile(r'passw|pwd|crypt|token|secret', re.IGNORECASE)
# What a traceback or the server's own files look like in an answer
SERVER_DETAILS = re.compile(r'Traceback|File "|site-packages|/work/|\.py", line|odoo/addons/')
MANAGER_LOGIN, MANAGER_PASSWORD = 'gc_ops_audit_manager', 'Ops-Audit-Manager-2026'
EVIL = 'evil.example'
FOREIGN_REDIRECTS = (
    'https://evil.example/', 'http://evil.example', '//evil.example', '//evil.example/web',
    '/\\evil.example', '\\\\evil.example', 'https:evil.example', 'https:/evil.example',
    'javascript:alert(document.domain)//evil.example', ' //evil.example', '/\t/evil.example',
    'http://localhost@evil.example/', 'HTTPS://EVIL.EXAMPLE/',
)


def json_call(session, path, params):
    response = session.post(BASE_URL + path, json={'jsonrpc': '2.0', 'method': 'call', 'params': params},
                            timeout=120)
    return response, response.json()


@pytest.fixture(scope='module')
def audit_manager(admin):
    """A gradient cultivation administrator (group_manager) who is not a system administrator:
    the reader of the audit log the probe used. Administrators sign in with two factors: the
    fixture makes a new one each run and enrols it."""
    login = '%s_%d' % (MANAGER_LOGIN, int(time.time()))
    found = admin('res.users', 'search', [('login', '=', login)])
    if not found:
        manager = admin('ir.model.data', 'xmlid_to_res_id', 'gradient_cultivation.group_manager')
        admin('res.users', 'create', {
            'name': '运维测试审计管理员', 'login': login, 'password': MANAGER_PASSWORD, 'lang': 'zh_CN',
            'groups_id': [(6, 0, [manager, admin('ir.model.data', 'xmlid_to_res_id', 'base.group_user')])]},
            context={'no_reset_password': True})
    enrolled(login, MANAGER_PASSWORD)
    return Rpc(login, MANAGER_PASSWORD)


# ------------------------------------------------------------------------------------ finding 7
def test_password_change_keeps_no_hash_in_audit_log(admin, audit_manager):
    """Finding 7: a password change is audited (who, when, which field) but the audit log keeps
    neither the old nor the new password hash, nor the password, for the managers who read it."""
    login = 'gc_ops_pw_%d' % int(time.time() * 1000)
    user = admin('res.users', 'create', {'name': '运维测试口令用户', 'login': login, 'password': 'First-Pass-2026'},
                 context={'no_reset_password': True})
    admin('res.users', 'write', [user], {'password': 'Second-Pass-2026'})
    lines = audit_manager('auditlog.log.line', 'search_read',
                          [('log_id.model_id.model', '=', 'res.users'), ('log_id.res_id', '=', user)],
                          ['field_name', 'old_value', 'new_value', 'old_value_text', 'new_value_text'])
    secret_lines = [line for line in lines if SECRET_FIELD.search(line['field_name'] or '')]
    assert any(line['field_name'] == 'password_crypt' for line in secret_lines), \
        'the password change is not in the audit log at all: %r' % [line['field_name'] for line in lines]
    for line in secret_lines:
        for key in ('old_value', 'new_value', 'old_value_text', 'new_value_text'):
            value = line[key] or ''
            assert value in ('', 'False', MASK), '%s.%s keeps %r' % (line['field_name'], key, value[:40])
    texts = json.dumps(lines)
    assert '$pbkdf2' not in texts and 'Pass-2026' not in texts
    count('audit log secret fields checked', len(secret_lines))


def test_no_secret_values_anywhere_in_audit_log(admin):
    """Finding 7 (class): no log line of any model holds the value of a secret field
    (passwords, hashes, tokens, secrets), the lines written before the fix included."""
    lines = admin('auditlog.log.line', 'search_read', [], ['field_name', 'old_value', 'new_value'])
    leaked = [(line['field_name'], (line['old_value'] or '')[:20], (line['new_value'] or '')[:20])
              for line in lines if SECRET_FIELD.search(line['field_name'] or '')
              and any((line[key] or '') not in ('', 'False', MASK) for key in ('old_value', 'new_value'))]
    assert not leaked, '%d audit lines keep secrets, e.g. %r' % (len(leaked), leaked[:5])
    hashes = [line['field_name'] for line in lines
              if '$pbkdf2' in (line['old_value'] or '') + (line['new_value'] or '')]
    assert not hashes, 'password hashes in lines of %r' % sorted(set(hashes))
    count('audit log lines checked for secrets', len(lines))


def test_audit_log_keeps_no_session_ids(admin):
    """Finding 7 (class): the audit log's HTTP sessions keep a digest, never the session id (a
    credential that signs in whoever presents it)."""
    web = Browser('admin')
    web.call_kw('res.users', 'read', [1], ['id'])  # loads the session's context
    _, error = web.call_kw('res.users', 'write', [web.user_context['uid']], {'signature': '<p>ops %d</p>' % time.time()})
    assert not error, error
    sid = web.session.cookies.get('session_id')
    sessions = admin('auditlog.http.session', 'search_read', [], ['name'])
    names = [s['name'] for s in sessions if s['name']]
    assert sid not in names
    raw = [name for name in names if re.match(r'^[0-9a-f]{40}$', name)]
    assert not raw, '%d audit sessions keep a session id' % len(raw)


# ------------------------------------------------------------------------------------ finding 8
@pytest.mark.parametrize('login', ['enterprise', 'expert', 'bureau', 'zhangba', 'joint1', MANAGER_LOGIN])
def test_login_attempts_only_for_administrators(login, audit_manager):
    """Finding 8: res.authentication.attempt (logins, addresses, results) is refused to every
    signed-in user who is not a system administrator, portal users included."""
    rpc = audit_manager if login == MANAGER_LOGIN else Rpc(login)
    for method, args, kwargs in (('search_read', [[]], {'fields': ['login', 'remote', 'result']}),
                                 ('search_count', [[]], {}),
                                 ('read_group', [[], ['result'], ['result']], {})):
        fault = fault_of(rpc, 'res.authentication.attempt', method, *args, **kwargs)
        assert fault is not None, '%s read the login attempts with %s' % (login, method)
        assert fault.faultCode == ACCESS_ERROR, fault.faultString[-300:]
        assert CJK.search(fault.faultString), fault.faultString[-300:]
        count('login-attempt reads refused')


def test_login_attempt_metadata_makes_no_outbound_call(admin):
    """Finding 8: reading remote_metadata works it out locally (the upstream module asked
    ip-api.com for every record, here unreachable: the value came back empty after a timeout)."""
    Browser('enterprise')  # a login attempt from this machine
    attempts = admin('res.authentication.attempt', 'search_read', [('remote', '!=', False)], ['remote'], limit=5)
    assert attempts
    started = time.time()
    read = admin('res.authentication.attempt', 'read', [a['id'] for a in attempts], ['remote', 'remote_metadata'])
    elapsed = time.time() - started
    for attempt in read:
        assert attempt['remote_metadata'], 'no metadata for %s' % attempt['remote']
        assert 'ip-api' not in attempt['remote_metadata']
        if attempt['remote'].startswith('127.'):
            assert '127.0.0.0/24' in attempt['remote_metadata'], attempt['remote_metadata']
    assert elapsed < 5, 'reading %d attempts took %.1f s' % (len(read), elapsed)


def test_admin_still_reads_login_attempts(admin):
    """Finding 8: system administrators keep the login attempts (Settings > Technical)."""
    assert admin('res.authentication.attempt', 'search_count', []) > 0


# ------------------------------------------------------------------------------------ finding 12
def _authenticated_uid(sid):
    session = requests.Session()
    session.cookies.set('session_id', sid)
    _, body = json_call(session, '/web/session/get_session_info', {})
    return (body.get('result') or {}).get('uid')


def test_session_id_renewed_at_login_form():
    """Finding 12: the session id a visitor had before signing in (planted by an attacker) does
    not become the signed-in session: the login form sets a new one and the old one is void."""
    session = requests.Session()
    page = session.get(BASE_URL + '/web/login', timeout=60)
    planted = session.cookies.get('session_id')
    assert planted
    response = session.post(BASE_URL + '/web/login', data={
        'login': 'zhangba', 'password': 'zhangba', 'csrf_token': Browser.token_in(page.text)},
        allow_redirects=False, timeout=60)
    assert response.status_code in (200, 302, 303)
    renewed = session.cookies.get('session_id')
    assert renewed and renewed != planted, 'the session id was not renewed at login'
    assert _authenticated_uid(renewed), 'the new session is not signed in'
    assert not _authenticated_uid(planted), 'the session id from before the login is signed in'


def test_session_id_renewed_at_json_authenticate():
    """Finding 12: /web/session/authenticate (JSON clients) renews the session id as well, and
    reports the new one."""
    session = requests.Session()
    session.get(BASE_URL + '/web/login', timeout=60)
    planted = session.cookies.get('session_id')
    _, body = json_call(session, '/web/session/authenticate', {'db': DB, 'login': 'zhangba', 'password': 'zhangba'})
    assert body.get('result', {}).get('uid'), body
    renewed = session.cookies.get('session_id')
    assert renewed != planted
    assert body['result']['session_id'] == renewed
    assert not _authenticated_uid(planted)


def _leaves_site(response):
    """Where the answer sends the browser, if that is another site."""
    location = response.headers.get('Location', '')
    targets = [location] + re.findall(r"window\.location\s*=\s*'([^']*)'", response.text or '')
    return [t for t in targets if EVIL in t.lower()]


@pytest.mark.parametrize('target', FOREIGN_REDIRECTS)
def test_login_redirect_stays_on_site(target):
    """Finding 12: /web/login?redirect=<another site> (signing in, or already signed in) does
    not send the user to another site."""
    session = requests.Session()
    page = session.get(BASE_URL + '/web/login', params={'redirect': target}, timeout=60)
    assert EVIL not in page.text.lower(), 'the login form carries the redirect to %r' % target
    response = session.post(BASE_URL + '/web/login', data={
        'login': 'enterprise', 'password': 'enterprise', 'redirect': target,
        'csrf_token': Browser.token_in(page.text)}, allow_redirects=False, timeout=60)
    assert not _leaves_site(response), 'signing in sends the user to %r' % target
    again = session.get(BASE_URL + '/web/login', params={'redirect': target}, allow_redirects=False, timeout=60)
    assert not _leaves_site(again), 'a signed-in user is sent to %r' % target
    count('foreign redirects refused', 2)


@pytest.mark.parametrize('target', FOREIGN_REDIRECTS)
def test_logout_and_web_redirect_stay_on_site(target):
    """Finding 12: /web/session/logout?redirect=, /web?redirect= and /web/dbredirect?redirect=
    do not send the user to another site."""
    web = Browser('zhangba')
    for path in ('/web', '/web/dbredirect', '/web/session/logout'):
        response = web.get(path, params={'redirect': target})
        assert not _leaves_site(response), '%s sends the user to %r' % (path, target)
        assert response.status_code in (200, 302, 303)
        count('foreign redirects refused')


def test_signup_and_reset_password_forms_drop_foreign_redirect():
    """Finding 12: the sign-up and password reset forms do not carry a redirect to another site
    (they pass it on to the login that follows)."""
    for path in ('/web/signup', '/web/reset_password'):
        response = requests.get(BASE_URL + path, params={'redirect': 'https://evil.example/'}, timeout=60)
        assert response.status_code in (200, 404), (path, response.status_code)
        assert EVIL not in response.text, '%s carries the redirect' % path


def test_portal_account_redirect_stays_on_site(world):
    """Finding 12: the portal's /my/account?redirect= (followed once the details are saved)
    stays on this site."""
    web = Browser('enterprise')
    page = web.get('/my/account')
    assert page.status_code == 200
    fields = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', page.text))
    data = {'name': fields.get('name') or '西安华拓光电科技有限公司', 'email': fields.get('email') or 'enterprise@example.com',
            'phone': fields.get('phone') or '029-88888888', 'street': fields.get('street') or '科技路1号',
            'city': fields.get('city') or '西安', 'zipcode': fields.get('zipcode') or '710065',
            'country_id': str(world.ref('base.cn')), 'redirect': 'https://evil.example/'}
    response = web.post('/my/account', data=data)
    assert response.status_code in (302, 303), 'the details were not saved: %s' % re.findall(
        r'alert-danger[^>]*>([^<]+)', response.text)
    assert not _leaves_site(response), 'the portal sends the user to %s' % response.headers.get('Location')


@pytest.mark.parametrize('target', ['/my/reports', '/web#action=1', '/my/home?x=1'])
def test_local_redirect_still_followed(target):
    """Finding 12: a redirect to a page of this site still works (links in e-mails, the login
    after an expired session)."""
    session = requests.Session()
    page = session.get(BASE_URL + '/web/login', timeout=60)
    response = session.post(BASE_URL + '/web/login', data={
        'login': 'enterprise', 'password': 'enterprise', 'redirect': target,
        'csrf_token': Browser.token_in(page.text)}, allow_redirects=False, timeout=60)
    assert target.split('?')[0].split('#')[0] in response.headers.get('Location', '') + response.text


# ------------------------------------------------------------------------------------ finding 13
@pytest.mark.parametrize('path,method', [
    ('/web/database/manager', 'get'), ('/web/database/selector', 'get'),
    ('/web/database/backup', 'post'), ('/web/database/restore', 'post'), ('/web/database/create', 'post'),
    ('/web/database/drop', 'post'), ('/web/database/duplicate', 'post'),
    ('/web/database/change_password', 'post')])
def test_database_manager_pages_answer_404(path, method):
    """Finding 13: the database manager does not answer on a server that serves users."""
    data = {'master_pwd': 'admin', 'name': DB, 'new_name': 'gc_probe_copy', 'backup_format': 'zip'}
    response = getattr(requests, method)(BASE_URL + path, data=data if method == 'post' else None,
                                         timeout=60, allow_redirects=False)
    assert response.status_code == 404, '%s %s answered %d' % (method.upper(), path, response.status_code)
    assert DB not in response.text
    count('database manager routes refused')


def test_database_list_json_refused():
    """Finding 13: /web/database/list (JSON) does not list the databases."""
    response, body = json_call(requests.Session(), '/web/database/list', {})
    assert 'result' not in body, body
    assert DB not in json.dumps(body)


@pytest.mark.parametrize('method,args', [
    ('list', []), ('db_exist', [DB]), ('server_version', []), ('list_lang', []),
    ('dump', ['admin', DB, 'zip']), ('drop', ['admin', 'gc_probe_none'])])
def test_db_service_refused_over_xmlrpc(method, args):
    """Finding 13: the `db` service (db.list first) is refused over XML-RPC, in Chinese."""
    proxy = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/db')
    fault = fault_of(getattr(proxy, method), *args)
    assert fault is not None, 'db.%s answered' % method
    assert fault.faultCode == ACCESS_DENIED, fault.faultString[-300:]
    assert CJK.search(fault.faultString) and not SERVER_DETAILS.search(fault.faultString), fault.faultString
    count('db service calls refused')


@pytest.mark.parametrize('method,args', [('list', []), ('db_exist', [DB]), ('list_lang', [])])
def test_db_service_refused_over_jsonrpc(method, args):
    """Finding 13: the `db` service is refused over JSON-RPC (/jsonrpc), in Chinese."""
    _, body = json_call(requests.Session(), '/jsonrpc', {'service': 'db', 'method': method, 'args': args})
    assert 'result' not in body, body
    error = body['error']['data']
    assert CJK.search(error['message']) and not SERVER_DETAILS.search(json.dumps(body)), body
    count('db service calls refused')


def test_jsonrpc_internal_error_has_no_traceback():
    """Finding 13: an unexpected error of /web/dataset/call_kw answers without the traceback
    and without the error's own text (the server log keeps both)."""
    web = Browser('admin')
    result, error = web.call_kw('res.partner', 'search', [('gc_no_such_field', '=', 1)])
    assert error, result
    text = json.dumps(error, ensure_ascii=False)
    assert not SERVER_DETAILS.search(text), text[:600]
    assert error['data']['debug'] in ('', error['data']['message'])
    assert 'gc_no_such_field' not in text
    assert CJK.search(error['data']['message']), error['data']['message']


def test_jsonrpc_endpoint_error_has_no_traceback():
    """Finding 13: the same over /jsonrpc (service object)."""
    admin_uid = Rpc('admin').uid
    _, body = json_call(requests.Session(), '/jsonrpc', {
        'service': 'object', 'method': 'execute_kw',
        'args': [DB, admin_uid, 'admin', 'res.partner', 'search', [[('gc_no_such_field', '=', 1)]]]})
    text = json.dumps(body, ensure_ascii=False)
    assert 'error' in body and not SERVER_DETAILS.search(text), text[:600]


def test_xmlrpc_fault_has_no_traceback(admin):
    """Finding 13: an unexpected error over XML-RPC faults without the traceback."""
    fault = fault_of(admin, 'res.partner', 'search', [('gc_no_such_field', '=', 1)])
    assert fault is not None
    assert not SERVER_DETAILS.search(fault.faultString), fault.faultString[:600]
    assert CJK.search(fault.faultString), fault.faultString


def test_user_messages_kept_without_traceback(world):
    """Finding 13: an error meant for the user (here an access refusal) keeps its message, in
    the form the web client shows (data.message, data.arguments), without the traceback."""
    web = Browser('enterprise')
    result, error = web.call_kw('res.users', 'write', [world.ref('base.user_admin') or 1], {'name': 'x'})
    assert error, result
    data = error['data']
    assert data['exception_type'] in ('access_error', 'user_error', 'except_orm'), data
    assert data['message'] and CJK.search(data['message']), data
    assert data['arguments'] and data['arguments'][0], data
    assert data['debug'] == ''


def test_every_user_facing_configuration_keeps_the_manager_off():
    """Finding 13: list_db is off in every configuration that serves users (make run's too), and
    gradient_base, which closes the `db` service, loads with the server."""
    for name in ('odoo-dev.conf', 'odoo-test.conf', 'odoo-prod.conf', 'odoo-bench.conf'):
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(os.path.join(ROOT, 'config', name))
        options = parser['options']
        assert options.get('list_db') == 'False', name
        assert 'gradient_base' in options.get('server_wide_modules', '').split(','), name


# ------------------------------------------------------------------------------------ sweep
@pytest.mark.parametrize('login', ['enterprise', 'bureau', 'zhangba'])
def test_password_history_hashes_refused(login):
    """Finding 8 (class): password_security's history of password hashes is for nobody but
    the system (the upstream module let every employee read the hashes of their own passwords)."""
    rpc = Rpc(login)
    fault = fault_of(rpc, 'res.users.pass.history', 'search_read', [], ['password_crypt'])
    assert fault is not None, '%s reads password hashes' % login
    assert fault.faultCode == ACCESS_ERROR


@pytest.mark.parametrize('login', ['enterprise', 'expert', 'zhangba'])
def test_outgoing_mails_only_of_their_own(login, admin):
    """Finding 8 (class): outgoing mails (mail.mail: bodies of decisions about other
    enterprises, invitation links with sign-up tokens) are readable only by their author, their
    maker and their recipients (the mail module let every user, portal included, read all)."""
    rpc = Rpc(login)
    partner = admin('res.users', 'read', [rpc.uid], ['partner_id'])[0]['partner_id'][0]
    mails = rpc('mail.mail', 'search_read', [], ['recipient_ids', 'author_id', 'create_uid'])
    foreign = [m['id'] for m in mails if partner not in m['recipient_ids']
               and (m['author_id'] or [None])[0] != partner and (m['create_uid'] or [None])[0] != rpc.uid]
    assert not foreign, '%s reads %d mails of others' % (login, len(foreign))
    assert admin('mail.mail', 'search_count', []) >= len(mails)
