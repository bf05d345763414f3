"""Bad input to the methods a user can call, sent as the web client sends them (JSON-RPC
/web/dataset/call_kw, with the user's session): wrong types, missing fields, numbers out of
range (negative, huge, NaN and infinity), oversized text, wrong check characters of the
unified social credit code, impossible dates, and ids that are no record.

Each must be refused with a message the web client shows as it is (a user error, a validation
error or an access error, never "Odoo Server Error" with a traceback), in Chinese, naming the
field; and it must leave nothing behind (no new record, the record acted on unchanged)."""
import re

import pytest

from .conftest import OTHER_LOGIN, OTHER_PASSWORD, PDF, Browser, count, credit_code

USER_ERRORS = ('user_error', 'validation_error', 'access_error', 'missing_error', 'warning', 'except_orm')
CJK = re.compile('[\u4e00-\u9fff]')
HUGE_TEXT = 'x' * 200001
NOT_NUMBERS = ('abc', 'nan', 'inf', '-inf', '1e999', [1], {'a': 1}, True)
NOT_WHOLE = ('abc', 20.5, 10 ** 12, -10 ** 12, '1e5', [1], {'a': 1}, True)
NOT_TEXT = (12345, ['x'], {'a': 1}, True)
NOT_DATES = ('2026-13-45', '2026-02-30', '31/12/2020', "' OR 1=1 --", 5, '0000-00-00', '1800-01-01', ['2026-01-01'])
NOT_CHOICES = ('nope', 3, "x' OR '1'='1", '; DROP TABLE cultivation_enterprise; --', ['a'])
NOT_RECORDS = (99999999, 'abc', [1], -1, 2 ** 40, {'id': 1})
NOT_LISTS = ('abc', 5, [(9, 0, 0)], [(6, 0, ['a'])], [(0, 0, 'x')], [(4, 99999999)])
REASON = ('原因', '理由')  # the words of the reason-like arguments


@pytest.fixture(scope='module')
def web(world):
    return {
        'admin': Browser('admin'), 'bureau': Browser('bureau'), 'zhangba': Browser('zhangba'),
        'joint1': Browser('joint1'), 'enterprise': Browser('enterprise'),
        'enterprise_b': Browser(OTHER_LOGIN, OTHER_PASSWORD), 'expert': Browser('expert'),
        'applicant': Browser(*world.applicant()),
    }


class Checker(object):
    """Sends bad calls and collects what went wrong with their refusal."""

    def __init__(self, web, admin):
        self.web, self.admin, self.problems, self.tried = web, admin, [], 0

    def refused(self, login, model, method, args, label, counted=None, unchanged=None, kwargs=None):
        """``label``: the field (or argument) the message must name; ``counted``: (model, domain)
        whose count must not change; ``unchanged``: (model, id) whose last change must stay."""
        self.tried += 1
        before = self._state(counted, unchanged)
        result, error = self.web[login].call_kw(model, method, *args, **(kwargs or {}))
        what = '%s %s.%s%r' % (login, model, method, tuple(a if len(repr(a)) < 60 else '…' for a in args))
        if not error:
            self.problems.append('%s: accepted (%r)' % (what, result if len(repr(result)) < 80 else '…'))
        else:
            data = error.get('data') or {}
            message = data.get('message') or ''
            if data.get('exception_type') not in USER_ERRORS:
                self.problems.append('%s: %s (%s) shown as "Odoo Server Error"' % (
                    what, data.get('name'), message[:160]))
            elif not CJK.search(message) or 'Traceback' in message:
                self.problems.append('%s: not a Chinese message: %s' % (what, message[:160]))
            # the dialog's title (issue 19: every refusal was titled "Odoo Server Error")
            if not CJK.search(error.get('message') or ''):
                self.problems.append('%s: dialog titled %r' % (what, error.get('message')))
            elif label and not any(name in message for name in (label if isinstance(label, tuple) else (label,))):
                self.problems.append('%s: the message does not name %s: %s' % (what, label, message[:160]))
        after = self._state(counted, unchanged)
        if after != before:
            self.problems.append('%s: left something behind (%s -> %s)' % (what, before, after))

    def _state(self, counted, unchanged):
        state = []
        if counted:
            state.append(self.admin(counted[0], 'search_count', counted[1], context={'active_test': False}))
        if unchanged:
            found = self.admin(unchanged[0], 'search_read', [('id', '=', unchanged[1])], ['write_date'],
                               context={'active_test': False})
            state.append(found[0]['write_date'] if found else None)
        return state


