"""Every page, form and download URL of our addons × who asks: an anonymous visitor, the
enterprise that owns the record (A or B), the other enterprise, the demo expert and the
territory reviewer zhangba (whose territory holds enterprise A, not B).

An anonymous visitor is sent to the login page; another enterprise's record (page, form,
attachment, PDF, Excel, file) answers 404 or 403 and is never shown; a form posted by someone
who may not change the record, or without a valid CSRF token, changes nothing. No answer is a
traceback or an English error page."""
import re

import pytest

from .conftest import OTHER_LOGIN, OTHER_PASSWORD, Browser, count

ROLES = ('anonymous', 'enterprise', 'enterprise_b', 'expert', 'zhangba')
OWNER = {'A': 'enterprise', 'B': 'enterprise_b'}
CJK = re.compile('[\u4e00-\u9fff]')
REFUSED = ('notfound', 'forbidden')


@pytest.fixture(scope='module')
def browsers(world):
    return {
        'anonymous': Browser(),
        'enterprise': Browser('enterprise'),
        'enterprise_b': Browser(OTHER_LOGIN, OTHER_PASSWORD),
        'expert': Browser('expert'),
        'zhangba': Browser('zhangba'),
    }


@pytest.fixture(scope='module')
def ids(records):
    """{name: {scope: id}} of what the URLs point at."""
    r, result = records, {}
    for scope in ('A', 'B'):
        app = r.target('cultivation.application', scope)
        attachment = r.target('cultivation.application.attachment', scope)
        certificate = r.target('expert.certificate', scope)
        record = r.with_file('expert.service.record', scope, 'file', 'file_name')
        violation = r.with_file('cultivation.violation', scope, 'evidence', 'evidence_name')
        values = {
            'app': app, 'attachment': attachment,
            'attachment_file': r.file_of('cultivation.application.attachment', attachment, 'datas'),
            'report': r.target('cultivation.monthly.report', scope),
            'evaluation': r.target('portrait.evaluation', scope),
            'request': r.target('expert.service.request', scope),
            'membership': r.target('cultivation.membership', scope),
            'annual': r.target('cultivation.annual.evaluation', scope),
            'expert': r.target('expert.expert', scope),
            'certificate': certificate,
            'certificate_file': r.file_of('expert.certificate', certificate, 'datas'),
            'record': record, 'record_file': r.file_of('expert.service.record', record, 'file'),
            'violation': violation,
        }
        for name, value in values.items():
            assert value, '%s of %s not found' % (name, scope)
            result.setdefault(name, {})[scope] = value
    result['call'] = {'A': r.w.ops_call(), 'B': r.w.ops_call()}
    return result


def scoped(owner='ok', other='notfound', expert='notfound', reviewer_a='ok', reviewer_b='notfound'):
    """The expected answers to a URL of enterprise A's or B's record."""
    def expect(role, scope):
        if role == 'anonymous':
            return 'login'
        if role == OWNER[scope]:
            return owner
        if role in OWNER.values():
            return other
        if role == 'expert':
            return expert(scope) if callable(expert) else expert
        return reviewer_a if scope == 'A' else reviewer_b
    return expect


def everyone(answer='ok', expert=None, reviewer=None):
    """A URL of no enterprise in particular."""
    def expect(role, scope):
        if role == 'anonymous':
            return 'login'
        if role == 'expert' and expert:
            return expert
        if role == 'zhangba' and reviewer:
            return reviewer
        return answer
    return expect


def only_the_expert_of_a(scope):
    return 'ok' if scope == 'A' else 'notfound'


def back_office(role, scope):
    """A report URL of the back office: staff who may read the record; portal users print from
    their own pages and are refused here."""
    if role == 'anonymous':
        return 'login'
    if role == 'zhangba':
        return 'ok' if scope == 'A' else 'notfound'
    return 'forbidden'


