"""Load of `make bench`: enterprises on the portal, territory and bureau reviewers in the back
office, Odoo's stock operations beside ours, and 2,000 logged-in sessions that stay alive.

Environment: BENCH_THINK ("1-3" seconds between tasks, or "0"), BENCH_DB, BENCH_PASSWORD,
BENCH_IDLE (idle sessions, default 2000), BENCH_PORTAL_USERS (accounts bench_portal_1..N).
Operation names start with "ours:" or "stock:"; scripts/bench/report.py pairs them."""
import itertools
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cpu  # noqa: E402  (scripts/bench/cpu.py)

from locust import FastHttpUser as HttpUser, between, constant, events, task

DB = os.environ.get('BENCH_DB', 'gc_bench')
PASSWORD = os.environ.get('BENCH_PASSWORD', 'Bench-pw-2026')
THINK = os.environ.get('BENCH_THINK', '1-3')
PORTAL_USERS = int(os.environ.get('BENCH_PORTAL_USERS', '2000'))
IDLE = int(os.environ.get('BENCH_IDLE', '2000'))
WAIT = constant(0) if THINK == '0' else between(*[float(x) for x in THINK.split('-')])
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_portal_ids = itertools.count(1)
_idle_ids = itertools.count(1)
_reviewer_ids = {'territory': itertools.count(1), 'bureau': itertools.count(1)}

APPLICATION_LIST_FIELDS = ['name', 'enterprise_id', 'library_id', 'territory_id', 'call_id', 'submission_channel',
                           'stage_id', 'stage_deadline', 'is_overdue', 'state']
APPLICATION_FORM_FIELDS = APPLICATION_LIST_FIELDS + [
    'company_name', 'credit_code', 'legal_representative', 'address', 'industry_code', 'contact_name',
    'contact_phone', 'main_product', 'niche_field', 'niche_years', 'employee_count', 'rd_employee_count',
    'financial_ids', 'attachment_ids', 'review_ids', 'version', 'submit_date', 'message_ids', 'activity_ids']
CONTACT_LIST_FIELDS = ['display_name', 'function', 'phone', 'email', 'company_id', 'city', 'country_id', 'active']
CONTACT_FORM_FIELDS = CONTACT_LIST_FIELDS + ['name', 'street', 'zip', 'website', 'title', 'lang', 'category_id',
                                             'child_ids', 'parent_id', 'is_company', 'message_ids']


# Logins are counted apart from the measured statistics (which are reset once every user has
# started): a refused login anywhere in the run is a failure of the run.
LOGINS = {'attempted': 0, 'failed': 0, 'errors': []}


# CPU time of each part (Odoo, PostgreSQL, nginx, Locust) over the measured part of the run.
CPU = {}


@events.spawning_complete.add_listener
def _cpu_start(user_count, **kw):
    CPU['before'] = cpu.start(DB)


@events.quitting.add_listener
def _save_logins(environment, **kw):
    path = os.environ.get('BENCH_LOGINS_FILE')
    if path:
        result = dict(LOGINS)
        if 'before' in CPU:
            result['cpu'] = cpu.stop(CPU['before'], DB)
        with open(path, 'w') as f:
            json.dump(result, f)


def _login_failed(what):
    LOGINS['failed'] += 1
    if len(LOGINS['errors']) < 10:
        LOGINS['errors'].append(what)


def login_form(client, login):
    LOGINS['attempted'] += 1
    page = client.get('/web/login', name='login: form')
    match = CSRF.search(page.text or '')
    if not match:
        return _login_failed('%s: no login form (%s)' % (login, page.status_code))
    with client.post('/web/login', data={'login': login, 'password': PASSWORD, 'csrf_token': match.group(1),
                                         'db': DB},
                     name='login: post', catch_response=True, allow_redirects=False) as response:
        # Odoo 11 answers a successful login with a redirect, or (most browsers) a page that
        # sets window.location; a refused one shows the form again.
        if response.status_code not in (302, 303) and 'window.location' not in (response.text or ''):
            response.failure('login of %s refused (%s)' % (login, response.status_code))
            _login_failed('%s refused (%s)' % (login, response.status_code))


class JsonRpc(object):
    def rpc(self, path, params, name, expected=None):
        payload = {'jsonrpc': '2.0', 'method': 'call', 'params': params, 'id': random.randint(1, 10 ** 9)}
        with self.client.post(path, json=payload, name=name, catch_response=True) as response:
            try:
                body = response.json()
            except Exception:  # no answer, or not JSON
                response.failure('not JSON (%s)' % response.status_code)
                return None
            if body.get('error'):
                message = body['error'].get('data', {}).get('message') or body['error'].get('message') or ''
                if expected and expected in message:
                    return None  # a refusal a user would see too (e.g. decided by a colleague meanwhile)
                response.failure(message)
                return None
            return body.get('result')

    def call(self, model, method, args, kwargs=None, name=None, expected=None):
        return self.rpc('/web/dataset/call_kw/%s/%s' % (model, method),
                        {'model': model, 'method': method, 'args': args, 'kwargs': kwargs or {}}, name, expected)


