"""Issue 17, notifications that reach people, against the running test server: an expert's answer
to a service request reaches the enterprise's contact by e-mail (read back from the local SMTP
server's Maildir, GC_MAILDIR) and by SMS (the development gateway), both in the notification log;
outsiders cannot read the log, the SMS queue or the gateways' secrets, nor send anything; a bad
mobile number is refused in Chinese; and the settings and the log as administrators see them
(Playwright screenshots in GC_SCREENSHOTS)."""
import email.header
import mailbox
import os
import shutil
import threading
import time

import pytest

from .conftest import BASE_URL, TWO_FACTOR_LOGINS, Browser, Rpc, fault_of, totp_now

MAILDIR = os.environ.get('GC_MAILDIR', os.path.join(os.path.dirname(__file__), '..', '..', 'var', 'mail', 'test'))
SCREENSHOTS = os.environ.get('GC_SCREENSHOTS', os.path.join(os.path.dirname(__file__), '..', '..', 'var', 'screenshots'))
# a number of its own each run: the gateway's hourly limit per number counts earlier runs' messages
CONTACT_MOBILE = '137%08d' % (int(time.time()) % 10 ** 8)


def _run_cron(admin, xmlid):
    """What the scheduler does every minute, now (the test server runs no cron thread)."""
    admin('ir.cron', 'method_direct_trigger', [admin('ir.model.data', 'xmlid_to_res_id', xmlid)])


def _mails_to(address, subject_part):
    if not os.path.isdir(MAILDIR):
        return []
    found = []
    for message in mailbox.Maildir(MAILDIR, factory=None):
        subject = str(email.header.make_header(email.header.decode_header(message.get('Subject', ''))))
        if address in (message.get('To') or '') and subject_part in subject:
            body = next((part.get_payload(decode=True).decode(part.get_content_charset() or 'utf-8')
                         for part in message.walk() if part.get_content_maintype() == 'text'), '')
            found.append((subject, body))
    return found


@pytest.fixture(scope='module')
def accepted_request(admin, world):
    """A service request of the demo enterprise to the demo expert, accepted by the expert over
    RPC, with the enterprise's contact reachable by e-mail and SMS."""
    contact = admin('res.users', 'search_read', [('login', '=', 'enterprise')], ['partner_id', 'email'])[0]
    admin('res.partner', 'write', [contact['partner_id'][0]], {'mobile': CONTACT_MOBILE, 'gc_sms_opt_out': False})
    expert = admin('expert.expert', 'search', [('user_id.login', '=', 'expert')])[0]
    domain = admin('expert.expert', 'read', [expert], ['domain_ids'])[0]['domain_ids'][0]
    request = admin('expert.service.request', 'create', {
        'enterprise_id': world.enterprise_a, 'expert_id': expert, 'domain_id': domain,
        'need': '通知测试：专利检索 %d' % time.time(), 'state': 'requested'})
    Rpc('expert')('expert.service.request', 'action_accept', [request])
    name = admin('expert.service.request', 'read', [request], ['name'])[0]['name']
    return {'id': request, 'name': name, 'partner': contact['partner_id'][0], 'email': contact['email']}


def _logs(admin, request, channel):
    return admin('gradient.notification.log', 'search_read', [
        ('res_model', '=', 'expert.service.request'), ('res_id', '=', request['id']), ('channel', '=', channel),
        ('partner_id', '=', request['partner'])], ['state', 'recipient', 'event', 'body', 'territory_id', 'sms_id'])


def test_email_reaches_the_smtp_mailbox(admin, accepted_request):
    logs = _logs(admin, accepted_request, 'email')
    assert [log['state'] for log in logs] == ['queued'], 'queued, not sent inside the expert\'s request'
    _run_cron(admin, 'mail.ir_cron_mail_scheduler_action')
    mails = [mail for mail in _mails_to(accepted_request['email'], '服务请求已接受') if accepted_request['name'] in mail[1]]
    assert len(mails) == 1, mails
    assert '专家' in mails[0][1], 'in Chinese'
    assert [log['state'] for log in _logs(admin, accepted_request, 'email')] == ['sent']


