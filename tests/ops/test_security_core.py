"""Odoo 11 core hardened by gradient_base (issue 14, findings 2, 4, 5 and 6), tried as the probe
did, over HTTP, XML-RPC and JSON-RPC against the running server: stored files served as pages of
our origin, followers, messages and activities on records the user may not read."""
import base64
import re
import struct
import time
import zlib

import pytest

from .conftest import BASE_URL, OTHER_LOGIN, OTHER_PASSWORD, Browser, Rpc, count, fault_of

SCRIPT = b'<script>document.title="pwned-by-upload"</script>'
HTML = base64.b64encode(b'<html><body>' + SCRIPT + b'</body></html>').decode()
SVG = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg">' + SCRIPT + b'</svg>').decode()
PDF_WITH_SCRIPT = base64.b64encode(b'%PDF-1.4\n' + SCRIPT + b'\n%%EOF\n').decode()
INLINE_OK = ('image/png', 'image/jpeg', 'image/gif', 'image/bmp', 'image/webp', 'application/pdf')


def png_with_text(text):
    """A 1x1 PNG whose tEXt chunk holds ``text``: what the probe uploaded as its avatar."""
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    return base64.b64encode(
        b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0))
        + chunk(b'tEXt', b'Comment\x00' + text) + chunk(b'IDAT', zlib.compress(b'\x00\xff\x00\x00'))
        + chunk(b'IEND', b'')).decode()


def refused(fault):
    """A refusal the user is told in Chinese, without a traceback."""
    assert fault is not None, 'the call was accepted'
    assert 'Traceback' not in fault.faultString
    return fault


def assert_not_a_page(response, label):
    """What /web/content and /web/image may answer for a user's file: never a page of ours."""
    ctype = response.headers.get('Content-Type', '').split(';')[0].strip().lower()
    assert response.headers.get('X-Content-Type-Options') == 'nosniff', label
    assert ctype not in ('text/html', 'image/svg+xml', 'text/xml', 'application/xml',
                         'application/xhtml+xml', 'text/javascript', 'application/javascript'), (label, ctype)
    if ctype not in INLINE_OK:
        assert response.headers.get('Content-Disposition', '').startswith('attachment'), (label, response.headers)
    count('stored files served safely (route x content)')
    return ctype


def signup(login):
    """A fresh portal account made through /web/signup, as anyone can: its XML-RPC client."""
    browser = Browser()
    page = browser.get('/web/signup')
    assert page.status_code == 200, 'sign-up is closed'
    password = 'Probe-Signup-2026'
    browser.post('/web/signup', data={
        'login': login, 'name': '探测注册用户', 'password': password, 'confirm_password': password,
        'csrf_token': Browser.token_in(page.text)})
    return Rpc(login, password)


@pytest.fixture(scope='module')
def admin_web():
    return Browser('admin')


@pytest.fixture(scope='module')
def portal_b(world):
    return Rpc(OTHER_LOGIN, OTHER_PASSWORD)


# ------------------------------------------------------------------------------ finding 2
def test_avatar_png_with_script_is_not_served_as_a_page(admin, admin_web):
    """Finding 2 (a): a fresh portal account writes its own res.users.image with a PNG whose text
    chunk holds a script, then links /web/content/res.partner/<partner>/image/a.html; opened by
    admin it is an image (type from the content, nosniff), and the stored image no longer holds
    the text chunk (re-encoded on write)."""
    login = 'probe_%d@example.com' % (int(time.time() * 1000) % 10 ** 9)
    probe = signup(login)
    fault = fault_of(probe, 'res.users', 'write', [probe.uid], {'image': png_with_text(SCRIPT)})
    assert fault is None, fault and fault.faultString
    partner = admin('res.users', 'read', [probe.uid], ['partner_id'])[0]['partner_id'][0]
    for path in ('/web/content/res.partner/%d/image/a.html' % partner,
                 '/web/content/res.partner/%d/image' % partner,
                 '/web/image/res.partner/%d/image/a.html' % partner,
                 '/web/content/res.users/%d/image/a.html' % probe.uid):
        response = admin_web.get(path)
        assert response.status_code == 200, path
        assert assert_not_a_page(response, path) == 'image/png', path
        assert b'<script' not in response.content, '%s still carries the text chunk' % path


