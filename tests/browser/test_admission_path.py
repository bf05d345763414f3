"""The whole admission path in Chromium: an enterprise signs up, binds its enterprise, applies,
is returned by its territory, resubmits, passes the territory, the bureau and the joint review,
and sees itself admitted. Screenshots of every screen go to var/screenshots/admission_*.png."""
import re
import time

from playwright.sync_api import expect

from conftest import BASE_URL, login, open_record

ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
PDF = b'%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'


def credit_code(serial):
    """A valid GB 32100-2015 code (an independent implementation: the test's own oracle)."""
    body = '91610131MA%07d' % serial
    check = (31 - sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS)) % 31) % 31
    return body + ALPHABET[check]


def review(browser, shot, login_name, application_id, button, fields, name):
    context = browser.new_context(viewport={'width': 1366, 'height': 900}, locale='zh-CN')
    page = context.new_page()
    page.set_default_timeout(20000)
    login(page, login_name, login_name)
    open_record(page, 'cultivation.application', application_id)
    page.click('.o_form_statusbar button:has-text("%s")' % button)
    dialog = page.locator('.modal-dialog')
    expect(dialog).to_be_visible()
    for selector, value in fields:
        dialog.locator(selector).fill(value)
    shot(page, name)
    dialog.locator('button:has-text("确认")').click()
    expect(page.locator('.modal-dialog')).to_have_count(0)
    page.wait_for_selector('.o_loading', state='hidden')
    context.close()


