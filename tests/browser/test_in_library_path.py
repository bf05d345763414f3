"""In-library management in Chromium: an enterprise fills and submits its monthly report on the
portal (a wrong figure explained, an unusual one confirmed); the bureau runs the annual evaluation,
exits one member and upgrades another; the dashboard and the libraries are looked at.
Screenshots: var/screenshots/library_*.png."""
import datetime
import xmlrpc.client

from playwright.sync_api import expect

from conftest import BASE_URL, login, rpc_credential, open_menu, open_record

DB = __import__('os').environ.get('GC_DB_NAME', 'gradient_test')


def rpc(model, method, *args, **kw):
    common = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common')
    uid = common.authenticate(DB, 'admin', rpc_credential('admin', 'admin'), {})
    return xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object').execute_kw(
        DB, uid, rpc_credential('admin', 'admin'), model, method, list(args), kw)


def portal_login(page, login_name, password):
    page.goto(BASE_URL + '/web/login')
    page.fill('input[name=login]', login_name)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')
    page.wait_for_url('**/my**')


def test_enterprise_reports_and_bureau_evaluates(browser, page, shot):
    # 1. The enterprise sees its report waiting on the portal home and opens it (on a database
    #    where an earlier run submitted it, the administrator reopens it first)
    uid = rpc('res.users', 'search', [['login', '=', 'enterprise']])
    partner = rpc('res.users', 'read', uid, ['partner_id'])[0]['partner_id'][0]
    company = rpc('res.partner', 'read', [partner], ['commercial_partner_id'])[0]['commercial_partner_id'][0]
    mine = [['enterprise_id.partner_id', '=', company]]
    if not rpc('cultivation.monthly.report', 'search', mine + [['state', '!=', 'submitted']]):
        latest = rpc('cultivation.monthly.report', 'search', mine, order='period_date desc', limit=1)
        rpc('cultivation.monthly.report', 'action_reopen', latest, '重新运行浏览器测试')
    portal_login(page, 'enterprise', 'enterprise')
    due = page.locator('.gc-report-due').first
    expect(due).to_be_visible()
    shot(page, 'library_01_portal_home_report_due')
    due.locator('a').click()
    page.wait_for_selector('form.gc-report-form')
    report_id = int(page.url.split('/my/reports/')[1].split('?')[0])
    report = rpc('cultivation.monthly.report', 'read', [report_id], ['membership_id', 'enterprise_id', 'period_date'])[0]
    previous = rpc('cultivation.monthly.report', 'search_read',
                   [['enterprise_id', '=', report['enterprise_id'][0]], ['state', '=', 'submitted'],
                    ['period_date', '<', report['period_date']]],
                   fields=['revenue', 'revenue_ytd', 'period_date', 'employees', 'main_revenue', 'taxes_paid',
                           'rd_expense', 'total_profit', 'new_orders'], order='period_date desc', limit=1)[0]
    same_year = previous['period_date'][:4] == report['period_date'][:4]
    revenue = round(previous['revenue'] * 1.05, 2)
    ytd = round((previous['revenue_ytd'] if same_year else 0) + revenue, 2)

    # 2. A negative figure is explained beside its field; what was typed stays
    page.fill('input[name=revenue]', '-12')
    page.fill('input[name=revenue_ytd]', str(ytd))
    page.fill('textarea[name=growth_news]', '新一代红外模组通过客户验证，签订年度供货协议。')
    page.click('button.gc-submit')
    expect(page.locator('.gc-field-error').first).to_contain_text('不能为负数')
    expect(page.locator('textarea[name=growth_news]')).to_have_value('新一代红外模组通过客户验证，签订年度供货协议。')
    shot(page, 'library_02_report_error')

    # 3. An unusually high figure asks for a second confirmation, then the report goes in
    page.fill('input[name=revenue]', str(revenue * 10))
    page.fill('input[name=revenue_ytd]', str(ytd + revenue * 9))
    page.fill('input[name=employees]', str(previous['employees']))
    for name in ('main_revenue', 'taxes_paid', 'rd_expense', 'total_profit', 'new_orders'):
        page.fill('input[name=%s]' % name, str(round(previous[name] * 1.05, 2)))
    page.fill('input[name=new_patents]', '1')
    page.fill('textarea[name=difficulties]', '希望协调一处 2000 平方米标准厂房。')
    page.click('button.gc-submit')
    expect(page.locator('.gc-unusual')).to_be_visible()
    shot(page, 'library_03_report_unusual')
    page.check('input[name=confirm_unusual]')
    page.click('button.gc-submit')
    expect(page.locator('.gc-submitted')).to_be_visible()
    expect(page.locator('input[name=revenue]')).to_have_count(0)  # read-only now
    shot(page, 'library_04_report_submitted')
    state = rpc('cultivation.monthly.report', 'read', [report_id], ['state', 'unusual_confirmed'])[0]
    assert (state['state'], state['unusual_confirmed']) == ('submitted', True)

    # 4. The bureau creates and starts the annual evaluation of last year
    context = browser.new_context(viewport={'width': 1440, 'height': 900}, locale='zh-CN')
    bureau = context.new_page()
    bureau.set_default_timeout(20000)
    login(bureau, 'bureau', 'bureau')
    open_menu(bureau, 'gradient_cultivation.cultivation_menu_root')
    open_menu(bureau, 'gradient_cultivation.cultivation_annual_evaluation_menu')
    bureau.click('.o_list_button_add')
    year = datetime.date.today().year - 1
    bureau.fill('.o_form_view input[name=name]', '%d 年度评价（浏览器测试）' % year)
    bureau.fill('.o_form_view input[name=year]', str(year))
    bureau.click('.o_form_button_save')
    bureau.wait_for_selector('.o_form_readonly')
    bureau.click('.o_form_statusbar button:has-text("开始评价")')
    expect(bureau.locator('.o_form_view .o_field_one2many .o_data_row').first).to_be_visible(timeout=90000)
    shot(bureau, 'library_05_evaluation_started')
    evaluation_id = rpc('cultivation.annual.evaluation', 'search', [['name', '=', '%d 年度评价（浏览器测试）' % year]])[0]
    lines = rpc('cultivation.annual.evaluation.line', 'search_read', [['evaluation_id', '=', evaluation_id]],
                fields=['membership_id', 'proposed_outcome', 'library_id', 'enterprise_id'])
    to_exit = next(l for l in lines if l['proposed_outcome'] == 'exit')
    champion = rpc('ir.model.data', 'xmlid_to_res_id', 'gradient_cultivation.library_champion')
    to_upgrade = next(l for l in lines if l['id'] != to_exit['id'] and l['library_id'][0] != champion
                      and l['membership_id'][0] != report['membership_id'][0])

    # 5. Exit one member, with the reason the rules proposed
    open_record(bureau, 'cultivation.annual.evaluation.line', to_exit['id'])
    shot(bureau, 'library_06_line_proposed_exit')
    bureau.click('.o_form_statusbar button:has-text("退库")')
    dialog = bureau.locator('.modal-dialog')
    expect(dialog.locator('textarea[name=reason]')).not_to_have_value('')
    shot(bureau, 'library_07_exit_reason')
    dialog.locator('button:has-text("确认")').click()
    expect(bureau.locator('.modal-dialog')).to_have_count(0)
    bureau.wait_for_selector('.o_loading', state='hidden')

    # 6. Propose another for the next tier, then record its admission there
    open_record(bureau, 'cultivation.annual.evaluation.line', to_upgrade['id'])
    bureau.click('.o_form_statusbar button:has-text("推荐升级")')
    dialog = bureau.locator('.modal-dialog')
    dialog.locator('textarea[name=reason]').fill('年度目标全部完成，研发投入和营收增长突出，推荐升级。')
    dialog.locator('button:has-text("确认")').click()
    expect(bureau.locator('.modal-dialog')).to_have_count(0)
    bureau.wait_for_selector('.o_loading', state='hidden')
    open_record(bureau, 'cultivation.membership', to_upgrade['membership_id'][0])
    shot(bureau, 'library_08_member_proposed')
    bureau.click('.o_form_statusbar button:has-text("确认升入推荐梯度")')
    bureau.locator('.modal-dialog button:has-text("确定"), .modal-dialog button:has-text("Ok")').first.click()
    # The new membership opens: its form has no upgrade button any more.
    expect(bureau.locator('.o_control_panel .breadcrumb li')).to_have_count(2, timeout=30000)
    bureau.wait_for_selector('.o_loading', state='hidden')
    shot(bureau, 'library_08b_member_upgraded')
    exited = rpc('cultivation.membership', 'read', [to_exit['membership_id'][0]], ['state', 'exit_reason'])[0]
    assert exited['state'] == 'exited' and exited['exit_reason']
    upgraded = rpc('cultivation.membership', 'read', [to_upgrade['membership_id'][0]], ['state', 'next_membership_id'])[0]
    assert upgraded['state'] == 'upgraded' and upgraded['next_membership_id']
    new = rpc('cultivation.membership', 'read', [upgraded['next_membership_id'][0]], ['state', 'library_id'])[0]
    assert new['state'] == 'active' and new['library_id'][0] != to_upgrade['library_id'][0]

    # 7. The evaluation's Excel report downloads
    open_record(bureau, 'cultivation.annual.evaluation', evaluation_id)
    with bureau.expect_download() as download:
        bureau.click('.o_form_statusbar button:has-text("Excel 报表")')
    assert download.value.suggested_filename.endswith('.xlsx')
    shot(bureau, 'library_09_evaluation_decided')

    # 8. The dashboard, a sub-library and the overdue list, as the bureau sees them
    open_menu(bureau, 'gradient_cultivation.cultivation_menu_root')
    open_menu(bureau, 'gradient_cultivation.cultivation_dashboard_menu')
    bureau.wait_for_selector('.o_dashboard .o_pivot')
    bureau.wait_for_selector('.o_dashboard .o_graph_svg_container svg, .o_dashboard canvas, .o_dashboard svg')
    shot(bureau, 'library_10_dashboard')
    open_menu(bureau, 'gradient_cultivation.cultivation_membership_scale_up_menu')
    expect(bureau.locator('.o_list_view .o_data_row').first).to_be_visible()
    shot(bureau, 'library_11_scale_up_library')
    bureau.click('.o_cp_switch_buttons button[data-view-type=kanban]')
    bureau.wait_for_selector('.o_kanban_view .oe_kanban_card')
    shot(bureau, 'library_12_scale_up_kanban')
    open_menu(bureau, 'gradient_cultivation.cultivation_monthly_report_overdue_menu')
    shot(bureau, 'library_13_overdue')
    context.close()