def public_file(owner='ok', other='refused', expert='refused', reviewer_a='ok', reviewer_b='refused'):
    """/web/content (public route): an anonymous visitor gets no file either."""
    expect = scoped(owner, other, expert, reviewer_a, reviewer_b)
    return lambda role, scope: 'refused' if role == 'anonymous' else expect(role, scope)


# (URL, expected answer by role and scope). {x} is the id of x of the scope.
PAGES = [
    ('/my/home', everyone()),
    ('/my/enterprise', everyone()),
    ('/my/applications', everyone()),
    ('/my/applications/page/2', everyone()),
    ('/my/applications/new', everyone(expert='redirect', reviewer='redirect')),
    ('/my/applications/{app}', scoped()),
    ('/my/applications/{app}/edit', scoped()),
    ('/my/applications/{app}/attachments/{attachment}', scoped()),
    ('/my/applications/{app}/print', scoped()),
    ('/my/reports', everyone()),
    ('/my/reports/page/2', everyone()),
    ('/my/reports/{report}', scoped()),
    ('/my/portrait', everyone()),
    ('/my/portrait/{evaluation}', scoped()),
    ('/my/portrait/{evaluation}/print', scoped()),
    ('/my/experts', everyone()),
    ('/my/experts/page/2', everyone()),
    # A: the demo expert (active, seen by all); B: a candidate, seen by staff only
    ('/my/experts/{expert}', lambda role, scope: 'login' if role == 'anonymous' else 'ok'
     if scope == 'A' or role == 'zhangba' else 'notfound'),
    ('/my/service-requests', everyone()),
    ('/my/service-requests/page/2', everyone()),
    # A: enterprise A's request to the demo expert; B: enterprise B's request to another expert
    ('/my/service-requests/{request}', scoped(expert=only_the_expert_of_a)),
    ('/my/expert/apply', everyone()),
    ('/report/pdf/gradient_cultivation.report_cultivation_application/{app}', back_office),
    ('/report/html/gradient_cultivation.report_cultivation_application/{app}', back_office),
    ('/report/pdf/gradient_cultivation.report_cultivation_application/{app},{app}', back_office),
    ('/report/pdf/capability_portrait.report_portrait/{evaluation}', back_office),
    ('/report/html/capability_portrait.report_portrait/{evaluation}', back_office),
    ('/report/xlsx/gradient_cultivation.call_summary_xlsx/{call}', everyone('forbidden', reviewer='ok')),
    ('/report/xlsx/gradient_cultivation.membership_roster_xlsx/{membership}', back_office),
    ('/report/xlsx/gradient_cultivation.annual_evaluation_xlsx/{annual}', back_office),
    ('/report/pdf/gradient_cultivation.report_cultivation_application/abc', everyone('forbidden', reviewer='notfound')),
    ('/web/content/cultivation.application.attachment/{attachment}/datas', public_file()),
    ('/web/content/{attachment_file}', public_file()),
    ('/web/content/{attachment_file}?download=true', public_file()),
    # certificates: the expert's own (A) or a candidate's (B), for the bureau's review
    ('/web/content/expert.certificate/{certificate}/datas',
     lambda role, scope: 'refused' if role == 'anonymous' else 'ok' if role == 'zhangba'
     or (role == 'expert' and scope == 'A') else 'refused'),
    ('/web/content/{certificate_file}',
     lambda role, scope: 'refused' if role == 'anonymous' else 'ok' if role == 'zhangba'
     or (role == 'expert' and scope == 'A') else 'refused'),
    ('/web/content/expert.service.record/{record}/file', public_file(expert=lambda s: 'ok' if s == 'A' else 'refused')),
    ('/web/content/{record_file}', public_file(expert=lambda s: 'ok' if s == 'A' else 'refused')),
    ('/web/content/cultivation.violation/{violation}/evidence', public_file(owner='refused')),
]


def answer_of(response):
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        return 'login' if '/web/login' in response.headers.get('Location', '') else 'redirect'
    return {200: 'ok', 400: 'badrequest', 403: 'forbidden', 404: 'notfound'}.get(code, str(code))


