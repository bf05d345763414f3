"""Sign-on through the 助企一把 platform in Chromium (issue 15): from Odoo's login page, the button
「使用助企一把账号登录」 leads to the local OpenID provider's own login page (deploy/oidc/provider.mjs,
started by `make test`), where each demo identity signs in with its password:
- ruichi, an enterprise of the demo data: lands on its portal home, bound to that enterprise;
- xinghe, an enterprise the zone does not know: the enterprise is created and bound;
- lina, a staff identity linked to the demo reviewer 李娜 (丈八街道): lands in the back office
  with her territories;
- wangqiang, a staff identity nobody linked: refused, in Chinese, on the login page.
Signing out of the module signs out of the platform too (its login page is asked again).
Screenshots at 1440 px and 390 px wide: var/screenshots/oidc_*.png."""
import os
import xmlrpc.client

import pytest

from conftest import BASE_URL, rpc_credential

DB = os.environ.get('GC_DB_NAME', 'gradient_test')
KNOWN_CODE, NEW_CODE = '91610131MA6TXB8L4U', '91610131MA7XH2Q5NY'
WIDTHS = {'desktop': {'width': 1440, 'height': 900}, 'phone': {'width': 390, 'height': 844}}


def admin_rpc(model, method, *args, **kwargs):
    uid = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common').authenticate(
        DB, 'admin', rpc_credential('admin', 'admin'), {})
    proxy = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object', allow_none=True)
    return proxy.execute_kw(DB, uid, rpc_credential('admin', 'admin'), model, method, list(args), kwargs)


@pytest.fixture
def context_of(browser):
    contexts = []

    def make(width):
        context = browser.new_context(viewport=WIDTHS[width], locale='zh-CN')
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30000)
        return page
    yield make
    for context in contexts:
        context.close()


def sign_on(page, shot, identity, prefix):
    """Odoo's login page, the platform's button, the provider's login page, its form."""
    page.goto(BASE_URL + '/web/login')
    button = page.locator('a.o_gc_oidc_button')
    assert button.inner_text().strip() == '使用助企一把账号登录'
    shot(page, '%s_01_login_page' % prefix)
    button.click()
    page.wait_for_selector('form[action$="/login"] input[name=login]')
    assert '登录助企一把' in page.inner_text('h1')
    assert page.url.startswith(platform_issuer()), page.url  # the provider's own page
    page.fill('input[name=login]', identity)
    page.fill('input[name=password]', identity)
    shot(page, '%s_02_platform_login' % prefix)
    page.click('button[type=submit]')


_ISSUER = []


def platform_issuer():
    if not _ISSUER:
        found = admin_rpc('gradient.oidc.provider', 'search_read', [('enabled', '=', True)], ['issuer'])
        assert found, 'no enabled sign-on provider in the test database (demo data)'
        _ISSUER.append(found[0]['issuer'].rstrip('/'))
    return _ISSUER[0]


def user_of(sub):
    found = admin_rpc('res.users', 'search_read', [('oidc_subject', '=', sub)], ['partner_id', 'login'],
                      context={'active_test': False})
    return found[0] if found else None


def enterprise_of(user):
    partner = admin_rpc('res.partner', 'read', [user['partner_id'][0]], ['commercial_partner_id'])[0]
    found = admin_rpc('cultivation.enterprise', 'search_read',
                      [('partner_id', '=', partner['commercial_partner_id'][0])], ['name', 'credit_code'])
    return found[0] if found else None


@pytest.mark.parametrize('width', ['desktop', 'phone'])
def test_known_enterprise_lands_on_its_portal_home(context_of, shot, width):
    page = context_of(width)
    prefix = 'oidc_known_%s' % width
    sign_on(page, shot, 'ruichi', prefix)
    page.wait_for_url(BASE_URL + '/my**')
    page.wait_for_selector('.o_portal_my_home', state='attached')
    shot(page, '%s_03_portal_home' % prefix)
    user = user_of('zqyb-ent-7f3a01')
    assert user, 'no account for the platform identity'
    enterprise = enterprise_of(user)
    assert enterprise and enterprise['credit_code'] == KNOWN_CODE, enterprise
    assert admin_rpc('cultivation.enterprise', 'search_count', [('credit_code', '=', KNOWN_CODE)]) == 1
    assert enterprise['name'] in page.inner_text('.o_portal_my_home')  # 我的企业 · its name
    page.goto(BASE_URL + '/my/enterprise')
    page.wait_for_selector('text=%s' % enterprise['name'])
    shot(page, '%s_04_portal_enterprise' % prefix)
    claims = admin_rpc('cultivation.enterprise.claim', 'search_read',
                       [('user_id.oidc_subject', '=', 'zqyb-ent-7f3a01')], ['origin', 'state'])
    assert claims and all(c['origin'] == 'signon' and c['state'] == 'approved' for c in claims) and len(claims) == 1


