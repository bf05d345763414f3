"""Issue 14, findings 3, 9, 10 and 11, and their classes, over XML-RPC as any client could call
the server.

- No context key relaxes a check (finding 3): the keys our code reads were swept; the ones that
  relaxed a check (expert_request_transition, portrait_rescore, auditlog_retention, and Odoo's
  own default_<field> on create) no longer do: the workflow writes under a grant of the server's
  own call (gradient_base/grants.py), which no request can open.
- Who writes what (findings 9 and 10): a client never writes states, dates and results the
  workflow sets (fields declared readonly), computed results, `active` (unless the role's screens
  archive), nor the owner of an existing record; a model may list the fields each group writes,
  per state (gradient.checked.input's _writable_fields).
- Reviewers read only the contacts of the enterprises they review, and joint review members only
  the enterprises, memberships and plans of the applications put to them (finding 11).

Each refusal is an AccessError (or the model's own UserError) in Chinese naming the field; the
value is unchanged afterwards."""
import re
import xmlrpc.client

import pytest

from .conftest import ACCESS_ERROR, BASE_URL, Browser, Rpc, count, fault_of

ZH = {'lang': 'zh_CN'}
CHINESE = re.compile('[\u4e00-\u9fff]')


@pytest.fixture(scope='module')
def clients():
    return {role: Rpc(role) for role in ('bureau', 'zhangba', 'joint1', 'enterprise', 'expert')}


def label(admin, model, field):
    return admin(model, 'fields_get', [field], attributes=['string'], context=ZH)[field]['string']


def assert_refused(admin, fault, model, field, code=ACCESS_ERROR):
    """Refused with an error in Chinese naming the field."""
    assert fault is not None, '%s.%s: the write was allowed' % (model, field)
    message = fault.faultString.strip().splitlines()[-1]
    assert fault.faultCode == code, message[-300:]
    assert CHINESE.search(message), message[-300:]
    if field:
        assert label(admin, model, field) in message, message[-300:]
    count('client writes refused (fields a role may not set)')


def value_of(admin, model, record, field):
    value = admin(model, 'read', [record], [field], context={'active_test': False})[0][field]
    return value[0] if isinstance(value, list) and value else value


# ------------------------------------------------------------------ finding 3: context keys
@pytest.mark.parametrize('field', ['rating', 'rating_comment', 'enterprise_id'])
def test_expert_request_transition_context_does_not_open_a_request(admin, world, records, clients, field):
    """Finding 3: as `expert`, `write` on `expert.service.request` of `rating`, `rating_comment`
    or `enterprise_id` with context={'expert_request_transition': True} is refused like the same
    call without it."""
    request = records.service_request('A', 'in_progress')
    value = {'rating': '1', 'rating_comment': '运维测试：伪造的评价', 'enterprise_id': world.enterprise_b}[field]
    before = value_of(admin, 'expert.service.request', request, field)
    expert = clients['expert']
    for context in ({}, {'expert_request_transition': True}):
        fault = fault_of(expert, 'expert.service.request', 'write', [request], {field: value},
                         context=dict(ZH, **context))
        if value_of(admin, 'expert.service.request', request, field) != before:
            admin('expert.service.request', 'write', [request], {field: before})  # for the other tests
        assert fault is not None, 'the expert wrote %s with context %s' % (field, context)
        assert CHINESE.search(fault.faultString.strip().splitlines()[-1])
    count('client writes refused (fields a role may not set)')


def test_portrait_rescore_context_does_not_skip_the_manual_value_check(admin, world, records, clients):
    """Finding 3, class: context={'portrait_rescore': True} let the bureau write a value that
    comes from the enterprise's data on an evaluation line, unchecked and unscored."""
    evaluation = records.target('portrait.evaluation', 'A')
    lines = admin('portrait.evaluation.line', 'search_read',
                  [('evaluation_id', '=', evaluation), ('source_key', '!=', 'manual'), ('source_key', '!=', False)],
                  ['value_number', 'points'], limit=1)
    assert lines, 'the portrait of enterprise A has no line computed from its data'
    line = lines[0]
    fault = fault_of(clients['bureau'], 'portrait.evaluation.line', 'write', [line['id']],
                     {'value_number': 987654.0, 'points': 99.0}, context=dict(ZH, portrait_rescore=True))
    assert fault is not None, 'the bureau wrote a computed line with portrait_rescore'
    assert CHINESE.search(fault.faultString.strip().splitlines()[-1])
    after = admin('portrait.evaluation.line', 'read', [line['id']], ['value_number', 'points'])[0]
    assert (after['value_number'], after['points']) == (line['value_number'], line['points'])