def test_sms_through_the_development_gateway(admin, accepted_request):
    [log] = _logs(admin, accepted_request, 'sms')
    assert (log['recipient'], log['state']) == (CONTACT_MOBILE, 'queued')
    assert '已接受' in log['body'] and accepted_request['name'] in log['body']
    _run_cron(admin, 'gradient_base.ir_cron_sms_queue')
    sms = admin('gradient.sms.message', 'read', [log['sms_id'][0]], ['state', 'provider_ref', 'phone'])[0]
    assert sms['state'] == 'sent' and sms['provider_ref'].startswith('dev-') and sms['phone'] == CONTACT_MOBILE
    assert _logs(admin, accepted_request, 'sms')[0]['state'] == 'sent'


def test_log_within_the_reviewers_territory(admin, accepted_request):
    zhangba, elsewhere = Rpc('zhangba'), Rpc('softwarecity')
    mine = zhangba('gradient.notification.log', 'search', [('res_id', '=', accepted_request['id']),
                                                           ('res_model', '=', 'expert.service.request'),
                                                           ('partner_id', '=', accepted_request['partner'])])
    assert len(mine) == 2, 'the territory reviewer of enterprise A reads its log (e-mail and SMS)'
    assert not elsewhere('gradient.notification.log', 'search', [('id', 'in', mine)])
    assert fault_of(elsewhere, 'gradient.notification.log', 'read', mine, ['body'])


def test_outsiders_cannot_read_nor_send(admin, accepted_request):
    sms_ids = admin('gradient.sms.message', 'search', [], limit=1)
    provider = admin('gradient.sms.provider', 'search', [], limit=1)
    event = admin('cultivation.notification.event', 'search', [], limit=1)
    for login in ('enterprise', 'expert', 'zhangba'):
        user = Rpc(login)
        for model, ids in (('gradient.sms.message', sms_ids), ('gradient.sms.provider', provider),
                           ('gradient.sms.template', [])):
            assert fault_of(user, model, 'search_read', [], ['id']), (login, model)
        assert fault_of(user, 'gradient.sms.message', 'action_retry', sms_ids), login
        assert fault_of(user, 'gradient.sms.provider', 'action_send_test', provider), login
        assert fault_of(user, 'cultivation.notification.event', 'write', event, {'sms': False}), login
        # the sending methods are private: no client reaches them, whatever it sends
        assert fault_of(user, 'cultivation.notification.event', '_gc_fire', 'application_admitted', False), login
        assert fault_of(user, 'gradient.notification.log', '_gc_queue_sms', accepted_request['partner'], 1, {}), login
    for login in ('enterprise', 'expert'):
        assert fault_of(Rpc(login), 'gradient.notification.log', 'search_read', [], ['body']), login
        result, error = Browser(login).call_kw('gradient.notification.log', 'search_read', [], ['body'])
        assert error and result is None, login


def test_gateway_secret_masked_even_to_administrators(admin):
    provider = admin('gradient.sms.provider', 'create', {
        'name': '阿里云短信（测试）', 'kind': 'aliyun', 'active': False, 'access_key_id': 'LTAI-ops',
        'access_key_secret': 'ops-very-secret'})
    try:
        assert admin('gradient.sms.provider', 'read', [provider], ['access_key_secret'])[0]['access_key_secret'] == '******'
        exported = admin('gradient.sms.provider', 'export_data', [provider], ['name', 'access_key_secret'])
        assert exported['datas'] == [['阿里云短信（测试）', '******']]
        assert 'ops-very-secret' not in str(admin('gradient.sms.provider', 'search_read', [('id', '=', provider)], [],
                                                   context={'active_test': False}))
    finally:
        admin('gradient.sms.provider', 'unlink', [provider])


def test_bad_mobile_refused_in_chinese(admin):
    partner = admin('res.users', 'search_read', [('login', '=', 'zhangba')], ['partner_id'])[0]['partner_id'][0]
    fault = fault_of(admin, 'res.partner', 'write', [partner], {'mobile': '029-8888'}, context={'lang': 'zh_CN'})
    assert fault and '手机' in fault.faultString and '13800000000' in fault.faultString, fault
    # the partner form of the web client (JSON-RPC), as a user would enter it
    result, error = Browser('admin').call_kw('res.partner', 'write', [partner], {'mobile': '12345'})
    assert error and '手机' in error['data']['message'], error
    assert admin('res.partner', 'read', [partner], ['mobile'])[0]['mobile'] != '12345'