def test_new_enterprise_is_created_and_bound(context_of, shot):
    existed = admin_rpc('cultivation.enterprise', 'search_count', [('credit_code', '=', NEW_CODE)],
                        context={'active_test': False})
    page = context_of('desktop')
    sign_on(page, shot, 'xinghe', 'oidc_new_desktop')
    page.wait_for_url(BASE_URL + '/my**')
    enterprise = enterprise_of(user_of('zqyb-ent-7f3a02'))
    assert enterprise and enterprise['credit_code'] == NEW_CODE and enterprise['name'] == '西安星河智能传感科技有限公司'
    if not existed:  # a fresh test database: this sign-on created it
        log = admin_rpc('gradient.oidc.log', 'search_count', [('event', '=', 'enterprise'), ('credit_code', '=', NEW_CODE)])
        assert log == 1
    assert admin_rpc('cultivation.enterprise', 'search_count', [('credit_code', '=', NEW_CODE)]) == 1
    page.goto(BASE_URL + '/my/enterprise')
    page.wait_for_selector('text=西安星河智能传感科技有限公司')
    shot(page, 'oidc_new_desktop_03_portal_enterprise')


def test_reviewer_lands_in_the_back_office_with_her_territories(context_of, shot):
    page = context_of('desktop')
    sign_on(page, shot, 'lina', 'oidc_reviewer_desktop')
    page.wait_for_selector('#oe_main_menu_navbar .oe_application_menu_placeholder')
    assert '李娜' in page.inner_text('.oe_topbar_name')
    # the session is the demo reviewer's, with the territories Odoo gives her
    info = page.evaluate("""() => fetch('/web/session/get_session_info', {method: 'POST',
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify({jsonrpc: '2.0', params: {}})})
        .then(r => r.json())""")['result']
    zhangba = admin_rpc('res.users', 'search_read', [('login', '=', 'zhangba')], ['territory_ids'])[0]
    assert info['uid'] == zhangba['id'] and zhangba['territory_ids']
    territories = page.evaluate("""() => fetch('/web/dataset/call_kw', {method: 'POST',
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify({jsonrpc: '2.0', params: {
        model: 'res.users', method: 'read', args: [[%d], ['territory_ids']], kwargs: {}}})})
        .then(r => r.json())""" % zhangba['id'])['result'][0]['territory_ids']
    assert territories == zhangba['territory_ids']
    page.wait_for_selector('.o_loading', state='hidden')
    shot(page, 'oidc_reviewer_desktop_03_back_office')


@pytest.mark.parametrize('width', ['desktop', 'phone'])
def test_unknown_staff_is_refused_in_chinese(context_of, shot, width):
    users = admin_rpc('res.users', 'search_count', [], context={'active_test': False})
    page = context_of(width)
    sign_on(page, shot, 'wangqiang', 'oidc_unknown_%s' % width)
    page.wait_for_url(BASE_URL + '/web/login**')
    alert = page.inner_text('.alert-danger')
    assert '尚未关联本系统的账号' in alert and 'GXQ-XX-0999' in alert, alert
    shot(page, 'oidc_unknown_%s_03_refused' % width)
    assert admin_rpc('res.users', 'search_count', [], context={'active_test': False}) == users
    assert not user_of('zqyb-staff-0999')


def test_signing_out_signs_out_of_the_platform(context_of, shot):
    page = context_of('desktop')
    sign_on(page, shot, 'ruichi', 'oidc_logout_desktop')
    page.wait_for_url(BASE_URL + '/my**')
    page.goto(BASE_URL + '/web/session/logout?redirect=/')
    page.wait_for_url(BASE_URL + '/web/login**')
    shot(page, 'oidc_logout_desktop_03_signed_out')
    # the platform forgot the browser too: its login page is asked again
    page.click('a.o_gc_oidc_button')
    page.wait_for_selector('form[action$="/login"] input[name=login]')
    assert page.url.startswith(platform_issuer())