@pytest.fixture
def check(web, admin):
    checker = Checker(web, admin)
    yield checker
    count('bad inputs tried (RPC)', checker.tried)
    assert not checker.problems, '\n'.join(checker.problems)


def bad_values(base, field, values):
    return [dict(base, **{field: value}) for value in values]


# ----------------------------------------------------------------------------- create / write
def test_enterprise(check, world, records):
    base = {'name': '坏输入企业', 'credit_code': credit_code('91610131MA0BADXN0'), 'territory_id': world.territory_a}
    counted = ('cultivation.enterprise', [])
    cases = [(vals, '统一社会信用代码') for vals in bad_values(base, 'credit_code', (
        credit_code('91610131MA0BADXN0')[:-1] + ('0' if credit_code('91610131MA0BADXN0')[-1] != '0' else '1'),
        '91610131MA0BADXN', '91610131MA0BADXN00X', "91610131' OR 1=1--", 'IOSVZ1610131MA0BAD', 12345, ['x'], ''))]
    cases += [(vals, '名称') for vals in bad_values(base, 'name', NOT_TEXT + ('', '   ', 'x' * 1001))]
    cases += [(vals, '所属区域') for vals in bad_values(base, 'territory_id', NOT_RECORDS + (False,))]
    cases += [(vals, '成立日期') for vals in bad_values(base, 'founding_date', NOT_DATES)]
    cases += [(vals, '注册资本') for vals in bad_values(base, 'registered_capital', NOT_NUMBERS + (-5, 1e20))]
    cases += [(vals, '从业人数') for vals in bad_values(base, 'employee_count', NOT_WHOLE + (-3,))]
    cases += [(dict(base, employee_count=10, rd_employee_count=11), '研发人员')]
    cases += [({'name': 'x', 'territory_id': world.territory_a}, '统一社会信用代码'),
              ({'credit_code': base['credit_code'], 'territory_id': world.territory_a}, '名称')]
    for vals, label in cases:
        check.refused('zhangba', 'cultivation.enterprise', 'create', [vals], label, counted=counted)
    # the portal user on its own enterprise: what it may not change, and bad values
    own = ('cultivation.enterprise', world.enterprise_a)
    for vals, label in [({'territory_id': world.territory_b}, '区域'), ({'credit_code': base['credit_code']}, '统一社会信用代码'),
                        ({'partner_id': 1}, '公司'), ({'employee_count': 'abc'}, '从业人数'),
                        ({'founding_date': '2026-02-30'}, '成立日期'), ({'name': 'x' * 1001}, '名称')]:
        check.refused('enterprise', 'cultivation.enterprise', 'write', [[world.enterprise_a], vals], label,
                      unchanged=own)


def test_enterprise_binding(check, world):
    """bind_portal_user: the binding of the portal form, called directly."""
    code = credit_code('91610131MA0BXND00')
    counted = ('cultivation.enterprise', [])
    vals = {'name': '绑定测试企业', 'territory_id': world.territory_a}
    victim = world.admin('cultivation.enterprise', 'read', [world.enterprise_b], ['partner_id'])[0]['partner_id'][0]
    cases = [
        (code, dict(vals, partner_id=victim), '绑定'),  # another enterprise's company contact
        (code, dict(vals, active=False, credit_code='x'), '绑定'),
        (12345, vals, '统一社会信用代码'), (code, 'abc', '统一社会信用代码'), (code[:-1] + 'Z', vals, '统一社会信用代码'),
        (code, dict(vals, territory_id='abc'), '所属区域'), (code, dict(vals, territory_id=1), '所属区域'),
        (code, dict(vals, employee_count='abc'), '从业人数'), (code, dict(vals, founding_date='2026-13-45'), '成立日期'),
    ]
    # the demo enterprise user is already bound: enterprise B's user tries to bind itself elsewhere
    cases.append((code, vals, '已绑定'))
    for credit, values, label in cases:
        login = 'enterprise_b' if label == '已绑定' else 'expert'
        check.refused(login, 'cultivation.enterprise', 'bind_portal_user', [credit, values], label, counted=counted)