def _in_own_thread(work):
    """Runs ``work`` in a thread of its own: the browser tests' session keeps Playwright's event
    loop running in the main thread, where a second sync_playwright() is refused."""
    outcome = {}

    def run():
        try:
            work()
        except BaseException as error:  # handed back to the test's thread
            outcome['error'] = error
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if 'error' in outcome:
        raise outcome['error']


def test_settings_and_log_as_administrators_see_them(accepted_request):
    _in_own_thread(lambda: _settings_and_log(accepted_request))


def _settings_and_log(accepted_request):
    from playwright.sync_api import sync_playwright
    os.makedirs(SCREENSHOTS, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which('chromium'), headless=True, args=[
            '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync'])
        page = browser.new_context(viewport={'width': 1366, 'height': 800}, locale='zh-CN').new_page()
        page.set_default_timeout(30000)
        page.goto(BASE_URL + '/web/login')
        page.fill('input[name=login]', 'admin')
        page.fill('input[name=password]', 'admin')
        page.click('button[type=submit]')
        assert 'admin' in TWO_FACTOR_LOGINS
        page.wait_for_selector('input[name=confirmation_code]')
        page.fill('input[name=confirmation_code]', totp_now())
        page.click('button[type=submit]')
        page.wait_for_selector('#oe_main_menu_navbar .oe_application_menu_placeholder')

        def show(action, name, wait_for):
            page.goto('%s/web?reload=%s#action=%s' % (BASE_URL, name, action))
            page.wait_for_selector(wait_for)
            page.wait_for_selector('.o_loading', state='hidden')
            page.screenshot(path=os.path.join(SCREENSHOTS, 'notifications-%s.png' % name), full_page=True)
            return page.inner_text('.o_content')

        events = show('gradient_cultivation.cultivation_notification_event_action', 'events', '.o_list_view')
        for label in ('月报开放填报', '月报三天后截止', '申请被退回', '服务请求已接受', '每日审核待办汇总'):
            assert label in events, label
        log = show('gradient_base.gradient_notification_log_action', 'log', '.o_list_view')
        assert accepted_request['name'] in log and CONTACT_MOBILE in log
        assert '已发送' in log
        gateways = show('gradient_base.gradient_sms_provider_action', 'gateways', '.o_list_view')
        assert '开发环境短信通道' in gateways
        browser.close()


def test_review_events_reach_the_mailbox(admin, world):
    """Two more events end to end, as their users cause them over RPC: the territory reviewer
    passes the demo enterprise's application (stage passed, by e-mail), the bureau returns it
    (returned, by e-mail and SMS); each e-mail is read back from the SMTP server's Maildir."""
    apps = admin('cultivation.application', 'search_read', [
        ('enterprise_id', '=', world.enterprise_a), ('state', '=', 'in_review')], ['name', 'stage_id'], limit=1)
    assert apps, 'the demo enterprise has an application in review'
    app = apps[0]
    contact = admin('res.users', 'search_read', [('login', '=', 'enterprise')], ['email'])[0]['email']
    before = len([mail for mail in _mails_to(contact, '') if app['name'] in mail[0] + mail[1]])
    Rpc('zhangba')('cultivation.application', 'action_approve', [app['id']], '材料齐全，同意报送。')
    stage = admin('cultivation.application', 'read', [app['id']], ['stage_id', 'state'])[0]
    assert stage['state'] == 'in_review' and stage['stage_id'] != app['stage_id'], stage
    Rpc('bureau')('cultivation.application', 'action_return', [app['id']], '请补充近两年研发费用明细。')
    logs = admin('gradient.notification.log', 'search_read', [
        ('res_model', '=', 'cultivation.application'), ('res_id', '=', app['id']), ('channel', '=', 'email')],
        ['state', 'recipient', 'event'], order='id')
    assert len(logs) >= 2 and all(log['state'] == 'queued' for log in logs[-2:]), logs
    _run_cron(admin, 'mail.ir_cron_mail_scheduler_action')
    mails = [mail for mail in _mails_to(contact, '') if app['name'] in mail[0] + mail[1]]
    assert len(mails) >= before + 2, (before, [subject for subject, _body in mails])
    assert any('退回' in subject + body and '研发费用明细' in body for subject, body in mails), mails[-2:]
    sent = admin('gradient.notification.log', 'read', [log['id'] for log in logs[-2:]], ['state'])
    assert [log['state'] for log in sent] == ['sent', 'sent'], sent
