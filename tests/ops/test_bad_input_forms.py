"""Bad input to the portal forms, posted as a browser posts them (with a valid CSRF token): the
monthly report, the enterprise profile, a new application, an upload, the expert application, a
service request, its cancellation, decline, service record and rating. (The binding form and the
application form have their own suite, addons/gradient_cultivation/tests/test_bad_input.py.)

Each bad value is refused with a Chinese message naming the field; the form comes back with what
was typed (or the page says why the file was refused); no traceback, no English error page,
nothing half-written; HTML and script typed into a form are never echoed raw. Text with HTML or
SQL in it, where text is free, is kept exactly as typed and shown escaped."""
import re

import pytest

from .conftest import PDF, Browser, count

CJK = re.compile('[\u4e00-\u9fff]')
RAW = ('<script>alert(1)</script>', '<img src=x onerror=alert(1)>')
INJECTIONS = ("' OR 1=1 --", '"; DROP TABLE cultivation_enterprise; --', '<script>alert(1)</script>',
              '<img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}', '%s%s%s')
NOT_NUMBERS = ('abc', '-5', 'nan', 'inf', '1e400', '1' * 30, "1' OR '1'='1", '1,2,3.4.5')  # (full-width digits are numbers)
NOT_WHOLE = ('abc', '1.5', '-3', '99999999999', '1e3', "1; DROP TABLE x")
NOT_DATES = ('2026-13-45', '2026-02-30', '31/12/2020', "' OR 1=1 --", '0000-00-00', '1800-01-01')
BAD_FILES = (('x.pdf', b'just text, not a PDF'), ('x.pdf', b'<html><script>alert(1)</script></html>'),
             ('x.exe', b'MZ\x90\x00\x03'), ('x.docx', b'PK\x03\x04 not an office document'), ('x.pdf', b''))


@pytest.fixture(scope='module')
def users(world):
    return {'enterprise': Browser('enterprise'), 'expert': Browser('expert'), 'applicant': Browser(*world.applicant())}


class FormChecker(object):
    def __init__(self, admin):
        self.admin, self.problems, self.tried = admin, [], 0

    def state(self, watch):
        """What must not change: (model, id) -> last change, (model, domain) -> count."""
        result = []
        for model, what in watch:
            if isinstance(what, int):
                found = self.admin(model, 'search_read', [('id', '=', what)], ['write_date'],
                                   context={'active_test': False})
                result.append(found[0]['write_date'] if found else None)
            else:
                result.append(self.admin(model, 'search_count', what, context={'active_test': False}))
        return result

    def refused(self, browser, path, data, label, watch, form=None, kept=None, files=None):
        """Posts ``data`` to ``path`` (the token from ``form``, by default the page itself)."""
        self.tried += 1
        before = self.state(watch)
        # a refused upload goes back to the form with the reason: followed, as a browser does
        response = browser.post(path, data, token_from=form, files=files, allow_redirects=True)
        what = '%s POST %s %s' % (browser.login, path, {k: (v if len(str(v)) < 40 else '…') for k, v in data.items()})
        body = response.text
        if response.status_code != 200:
            self.problems.append('%s: answered %s' % (what, response.status_code))
        elif 'Traceback' in body or 'odoo.exceptions' in body:
            self.problems.append('%s: a traceback' % what)
        elif not any(name in body for name in (label if isinstance(label, tuple) else (label,))):
            self.problems.append('%s: no message naming %s' % (what, label))
        elif kept and kept not in body:
            self.problems.append('%s: the form lost what was typed (%s)' % (what, kept))
        for raw in RAW:
            if raw in body:
                self.problems.append('%s: %s shown raw' % (what, raw))
        after = self.state(watch)
        if after != before:
            self.problems.append('%s: something was written (%s -> %s)' % (what, before, after))


@pytest.fixture
def check(admin):
    checker = FormChecker(admin)
    yield checker
    count('bad inputs tried (portal forms)', checker.tried)
    assert not checker.problems, '\n'.join(checker.problems)


