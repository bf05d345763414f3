from playwright.sync_api import expect

from conftest import login, open_menu

TIERS = ['小升规后备库', '专精特新中小企业培育库', '专精特新“小巨人”培育库', '制造业单项冠军培育库']


def test_bureau_reviewer_sees_the_four_tiers_in_chinese(page, shot):
    login(page, 'bureau', 'bureau')
    open_menu(page, 'gradient_cultivation.cultivation_menu_root')
    open_menu(page, 'gradient_cultivation.cultivation_library_menu')
    expect(page.locator('.o_control_panel .breadcrumb')).to_contain_text('培育库')
    cards = page.locator('.o_kanban_view .o_kanban_record_title')
    expect(cards).to_have_count(4)
    expect(cards).to_have_text(TIERS)
    # the app's own menus are Chinese too
    expect(page.locator('.o_sub_menu')).to_contain_text('企业')
    shot(page, 'foundation_bureau_libraries')


def test_territory_reviewer_sees_only_its_own_enterprises(page, shot):
    login(page, 'zhangba', 'zhangba')
    open_menu(page, 'gradient_cultivation.cultivation_menu_root')
    open_menu(page, 'gradient_cultivation.cultivation_enterprise_menu')
    expect(page.locator('.o_list_view')).to_contain_text('西安华拓光电科技有限公司')
    expect(page.locator('.o_list_view')).to_contain_text('西安天衡测控技术有限公司')
    expect(page.locator('.o_list_view')).not_to_contain_text('陕西恒瑞新材料股份有限公司')
    shot(page, 'foundation_territory_enterprises')


def test_wrong_credit_code_is_explained_in_chinese_and_the_form_keeps_the_input(page, shot):
    login(page, 'bureau', 'bureau')
    open_menu(page, 'gradient_cultivation.cultivation_menu_root')
    open_menu(page, 'gradient_cultivation.cultivation_enterprise_menu')
    page.click('.o_list_button_add')
    page.fill('.o_form_view input[name=name]', '西安测试企业有限公司')
    page.fill('.o_form_view input[name=credit_code]', '91610131MA6W1N5Q2M')
    territory = page.locator('.o_form_view .o_field_widget[name=territory_id] input')
    territory.fill('丈八')
    page.click('.ui-autocomplete li a:has-text("丈八街道")')
    page.click('.o_form_button_save')
    dialog = page.locator('.modal-dialog')
    expect(dialog).to_contain_text('统一社会信用代码')
    expect(dialog).to_contain_text('校验码')
    shot(page, 'foundation_credit_code_error')
    dialog.locator('button:has-text("确定"), button:has-text("Ok")').first.click()
    expect(page.locator('.o_form_view input[name=name]')).to_have_value('西安测试企业有限公司')
    expect(page.locator('.o_form_view input[name=credit_code]')).to_have_value('91610131MA6W1N5Q2M')
