"""The expert library in Chromium: the demo enterprise (华拓光电, weak in IP on the innovative SME
scheme) sees an IP expert recommended, requests the service; the expert (portal user expert)
accepts, records and completes it; the enterprise rates it; the bureau sees it in the back
office. Screenshots: var/screenshots/expert_*.png."""
import re

from playwright.sync_api import expect

from conftest import BASE_URL, login, open_record


def portal_login(browser, name, password):
    context = browser.new_context(viewport={'width': 1366, 'height': 800}, locale='zh-CN')
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(BASE_URL + '/web/login')
    page.fill('input[name=login]', name)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')
    page.wait_for_url('**/my**')
    return context, page


def test_enterprise_requests_an_ip_expert_who_serves_and_is_rated(browser, shot):
    # 1. The enterprise's recommendations: its weak IP indicator calls for 知识产权
    enterprise_context, page = portal_login(browser, 'enterprise', 'enterprise')
    page.goto(BASE_URL + '/my')
    page.click('a[href="/my/experts"]')
    recommendations = page.locator('.gc-recommendations')
    expect(page.locator('.gc-needed')).to_contain_text('知识产权')
    card = recommendations.locator('.gc-expert-card', has_text='王立新')
    expect(card).to_be_visible()
    expect(card.locator('.gc-match-reason')).to_contain_text('知识产权')
    shot(page, 'expert_01_recommendations')

    # 2. The request form: the IP indicator is preselected; a missing need is refused in Chinese
    card.locator('h4 a').click()
    expect(page.locator('.gc-request-form')).to_be_visible()
    expect(page.locator('#domain_id option:checked')).to_contain_text('知识产权')
    checked = page.locator('.gc-weak-lines input[type=checkbox]:checked')
    expect(checked).to_have_count(1)
    page.fill('#contact_phone', '029-8888 1201')
    page.click('button:has-text("提交请求")')
    expect(page.locator('.gc-field-error')).to_contain_text('必填')
    expect(page.locator('#contact_phone')).to_have_value('029-8888 1201')
    shot(page, 'expert_02_request_form_error')
    page.fill('#need', '主导产品红外热成像模组目前只有实用新型专利，希望围绕核心探测器工艺布局发明专利，并做一次专利导航。')
    page.click('button:has-text("提交请求")')
    page.wait_for_url(re.compile(r'.*/my/service-requests/\d+\?message=requested'))
    request_id = int(re.search(r'/my/service-requests/(\d+)', page.url).group(1))
    expect(page.locator('.gc-message')).to_contain_text('已发送给专家')
    expect(page.locator('.gc-state')).to_contain_text('待接受')
    shot(page, 'expert_03_requested')

    # 3. The expert answers on the portal: accepts, records the service, completes it
    expert_context, office = portal_login(browser, 'expert', 'expert')
    office.goto(BASE_URL + '/my/service-requests')
    row = office.locator('.gc-service-requests tr', has_text='西安华拓光电科技有限公司').first
    expect(row).to_contain_text('待接受')
    shot(office, 'expert_04_expert_requests')
    office.goto(BASE_URL + '/my/service-requests/%d' % request_id)
    expect(office.locator('.gc-request-facts')).to_contain_text('西安华拓光电科技有限公司')
    office.click('button.gc-accept')
    expect(office.locator('.gc-state')).to_contain_text('已接受')
    office.fill('#content', '与研发部访谈，梳理出探测器封装和读出电路 5 个可申请发明专利的技术点，完成检索报告。')
    office.click('button.gc-record')
    expect(office.locator('.gc-state')).to_contain_text('进行中')
    expect(office.locator('.gc-service-records')).to_contain_text('检索报告')
    shot(office, 'expert_05_service_recorded')
    office.click('button.gc-done')
    expect(office.locator('.gc-state')).to_contain_text('已完成')
    expert_context.close()

    # 4. The enterprise rates the service
    page.goto(BASE_URL + '/my/service-requests/%d' % request_id)
    expect(page.locator('.gc-rate-form')).to_be_visible()
    page.click('button.gc-rate')
    expect(page.locator('.gc-field-error')).to_contain_text('1 至 5')
    page.locator('.gc-rate-form input[name=rating][value="5"]').check()
    page.fill('#rating_comment', '检索细致，建议切实可行。')
    page.click('button.gc-rate')
    expect(page.locator('.gc-message')).to_contain_text('感谢您的评价')
    expect(page.locator('.gc-rating')).to_contain_text('检索细致')
    shot(page, 'expert_06_rated')
    enterprise_context.close()

    # 5. The bureau follows it in the back office
    context = browser.new_context(viewport={'width': 1366, 'height': 900}, locale='zh-CN')
    bureau = context.new_page()
    bureau.set_default_timeout(20000)
    login(bureau, 'bureau', 'bureau')
    open_record(bureau, 'expert.service.request', request_id)
    expect(bureau.locator('.o_statusbar_status .btn-primary')).to_contain_text('已完成')
    expect(bureau.locator('.o_form_view')).to_contain_text('王立新')
    shot(bureau, 'expert_07_back_office_request')
    bureau.goto(BASE_URL + '/web#model=expert.service.request&view_type=pivot&action=%s'
                % 'expert_library.expert_service_request_action_analysis')
    bureau.wait_for_selector('.o_pivot')
    shot(bureau, 'expert_08_back_office_pivot')
    context.close()