def test_application(check, world, records):
    app = records.target('cultivation.application', 'A')  # returned: the enterprise may edit it
    unchanged = ('cultivation.application', app)
    for field, values, label in [
            ('employee_count', NOT_WHOLE, '从业人数'), ('niche_years', NOT_WHOLE, '从事细分领域年限'),
            ('registered_capital', NOT_NUMBERS, '注册资本'), ('market_share', NOT_NUMBERS + (150, -1), '市场占有率'),
            ('founding_date', NOT_DATES, '成立日期'), ('product_field', NOT_CHOICES, '产品领域'),
            ('main_product', NOT_TEXT + ('x' * 1001,), '主导产品'), ('honours', (123, HUGE_TEXT), '荣誉'),
            ('library_id', NOT_RECORDS, '培育库'), ('state', ('approved',), '状态'),
            ('financial_ids', NOT_LISTS, '财务')]:
        for value in values:
            check.refused('enterprise', 'cultivation.application', 'write', [[app], {field: value}], label,
                          unchanged=unchanged)
    counted = ('cultivation.application', [])
    base = {'enterprise_id': world.enterprise_a, 'call_id': world.ops_call(), 'library_id': world.libraries[3]}
    for vals, label in [(dict(base, call_id='abc'), '申报批次'), (dict(base, library_id=99999999), '培育库'),
                        (dict(base, submission_channel='nope'), '申报渠道'), ({'enterprise_id': world.enterprise_a}, '申报批次'),
                        (dict(base, enterprise_id=world.enterprise_b), None)]:
        check.refused('enterprise', 'cultivation.application', 'create', [vals], label, counted=counted)
    financials = ('cultivation.application.financial', [('application_id', '=', app)])
    line = {'application_id': app, 'year': 2016}
    for vals, label in [(dict(line, year='abc'), '年度'), (dict(line, year=1800), '年度'), (dict(line, year=10 ** 12), '年度'),
                        (dict(line, operating_revenue=-1), '营业收入'), (dict(line, operating_revenue='nan'), '营业收入'),
                        (dict(line, operating_revenue=100, main_revenue=200), '主营业务收入'),
                        (dict(line, rd_spend='inf'), '研发费用'), (dict(line, net_profit=[1]), '净利润'),
                        (dict(line, application_id='abc'), '入库申请'), ({'year': 2016}, '入库申请')]:
        check.refused('enterprise', 'cultivation.application.financial', 'create', [vals], label, counted=financials)
    attachments = ('cultivation.application.attachment', [('application_id', '=', app)])
    upload = {'application_id': app, 'doc_type': 'other', 'name': 'x.pdf', 'datas': PDF}
    import base64
    for vals, label in [(dict(upload, datas='!!!notbase64'), '文件'), (dict(upload, datas=base64.b64encode(
            b'<script>alert(1)</script>').decode()), '文件'), (dict(upload, datas=''), '文件'),
            (dict(upload, doc_type='nope'), '材料类型'), (dict(upload, name=123), '文件名'), (dict(upload, name=''), '文件名'),
            (dict(upload, mimetype='text/html', datas=base64.b64encode(b'MZ\x90\x00').decode()), '文件')]:
        check.refused('enterprise', 'cultivation.application.attachment', 'create', [vals], label, counted=attachments)