def test_avatar_that_is_not_an_image_is_refused(world):
    """Finding 2 (a): an avatar that is an HTML page (or an SVG) is refused in Chinese, as the
    web client's preferences dialog would be told."""
    browser = Browser('enterprise')
    uid = Rpc('enterprise').uid
    for label, content in (('html', HTML), ('svg', SVG)):
        result, error = browser.call_kw('res.users', 'write', [uid], {'image': content})
        assert error, '%s avatar accepted' % label
        message = (error.get('data') or {}).get('message') or ''
        assert '图片' in message and 'Traceback' not in message, (label, message)
        count('refusals of finding 2')


def test_violation_evidence_pdf_with_script_is_not_a_page(admin, admin_web, world):
    """Finding 2 (b): the territory reviewer zhangba stores cultivation.violation evidence that
    starts with %PDF-1.4 and goes on with a script; admin opening
    /web/content/cultivation.violation/<id>/evidence/a.html gets a PDF, never HTML."""
    zhangba = Rpc('zhangba')
    violation = zhangba('cultivation.violation', 'create', {
        'enterprise_id': world.enterprise_a, 'category': 'quality', 'severity': 'minor', 'date': '2020-01-01',
        'description': '运维测试：带脚本的证据', 'evidence': PDF_WITH_SCRIPT, 'evidence_name': 'a.html'})
    for path in ('/web/content/cultivation.violation/%d/evidence/a.html' % violation,
                 '/web/content/cultivation.violation/%d/evidence' % violation,
                 '/web/image/cultivation.violation/%d/evidence/a.html' % violation):
        response = admin_web.get(path)
        assert response.status_code == 200, path
        assert assert_not_a_page(response, path) == 'application/pdf', path
    attachment = admin('ir.attachment', 'search', [('res_model', '=', 'cultivation.violation'),
                                                   ('res_id', '=', violation), ('res_field', '=', 'evidence')])[0]
    response = admin_web.get('/web/content/%d/a.html' % attachment)
    assert assert_not_a_page(response, 'attachment of the evidence') == 'application/pdf'


def test_attachment_declared_html_is_a_download(admin, admin_web, world):
    """Finding 2, the class: an ir.attachment whose own (user-written) mimetype says text/html or
    image/svg+xml, served by every /web/content and /web/image form, is a download of an opaque
    type, never a page; /web/binary/image too."""
    zhangba = Rpc('zhangba')
    made = []
    for mimetype, datas in (('text/html', HTML), ('image/svg+xml', SVG), ('application/pdf', HTML)):
        made.append(zhangba('ir.attachment', 'create', {
            'name': 'probe.html', 'datas_fname': 'probe.html', 'datas': datas, 'mimetype': mimetype,
            'res_model': 'cultivation.enterprise', 'res_id': world.enterprise_a}))
    # the declared type is written again after creation, as the probe did
    zhangba('ir.attachment', 'write', made, {'mimetype': 'text/html'})
    for attachment in made:
        for path in ('/web/content/%d' % attachment, '/web/content/%d/a.html' % attachment,
                     '/web/content/%d-abc/a.html' % attachment, '/web/content?id=%d' % attachment,
                     '/web/content/ir.attachment/%d/datas/a.html' % attachment,
                     '/web/content/%d?download=true' % attachment,
                     '/web/image/%d' % attachment, '/web/image/%d/a.svg' % attachment,
                     '/web/image/ir.attachment/%d/datas' % attachment,
                     '/web/binary/image?model=ir.attachment&id=%d&field=datas' % attachment):
            response = admin_web.get(path)
            assert response.status_code == 200, path
            ctype = assert_not_a_page(response, path)
            assert ctype == 'application/octet-stream', (path, ctype)
            assert "sandbox" in response.headers.get('Content-Security-Policy', ''), path


