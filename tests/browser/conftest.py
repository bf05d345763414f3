"""Browser tests: Playwright drives Debian's Chromium against a running Odoo.

The test command starts Odoo on the test database and sets GC_BASE_URL; screenshots go to
GC_SCREENSHOTS (var/screenshots, git-ignored)."""
import os
import shutil

import pyotp
import pytest
from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get('GC_BASE_URL', 'http://localhost:8069')
SCREENSHOTS = os.environ.get('GC_SCREENSHOTS', os.path.join(os.path.dirname(__file__), '..', '..', 'var', 'screenshots'))
# The demo users enrolled in the two-factor login, with the demo key of README's demo logins.
DEMO_TOTP_SECRET = 'GRADIENTDEMOTOTPKEYFORSTAFF23456'
TWO_FACTOR_LOGINS = ('admin', 'bureau')
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']


@pytest.fixture(scope='session')
def browser():
    executable = shutil.which('chromium')
    if not executable:
        pytest.fail('Debian chromium is not installed: run make setup (apt-get install chromium).')
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={'width': 1366, 'height': 800}, locale='zh-CN')
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    context.close()


@pytest.fixture
def shot():
    os.makedirs(SCREENSHOTS, exist_ok=True)

    def take(page, name):
        # Odoo shows a "loading" badge while it talks to the server: wait until it is gone.
        page.wait_for_selector('.o_loading', state='hidden')
        path = os.path.join(SCREENSHOTS, '%s.png' % name)
        page.screenshot(path=path, full_page=True)
        return path
    return take


def totp_now():
    return pyotp.TOTP(DEMO_TOTP_SECRET).now()


def rpc_credential(login, password):
    """What an RPC client sends as the password: a two-factor user's password is followed by the
    current code of their authenticator app (the password alone is refused)."""
    return password + totp_now() if login in TWO_FACTOR_LOGINS else password


def login(page, login, password):
    """Logs in through Odoo's own login form (and the code page for the demo users enrolled in the
    two-factor login) and waits for the back office."""
    page.goto(BASE_URL + '/web/login')
    page.fill('input[name=login]', login)
    page.fill('input[name=password]', password)
    page.click('button[type=submit]')
    if login in TWO_FACTOR_LOGINS:
        page.wait_for_selector('input[name=confirmation_code]')
        page.fill('input[name=confirmation_code]', totp_now())
        page.click('button[type=submit]')
    # Odoo keeps a long-polling request open: wait for the web client, never for network idle.
    page.wait_for_selector('#oe_main_menu_navbar .oe_application_menu_placeholder')


def open_record(page, model, record_id):
    """Opens a record's form in the back office by URL, as a link in an e-mail would."""
    # A query string makes this a real page load, so the web client starts on the record.
    page.goto('%s/web?open=%d#id=%d&model=%s&view_type=form' % (BASE_URL, record_id, record_id, model))
    page.wait_for_selector('.o_form_view')
    page.wait_for_selector('.o_loading', state='hidden')


def open_menu(page, xmlid):
    """Clicks a menu (a top-level app or an entry of its side bar) by its XML id and waits
    for the view it opens."""
    page.click('a[data-menu-xmlid="%s"]:visible' % xmlid)
    page.wait_for_selector('.o_control_panel .breadcrumb li')
    page.wait_for_selector('.o_view_manager_content > div:not(.o_hidden)')