def test_library_records(check, world, records):
    membership = world.membership[world.enterprise_a]
    plans = ('cultivation.plan', [])
    plan = {'membership_id': membership, 'year': 2091}
    for field, values, label in [('year', NOT_WHOLE + (1999, 2101), '年度'), ('target_revenue', NOT_NUMBERS + (-1,), '目标营业收入'),
                                 ('target_rd_ratio', NOT_NUMBERS + (101, -1), '目标研发投入占比'),
                                 ('target_new_patents', NOT_WHOLE + (-1,), '目标'), ('measures', (123, HUGE_TEXT), '培育措施'),
                                 ('membership_id', NOT_RECORDS + (False,), '在库')]:
        for vals in bad_values(plan, field, values):
            check.refused('zhangba', 'cultivation.plan', 'create', [vals], label, counted=plans)
    violations = ('cultivation.violation', [])
    violation = {'enterprise_id': world.enterprise_a, 'category': 'safety', 'description': '坏输入', 'date': '2020-01-01'}
    for field, values, label in [('date', NOT_DATES + ('2999-01-01',), '日期'), ('category', NOT_CHOICES + (False,), '类别'),
                                 ('severity', NOT_CHOICES, '严重程度'), ('description', NOT_TEXT + ('', '  '), '说明'),
                                 ('enterprise_id', NOT_RECORDS, '企业'), ('evidence', ('!!!notbase64', 123), '证据')]:
        for vals in bad_values(violation, field, values):
            check.refused('zhangba', 'cultivation.violation', 'create', [vals], label, counted=violations)
    report = records.target('cultivation.monthly.report', 'A')
    unchanged = ('cultivation.monthly.report', report)
    for field, values, label in [('revenue', NOT_NUMBERS + (-1, 1e10), '营业收入'),
                                 ('employees', NOT_WHOLE + (-1,), '从业人数'), ('growth_news', (123, 'x' * 2001), '成长动态'),
                                 ('state', ('submitted',), '状态'), ('period_date', ('2026-13-01',), ('月', '填报'))]:
        for value in values:
            check.refused('enterprise', 'cultivation.monthly.report', 'write', [[report], {field: value}], label,
                          unchanged=unchanged)
    evaluations = ('cultivation.annual.evaluation', [])
    campaign = {'name': '坏输入评价', 'year': 2025}
    for field, values, label in [('year', NOT_WHOLE + (1999,), '年度'), ('min_target_share', NOT_NUMBERS + (101,), '最低'),
                                 ('library_ids', NOT_LISTS, '梯度'), ('name', NOT_TEXT + ('',), '名称')]:
        for vals in bad_values(campaign, field, values):
            check.refused('bureau', 'cultivation.annual.evaluation', 'create', [vals], label, counted=evaluations)


def test_portrait_and_experts(check, world, records):
    schemes = ('portrait.scheme', [])
    scheme = {'name': '坏输入方案', 'code': 'bad_input_scheme'}
    for field, values, label in [('weak_threshold', NOT_NUMBERS + (101, -1), '薄弱'), ('min_total', NOT_NUMBERS + (-1,), '最低总分'),
                                 ('date_from', NOT_DATES, '生效'), ('code', NOT_TEXT + ('',), '编码')]:
        for vals in bad_values(scheme, field, values):
            check.refused('bureau', 'portrait.scheme', 'create', [vals], label, counted=schemes)
    experts = ('expert.expert', [])
    expert = {'name': '坏输入专家'}
    for field, values, label in [('capacity', NOT_WHOLE + (0, -1), '接单容量'), ('expert_type', NOT_CHOICES, '类型'),
                                 ('domain_ids', NOT_LISTS, '服务领域'), ('email', NOT_TEXT, '邮箱'),
                                 ('state', ('nope',), '状态'), ('user_id', NOT_RECORDS, '门户用户')]:
        for vals in bad_values(expert, field, values):
            check.refused('bureau', 'expert.expert', 'create', [vals], label, counted=experts)
    requests_ = ('expert.service.request', [])
    domain = world.admin('expert.expert', 'read', [world.expert_own], ['domain_ids'])[0]['domain_ids'][0]
    request = {'enterprise_id': world.enterprise_a, 'expert_id': world.expert_own, 'domain_id': domain, 'need': '坏输入'}
    for field, values, label in [('need', NOT_TEXT + ('', '   ', HUGE_TEXT), '需求'), ('expert_id', NOT_RECORDS, '专家'),
                                 ('domain_id', NOT_RECORDS, '服务领域'), ('line_ids', NOT_LISTS, '薄弱指标'),
                                 ('enterprise_id', (world.enterprise_b,), None), ('contact_phone', NOT_TEXT, '联系电话')]:
        for vals in bad_values(request, field, values):
            check.refused('enterprise', 'expert.service.request', 'create', [vals], label, counted=requests_)
    running = records.service_request('A', 'in_progress')
    service_records = ('expert.service.record', [('request_id', '=', running)])
    record = {'request_id': running, 'content': '坏输入记录'}
    for field, values, label in [('content', NOT_TEXT + ('', '  '), '服务内容'), ('date', NOT_DATES, '日期'),
                                 ('request_id', NOT_RECORDS, '服务请求'), ('file', ('!!!notbase64', 5), '附件')]:
        for vals in bad_values(record, field, values):
            check.refused('expert', 'expert.service.record', 'create', [vals], label, counted=service_records)