def test_url_attachment_redirects_within_the_site_only(admin_web, world):
    """Finding 2, the class: an attachment of type url sends /web/content to its URL; one stored
    by a user pointing to another site is not followed."""
    zhangba = Rpc('zhangba')
    attachment = zhangba('ir.attachment', 'create', {
        'name': 'probe-link', 'type': 'url', 'url': 'https://evil.example/',
        'res_model': 'cultivation.enterprise', 'res_id': world.enterprise_a})
    response = admin_web.get('/web/content/%d' % attachment)
    assert 'evil.example' not in response.headers.get('Location', ''), response.headers
    count('refusals of finding 2')


def test_web_client_assets_keep_their_types(admin_web):
    """Finding 2, what must keep working: the web client's own CSS and JavaScript bundles (also
    served by /web/content) keep their types."""
    page = admin_web.get('/web', allow_redirects=True)
    assert page.status_code == 200
    bundles = re.findall(r'(/web/content/[0-9]+-[0-9a-f]+/[\w.-]+\.(?:css|js))', page.text)
    assert bundles, 'no asset bundle on /web'
    for path in bundles:
        response = admin_web.get(path)
        expected = 'text/css' if path.endswith('.css') else 'application/javascript'
        assert response.status_code == 200 and response.headers['Content-Type'].startswith(expected), path


# ------------------------------------------------------------------------------ finding 4
def test_followers_only_on_readable_records(admin, world, portal_b, records):
    """Finding 4: a user creates mail.followers on a record of another enterprise (its
    application) or another territory and would then receive its messages and post on it: refused,
    and the followers of such records are not listed either."""
    app_a = records.application('A')
    partner_b = admin('res.users', 'read', [world.user_b], ['partner_id'])[0]['partner_id'][0]
    zhangba = Rpc('zhangba')
    partner_z = admin('res.users', 'read', [zhangba.uid], ['partner_id'])[0]['partner_id'][0]
    attempts = (
        (portal_b, {'res_model': 'cultivation.application', 'res_id': app_a, 'partner_id': partner_b}),
        (portal_b, {'res_model': 'cultivation.enterprise', 'res_id': world.enterprise_a, 'partner_id': partner_b}),
        (zhangba, {'res_model': 'cultivation.enterprise', 'res_id': world.enterprise_b, 'partner_id': partner_z}),
        (zhangba, {'res_model': 'cultivation.membership', 'res_id': world.membership[world.enterprise_b],
                   'partner_id': partner_z}),
    )
    for user, vals in attempts:
        # what an earlier run on unfixed code let through must not make this one pass or fail
        left = admin('mail.followers', 'search', [(k, '=', v) for k, v in vals.items()])
        if left:
            admin('mail.followers', 'unlink', left)
        refused(fault_of(user, 'mail.followers', 'create', vals))
        count('refusals of finding 4')
    # an existing follower row is not moved onto such a record either
    own = admin('mail.followers', 'search', [('partner_id', '=', partner_b)], limit=1)
    if own:
        refused(fault_of(portal_b, 'mail.followers', 'write', own, {'res_model': 'cultivation.application',
                                                                    'res_id': app_a}))
    # who follows enterprise A's application is not B's business
    assert portal_b('mail.followers', 'search_read', [('res_model', '=', 'cultivation.application'),
                                                      ('res_id', '=', app_a)], ['partner_id']) == []
    assert zhangba('mail.followers', 'search', [('res_model', '=', 'cultivation.enterprise'),
                                                ('res_id', '=', world.enterprise_b)]) == []


def test_followers_of_others_need_staff_write_and_the_partner_may_read(admin, world, portal_b, records):
    """Finding 4: a portal user adds no one but itself; staff add partners who may read the
    record (not an enterprise B contact onto enterprise A's application)."""
    app_a = records.application('A')
    enterprise = Rpc('enterprise')
    partner_b = admin('res.users', 'read', [world.user_b], ['partner_id'])[0]['partner_id'][0]
    admin_partner = admin('res.users', 'read', [admin.uid], ['partner_id'])[0]['partner_id'][0]
    refused(fault_of(enterprise, 'cultivation.application', 'message_subscribe', [app_a], [admin_partner]))
    refused(fault_of(enterprise, 'mail.followers', 'create', {
        'res_model': 'cultivation.application', 'res_id': app_a, 'partner_id': admin_partner}))
    zhangba = Rpc('zhangba')
    refused(fault_of(zhangba, 'cultivation.application', 'message_subscribe', [app_a], [partner_b]))
    count('refusals of finding 4', 3)
    # what keeps working: following oneself a record one reads, and leaving it
    web = Browser('zhangba')
    for method in ('message_subscribe_users', 'message_unsubscribe_users'):
        result, error = web.call_kw('cultivation.application', method, [app_a])
        assert not error, (method, error)