def matches(answer, expected):
    return answer == expected or (expected == 'refused' and answer in REFUSED)


def clean(response):
    """A problem with the body of an answer (a traceback, an English error page), or None."""
    if 'text/html' not in response.headers.get('Content-Type', ''):
        return None
    body = response.text
    if 'Traceback' in body or 'odoo.exceptions' in body:
        return 'a traceback'
    if response.status_code >= 400 and not CJK.search(body):
        return 'an error page not in Chinese'
    return None


def url_of(template, ids, scope):
    return re.sub(r'\{(\w+)\}', lambda m: str(ids[m.group(1)][scope]), template)


@pytest.mark.parametrize('template, expect', PAGES, ids=[p[0] for p in PAGES])
def test_pages_and_downloads(browsers, ids, template, expect):
    problems, checked = [], 0
    scopes = ('A', 'B') if '{' in template else ('A',)
    for scope in scopes:
        url = url_of(template, ids, scope)
        for role in ROLES:
            response = browsers[role].get(url)
            answer, expected = answer_of(response), expect(role, scope)
            if not matches(answer, expected):
                problems.append('%s %s (%s): %s, expected %s' % (role, url, scope, answer, expected))
            problem = clean(response)
            if problem:
                problems.append('%s %s: %s' % (role, url, problem))
            checked += 1
    count('routes × roles checked (HTTP pages and downloads)', checked)
    assert not problems, '\n'.join(problems)


# ------------------------------------------------------------------------------------- forms
def fingerprint(records, model, record_id, *children):
    """What a refused form must leave as it was: the record's last change and its lines."""
    rpc = records.rpc
    found = rpc(model, 'search_read', [('id', '=', record_id)], ['write_date', 'state'] if model in (
        'cultivation.application', 'expert.service.request', 'cultivation.monthly.report') else ['write_date'],
        context={'active_test': False})
    lines = tuple(rpc(child, 'search_count', [(field, '=', record_id)]) for child, field in children)
    return (found[0] if found else None), lines


# (form URL, data, files, (model of the record, id name), child counts, expected answer of the other
# users); the owner posts only without or with a wrong CSRF token.
FORMS = [
    ('/my/applications/{app}/edit', {'main_product': '越权修改', 'niche_field': 'x'}, None,
     ('cultivation.application', 'app'), [('cultivation.application.financial', 'application_id')]),
    ('/my/applications/{app}/attachments', {'doc_type': 'other'}, {'upload': ('x.pdf', b'%PDF-1.4\n%%EOF\n')},
     ('cultivation.application', 'app'), [('cultivation.application.attachment', 'application_id')]),
    ('/my/applications/{app}/attachments/{attachment}/delete', {}, None,
     ('cultivation.application.attachment', 'attachment'), []),
    ('/my/applications/{app}/withdraw', {}, None, ('cultivation.application', 'app'), []),
    ('/my/reports/{report}', {'revenue': '1', 'revenue_ytd': '1', 'do_submit': '1'}, None,
     ('cultivation.monthly.report', 'report'), []),
    ('/my/service-requests/{request}/cancel', {'reason': '越权取消'}, None, ('expert.service.request', 'request'),
     [('expert.service.record', 'request_id')]),
    ('/my/service-requests/{request}/decline', {'reason': '越权拒绝'}, None, ('expert.service.request', 'request'),
     []),
    ('/my/service-requests/{request}/record', {'content': '越权记录'}, None, ('expert.service.request', 'request'),
     [('expert.service.record', 'request_id')]),
]


EXPERT_FORMS = ('/decline', '/record')  # the expert of the request answers these, not the enterprise


def rightful(role, scope, url):
    if url.endswith(EXPERT_FORMS):
        return role == 'expert' and scope == 'A'
    return role == OWNER[scope]