# ----------------------------------------------------------------------------- actions
def test_review_actions(check, world, records, admin):
    submitted = admin('cultivation.application', 'search', [('state', '=', 'in_review'), ('stage_id.is_joint', '=', False)],
                      limit=1)
    app = records.target('cultivation.application', 'A')
    for login, target in (('bureau', app), ('zhangba', app)) + ((('bureau', submitted[0]),) if submitted else ()):
        unchanged = ('cultivation.application', target)
        for reason in (123, ['改正'], {'a': 1}, True, HUGE_TEXT):
            check.refused(login, 'cultivation.application', 'action_return', [[target], reason], REASON, unchanged=unchanged)
        check.refused(login, 'cultivation.application', 'action_approve', [[target], 123], '意见', unchanged=unchanged)
    joint = admin('cultivation.application', 'search', [('state', '=', 'in_review'), ('stage_id.is_joint', '=', True),
                                                        ('joint_member_ids.login', '=', 'joint1')], limit=1)
    if joint:
        unchanged = ('cultivation.application', joint[0])
        for score in ('abc', 'nan', 'inf', -1, 101, 1e300, [50], {'a': 1}):
            check.refused('joint1', 'cultivation.application', 'action_joint_vote', [joint, score, True], '评分',
                          unchanged=unchanged)
        for vote in ('no', 1, None, ['x']):
            check.refused('joint1', 'cultivation.application', 'action_joint_vote', [joint, 80, vote], '赞成',
                          unchanged=unchanged)
    # the review wizard, as the web client uses it: create, then confirm
    wizards = ('cultivation.application.review.wizard', [])
    for vals, label in [({'application_id': app, 'decision': 'vote', 'score': 'abc'}, '分'),
                        ({'application_id': 'abc', 'decision': 'approve'}, '入库申请'),
                        ({'application_id': app, 'decision': 'nope'}, '审核结论'),
                        ({'application_id': app, 'decision': 'return', 'reason': ['x']}, '原因')]:
        check.refused('bureau', 'cultivation.application.review.wizard', 'create', [vals], label, counted=wizards)