def test_auditlog_retention_context_does_not_delete_logs(admin):
    """Finding 3, class: context={'auditlog_retention': True} made any caller allowed to unlink
    (the administrator here) the retention job, and audit logs could be deleted."""
    logs = admin('auditlog.log', 'search', [], limit=1, order='id desc')
    assert logs
    fault = fault_of(admin, 'auditlog.log', 'unlink', logs, context=dict(ZH, auditlog_retention=True))
    assert fault is not None and fault.faultCode == ACCESS_ERROR, 'an audit log was deleted'
    assert admin('auditlog.log', 'search', [('id', '=', logs[0])])


def test_default_context_keys_do_not_set_workflow_fields_on_create(admin, world, records, clients):
    """Finding 3, class: Odoo fills what a create leaves out from the context's default_<field>
    keys; an enterprise creating an application with context={'default_state': 'approved'} would
    have an admitted application."""
    vals = {'enterprise_id': world.enterprise_a, 'call_id': world.ops_call(), 'library_id': world.libraries[3]}
    made = None
    try:
        made = clients['enterprise']('cultivation.application', 'create', vals,
                                     context=dict(ZH, default_state='approved', default_version=7))
    except xmlrpc.client.Fault as fault:
        assert_refused(admin, fault, 'cultivation.application', None)
    finally:
        if made:
            state = value_of(admin, 'cultivation.application', made, 'state')
            admin('cultivation.application', 'write', [made], {'state': 'draft'})
            admin('cultivation.application', 'unlink', [made])
            pytest.fail('the enterprise created an application in state %s' % state)


def test_copy_default_does_not_set_workflow_fields(admin, world, records, clients):
    """Finding 3, class: `copy` is callable over RPC and its `default` are values like a create's;
    an enterprise copying its draft application with default={'state': 'approved'} would have an
    admitted application."""
    made = None
    try:
        made = clients['enterprise']('cultivation.application', 'copy', records.application('A'),
                                     {'state': 'approved', 'library_id': world.libraries[3]}, context=ZH)
    except xmlrpc.client.Fault as fault:
        assert_refused(admin, fault, 'cultivation.application', 'state')
    finally:
        if made:
            state = value_of(admin, 'cultivation.application', made, 'state')
            admin('cultivation.application', 'write', [made], {'state': 'draft'})
            admin('cultivation.application', 'unlink', [made])
            pytest.fail('the enterprise copied its application into state %s' % state)


# ------------------------------------------------------------------ finding 9 and its class
def test_enterprise_cannot_archive_its_open_monthly_report(admin, records, clients):
    """Finding 9: a portal user archives (`active: False`) its own open monthly report over RPC."""
    report = records.target('cultivation.monthly.report', 'A')
    assert value_of(admin, 'cultivation.monthly.report', report, 'state') in ('open', 'reopened')
    fault = fault_of(clients['enterprise'], 'cultivation.monthly.report', 'write', [report], {'active': False},
                     context=ZH)
    assert_refused(admin, fault, 'cultivation.monthly.report', 'active')
    assert value_of(admin, 'cultivation.monthly.report', report, 'active') is True
    # what its screen edits, it still writes
    assert not fault_of(clients['enterprise'], 'cultivation.monthly.report', 'write', [report],
                        {'difficulties': '运维测试：困难'}, context=ZH)