class Enterprise(HttpUser):
    """An enterprise on the portal: home, its applications, its monthly report."""
    weight = 60
    wait_time = WAIT

    def on_start(self):
        self.n = next(_portal_ids) % PORTAL_USERS + 1
        login_form(self.client, 'bench_portal_%d' % self.n)
        # The pages a user lands on after logging in are counted with the login: the first
        # request of a session on each worker checks its password again (PBKDF2), and users
        # logging in together queue behind each other's password checks.
        page = self.client.get('/my/reports', name='login: portal reports list')
        self.report_ids = [int(i) for i in re.findall(r'/my/reports/(\d+)', page.text or '')]
        page = self.client.get('/my/applications', name='login: portal applications list')
        self.application_ids = [int(i) for i in re.findall(r'/my/applications/(\d+)', page.text or '')] or [0]
        self.submitted = False

    @task(1)
    def reports(self):
        self.client.get('/my/reports', name='ours: portal reports list')

    @task(4)
    def home(self):
        self.client.get('/my/home', name='stock: portal /my/home')

    @task(2)
    def applications(self):
        self.client.get('/my/applications', name='ours: portal applications list')

    @task(2)
    def application(self):
        if self.application_ids[0]:
            self.client.get('/my/applications/%d' % random.choice(self.application_ids), name='ours: portal application page')

    @task(3)
    def report_form(self):
        if self.report_ids:
            self.client.get('/my/reports/%d' % self.report_ids[0], name='ours: portal report form')

    @task(2)
    def report_save(self):
        """Saves the month's report (or, once, submits it): the form's POST with its checks."""
        if not self.report_ids:
            return
        path = '/my/reports/%d' % self.report_ids[0]
        page = self.client.get(path, name='ours: portal report form')
        match = CSRF.search(page.text or '')
        if not match:  # already submitted (read-only), or the page failed (counted as such)
            return
        data = {'csrf_token': match.group(1), 'revenue': '%.2f' % random.uniform(90, 110),
                'revenue_ytd': '%.2f' % random.uniform(60000, 90000),  # above any month's year to date 'main_revenue': '90', 'total_profit': '8',
                'taxes_paid': '4', 'rd_expense': '5', 'employees': '120', 'new_patents': '1', 'new_orders': '100',
                'export_revenue': '0', 'growth_news': '新产品通过验证', 'difficulties': ''}
        submit = not self.submitted and random.random() < 0.2
        data['do_submit' if submit else 'do_save'] = '1'
        data['confirm_unusual'] = '1'
        with self.client.post(path, data=data, name='ours: portal report %s' % ('submit' if submit else 'save'),
                              catch_response=True, allow_redirects=False) as response:
            # Saved or submitted: 303 to the report's page; refused: the form again with the errors.
            if response.status_code != 303:
                response.failure('report refused (%s)' % response.status_code)
            elif submit:
                self.submitted = True


