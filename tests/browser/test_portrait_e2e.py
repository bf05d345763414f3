"""The capability portrait in Chromium: the enterprise's own portrait on the portal (and its
PDF), the self-assessment on the application form, and the portrait in the back office.
Screenshots: var/screenshots/portrait_*.png."""
import re

from playwright.sync_api import expect

from conftest import BASE_URL, login, open_record


def portal_login(page, name, password):
    page.goto(BASE_URL + '/web/login')
    page.fill('input[name=login]', name)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')
    page.wait_for_url('**/my**')


def test_enterprise_portrait_self_assessment_and_back_office(browser, page, shot):
    # 1. The demo enterprise's own portrait: radar chart, weak indicators, history, PDF
    portal_login(page, 'enterprise', 'enterprise')
    page.goto(BASE_URL + '/my')
    page.click('a[href="/my/portrait"]')
    expect(page.locator('.gc-portrait h3')).to_contain_text('西安华拓光电科技有限公司')
    expect(page.locator('svg.gc-radar polygon')).to_have_count(6)  # 4 rings, the library average, the enterprise
    expect(page.locator('.gc-portrait')).to_contain_text('得分历史')
    expect(page.locator('.gc-portrait')).to_contain_text('薄弱指标')
    shot(page, 'portrait_01_portal')
    href = page.locator('a.gc-portrait-print').get_attribute('href')
    evaluation_id = int(re.search(r'/my/portrait/(\d+)/print', href).group(1))
    pdf = page.request.get(BASE_URL + href, timeout=120000)
    assert pdf.status == 200
    assert pdf.headers['content-type'] == 'application/pdf'
    assert pdf.body()[:4] == b'%PDF'
    # another enterprise's portrait is not found
    assert page.request.get(BASE_URL + '/my/portrait/%d' % (evaluation_id + 100000)).status == 404

    # 2. Self-assessment before applying to the scale-up reserve
    page.goto(BASE_URL + '/my/applications/new')
    page.locator('label:has-text("小升规后备库") input[type=radio]').first.check()
    page.click('button:has-text("创建申请")')
    page.wait_for_url(re.compile(r'.*/my/applications/\d+/edit'))
    panel = page.locator('.gc-self-assessment')
    expect(panel).to_contain_text('自评')
    expect(panel).to_contain_text('创新型中小企业')
    panel.scroll_into_view_if_needed()
    shot(page, 'portrait_02_self_assessment')

    # 3. The same portrait in the back office, for the bureau
    context = browser.new_context(viewport={'width': 1366, 'height': 900}, locale='zh-CN')
    office = context.new_page()
    office.set_default_timeout(20000)
    login(office, 'bureau', 'bureau')
    open_record(office, 'portrait.evaluation', evaluation_id)
    expect(office.locator('.o_form_view .gc-portrait')).to_be_visible()
    expect(office.locator('.o_form_view svg.gc-radar')).to_be_visible()
    shot(office, 'portrait_03_back_office')
    office.click('.o_notebook a:has-text("指标")')
    shot(office, 'portrait_04_back_office_indicators')
    context.close()