def test_library_actions(check, world, records, admin):
    report = records.target('cultivation.monthly.report', 'A')
    unchanged = ('cultivation.monthly.report', report)
    for reason in (123, ['x'], '', '   ', HUGE_TEXT):
        check.refused('zhangba', 'cultivation.monthly.report', 'action_reopen', [[report], reason], REASON,
                      unchanged=unchanged)
    for vals, label in [({'revenue': 'abc'}, '营业收入'), ({'employees': 1.5}, '从业人数'), ('abc', '')]:
        check.refused('enterprise', 'cultivation.monthly.report', 'figure_errors', [[report], vals], label or None)
        check.refused('enterprise', 'cultivation.monthly.report', 'unusual_figures', [[report], vals], label or None)
    membership = world.membership[world.enterprise_b]
    unchanged = ('cultivation.membership', membership)
    for reason in (123, ['x'], '', HUGE_TEXT):
        check.refused('bureau', 'cultivation.membership', 'action_exit', [[membership], reason], REASON, unchanged=unchanged)
        check.refused('bureau', 'cultivation.membership', 'action_propose_upgrade', [[membership], reason], REASON,
                      unchanged=unchanged)
    for day in NOT_DATES:
        check.refused('bureau', 'cultivation.membership', 'action_exit', [[membership], '坏日期', day], '退库日期',
                      unchanged=unchanged)
    for year in ('abc', 20.5, [2026]):
        check.refused('enterprise', 'cultivation.membership', 'current_plan', [[world.membership[world.enterprise_a]], year],
                      '年度')
    memberships = ('cultivation.membership', [])
    for kwargs, label in [({'application': 'abc'}, '入库申请'), ({'enterprise': 99999999, 'library': 1}, '企业'),
                          ({'enterprise': world.enterprise_a, 'library': [1, 2]}, '培育库'),
                          ({'enterprise': world.enterprise_a, 'library': 4, 'date_admitted': '2026-13-45'}, '入库日期')]:
        check.refused('admin', 'cultivation.membership', 'admit', [], label, counted=memberships, kwargs=kwargs)
    suggestion = records.target('cultivation.suggestion', 'A')
    for note in (123, ['x'], '', HUGE_TEXT):
        check.refused('zhangba', 'cultivation.suggestion', 'action_dismiss', [[suggestion], note], ('意见', '理由'),
                      unchanged=('cultivation.suggestion', suggestion))
    line = records.target('cultivation.annual.evaluation.line', 'A')
    for decision, reason, label in [(['keep'], '理由', '决定'), ('nope', '理由', '决定'), (None, '理由', '决定'),
                                    ({'a': 1}, '理由', '决定'), ('keep', 123, REASON), ('keep', ['x'], REASON),
                                    ('keep', '', REASON)]:
        check.refused('bureau', 'cultivation.annual.evaluation.line', 'action_decide', [[line], decision, reason], label,
                      unchanged=('cultivation.annual.evaluation.line', line))
    # the reason dialog: create with bad values
    wizards = ('cultivation.reason.wizard', [])
    for vals, label in [({'action': 'nope', 'res_id': report}, '动作'), ({'action': 'reopen_report', 'res_id': 'abc'}, '记录'),
                        ({'action': 'reopen_report', 'res_id': 10 ** 12}, '记录'), ({'action': 'reopen_report'}, '记录'),
                        ({'action': 'reopen_report', 'res_id': report, 'reason': 123}, '原因')]:
        check.refused('zhangba', 'cultivation.reason.wizard', 'create', [vals], label, counted=wizards)
    # helpers that take records, given what is no record
    for model, method, args, label in [
            ('cultivation.call', 'check_open_for', [[world.ops_call()], 'abc'], '培育库'),
            ('cultivation.call', 'check_open_for', [[world.ops_call()], 99999999], '培育库'),
            ('cultivation.review.stage', 'applies_to', [[1], 'abc'], '入库申请'),
            ('cultivation.review.stage', 'candidate_reviewers', [[1], [1, 2]], '入库申请'),
            ('cultivation.suggestion.rule', 'check', [[1], 'abc', []], '在库'),
            ('cultivation.suggestion.rule', 'check', [[1], world.membership[world.enterprise_a], 'abc'], '月度')]:
        check.refused('bureau', model, method, args, label)


