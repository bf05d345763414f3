"""Two-factor login in Chromium: the administrator signs in with the password and the code of the
demo key; a new bureau reviewer is made to enrol (QR code or key, then a code) before reaching the
back office, and finds the two-factor settings in the preferences. Desktop and a 390 px phone.
Screenshots: var/screenshots/two_factor_*.png."""
import os
import time
import xmlrpc.client

import pyotp
from playwright.sync_api import expect

from conftest import BASE_URL, login, rpc_credential, totp_now

DB = os.environ.get('GC_DB_NAME', 'gradient_test')
PASSWORD = 'Two-Factor-Browser-2026'


def admin_rpc(model, method, *args, **kw):
    credential = rpc_credential('admin', 'admin')
    uid = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common').authenticate(DB, 'admin', credential, {})
    return xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object', allow_none=True).execute_kw(
        DB, uid, credential, model, method, list(args), kw)


def new_bureau_reviewer():
    login_name = 'gc_browser_2fa_%d' % int(time.time() * 1000)
    group = admin_rpc('ir.model.data', 'xmlid_to_res_id', 'gradient_cultivation.group_bureau_reviewer')
    admin_rpc('res.users', 'create', {'name': '新审核员', 'login': login_name, 'password': PASSWORD, 'lang': 'zh_CN',
                                      'tz': 'Asia/Shanghai', 'groups_id': [(6, 0, [group])]},
              context={'no_reset_password': True})
    return login_name


def submit_password(page, login_name, password):
    page.goto(BASE_URL + '/web/login')
    page.fill('input[name=login]', login_name)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')


def test_administrator_signs_in_with_the_code(browser, page, shot):
    submit_password(page, 'admin', 'admin')
    page.wait_for_selector('input[name=confirmation_code]')
    expect(page.locator('form.o_two_factor_code')).to_contain_text('身份验证器')
    shot(page, 'two_factor_code')
    page.fill('input[name=confirmation_code]', totp_now())
    page.click('button[type=submit]')
    page.wait_for_selector('#oe_main_menu_navbar .oe_application_menu_placeholder')

    phone = browser.new_context(viewport={'width': 390, 'height': 844}, locale='zh-CN', is_mobile=True)
    try:
        mobile = phone.new_page()
        submit_password(mobile, 'admin', 'admin')
        mobile.wait_for_selector('input[name=confirmation_code]')
        shot(mobile, 'two_factor_code_phone')
    finally:
        phone.close()


def test_a_new_bureau_reviewer_enrols_before_anything_else(browser, page, shot):
    login_name = new_bureau_reviewer()
    submit_password(page, login_name, PASSWORD)
    page.wait_for_selector('form.o_two_factor_enrol')
    assert '/auth_totp/enrol' in page.url
    expect(page.locator('form.o_two_factor_enrol h4')).to_have_text('设置双因素登录')
    expect(page.locator('img.o_two_factor_qr')).to_be_visible()
    shot(page, 'two_factor_enrol')
    # nothing of the back office before the enrolment
    page.goto(BASE_URL + '/web')
    page.wait_for_selector('form.oe_login_form input[name=login]')
    submit_password(page, login_name, PASSWORD)
    page.wait_for_selector('form.o_two_factor_enrol')
    secret = page.locator('.o_two_factor_secret').inner_text().replace(' ', '')
    # a wrong code (a failure in the login log; admin's own codes are not spent on it)
    now = pyotp.TOTP(secret).now()
    page.fill('input[name=confirmation_code]', '000000' if now != '000000' else '111111')
    page.click('form.o_two_factor_enrol button[type=submit]')
    expect(page.locator('.alert-danger')).to_contain_text('验证码不正确')
    shot(page, 'two_factor_enrol_wrong_code')
    page.fill('input[name=confirmation_code]', pyotp.TOTP(secret).now())
    page.click('form.o_two_factor_enrol button[type=submit]')
    page.wait_for_selector('#oe_main_menu_navbar .oe_application_menu_placeholder')
    # the preferences show the app and the switch (offered to everyone, kept on for this role)
    page.click('.o_user_menu > a')
    page.click('a[data-menu=settings]')
    dialog = page.locator('.modal-dialog.modal-lg')
    expect(dialog).to_contain_text('双因素登录')
    expect(dialog.locator('.o_field_many2manytags')).to_contain_text('手机身份验证器')
    dialog.locator('.o_field_many2manytags').scroll_into_view_if_needed()
    shot(page, 'two_factor_preferences')
    # a second app from the preferences: auth_totp's wizard, in Chinese, its QR code inline
    dialog.locator('button:has-text("添加身份验证器 App")').click()
    wizard = page.locator('.modal-dialog:has(.modal-title:has-text("添加身份验证器 App"))')
    expect(wizard.locator('img[src^="data:image/png;base64,"]')).to_be_visible()
    shot(page, 'two_factor_add_app')

    phone = browser.new_context(viewport={'width': 390, 'height': 844}, locale='zh-CN', is_mobile=True)
    try:
        mobile = phone.new_page()
        submit_password(mobile, new_bureau_reviewer(), PASSWORD)
        mobile.wait_for_selector('form.o_two_factor_enrol')
        shot(mobile, 'two_factor_enrol_phone')
    finally:
        phone.close()


def test_the_demo_login_helper_passes_the_second_factor(page):
    login(page, 'bureau', 'bureau')
    expect(page.locator('.o_user_menu')).to_be_visible()
