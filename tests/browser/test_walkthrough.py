"""Issue 19: every role's main journey, walked as its user would at a desk (1440 px) and on a
phone (390 px). Each screen is saved (var/screenshots/walk-*.png) and read: it fails on a visible
English word outside the allow-list (file formats, product names, the demo's e-mail addresses)
and on Odoo's "Odoo Server Error" title."""
import os
import re

import pytest

from conftest import BASE_URL, SCREENSHOTS, TWO_FACTOR_LOGINS, totp_now, CHROMIUM_ARGS  # noqa: F401

WIDTHS = ((1440, 900), (390, 844))
# Words a Chinese government screen legitimately shows in Latin letters.
ALLOWED = {
    'PDF', 'Excel', 'Office', 'PNG', 'JPEG', 'JPG', 'KB', 'MB', 'ERP', 'MES', 'CNY', 'IP', 'ID',
    'OpenID', 'Connect', 'TOTP', 'HTTPS', 'URL', 'SMTP', 'API', 'ISO', 'CSV', 'XLSX', 'R&D',
    'Odoo',  # never shown by our screens, but Odoo's own name in its "about" is not a defect of ours
}
ALLOWED.discard('Odoo')
# Text that is data rather than interface: e-mail addresses, web addresses, codes.
DATA = re.compile(r'[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|\b[\dA-Z]{18}\b|\b[A-Z]{2}\d{4}-\d{5}\b'
                  r'|\b[A-Z]{2,6} ?\d{3,6}\b')  # and standards: IATF 16949, ISO 9001
WORD = re.compile(r'[A-Za-z][A-Za-z&]{2,}')

# Each role: (login, [(name, path)]): the back office opens its home action first ("/web").
JOURNEYS = {
    'enterprise': ('enterprise', [('home', '/my'), ('applications', '/my/applications'),
                                  ('application', 'first:/my/applications'),
                                  ('reports', '/my/reports'), ('report', 'first:/my/reports'),
                                  ('portrait', '/my/portrait'), ('experts', '/my/experts'),
                                  ('requests', '/my/service-requests'), ('profile', '/my/enterprise')]),
    'expert': ('expert', [('home', '/my'), ('requests', '/my/service-requests'),
                          ('request', 'first:/my/service-requests'), ('profile', '/my/expert/apply')]),
    'territory': ('zhangba', [('home', '/web'),
                              ('application', 'form:gradient_cultivation.cultivation_application_menu'),
                              ('enterprises', 'menu:gradient_cultivation.cultivation_enterprise_menu'),
                              ('enterprise', 'form:gradient_cultivation.cultivation_enterprise_menu'),
                              ('reports', 'menu:gradient_cultivation.cultivation_monthly_report_menu')]),
    'joint': ('joint1', [('home', '/web'), ('application', 'form:gradient_cultivation.cultivation_application_menu')]),
    'bureau': ('bureau', [('home', '/web'), ('libraries', 'menu:gradient_cultivation.cultivation_library_menu'),
                          ('members', 'menu:gradient_cultivation.cultivation_membership_menu'),
                          ('member', 'form:gradient_cultivation.cultivation_membership_menu'),
                          ('annual', 'menu:gradient_cultivation.cultivation_annual_evaluation_menu'),
                          ('portraits', 'menu:capability_portrait.portrait_evaluation_menu'),
                          ('portrait', 'form:capability_portrait.portrait_evaluation_menu'),
                          ('experts', 'menu:expert_library.expert_expert_menu'),
                          ('requests', 'menu:expert_library.expert_service_request_menu')]),
    'admin': ('admin', [('home', '/web'), ('backups', 'menu:gradient_cultivation.cultivation_backup_menu'),
                        ('calls', 'menu:gradient_cultivation.cultivation_call_menu'),
                        ('audit', 'menu:gradient_cultivation.cultivation_auditlog_menu')]),
}


# The demo's account names are data too (an enterprise's portal users are listed with their logins).
LOGINS = re.compile(r'(?<![A-Za-z])(enterprise|expert|bureau|zhangba|softwarecity|joint\d|admin|gradient_\w+)(?![A-Za-z])')


def english_words(text):
    text = LOGINS.sub(' ', DATA.sub(' ', text))
    return sorted({word for word in WORD.findall(text) if word not in ALLOWED})


def sign_in(page, login):
    page.goto(BASE_URL + '/web/login')
    page.fill('input[name=login]', login)
    page.fill('input[name=password]', login)
    page.click('button[type=submit]')
    if login in TWO_FACTOR_LOGINS:
        page.wait_for_selector('input[name=confirmation_code]')
        page.fill('input[name=confirmation_code]', totp_now())
        page.click('button[type=submit]')
    page.wait_for_load_state('domcontentloaded')


def settle(page):
    page.wait_for_load_state('domcontentloaded')
    if page.locator('.o_web_client').count():
        page.wait_for_selector('.o_main_content .o_content > *', state='attached', timeout=30000)
        page.wait_for_selector('.o_loading', state='hidden')
        page.wait_for_timeout(1500)


def visit(page, path):
    """A path of the portal, ``menu:<xmlid>`` (the back-office menu's view), ``form:<xmlid>``
    (its first record) or ``first:<portal list>`` (the first record of a portal list)."""
    kind, _sep, rest = path.partition(':')
    if kind in ('menu', 'form'):
        page.goto(BASE_URL + '/web')
        settle(page)
        action = page.locator('a[data-menu-xmlid="%s"]' % rest).first.get_attribute('data-action-id')
        page.goto('%s/web?#action=%s' % (BASE_URL, action))
        settle(page)
        rows = page.locator('.o_data_row, .o_kanban_record:not(.o_kanban_ghost)')
        if kind == 'form' and rows.count():  # (a list without records is read as it is)
            rows.first.click()
            page.wait_for_selector('.o_form_view')
            settle(page)
    elif kind == 'first':
        page.goto(BASE_URL + rest)
        settle(page)
        page.locator('main table a, .container table a, #wrap table a').first.click()
        settle(page)
    else:
        page.goto(BASE_URL + path)
        settle(page)


@pytest.mark.parametrize('role', sorted(JOURNEYS))
def test_every_screen_of_the_role_is_chinese(browser, role):
    login, steps = JOURNEYS[role]
    os.makedirs(SCREENSHOTS, exist_ok=True)
    found = []
    for width, height in WIDTHS:
        context = browser.new_context(viewport={'width': width, 'height': height}, locale='zh-CN',
                                      timezone_id='Asia/Shanghai')
        page = context.new_page()
        page.set_default_timeout(30000)
        try:
            sign_in(page, login)
            for index, (name, path) in enumerate(steps):
                visit(page, path)
                page.screenshot(path='%s/walk-%s-%d-%s-%d.png' % (SCREENSHOTS, role, index, name, width),
                                full_page=(width > 400))
                text = page.evaluate('document.body.innerText')
                assert 'Odoo Server Error' not in text and 'Internal Server Error' not in text, (role, name)
                words = english_words(text)
                if words:
                    found.append('%s %s @%d: %s' % (role, name, width, ', '.join(words)))
        finally:
            context.close()
    assert not found, 'English on the screens:\n' + '\n'.join(found)