def test_enterprise_signs_up_applies_and_is_admitted(browser, page, shot, tmp_path):
    stamp = int(time.time()) % 10000000
    email = 'e2e%d@example.com' % stamp
    code = credit_code(stamp)
    licence = tmp_path / 'licence.pdf'
    licence.write_bytes(PDF)

    # 1. Sign up on the portal
    page.goto(BASE_URL + '/web/signup')
    page.fill('input[name=login]', email)
    page.fill('input[name=name]', '陈晓')
    page.fill('input[name=password]', 'Secret-pw-2026')
    page.fill('input[name=confirm_password]', 'Secret-pw-2026')
    shot(page, 'admission_01_signup')
    page.click('button[type=submit]')
    page.wait_for_url('**/my**')
    expect(page.locator('.gc-bind-hint')).to_be_visible()
    shot(page, 'admission_02_portal_home')

    # 2. Bind the enterprise: a wrong code is explained and what was typed stays
    page.goto(BASE_URL + '/my/enterprise')
    page.fill('input[name=credit_code]', code[:-1] + ('1' if code[-1] != '1' else '2'))
    page.fill('input[name=name]', '西安秦芯微电子有限公司')
    page.select_option('select[name=territory_id]', label='西安高新区 / 丈八街道')
    page.fill('input[name=legal_representative]', '陈晓')
    page.click('form.gc-form button[type=submit]')
    expect(page.locator('.gc-field-error').first).to_contain_text('校验码')
    expect(page.locator('input[name=name]')).to_have_value('西安秦芯微电子有限公司')
    shot(page, 'admission_03_bind_error')
    page.fill('input[name=credit_code]', code)
    page.click('form.gc-form button[type=submit]')
    expect(page.locator('.alert-success')).to_contain_text('西安秦芯微电子有限公司')

    # 3. Apply to the SRDI SME library of the open call
    page.goto(BASE_URL + '/my/applications/new')
    page.locator('label:has-text("专精特新中小企业培育库") input[type=radio]').first.check()
    shot(page, 'admission_04_new_application')
    page.click('button:has-text("创建申请")')
    page.wait_for_url(re.compile(r'.*/my/applications/\d+/edit'))
    application_id = int(re.search(r'/my/applications/(\d+)/edit', page.url).group(1))

    page.fill('input[name=address]', '西安市高新区锦业路 12 号')
    page.fill('input[name=industry_code]', 'C3973')
    page.fill('input[name=contact_name]', '陈晓')
    page.fill('input[name=contact_phone]', '029-8765 4321')
    page.fill('input[name=main_product]', '车规级功率芯片')
    page.fill('input[name=niche_field]', '功率半导体')
    page.fill('input[name=niche_years]', '5')
    for year, revenue in (('2025', '6200'), ('2024', '5100')):
        page.fill('input[name=fin_%s_operating_revenue]' % year, revenue)
        page.fill('input[name=fin_%s_main_revenue]' % year, str(int(revenue) - 300))
        page.fill('input[name=fin_%s_rd_spend]' % year, '480')
        page.fill('input[name=fin_%s_total_assets]' % year, '9000')
        page.fill('input[name=fin_%s_total_liabilities]' % year, '3600')
    page.check('input[name=pledge_accepted]')
    page.fill('input[name=pledge_signatory]', '陈晓')
    page.click('button.gc-save')
    expect(page.locator('.alert-success')).to_contain_text('草稿已保存')
    for doc_type in ('licence', 'financial_statement'):
        page.select_option('.gc-upload select[name=doc_type]', doc_type)
        page.set_input_files('.gc-upload input[type=file]', str(licence))
        page.click('button.gc-upload-button')
        expect(page.locator('.alert-success')).to_contain_text('文件已上传')
    shot(page, 'admission_05_application_form')
    page.click('button.gc-submit')
    expect(page.locator('.alert-success')).to_contain_text('已提交')
    shot(page, 'admission_06_submitted')

    # 4. The territory returns it with a reason
    review(browser, shot, 'zhangba', application_id, '退回',
           [('textarea[name=reason]', '请补充近两年的审计报告。')], 'admission_07_territory_return')

    # 5. The enterprise sees the reason, corrects and resubmits (version 2)
    page.goto(BASE_URL + '/my/applications/%d' % application_id)
    expect(page.locator('.gc-return-reason')).to_contain_text('请补充近两年的审计报告')
    shot(page, 'admission_08_returned')
    page.click('a.gc-edit')
    page.select_option('.gc-upload select[name=doc_type]', 'audit_report')
    page.set_input_files('.gc-upload input[type=file]', str(licence))
    page.click('button.gc-upload-button')
    expect(page.locator('.alert-success')).to_contain_text('文件已上传')
    page.click('button.gc-submit')
    expect(page.locator('.alert-success')).to_contain_text('已提交')

    # 6. Territory, bureau and the three joint review members pass it
    review(browser, shot, 'zhangba', application_id, '通过',
           [('textarea[name=opinion]', '材料齐全，情况属实。')], 'admission_09_territory_pass')
    review(browser, shot, 'bureau', application_id, '通过',
           [('textarea[name=opinion]', '符合专精特新中小企业入库条件。')], 'admission_10_bureau_pass')
    for member, score in (('joint1', '82'), ('joint2', '76'), ('joint3', '71')):
        review(browser, shot, member, application_id, '评分',
               [('input[name=score]', score), ('textarea[name=opinion]', '同意入库。')],
               'admission_11_joint_%s' % member)

    # 7. The enterprise sees itself admitted, version 2, and prints the application
    page.goto(BASE_URL + '/my/applications/%d' % application_id)
    expect(page.locator('.gc-admitted')).to_contain_text('已入库')
    expect(page.locator('.gc-history')).to_contain_text('请补充近两年的审计报告')
    # the chatter's dates, written by the browser, in Chinese too
    published = page.locator('.o_portal_chatter_puslished_date').first
    expect(published).to_contain_text(re.compile(r'\d{4}年\d{1,2}月\d{1,2}日'))
    assert 'November' not in published.inner_text()
    shot(page, 'admission_12_admitted')
    pdf = page.request.get(BASE_URL + '/my/applications/%d/print' % application_id)
    assert pdf.headers['content-type'] == 'application/pdf'
    assert pdf.body().startswith(b'%PDF')
    page.goto(BASE_URL + '/my/applications')
    expect(page.locator('.o_portal_my_doc_table')).to_contain_text('已入库')
    shot(page, 'admission_13_my_applications')