class ReviewerSession(HttpUser, JsonRpc):
    """A territory or bureau reviewer logged in to the back office, and what they do there; the
    mixes below weight these operations (the probes take one alone)."""
    abstract = True
    wait_time = WAIT
    kind = None
    stage_xmlid = None

    def on_start(self):
        n = next(_reviewer_ids[self.kind]) % (70 if self.kind == 'territory' else 30) + 1
        LOGINS['attempted'] += 1
        result = self.rpc('/web/session/authenticate', {'db': DB, 'login': 'bench_%s_%d' % (self.kind, n),
                                                         'password': PASSWORD}, 'login: back office')
        self.uid = result and result.get('uid')
        if not self.uid:
            _login_failed('bench_%s_%d refused' % (self.kind, n))
        self.stage_id = self.call('ir.model.data', 'xmlid_to_res_id', [self.stage_xmlid], name='login: stage')
        self.ids = []

    def _domain(self):
        return [['state', '=', 'in_review'], ['stage_id', '=', self.stage_id]]

    def application_list(self):
        result = self.rpc('/web/dataset/search_read', {
            'model': 'cultivation.application', 'fields': APPLICATION_LIST_FIELDS, 'domain': self._domain(),
            'limit': 80, 'sort': '', 'context': {'lang': 'zh_CN'}}, 'ours: back-office application list')
        if result:
            self.ids = [r['id'] for r in result['records']]

    def application_open(self):
        if self.ids:
            self.call('cultivation.application', 'read', [[random.choice(self.ids)], APPLICATION_FORM_FIELDS],
                      {'context': {'lang': 'zh_CN'}}, name='ours: back-office application form')

    def application_decide(self):
        if not self.ids:
            return
        application = self.ids.pop(random.randrange(len(self.ids)))
        # The reviewer says which stage they saw, as the decision dialog does: when a colleague
        # decided first, the refusal says so (a refusal users see too, not a failure).
        context = {'lang': 'zh_CN', 'review_stage_id': self.stage_id}
        if random.random() < 0.7:
            self.call('cultivation.application', 'action_approve', [[application], '材料齐全，同意。'],
                      {'context': context}, name='ours: back-office approve/return', expected='已离开')
        else:
            self.call('cultivation.application', 'action_return', [[application], '请补充近两年财务报表。'],
                      {'context': context}, name='ours: back-office approve/return', expected='已离开')

    def library_pivot(self):
        self.call('cultivation.membership', 'read_group', [[['state', '=', 'active']], ['territory_id', 'library_id'],
                                                           ['territory_id', 'library_id']],
                  {'lazy': False, 'context': {'lang': 'zh_CN'}}, name='ours: back-office library pivot')

    def roster_excel(self):
        members = self.call('cultivation.membership', 'search', [[['state', '=', 'active']]], {'limit': 80},
                            name='ours: back-office member search')
        if members:
            with self.client.get('/report/xlsx/gradient_cultivation.membership_roster_xlsx/%s'
                                 % ','.join(map(str, members)), name='ours: back-office Excel roster',
                                 catch_response=True) as response:
                if not (response.content or b'').startswith(b'PK'):
                    response.failure('not an xlsx (%s)' % response.status_code)

    def contact_list(self):
        result = self.rpc('/web/dataset/search_read', {
            'model': 'res.partner', 'fields': CONTACT_LIST_FIELDS, 'domain': [], 'limit': 80, 'sort': '',
            'context': {'lang': 'zh_CN'}}, 'stock: back-office contact list')
        if result:
            self.contact_ids = [r['id'] for r in result['records']]

    def contact_open(self):
        ids = getattr(self, 'contact_ids', None)
        if ids:
            self.call('res.partner', 'read', [[random.choice(ids)], CONTACT_FORM_FIELDS], {'context': {'lang': 'zh_CN'}},
                      name='stock: back-office contact form')


class Reviewer(ReviewerSession):
    abstract = True
    tasks = {ReviewerSession.application_list: 5, ReviewerSession.application_open: 3,
             ReviewerSession.application_decide: 1, ReviewerSession.library_pivot: 2,
             ReviewerSession.roster_excel: 1, ReviewerSession.contact_list: 5, ReviewerSession.contact_open: 3}


class TerritoryReviewer(Reviewer):
    weight = 25
    kind = 'territory'
    stage_xmlid = 'gradient_cultivation.stage_territory'


class BureauReviewer(Reviewer):
    weight = 15
    kind = 'bureau'
    stage_xmlid = 'gradient_cultivation.stage_bureau'


class IdleSession(HttpUser, JsonRpc):
    """One of the 2,000 users logged in, reading what is on their screen, with a request every
    two to five minutes (about 10 requests per second from all of them)."""
    fixed_count = IDLE
    wait_time = between(120, 300)

    def on_start(self):
        n = next(_idle_ids) % PORTAL_USERS + 1
        login_form(self.client, 'bench_portal_%d' % n)

    @task
    def ping(self):
        self.client.get('/my/home', name='idle: /my/home')


class ProbeOurs(ReviewerSession):
    """Saturation probe: our back-office application list alone (run it by naming the class).
    A subclass of ReviewerSession, which has no tasks: Locust adds a base class's tasks to a
    subclass's own, and probes made from Reviewer ran the whole mix."""
    weight = 1
    kind = 'bureau'
    stage_xmlid = 'gradient_cultivation.stage_bureau'
    tasks = [ReviewerSession.application_list]


class ProbeStock(ReviewerSession):
    """Saturation probe: the stock contact list alone."""
    weight = 1
    kind = 'bureau'
    stage_xmlid = 'gradient_cultivation.stage_bureau'
    tasks = [ReviewerSession.contact_list]


class StockEnterprise(HttpUser):
    """Control scenario: an enterprise on the portal doing only what stock Odoo has (its home)."""
    weight = 60
    wait_time = WAIT

    def on_start(self):
        self.n = next(_portal_ids) % PORTAL_USERS + 1
        login_form(self.client, 'bench_portal_%d' % self.n)

    @task
    def home(self):
        self.client.get('/my/home', name='stock: portal /my/home')


class StockReviewer(ReviewerSession):
    """Control scenario: a reviewer doing only stock operations (the contact list and form)."""
    weight = 40
    kind = 'bureau'
    stage_xmlid = 'gradient_cultivation.stage_bureau'
    tasks = {ReviewerSession.contact_list: 5, ReviewerSession.contact_open: 3}
