"""Claiming a known enterprise in Chromium (finding 1 of the outside probe): two fresh accounts
claim the same enterprise with documents, on a desktop and on a phone; its territory reviewer
approves one in the back office and rejects the other with a reason; the first account then acts
for the enterprise, the second sees the reason and nothing of the enterprise.
Screenshots: var/screenshots/claim_*.png."""
import os
import re
import time
import xmlrpc.client

from playwright.sync_api import expect

from conftest import BASE_URL, login, open_record, rpc_credential

DB = os.environ.get('GC_DB_NAME', 'gradient_test')
PDF = b'%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'
PNG = b'\x89PNG\r\n\x1a\n' + b'\x00' * 64
PASSWORD = 'Claim-Browser-2026'


def admin_rpc(model, method, *args, **kwargs):
    credential = rpc_credential('admin', 'admin')  # the administrator signs in with two factors
    uid = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common').authenticate(DB, 'admin', credential, {})
    proxy = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object', allow_none=True)
    return proxy.execute_kw(DB, uid, rpc_credential('admin', 'admin'), model, method, list(args), kwargs)


ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def unbound_enterprise_of(reviewer, stamp):
    """A registered enterprise of the reviewer's territory that no portal account acts for yet,
    as most enterprises the zone registered itself (made here, so that every run has its own)."""
    territory = admin_rpc('res.users', 'search_read', [('login', '=', reviewer)], ['territory_ids'])[0]['territory_ids'][0]
    body = '91610131MB%07d' % stamp
    code = body + ALPHABET[(31 - sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS)) % 31) % 31]
    name = '西安启明精密制造有限公司%d' % stamp
    enterprise_id = admin_rpc('cultivation.enterprise', 'create', {
        'name': name, 'credit_code': code, 'territory_id': territory, 'legal_representative': '李明'})
    return {'id': enterprise_id, 'credit_code': code, 'name': name}


def sign_up(page, email, name):
    page.goto(BASE_URL + '/web/signup')
    page.fill('input[name=login]', email)
    page.fill('input[name=name]', name)
    page.fill('input[name=password]', PASSWORD)
    page.fill('input[name=confirm_password]', PASSWORD)
    page.click('button[type=submit]')
    page.wait_for_url('**/my**')


def claim(page, shot, enterprise, applicant, prefix, tmp_path):
    page.goto(BASE_URL + '/my/enterprise')
    page.fill('input[name=credit_code]', enterprise['credit_code'])
    page.fill('input[name=name]', '随便写的名称')
    page.select_option('select[name=territory_id]', index=1)
    page.click('form.gc-form button[type=submit]')
    page.wait_for_url('**/my/enterprise/claim**')
    expect(page.locator('.gc-claim-intro')).to_contain_text(enterprise['name'])
    shot(page, '%s_01_claim_form' % prefix)
    # without documents: each missing one is named, what was typed stays
    page.fill('input[name=applicant_name]', applicant)
    page.fill('input[name=applicant_phone]', '13912345678')
    page.click('form.gc-claim-form button[type=submit]')
    expect(page.locator('.gc-field-error').first).to_contain_text('营业执照')
    expect(page.locator('input[name=applicant_name]')).to_have_value(applicant)
    shot(page, '%s_02_claim_errors' % prefix)
    licence, letter = tmp_path / ('%s_licence.pdf' % prefix), tmp_path / ('%s_letter.png' % prefix)
    licence.write_bytes(PDF)
    letter.write_bytes(PNG)
    page.set_input_files('input[name=licence_file]', str(licence))
    page.set_input_files('input[name=authorization_file]', str(letter))
    page.fill('input[name=applicant_position]', '总经理助理')
    page.click('form.gc-claim-form button[type=submit]')
    page.wait_for_url('**/my/enterprise?claimed=1')
    expect(page.locator('.gc-claim-pending')).to_contain_text(enterprise['name'])
    shot(page, '%s_03_claim_pending' % prefix)
    # nothing of the enterprise while the claim waits
    page.goto(BASE_URL + '/my/applications')
    expect(page.locator('body')).not_to_contain_text(enterprise['name'])