def _moves(world, records):
    """(role, model, record, field, value): a client moves a record to another owner, or writes
    what the workflow sets. Every one of them was allowed before issue 14 unless noted."""
    admin = world.admin
    other_application = records.application('B')
    membership_b = world.membership[world.enterprise_b]
    dimension = admin('portrait.evaluation.dimension', 'search',
                      [('evaluation_id', '=', records.target('portrait.evaluation', 'A'))], limit=1)[0]
    return [
        # whose a record is never changes
        ('zhangba', 'cultivation.violation', records.target('cultivation.violation', 'A'), 'enterprise_id',
         world.enterprise_b),
        ('zhangba', 'cultivation.plan', records.target('cultivation.plan', 'A'), 'membership_id', membership_b),
        ('enterprise', 'cultivation.application.financial', records.target('cultivation.application.financial', 'A'),
         'application_id', other_application),
        ('enterprise', 'cultivation.application.attachment',
         records.target('cultivation.application.attachment', 'A'), 'application_id', other_application),
        ('enterprise', 'cultivation.application', records.application('A'), 'enterprise_id', world.enterprise_b),
        ('expert', 'expert.service.record', records.target('expert.service.record', 'A'), 'request_id',
         records.service_request('B', 'in_progress')),
        ('bureau', 'cultivation.membership', world.membership[world.enterprise_a], 'enterprise_id',
         world.enterprise_b),
        ('bureau', 'cultivation.membership', world.membership[world.enterprise_a], 'library_id',
         world.libraries[-1]),
        # states and the workflow's own fields
        ('bureau', 'cultivation.membership', world.membership[world.enterprise_a], 'state', 'exited'),
        ('bureau', 'cultivation.membership', world.membership[world.enterprise_a], 'upgrade_proposed', True),
        ('enterprise', 'cultivation.monthly.report', records.target('cultivation.monthly.report', 'A'), 'state',
         'submitted'),
        ('enterprise', 'cultivation.monthly.report', records.target('cultivation.monthly.report', 'A'),
         'membership_id', membership_b),
        ('bureau', 'expert.expert', records.candidate_expert(), 'state', 'active'),
        ('bureau', 'portrait.scheme', records.draft_scheme(), 'state', 'published'),
        ('enterprise', 'expert.service.request', records.service_request('A', 'requested'), 'state', 'done'),
        # results the scoring works out (finding 10)
        ('bureau', 'portrait.evaluation', records.target('portrait.evaluation', 'A'), 'total', 99.0),
        ('bureau', 'portrait.evaluation', records.target('portrait.evaluation', 'A'), 'passed', True),
        ('bureau', 'portrait.evaluation', records.target('portrait.evaluation', 'A'), 'weak_count', 0),
        ('bureau', 'portrait.evaluation.dimension', dimension, 'passed', True),
        ('bureau', 'portrait.evaluation.dimension', dimension, 'points', 99.0),
    ]


def test_bureau_cannot_write_the_results_of_a_portrait_evaluation(admin, records, clients):
    """Finding 10: the bureau writes the computed results of a portrait evaluation (`total`,
    `passed`)."""
    evaluation = records.target('portrait.evaluation', 'A')
    for field, value in (('total', 99.0), ('passed', True)):
        before = value_of(admin, 'portrait.evaluation', evaluation, field)
        if before == value:
            value = 1.0 if field == 'total' else False
        fault = fault_of(clients['bureau'], 'portrait.evaluation', 'write', [evaluation], {field: value}, context=ZH)
        assert_refused(admin, fault, 'portrait.evaluation', field)
        assert value_of(admin, 'portrait.evaluation', evaluation, field) == before
    # nor makes one up
    scheme = admin('portrait.scheme', 'search', [('state', '=', 'published')], limit=1)[0]
    made = None
    try:
        made = clients['bureau']('portrait.evaluation', 'create', {
            'scheme_id': scheme, 'enterprise_id': records.w.enterprise_a, 'date': '2000-01-01', 'total': 99.0,
            'passed': True}, context=ZH)
    except xmlrpc.client.Fault as fault:
        assert_refused(admin, fault, 'portrait.evaluation', None)
    finally:
        if made:
            admin('portrait.evaluation', 'unlink', [made])
            pytest.fail('the bureau created a portrait evaluation with its own results')


def test_clients_write_neither_owners_nor_workflow_fields_nor_results(admin, world, records, clients):
    """Findings 9 and 10, the class: each role, each model it may write over RPC, the fields its
    screens never edit."""
    problems = []
    for role, model, record, field, value in _moves(world, records):
        before = value_of(admin, model, record, field)
        fault = fault_of(clients[role], model, 'write', [record], {field: value}, context=ZH)
        after = value_of(admin, model, record, field)
        if fault is None or after != before:
            problems.append('%s wrote %s.%s (%r -> %r)' % (role, model, field, before, after))
            if after != before:
                admin(model, 'write', [record], {field: before})  # put it back for the other tests
            continue
        message = fault.faultString.strip().splitlines()[-1]
        if not CHINESE.search(message) or label(admin, model, field) not in message:
            problems.append('%s %s.%s: refused without naming the field in Chinese: %s'
                            % (role, model, field, message[-200:]))
        count('client writes refused (fields a role may not set)')
    assert not problems, '\n'.join(problems)


