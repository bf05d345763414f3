"""The restore wizard in the back office: the administrator backs up, opens the wizard from the
backup job, sees the backups of the folder, and a wrong password is refused in Chinese (nothing
is restored here: tests/ops/test_restore_from_settings.py restores for real)."""
import os
import re
import xmlrpc.client

from playwright.sync_api import expect

from conftest import BASE_URL, login, rpc_credential, open_record

DB = os.environ.get('GC_DB_NAME', 'gradient_test')


def backup_job_id():
    uid = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common').authenticate(DB, 'admin', rpc_credential('admin', 'admin'), {})
    models = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object')
    return models.execute_kw(DB, uid, rpc_credential('admin', 'admin'), 'db.backup', 'search', [[('method', '=', 'local')]], {'limit': 1})[0]


def test_administrator_opens_the_restore_wizard_and_a_wrong_password_is_refused(page, shot):
    login(page, 'admin', 'admin')
    open_record(page, 'db.backup', backup_job_id())
    page.click('.o_statusbar_buttons button:has-text("立即备份")')
    expect(page.locator('.o_mail_thread')).to_contain_text('数据库备份成功', timeout=60000)  # logged on the job
    page.click('.o_statusbar_buttons button:has-text("还原备份")')
    dialog = page.locator('.modal-dialog:has(.modal-title:has-text("还原备份"))')
    expect(dialog.locator('.o_field_widget[name=file_ids] .o_data_row')).not_to_have_count(0)
    expect(dialog.locator('.o_field_widget[name=file_id] input')).to_have_value(re.compile(r'\.dump\.zip'))  # newest
    dialog.locator('input[name=new_db_name]').fill('gc_browser_never')
    dialog.locator('input[name=confirmation]').fill('gc_browser_never')
    dialog.locator('input[name=password]').fill('not-the-password')
    shot(page, 'restore_wizard')
    dialog.locator('.modal-footer button:has-text("还原")').click()
    page.click('.modal-dialog:has-text("现在还原所选的备份吗") .modal-footer .btn-primary')  # the confirmation
    error = page.locator('.modal-dialog:has-text("您的密码：密码不正确")')
    expect(error).to_be_visible()
    expect(error).not_to_contain_text('Traceback')
    shot(page, 'restore_wizard_wrong_password')