def test_claim_approved_and_rejected_by_the_territory(browser, page, shot, tmp_path):
    stamp = int(time.time()) % 10000000
    enterprise = unbound_enterprise_of('zhangba', stamp)

    logins = ('claim%d@example.com' % stamp, 'claim%db@example.com' % stamp)
    sign_up(page, logins[0], '周敏')
    claim(page, shot, enterprise, '周敏', 'claim_desktop', tmp_path)

    phone = browser.new_context(viewport={'width': 390, 'height': 844}, locale='zh-CN', is_mobile=True,
                                has_touch=True, device_scale_factor=2)
    phone_page = phone.new_page()
    phone_page.set_default_timeout(20000)
    sign_up(phone_page, logins[1], '吴刚')
    claim(phone_page, shot, enterprise, '吴刚', 'claim_phone', tmp_path)

    claims = admin_rpc('cultivation.enterprise.claim', 'search_read',
                       [('enterprise_id', '=', enterprise['id']), ('user_id.login', 'in', logins)], ['applicant_name'])
    by_name = {c['applicant_name']: c['id'] for c in claims}

    staff = browser.new_context(viewport={'width': 1440, 'height': 900}, locale='zh-CN')
    back = staff.new_page()
    back.set_default_timeout(20000)
    login(back, 'zhangba', 'zhangba')
    back.click('a[data-menu-xmlid="gradient_cultivation.cultivation_menu_root"]')
    back.click('a[data-menu-xmlid="gradient_cultivation.cultivation_enterprise_claim_menu"]:visible')
    back.wait_for_selector('.o_list_view')
    expect(back.locator('.o_list_view')).to_contain_text(enterprise['name'])
    shot(back, 'claim_10_reviewer_list')
    open_record(back, 'cultivation.enterprise.claim', by_name['周敏'])
    expect(back.locator('.o_form_view')).to_contain_text('营业执照')
    shot(back, 'claim_11_reviewer_form')
    back.click('.o_form_statusbar button:has-text("核验通过并绑定")')
    back.locator('.modal-footer button.btn-primary').click()
    expect(back.locator('.o_form_statusbar .o_arrow_button.btn-primary')).to_contain_text('已通过')
    shot(back, 'claim_12_reviewer_approved')

    open_record(back, 'cultivation.enterprise.claim', by_name['吴刚'])
    back.click('.o_form_statusbar button:has-text("驳回")')
    dialog = back.locator('.modal-dialog')
    dialog.locator('textarea[name=reason]').fill('授权委托书未加盖企业公章，请补盖后重新提交。')
    shot(back, 'claim_13_reviewer_reject')
    dialog.locator('button:has-text("确认")').click()
    expect(back.locator('.modal-dialog')).to_have_count(0)
    back.wait_for_selector('.o_loading', state='hidden')

    # the reviewer also invites the enterprise's finance contact by e-mail
    invited = 'finance%d@example.com' % stamp
    open_record(back, 'cultivation.enterprise', enterprise['id'])
    back.click('.o_form_statusbar button:has-text("邀请企业联系人")')
    dialog = back.locator('.modal-dialog')
    dialog.locator('input[name=name]').fill('孙丽')
    dialog.locator('input[name=email]').fill(invited)
    shot(back, 'claim_14_reviewer_invites')
    dialog.locator('button:has-text("发送邀请")').click()
    expect(back.locator('.modal-dialog')).to_have_count(0)
    back.wait_for_selector('.o_loading', state='hidden')
    back.click('.o_notebook a:has-text("门户用户")')
    expect(back.locator('.o_notebook')).to_contain_text(invited)
    shot(back, 'claim_15_enterprise_accounts')
    staff.close()
    bindings = admin_rpc('cultivation.enterprise.claim', 'search_read', [('enterprise_id', '=', enterprise['id'])],
                         ['origin', 'state', 'login'])
    assert {(b['login'], b['origin'], b['state']) for b in bindings} == {
        (logins[0], 'claim', 'approved'), (logins[1], 'claim', 'rejected'), (invited, 'invitation', 'approved')}

    # the approved account now acts for the enterprise
    page.goto(BASE_URL + '/my/enterprise')
    expect(page.locator('body')).to_contain_text(enterprise['credit_code'])
    expect(page.locator('h3.page-header')).to_contain_text('我的企业')
    shot(page, 'claim_desktop_04_bound')
    # the rejected one reads the reason, and nothing of the enterprise
    phone_page.goto(BASE_URL + '/my/enterprise')
    expect(phone_page.locator('.gc-claim-rejected')).to_contain_text('未加盖企业公章')
    shot(phone_page, 'claim_phone_04_rejected')
    phone_page.goto(BASE_URL + '/my/applications')
    expect(phone_page.locator('body')).not_to_contain_text(enterprise['name'])
    assert not re.search(r'Traceback|Internal Server Error', phone_page.content())
    phone.close()