def test_read_followers_route_checks_the_model(admin, world, records):
    """Finding 4, the class: /mail/read_followers took the model from the client, so the
    followers of enterprise B's records were listed by naming a model the user reads."""
    followers_b = admin('mail.followers', 'search', [('res_model', '=', 'cultivation.enterprise'),
                                                     ('res_id', '=', world.enterprise_b)])
    assert followers_b, 'enterprise B has no follower to try with'
    web = Browser('zhangba')
    response = web.session.post(BASE_URL + '/mail/read_followers', json={
        'jsonrpc': '2.0', 'method': 'call', 'params': {'follower_ids': followers_b, 'res_model': 'res.partner'}},
        timeout=60).json()
    assert 'error' in response and not response.get('result'), response
    count('refusals of finding 4')


# ------------------------------------------------------------------------------ finding 5
@pytest.fixture(scope='module')
def received(admin, world):
    """A notice the administrator sent to enterprise B's portal user on B's own record."""
    partner_b = admin('res.users', 'read', [world.user_b], ['partner_id'])[0]['partner_id'][0]
    return admin('cultivation.enterprise', 'message_post', [world.enterprise_b],
                 body='运维测试：系统通知', message_type='comment', subtype='mail.mt_comment',
                 partner_ids=[partner_b])


def test_message_on_another_enterprise_through_parent_is_refused(admin, world, portal_b, received, records):
    """Finding 5: a portal user creates mail.message with a parent_id (a message it received) on
    another enterprise's record: refused; so is message_post there."""
    body = '越权留言 %d' % (time.time() * 1000)
    for model, res_id in (('cultivation.enterprise', world.enterprise_a),
                          ('cultivation.application', records.application('A'))):
        refused(fault_of(portal_b, 'mail.message', 'create', {
            'model': model, 'res_id': res_id, 'parent_id': received, 'body': body,
            'message_type': 'comment'}))
        refused(fault_of(portal_b, model, 'message_post', [res_id], body=body))
        count('refusals of finding 5', 2)
    assert not admin('mail.message', 'search', [('body', 'ilike', body)])


def test_received_message_is_not_rewritten_or_moved(admin, world, portal_b, received):
    """Finding 5: the portal user writes the body of a message it received (a system notice
    rewritten) or its res_id (moved to a third enterprise): refused, nothing changed."""
    before = admin('mail.message', 'read', [received], ['body', 'res_id', 'model'])[0]
    for vals in ({'body': '<p>被改写的通知</p>'}, {'res_id': world.enterprise_a},
                 {'model': 'cultivation.application'}, {'author_id': False}):
        refused(fault_of(portal_b, 'mail.message', 'write', [received], vals))
        count('refusals of finding 5')
    refused(fault_of(portal_b, 'mail.message', 'unlink', [received]))
    after = admin('mail.message', 'read', [received], ['body', 'res_id', 'model'])[0]
    assert after == before


def test_outgoing_mails_and_others_notifications_are_not_read(admin, portal_b):
    """Finding 5, the class: mail.mail (bodies of outgoing mails, sign-up links) and other
    people's mail.notification are not read by portal users or staff."""
    own = admin('res.users', 'read', [portal_b.uid], ['partner_id'])[0]['partner_id'][0]
    assert admin('mail.mail', 'search_count', []) >= 0
    for user in (portal_b, Rpc('zhangba')):
        mine = admin('res.users', 'read', [user.uid], ['partner_id'])[0]['partner_id'][0]
        seen = user('mail.mail', 'search_read', [], ['author_id', 'recipient_ids', 'create_uid'])
        # their own: written by them, made by their action, or sent to them
        assert all((m['author_id'] and m['author_id'][0] == mine) or mine in m['recipient_ids']
                   or (m['create_uid'] and m['create_uid'][0] == user.uid) for m in seen), user.login
    assert all(n['res_partner_id'][0] == own for n in
               portal_b('mail.notification', 'search_read', [], ['res_partner_id']))