# ------------------------------------------------------------------ finding 11
def test_territory_reviewer_reads_only_the_contacts_of_its_territories(admin, world, clients):
    """Finding 11: territory reviewers `search_read` every enterprise's `res.partner` (name,
    address, phone, e-mail)."""
    zhangba = clients['zhangba']
    partner_a, partner_b = [admin('cultivation.enterprise', 'read', [e], ['partner_id'])[0]['partner_id'][0]
                            for e in (world.enterprise_a, world.enterprise_b)]
    seen = {p['id'] for p in zhangba('res.partner', 'search_read', [], ['name', 'street', 'phone', 'email'])}
    assert partner_a in seen
    assert partner_b not in seen
    enterprise_partners = {e['partner_id'][0] for e in admin('cultivation.enterprise', 'search_read', [],
                                                             ['partner_id'])}
    reviewed = {e['partner_id'][0] for e in zhangba('cultivation.enterprise', 'search_read', [], ['partner_id'])}
    assert not (seen & enterprise_partners) - reviewed, 'contacts of enterprises of other territories'
    assert_refused(admin, fault_of(zhangba, 'res.partner', 'read', [partner_b], ['name', 'phone'], context=ZH),
                   'res.partner', None)
    # the staff, its own and its colleagues', and the contacts of its enterprises stay readable
    staff = admin('res.users', 'search_read', [('login', 'in', ['bureau', 'zhangba', 'admin'])], ['partner_id'])
    assert {u['partner_id'][0] for u in staff} <= seen
    count('reviewer contact reads checked', len(seen))


def test_joint_member_reads_only_what_is_put_to_it(admin, world, clients):
    """Finding 11: joint members read all enterprises, memberships and plans, not only those of
    the applications put to them."""
    joint = clients['joint1']
    put = joint('cultivation.application', 'search_read', [], ['enterprise_id'])
    assert put, 'the demo puts applications to joint1'
    allowed = {a['enterprise_id'][0] for a in put}
    enterprises = {e['id'] for e in joint('cultivation.enterprise', 'search_read', [], ['name'])}
    assert enterprises == allowed
    memberships = joint('cultivation.membership', 'search_read', [], ['enterprise_id'])
    assert {m['enterprise_id'][0] for m in memberships} <= allowed
    plans = joint('cultivation.plan', 'search_read', [], ['enterprise_id'])
    assert {p['enterprise_id'][0] for p in plans} <= allowed
    partners = {p['id'] for p in joint('res.partner', 'search_read', [], ['name'])}
    all_partners = {e['partner_id'][0]: e['id'] for e in admin('cultivation.enterprise', 'search_read', [],
                                                                ['partner_id'])}
    assert {all_partners[p] for p in partners if p in all_partners} <= allowed
    outside = [e for e in (world.enterprise_a, world.enterprise_b) if e not in allowed]
    assert outside
    for enterprise in outside:
        assert_refused(admin, fault_of(joint, 'cultivation.enterprise', 'read', [enterprise], ['name'], context=ZH),
                       'cultivation.enterprise', None)
        assert_refused(admin, fault_of(joint, 'cultivation.membership', 'read', [world.membership[enterprise]],
                                       ['state'], context=ZH), 'cultivation.membership', None)


def test_time_zone_of_a_client_does_not_move_a_call_window(admin, world, clients):
    """Finding 3, class: the call's window used the context's `tz`; a client naming UTC-12
    (or UTC+14) saw, and submitted to, a call closed since yesterday (or opening tomorrow) in the
    zone's time."""
    import datetime
    zone_today = (datetime.datetime.utcnow() + datetime.timedelta(hours=8)).date()
    day = datetime.timedelta(days=1)
    calls = []
    try:
        for name, date_open, date_close in (('运维测试已截止批次', zone_today - 30 * day, zone_today - day),
                                            ('运维测试未开始批次', zone_today + day, zone_today + 30 * day)):
            calls.append(admin('cultivation.call', 'create', {
                'name': name, 'date_open': str(date_open), 'date_close': str(date_close),
                'year': zone_today.year, 'library_ids': [(6, 0, world.libraries)]}))
        for tz in ('Etc/GMT+12', 'Pacific/Kiritimati'):
            states = clients['enterprise']('cultivation.call', 'read', calls, ['state'], context=dict(ZH, tz=tz))
            assert [s['state'] for s in states] == ['closed', 'upcoming'], (tz, states)
    finally:
        if calls:
            admin('cultivation.call', 'unlink', calls)


