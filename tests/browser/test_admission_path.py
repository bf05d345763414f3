"""The whole admission path in Chromium: an enterprise signs up, binds its enterprise, applies,
is returned by its territory, resubmits, passes the territory, the bureau and the joint review,
and sees itself admitted. Screenshots of every screen go to var/screenshots/admission_*.png."""
import re
import time

from playwright.sync_api import expect

from conftest import BASE_URL, login, open_menu, open_record, rpc_credential

ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
PDF = b'%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'


def credit_code(serial):
    """A valid GB 32100-2015 code (an independent implementation: the test's own oracle)."""
    body = '91610131MA%07d' % serial
    check = (31 - sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS)) % 31) % 31
    return body + ALPHABET[check]


class Rpc(object):
    """An XML-RPC client of a demo user (the test's stand-in for the passing of time)."""

    def __init__(self, login):
        import os
        import xmlrpc.client
        self.db = os.environ.get('GC_DB_NAME', 'gradient_test')
        self.login = login
        self.uid = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common').authenticate(
            self.db, login, rpc_credential(login, login), {})
        self.proxy = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object', allow_none=True)

    def __call__(self, model, method, *args):
        return self.proxy.execute_kw(self.db, self.uid, rpc_credential(self.login, self.login), model, method, list(args))


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
        expect(page.locator('.gc-uploaded')).to_contain_text('文件已上传')
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
    expect(page.locator('.gc-uploaded')).to_contain_text('文件已上传')
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

    # 7. Passed: it awaits the publication (公示), not yet admitted
    page.goto(BASE_URL + '/my/applications/%d' % application_id)
    expect(page.locator('.gc-state')).to_contain_text('待公示')
    shot(page, 'admission_12_awaiting_publication')

    # 8. The bureau lists the passed applications and publishes them
    bureau = browser.new_context(viewport={'width': 1440, 'height': 900}, locale='zh-CN')
    bpage = bureau.new_page()
    bpage.set_default_timeout(20000)
    login(bpage, 'bureau', 'bureau')
    open_menu(bpage, 'gradient_cultivation.cultivation_menu_root')
    open_menu(bpage, 'gradient_cultivation.cultivation_publication_menu')
    bpage.click('.o_list_button_add')
    bpage.wait_for_selector('.o_form_editable')
    bpage.fill('.o_field_widget[name=title]', '拟入库企业名单公示（浏览器测试%d）' % stamp)
    bpage.click('.o_form_button_save')
    bpage.wait_for_selector('.o_form_readonly')
    bpage.click('.o_statusbar_buttons button:has-text("加入待公示的申请")')
    expect(bpage.locator('.o_field_widget[name=application_ids]')).to_contain_text('西安秦芯微电子有限公司')
    bpage.click('.o_statusbar_buttons button:has-text("发布公示")')
    bpage.click('.modal-dialog button:has-text("确定")')
    expect(bpage.locator('.o_statusbar_status .btn-primary')).to_contain_text('公示中')
    publication_id = int(re.search(r'[#&]id=(\d+)', bpage.url).group(1))
    shot(bpage, 'admission_13_publication_published')

    # 9. Anyone reads it without login and lodges an objection with evidence
    for width, height in ((1440, 900), (390, 844)):
        public = browser.new_context(viewport={'width': width, 'height': height}, locale='zh-CN')
        ppage = public.new_page()
        ppage.goto(BASE_URL + '/publications')
        expect(ppage.locator('.gc-publication-list')).to_contain_text('浏览器测试%d' % stamp)
        shot(ppage, 'admission_14_publications_%d' % width)
        ppage.goto(BASE_URL + '/publications/%d' % publication_id)
        expect(ppage.locator('.gc-publication-rows')).to_contain_text('西安秦芯微电子有限公司')
        expect(ppage.locator('.gc-publication-rows')).to_contain_text(code)
        expect(ppage.locator('body')).not_to_contain_text('6200')  # no figure of the enterprise
        shot(ppage, 'admission_15_publication_%d' % width)
        public.close()
    public = browser.new_context(viewport={'width': 1440, 'height': 900}, locale='zh-CN')
    ppage = public.new_page()
    ppage.goto(BASE_URL + '/publications/%d' % publication_id)
    ppage.select_option('select[name=application_id]', label='西安秦芯微电子有限公司')
    ppage.fill('input[name=objector_name]', '赵先生')
    ppage.fill('input[name=contact_phone]', '电话')
    ppage.fill('textarea[name=reasons]', '该企业的芯片产线在区外，申报的本地产值存疑。')
    ppage.click('button.gc-lodge')
    expect(ppage.locator('.gc-field-error').first).to_contain_text('电话')
    expect(ppage.locator('textarea[name=reasons]')).to_have_value('该企业的芯片产线在区外，申报的本地产值存疑。')
    shot(ppage, 'admission_16_objection_error')
    ppage.fill('input[name=contact_phone]', '13912345678')
    ppage.set_input_files('input[name=evidence]', str(licence))
    ppage.click('button.gc-lodge')
    expect(ppage.locator('.gc-lodged')).to_contain_text('YY')
    lodged = ppage.locator('.gc-lodged strong').inner_text().strip()
    shot(ppage, 'admission_17_objection_lodged')
    public.close()

    # 10. The bureau investigates and dismisses it with a reason
    open_menu(bpage, 'gradient_cultivation.cultivation_objection_menu')
    row = bpage.locator('.o_data_row:has-text("%s")' % lodged)
    expect(row).to_be_visible()
    shot(bpage, 'admission_18_objections_to_decide')
    row.locator('td').nth(1).click()
    bpage.wait_for_selector('.o_form_view')
    bpage.click('.o_form_button_edit')
    bpage.fill('.o_field_widget[name=decision_reason]', '经实地核查，企业生产经营地址在高新区内，异议不成立。')
    bpage.click('.o_statusbar_buttons button:has-text("不予采纳")')
    expect(bpage.locator('.o_statusbar_status .btn-primary')).to_contain_text('异议不成立')
    shot(bpage, 'admission_19_objection_dismissed')
    bureau.close()

    # 11. The period ends (moved into the past as the administrator, as time would) and the
    # closing job admits it
    admin = Rpc('admin')
    admin('cultivation.publication', 'write', [publication_id], {'date_start': '2000-01-03', 'date_end': '2000-01-07'})
    admin('ir.cron', 'method_direct_trigger', [admin('ir.model.data', 'xmlid_to_res_id',
                                                     'gradient_cultivation.ir_cron_publication_close')])

    # 12. The enterprise sees itself admitted, version 2, and prints the application
    page.goto(BASE_URL + '/my/applications/%d' % application_id)
    expect(page.locator('.gc-admitted')).to_contain_text('已入库')
    expect(page.locator('.gc-history')).to_contain_text('请补充近两年的审计报告')
    # the chatter's dates, written by the browser, in Chinese too
    published = page.locator('.o_portal_chatter_puslished_date').first
    expect(published).to_contain_text(re.compile(r'\d{4}年\d{1,2}月\d{1,2}日'))
    assert 'November' not in published.inner_text()
    shot(page, 'admission_20_admitted')
    pdf = page.request.get(BASE_URL + '/my/applications/%d/print' % application_id)
    assert pdf.headers['content-type'] == 'application/pdf'
    assert pdf.body().startswith(b'%PDF')
    page.goto(BASE_URL + '/my/applications')
    expect(page.locator('.o_portal_my_doc_table')).to_contain_text('已入库')
    shot(page, 'admission_21_my_applications')