def test_monthly_report_form(check, users, records):
    report = records.target('cultivation.monthly.report', 'A')
    path = '/my/reports/%d' % report
    base = {'revenue': '100', 'revenue_ytd': '100', 'employees': '50', 'growth_news': '保留的成长动态', 'do_save': '1'}
    cases = [({'revenue': v}, '营业收入') for v in NOT_NUMBERS]
    cases += [({'employees': v}, '从业人数') for v in NOT_WHOLE]
    cases += [({'revenue': '100', 'revenue_ytd': '50'}, '累计营业收入'), ({'total_profit': 'abc'}, '利润总额'),
              ({'taxes_paid': '-1'}, '实缴税金'), ({'new_patents': '2.5'}, '新增专利数'),
              ({'growth_news': 'x' * 2001, 'difficulties': '保留的困难'}, ('2000', '成长动态')),
              ({'difficulties': 'x' * 2001}, ('2000', '困难诉求'))]
    for change, label in cases:
        kept = '保留的成长动态' if 'growth_news' not in change else '保留的困难'
        check.refused(users['enterprise'], path, dict(base, **change), label, [('cultivation.monthly.report', report)],
                      kept=kept)


PROFILE = {'legal_representative': '保留的法人', 'street': '锦业路1号', 'industry_code': 'C3976', 'main_product': '红外探测器',
           'phone': '029-8888 0000', 'email': 'info@example.com', 'founding_date': '2010-05-01',
           'registered_capital': '5000', 'employee_count': '320', 'rd_employee_count': '60'}


def test_enterprise_profile_form(check, users, world):
    base = PROFILE
    cases = [({'registered_capital': v}, '注册资本') for v in NOT_NUMBERS]
    cases += [({'employee_count': v}, '从业人数') for v in NOT_WHOLE]
    cases += [({'founding_date': v}, '成立日期') for v in NOT_DATES]
    cases += [({'email': v}, ('邮箱', '邮件')) for v in ('x', '<script>alert(1)</script>', "' OR 1=1 --")]
    cases += [({'legal_representative': 'x' * 201, 'street': '保留的地址'}, '200'), ({'employee_count': '10'}, '研发人员')]
    for change, label in cases:
        kept = '保留的地址' if change.get('legal_representative') else '保留的法人'
        check.refused(users['enterprise'], '/my/enterprise', dict(base, **change), label,
                      [('cultivation.enterprise', world.enterprise_a)], kept=kept)


def test_new_application_and_upload_forms(check, users, world, records, admin):
    calls = admin('cultivation.call', 'search_read', [('state', '=', 'open')], ['library_ids'], limit=1)
    applications = ('cultivation.application', [('enterprise_id', '=', world.enterprise_a)])
    if calls:
        call = calls[0]
        for data, label in [({'call_id': 'abc', 'library_id': str(call['library_ids'][0])}, '申报批次'),
                            ({'call_id': '99999999', 'library_id': '1'}, '申报批次'),
                            ({'call_id': "1 OR 1=1", 'library_id': '1'}, '申报批次'),
                            ({'call_id': str(call['id']), 'library_id': 'abc'}, '培育库'),
                            ({'call_id': str(call['id']), 'library_id': '99999999'}, '培育库')]:
            check.refused(users['enterprise'], '/my/applications/new', data, label, [applications])
    app = records.target('cultivation.application', 'A')
    edit = '/my/applications/%d/edit' % app
    attachments = ('cultivation.application.attachment', [('application_id', '=', app)])
    upload = '/my/applications/%d/attachments' % app
    check.refused(users['enterprise'], upload, {'doc_type': 'nope'}, '材料类型', [attachments], form=edit,
                  files={'upload': ('x.pdf', PDF.encode())})
    check.refused(users['enterprise'], upload, {'doc_type': 'licence'}, '文件', [attachments], form=edit)
    for name, content in BAD_FILES:
        check.refused(users['enterprise'], upload, {'doc_type': 'licence'}, ('PDF', '文件'), [attachments], form=edit,
                      files={'upload': (name, content)})


def test_expert_application_form(check, users, admin):
    domain = admin('expert.domain', 'search', [], limit=1)[0]
    base = {'name': '保留的专家名称', 'contact_name': '张', 'phone': '029-1', 'qualification': '资质', 'profile': '简介',
            'expert_type': 'individual', 'domain_ids': str(domain), 'capacity': '2'}
    experts = ('expert.expert', [])
    certificate = {'certificates': ('c.pdf', b'%PDF-1.4\n%%EOF\n')}
    cases = [({'name': ''}, '名称'), ({'name': 'x' * 201}, '200'), ({'contact_name': ''}, '联系人'),
             ({'qualification': 'x' * 2001}, '2000'), ({'profile': ''}, '简介')]
    cases += [({'phone': v}, '电话') for v in ('abc', '<script>alert(1)</script>', "' OR 1=1 --", '1' * 31)]
    cases += [({'email': v}, ('邮箱', '邮件')) for v in ('x', '<img src=x onerror=alert(1)>')]
    cases += [({'expert_type': v}, '类型') for v in ('nope', "' OR 1=1 --")]
    cases += [({'domain_ids': v}, '服务领域') for v in ('abc', '99999999', '-1', '')]
    cases += [({'capacity': v}, '接单容量') for v in ('0', '51', 'abc', '1e9', '-1', '99999999999')]
    for change, label in cases:
        kept = '保留的专家名称' if 'name' not in change else None
        check.refused(users['applicant'], '/my/expert/apply', dict(base, **change), label, [experts], kept=kept,
                      files=certificate)
    check.refused(users['applicant'], '/my/expert/apply', base, '证书', [experts], kept='保留的专家名称')
    for name, content in BAD_FILES[:4]:
        check.refused(users['applicant'], '/my/expert/apply', base, ('PDF', '文件'), [experts],
                      files={'certificates': (name, content)})