def test_enterprise_still_posts_on_its_own_application(admin, world, records):
    """Finding 5, what must keep working: the enterprise posts on its own application's portal
    chatter."""
    app_a = records.application('A')
    browser = Browser('enterprise')
    page = browser.get('/my/applications/%d' % app_a)
    body = '运维测试留言 %d' % time.time()
    # the extra fields a probe adds (a "system" note in the bureau's name) are not passed on
    bureau_partner = admin('res.users', 'search_read', [('login', '=', 'bureau')], ['partner_id'])[0]['partner_id'][0]
    response = browser.post('/mail/chatter_post', data={
        'res_model': 'cultivation.application', 'res_id': app_a, 'message': body,
        'message_type': 'notification', 'subtype': 'mail.mt_note', 'email_from': 'bureau@example.com',
        'record_name': '伪造', 'csrf_token': Browser.token_in(page.text) or Browser.token_in(browser.get('/my/enterprise').text)},
        headers={'Referer': BASE_URL + '/my/applications/%d' % app_a})
    assert response.status_code in (200, 302, 303)
    posted = admin('mail.message', 'search_read', [('model', '=', 'cultivation.application'), ('res_id', '=', app_a),
                                                   ('body', 'ilike', body)], ['message_type', 'subtype_id', 'author_id',
                                                                               'email_from', 'record_name'])
    assert len(posted) == 1
    assert posted[0]['message_type'] == 'comment' and posted[0]['record_name'] != '伪造', posted
    assert posted[0]['author_id'][0] != bureau_partner and posted[0]['email_from'] != 'bureau@example.com', posted


# ------------------------------------------------------------------------------ finding 6
@pytest.fixture(scope='module')
def activities(admin, world):
    """A to-do on enterprise B (another territory) and one on enterprise A, both for zhangba."""
    zhangba = admin('res.users', 'search', [('login', '=', 'zhangba')])[0]
    model_id = admin('ir.model', 'search', [('model', '=', 'cultivation.enterprise')])[0]
    made = {}
    for scope, enterprise in (('A', world.enterprise_a), ('B', world.enterprise_b)):
        made[scope] = admin('mail.activity', 'create', {
            'res_model_id': model_id, 'res_id': enterprise, 'user_id': admin.uid,
            'summary': '运维测试待办 %s' % scope, 'date_deadline': '2020-01-01'})
    made['zhangba'] = zhangba
    return made


def test_activities_follow_their_record(admin, world, activities):
    """Finding 6: mail.activity.search_read([]) as the territory reviewer zhangba (and a joint
    member) lists only activities of records they may read: not enterprise B's to-do."""
    for login in ('zhangba', 'joint1'):
        user = Rpc(login)
        listed = user('mail.activity', 'search_read', [], ['res_model', 'res_id', 'res_name'])
        for activity in listed:
            assert user(activity['res_model'], 'search', [('id', '=', activity['res_id'])],
                        context={'active_test': False}), (login, activity)
        if user('cultivation.enterprise', 'search', [('id', '=', world.enterprise_b)]):
            continue  # a joint member who reviews enterprise B may see its to-do
        assert activities['B'] not in [a['id'] for a in listed], login
        refused(fault_of(user, 'mail.activity', 'read', [activities['B']], ['summary', 'res_name']))
        groups = user('mail.activity', 'read_group', [], ['res_name'], ['res_name'])
        names = {g['res_name'] for g in groups}
        b_name = admin('cultivation.enterprise', 'read', [world.enterprise_b], ['display_name'])[0]['display_name']
        assert b_name not in names, login
        assert user('mail.activity', 'search_count', [('id', '=', activities['B'])]) == 0
        count('refusals of finding 6', 3)
    zhangba = Rpc('zhangba')
    assert activities['A'] in zhangba('mail.activity', 'search', [])
    refused(fault_of(zhangba, 'mail.activity', 'write', [activities['A']], {'res_id': world.enterprise_b}))
    refused(fault_of(zhangba, 'mail.activity', 'write', [activities['B']], {'summary': 'x'}))