def expected_post(role, scope, url):
    """Another user's post: 404 when the record is not theirs to see; else a refusal on the page
    (the page again, or back to the record with the reason). Never a change."""
    if role == 'anonymous':
        return ('login',)
    readable = (role == 'zhangba' and scope == 'A') or (
        'service-requests' in url and (role == OWNER[scope] or (role == 'expert' and scope == 'A')))
    return ('ok', 'redirect') if readable else ('notfound',)


@pytest.mark.parametrize('template, data, files, target, children', FORMS, ids=[f[0] for f in FORMS])
def test_forms_of_others_change_nothing(browsers, ids, records, template, data, files, target, children):
    problems, checked = [], 0
    model, name = target
    for scope in ('A', 'B'):
        url = url_of(template, ids, scope)
        before = fingerprint(records, model, ids[name][scope], *[(c, f) for c, f in children])
        for role in ROLES:
            if rightful(role, scope, url):
                continue
            browser = browsers[role]
            token = browser.token_in(browser.get('/my/enterprise').text) if role != 'anonymous' else None
            response = browser.post(url, dict(data, csrf_token=token), files=files)
            answer = answer_of(response)
            if answer not in expected_post(role, scope, url):
                problems.append('%s POST %s (%s): %s, expected %s' % (role, url, scope, answer,
                                                                      expected_post(role, scope, url)))
            problem = clean(response)
            if problem:
                problems.append('%s POST %s: %s' % (role, url, problem))
            after = fingerprint(records, model, ids[name][scope], *[(c, f) for c, f in children])
            if after != before:
                problems.append('%s POST %s (%s) changed %s: %s -> %s' % (role, url, scope, model, before, after))
            checked += 1
    count('routes × roles checked (HTTP forms of others)', checked)
    assert not problems, '\n'.join(problems)


# Every form, posted by its rightful user without a CSRF token or with a wrong one.
CSRF_FORMS = [(f[0], f[1], f[2], f[3], f[4]) for f in FORMS] + [
    ('/my/enterprise', {'phone': '029-0000 0000'}, None, ('cultivation.enterprise', 'enterprise'), []),
    ('/my/applications/new', {'call_id': '1', 'library_id': '1'}, None, ('cultivation.enterprise', 'enterprise'),
     [('cultivation.application', 'enterprise_id')]),
    ('/my/experts/{expert}', {'domain_id': '1', 'need': '伪造请求'}, None, ('cultivation.enterprise', 'enterprise'),
     [('expert.service.request', 'enterprise_id')]),
    ('/my/expert/apply', {'name': '伪造专家'}, None, ('cultivation.enterprise', 'enterprise'), []),
]


@pytest.mark.parametrize('template, data, files, target, children', CSRF_FORMS, ids=[f[0] for f in CSRF_FORMS])
def test_forms_without_a_valid_csrf_token_are_refused(browsers, ids, records, template, data, files, target,
                                                      children):
    problems, checked = [], 0
    model, name = target
    local = dict(ids, enterprise={'A': records.w.enterprise_a, 'B': records.w.enterprise_b})
    for scope in ('A', 'B'):
        url = url_of(template, local, scope)
        owner = browsers[OWNER[scope]]
        if url.endswith(EXPERT_FORMS):
            if scope == 'B':
                continue  # enterprise B's request goes to an expert without a login
            owner = browsers['expert']
        before = fingerprint(records, model, local[name][scope], *[(c, f) for c, f in children])
        for token in (None, 'not-the-token-of-this-session'):
            response = owner.post(url, dict(data, csrf_token=token), files=files)
            if response.status_code != 400:
                problems.append('%s POST %s with token %r: %s, expected 400' % (
                    owner.login, url, token, response.status_code))
            problem = clean(response)
            if problem:
                problems.append('%s POST %s: %s' % (owner.login, url, problem))
            checked += 1
        after = fingerprint(records, model, local[name][scope], *[(c, f) for c, f in children])
        if after != before:
            problems.append('%s POST %s changed %s: %s -> %s' % (owner.login, url, model, before, after))
    count('routes × roles checked (HTTP forms without a valid CSRF token)', checked)
    assert not problems, '\n'.join(problems)