def test_expert_and_portrait_actions(check, world, records, admin):
    expert = records.target('expert.expert', 'B')  # a candidate
    unchanged = ('expert.expert', expert)
    for action, reason, label in [(['admit'], '理由', '决定'), ('nope', '理由', '决定'), (None, '理由', '决定'),
                                  ('admit', 123, REASON), ('admit', '', REASON), ('admit', HUGE_TEXT, REASON)]:
        check.refused('bureau', 'expert.expert', 'change_state', [[expert], action, reason], label, unchanged=unchanged)
    experts = ('expert.expert', [])
    domain = admin('expert.domain', 'search', [], limit=1)[0]
    application = {'name': '坏输入专家', 'contact_name': '张', 'phone': '029-1', 'qualification': '资质', 'profile': '简介',
                   'domain_ids': [(6, 0, [domain])], 'capacity': 2, 'expert_type': 'individual'}
    certificate = [('c.pdf', PDF)]
    for vals, industries, certificates, label in [
            (dict(application, domain_ids=[(0, 0, {'name': '注入领域', 'code': 'injected'})]), [], certificate, '服务领域'),
            (dict(application, domain_ids=[(2, domain)]), [], certificate, '服务领域'),
            (dict(application, territory_ids=[(0, 0, {'name': '注入区域', 'code': 'INJ'})]), [], certificate, '服务区域'),
            (dict(application, domain_ids=[]), [], certificate, '服务领域'),
            (dict(application, capacity=10 ** 12), [], certificate, '接单容量'), (dict(application, capacity=0), [], certificate, '接单容量'),
            (dict(application, capacity='abc'), [], certificate, '接单容量'), (dict(application, name=''), [], certificate, '名称'),
            (dict(application, name=123), [], certificate, '名称'), (dict(application, profile=HUGE_TEXT), [], certificate, '简介'),
            (dict(application, expert_type='nope'), [], certificate, '类型'), (application, ['ZZZ'], certificate, '行业'),
            (application, 'C39', certificate, None), (application, [], [], '证书'), (application, [], [('c.pdf', '!!!')], '文件'),
            (application, [], [('c.pdf', 123)], '证书'), ('abc', [], certificate, None)]:
        check.refused('applicant', 'expert.expert', 'apply_from_portal', [vals, industries, certificates], label,
                      counted=experts)
    # The recommendation is computed on the server for the portal and the wizard; it returns
    # records, so it is not an RPC method: a client is refused, in Chinese.
    for method in ('_match_for_enterprise', '_needed_domains'):
        check.refused('enterprise', 'expert.expert', method, [world.enterprise_a], '不能远程调用')
    request = records.target('expert.service.request', 'A')
    unchanged = ('expert.service.request', request)
    for reason in (123, ['x'], '', HUGE_TEXT):
        check.refused('expert', 'expert.service.request', 'decline', [[request], reason], '拒绝', unchanged=unchanged)
        check.refused('enterprise', 'expert.service.request', 'cancel', [[request], reason], '取消', unchanged=unchanged)
    done = records.service_request('A', 'done')
    for rating, comment, label in [('9', '', '评分'), (0, '', '评分'), ('abc', '', '评分'), ("' OR 1=1 --", '', '评分'),
                                   (5.5, '', '评分'), (True, '', '评分'), ('5', 123, '评价'), ('5', 'x' * 2001, '评价')]:
        check.refused('enterprise', 'expert.service.request', 'rate', [[done], rating, comment], label,
                      unchanged=('expert.service.request', done))
    check.refused('enterprise', 'expert.domain.mapping', '_domains_for_lines', ['abc'], '不能远程调用')
    scheme = admin('portrait.scheme', 'search', [('state', '=', 'published')], limit=1)[0]
    code = admin('portrait.indicator', 'search_read', [('scheme_id', '=', scheme), ('rule_kind', '=', 'bands')],
                 ['code'], limit=1)[0]['code']
    for values, label in [('abc', '值'), ({'no_such_code': 1}, 'no_such_code'), ({code: 'abc'}, code), ({code: [1, 2, 3]}, code),
                          ({code: True}, code)]:
        check.refused('enterprise', 'portrait.scheme', 'score_values', [[scheme], values], label)
    check.refused('enterprise', 'portrait.scheme', 'scheme_for_library', ['abc'], '培育库')
    check.refused('enterprise', 'portrait.scheme', 'scheme_for_library', [world.libraries[:1], '2026-13-45'], '日期')
    evaluations = ('portrait.evaluation', [])
    for args, label in [(['abc', [world.enterprise_a]], '评分体系'), ([99999999, [world.enterprise_a]], '评分体系'),
                        ([scheme, 'abc'], '企业'), ([scheme, [world.enterprise_a], '2026-13-45'], '日期'),
                        ([scheme, [world.enterprise_a], False, 'abc'], '手工'),
                        ([scheme, [world.enterprise_a], False, {'abc': {}}], '手工'),
                        ([scheme, [world.enterprise_a], False, {str(world.enterprise_b): {}}], '手工'),
                        ([scheme, [world.enterprise_a], False, {str(world.enterprise_a): {'nope': 1}}], 'nope')]:
        check.refused('bureau', 'portrait.evaluation', 'evaluate', args, label, counted=evaluations)