def test_context_keys_do_not_hide_changes_from_the_chatter(admin, records, clients):
    """Finding 3, class: tracking_disable or mail_notrack in a client's context kept a change of a
    tracked field out of the record's chatter."""
    plan = records.target('cultivation.plan', 'A')
    before = admin('mail.message', 'search_count', [('model', '=', 'cultivation.plan'), ('res_id', '=', plan)])
    old = value_of(admin, 'cultivation.plan', plan, 'target_new_patents') or 0
    clients['zhangba']('cultivation.plan', 'write', [plan], {'target_new_patents': old + 1},
                       context=dict(ZH, tracking_disable=True, mail_notrack=True))
    after = admin('mail.message', 'search_count', [('model', '=', 'cultivation.plan'), ('res_id', '=', plan)])
    assert after == before + 1, 'the change is not in the chatter'


def _open_form(browser, model, record):
    """What the web client asks when a user opens a record's form: the view, the record's fields,
    the lines of its one2many and many2many fields, its chatter's messages and followers.
    Returns the problems met."""
    views, error = browser.call_kw(model, 'load_views', views=[[False, 'form']], options={'toolbar': True})
    if error:
        return ['%s: load_views: %s' % (model, error['data']['message'])]
    form = views['fields_views']['form']
    names = list(form['fields'])
    values, error = browser.call_kw(model, 'read', [record], names)
    if error:
        return ['%s %d: read: %s' % (model, record, error['data']['message'])]
    problems = []
    for name, description in form['fields'].items():
        if name.startswith('message_'):
            continue  # the chatter's widgets ask for these below
        if description['type'] in ('one2many', 'many2many') and values[0].get(name):
            subfields = list((description.get('views') or {}).get('tree', {}).get('fields', {})) or ['display_name']
            _lines, error = browser.call_kw(description['relation'], 'read', values[0][name][:80], subfields)
            if error:
                problems.append('%s %d, %s: %s' % (model, record, name, error['data']['message']))
    if values[0].get('message_ids'):
        _messages, error = browser.call_kw('mail.message', 'message_format', values[0]['message_ids'][:30])
        if error:
            problems.append('%s %d, chatter: %s' % (model, record, error['data']['message']))
    if values[0].get('message_follower_ids'):
        response = browser.session.post(BASE_URL + '/mail/read_followers', json={
            'jsonrpc': '2.0', 'method': 'call',
            'params': {'follower_ids': values[0]['message_follower_ids'], 'res_model': model}}, timeout=120)
        if response.json().get('error'):
            problems.append('%s %d, followers: %s' % (model, record, response.json()['error']['data']['message']))
    return problems


def test_reviewers_back_office_forms_still_open(admin, world, records):
    """Finding 11: with the contacts narrowed, the forms the territory reviewer and the joint
    review member work in still open, with their lines, chatter and followers."""
    problems = []
    zhangba = Browser('zhangba')
    applications = admin('cultivation.application', 'search', [
        ('territory_id', 'child_of', world.reviewer_territories), ('state', '!=', 'draft')], limit=1)
    targets = [('cultivation.enterprise', world.enterprise_a),
               ('cultivation.membership', world.membership[world.enterprise_a]),
               ('cultivation.plan', records.target('cultivation.plan', 'A')),
               ('cultivation.monthly.report', records.target('cultivation.monthly.report', 'A')),
               ('cultivation.violation', records.target('cultivation.violation', 'A')),
               ('expert.service.request', records.service_request('A', 'in_progress'))]
    targets += [('cultivation.application', a) for a in applications]
    for model, record in targets:
        problems += ['zhangba: %s' % p for p in _open_form(zhangba, model, record)]
    joint = Browser('joint1')
    put, _error = joint.call_kw('cultivation.application', 'search_read', [], ['enterprise_id'], limit=2)
    assert put
    for application in put:
        problems += ['joint1: %s' % p for p in _open_form(joint, 'cultivation.application', application['id'])]
        problems += ['joint1: %s' % p
                     for p in _open_form(joint, 'cultivation.enterprise', application['enterprise_id'][0])]
    assert not problems, '\n'.join(problems)
