"""Issue 19, what users see: the sign-in page, the Excel file names, the audit shortcut, over HTTP
and RPC as the users meet them."""
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import unquote

from .conftest import Browser, Rpc


def test_sign_in_page_has_no_database_manager_nor_odoo_advert():
    page = Browser().get('/web/login', headers={'Accept-Language': 'zh-CN,zh;q=0.9'})
    assert page.status_code == 200
    assert '/web/database/manager' not in page.text
    assert 'odoo.com' not in page.text
    assert '账号' in page.text and '电子邮箱' not in page.text.split('name="login"')[0][-300:]


def test_excel_downloads_are_named_in_chinese_with_the_date():
    """The roster came down as roster.xlsx: now 在库企业名册-<date in Asia/Shanghai>.xlsx."""
    bureau = Browser('bureau')
    members = Rpc('bureau')('cultivation.membership', 'search', [], limit=3)
    response = bureau.get('/report/xlsx/gradient_cultivation.membership_roster_xlsx/%s' % ','.join(map(str, members)))
    assert response.status_code == 200
    disposition = unquote(response.headers['Content-Disposition'])
    today = datetime.now(timezone(timedelta(hours=8))).strftime('%Y-%m-%d')
    assert disposition.endswith("在库企业名册-%s.xlsx" % today), disposition


def test_audit_shortcut_is_for_administrators_only_and_in_chinese():
    """auditlog bound an English "View logs" action to the 动作 menu of every audited model, for
    everyone (a reviewer clicking it got an access error)."""
    admin = Rpc('admin')
    audited = admin('auditlog.rule', 'search_read', [('state', '=', 'subscribed')], fields=['model_id'])
    model = admin('ir.model', 'read', [audited[0]['model_id'][0]], ['model'])[0]['model']
    reviewer_bindings, error = Browser('zhangba').call_kw('ir.actions.actions', 'get_bindings', model)
    assert error is None, error
    assert all(action.get('res_model') != 'auditlog.log' for action in reviewer_bindings.get('action', []))
    admin_bindings, error = Browser('admin').call_kw('ir.actions.actions', 'get_bindings', model)
    assert error is None, error
    admin_actions = admin_bindings.get('action', [])
    logs = [action['name'] for action in admin_actions if action.get('res_model') == 'auditlog.log']
    assert logs == ['审计记录'], logs


def test_reviewers_land_on_their_work():
    """Back-office users landed on Discuss's empty inbox: a territory reviewer now lands on the
    applications awaiting it, the bureau on its dashboard (the web client opens action_id)."""
    admin = Rpc('admin')
    expected = {
        'zhangba': 'gradient_cultivation.cultivation_application_action_to_review',
        'bureau': 'gradient_cultivation.cultivation_dashboard_action',
        'admin': 'gradient_cultivation.cultivation_settings_action',
    }
    for login, xmlid in expected.items():
        user = admin('res.users', 'search_read', [('login', '=', login)], fields=['action_id'])[0]
        assert user['action_id'] and user['action_id'][0] == admin('ir.model.data', 'xmlid_to_res_id', xmlid), login



def test_error_dialogs_are_titled_in_chinese():
    """Issue 19: a reviewer refused a record, or a form's validation message, arrived in a dialog
    titled "Odoo Server Error". The title says what kind of answer it is, in Chinese."""
    reviewer = Browser('zhangba')
    _result, error = reviewer.call_kw('res.users', 'write', [1], {'name': 'Taken over'})
    assert error and error['message'] == '无权访问', error
    admin = Rpc('admin')
    mine = admin('res.users', 'search_read', [('login', '=', 'zhangba')], fields=['territory_ids'])[0]['territory_ids']
    reviewed = admin('cultivation.territory', 'search', [('id', 'child_of', mine)])
    elsewhere = admin('cultivation.application', 'search', [('territory_id', 'not in', reviewed)], limit=1)
    assert elsewhere, 'the demo has applications of other territories'
    _result, error = reviewer.call_kw('cultivation.application', 'read', elsewhere, ['name'])
    assert error and error['message'] == '无权访问', error
    enterprise = Browser('enterprise')
    reports, _error = enterprise.call_kw('cultivation.monthly.report', 'search', [('state', 'in', ('open', 'reopened'))])
    assert reports, 'the demo enterprise has a report to fill'
    _result, error = enterprise.call_kw('cultivation.monthly.report', 'write', reports[:1], {'revenue': -5})
    assert error and error['message'] == '请核对', error