def test_service_request_forms(check, users, world, records, admin):
    expert = world.expert_own
    domains = admin('expert.expert', 'read', [expert], ['domain_ids'])[0]['domain_ids']
    other_domain = admin('expert.domain', 'search', [('id', 'not in', domains)], limit=1)[0]
    requests_ = ('expert.service.request', [('enterprise_id', '=', world.enterprise_a)])
    base = {'domain_id': str(domains[0]), 'need': '保留的需求', 'contact_phone': '029-1'}
    cases = [({'domain_id': v}, '服务领域') for v in ('abc', '99999999', str(other_domain), "1 OR 1=1")]
    cases += [({'need': v}, '需求') for v in ('', '   ', 'x' * 2001)]
    cases += [({'contact_phone': v}, '联系电话') for v in ('abc', "' OR 1=1 --", '<script>alert(1)</script>', '1' * 31)]
    for change, label in cases:
        kept = '保留的需求' if 'need' not in change else None
        check.refused(users['enterprise'], '/my/experts/%d' % expert, dict(base, **change), label, [requests_],
                      kept=kept)
    request = records.target('expert.service.request', 'A')
    page = '/my/service-requests/%d' % request
    watch = [('expert.service.request', request)]
    for reason in ('', '   ', 'x' * 2001):
        check.refused(users['enterprise'], page + '/cancel', {'reason': reason}, '取消原因', watch, form=page)
        check.refused(users['expert'], page + '/decline', {'reason': reason}, '拒绝原因', watch, form=page)
    done = records.service_request('A', 'done')
    page = '/my/service-requests/%d' % done
    for rating in ('9', '0', 'abc', "' OR 1=1 --", '', '4.5'):
        check.refused(users['enterprise'], page + '/rate', {'rating': rating, 'rating_comment': '保留的评价'}, '评分',
                      [('expert.service.request', done)], form=page, kept='保留的评价')
    check.refused(users['enterprise'], page + '/rate', {'rating': '5', 'rating_comment': 'x' * 2001}, '2000',
                  [('expert.service.request', done)], form=page)
    running = records.service_request('A', 'in_progress')
    page = '/my/service-requests/%d' % running
    service_records = ('expert.service.record', [('request_id', '=', running)])
    for data, label in [({'content': ''}, '服务内容'), ({'content': 'x' * 2001}, '2000')] + \
            [({'content': '保留的记录', 'date': v}, '日期') for v in NOT_DATES]:
        check.refused(users['expert'], page + '/record', data, label, [service_records], form=page)
    for name, content in BAD_FILES[:4]:
        check.refused(users['expert'], page + '/record', {'content': '保留的记录'}, ('PDF', '文件'), [service_records],
                      form=page, files={'file': (name, content)})


def test_typed_html_and_sql_are_kept_as_text_and_shown_escaped(users, world, admin):
    """Where text is free, injections are text: stored exactly as typed, shown escaped."""
    browser = users['enterprise']
    fields = tuple(PROFILE)
    before = admin('cultivation.enterprise', 'read', [world.enterprise_a], list(fields))[0]
    tried = 0
    try:
        for text in INJECTIONS:
            response = browser.post('/my/enterprise', dict(PROFILE, main_product=text, street=text))
            assert response.status_code in (200, 303), (text, response.status_code)
            stored = admin('cultivation.enterprise', 'read', [world.enterprise_a], list(fields))[0]
            assert stored['main_product'] == text.strip() and stored['street'] == text.strip(), (text, stored)
            shown = browser.get('/my/enterprise').text
            for raw in RAW:
                assert raw not in shown, (text, raw)
            tried += 1
    finally:
        admin('cultivation.enterprise', 'write', [world.enterprise_a], {name: before[name] for name in fields
                                                                        if name in before})
    count('bad inputs tried (portal forms)', tried)
