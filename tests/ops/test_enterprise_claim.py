"""Finding 1 of the outside probe (critical, enterprise takeover), performed as written: anyone
signs up, then posts another enterprise's public credit code on /my/enterprise with any name and
territory. Before the fix the new account was bound to that enterprise when it had no portal
user yet and read its applications, reports, portraits and service requests. Now it is bound to
nothing and sees nothing; it may claim the enterprise with documents, which its territory
reviewer decides, and every step is in the audit log."""
import base64
import time

from .conftest import PDF, Browser, Rpc, count, fault_of, unique_credit_code

PASSWORD = 'Takeover-Probe-2026'
PNG = b'\x89PNG\r\n\x1a\n' + b'\x00' * 64
# What the account must not see of the enterprise (model -> the field naming the enterprise).
ENTERPRISE_DATA = (
    ('cultivation.enterprise', 'id'),
    ('cultivation.application', 'enterprise_id'),
    ('cultivation.membership', 'enterprise_id'),
    ('cultivation.monthly.report', 'enterprise_id'),
    ('portrait.evaluation', 'enterprise_id'),
    ('expert.service.request', 'enterprise_id'),
)


def sign_up(stamp):
    """A fresh account through Odoo's own sign-up form, as anyone on the internet makes one."""
    login = 'probe%s@example.com' % stamp
    browser = Browser()
    page = browser.get('/web/signup')
    assert page.status_code == 200, page.status_code
    response = browser.post('/web/signup', {
        'login': login, 'name': '探测者%s' % stamp, 'password': PASSWORD, 'confirm_password': PASSWORD,
        'csrf_token': browser.token_in(page.text)})
    assert response.status_code in (200, 302, 303), response.status_code
    return login, browser


def unbound_enterprise(admin, territories):
    """A registered enterprise of the given territories that no portal account acts for yet, as
    most enterprises the zone registered itself (made here, so that every run has its own)."""
    code = unique_credit_code()
    name = '运维认领测试企业%s' % code[-6:]
    enterprise_id = admin('cultivation.enterprise', 'create', {
        'name': name, 'credit_code': code, 'territory_id': territories[0], 'legal_representative': '李明'})
    assert not admin('res.users', 'search', [('partner_id', 'child_of', admin(
        'cultivation.enterprise', 'read', [enterprise_id], ['partner_id'])[0]['partner_id'][0])])
    return {'id': enterprise_id, 'credit_code': code, 'name': name}


def sees_of(rpc, enterprise_id):
    seen = {}
    for model, field in ENTERPRISE_DATA:
        seen[model] = rpc(model, 'search_count', [(field, '=', enterprise_id)])
    return seen


def test_finding_1_a_known_credit_code_binds_nobody(admin, world):
    """Finding 1: a fresh sign-up posts another enterprise's credit code on /my/enterprise."""
    target = unbound_enterprise(admin, world.reviewer_territories)
    login, browser = sign_up(int(time.time() * 1000) % 10 ** 9)
    response = browser.post('/my/enterprise', {
        'credit_code': target['credit_code'], 'name': 'Any name', 'territory_id': str(world.territory_b)})
    # sent on to the claim form, bound to nothing
    assert response.status_code == 303 and '/my/enterprise/claim' in response.headers['Location'], response.status_code
    user = admin('res.users', 'search_read', [('login', '=', login)], ['partner_id'])[0]
    partner = admin('res.partner', 'read', [user['partner_id'][0]], ['parent_id', 'commercial_partner_id'])[0]
    assert not partner['parent_id'], partner
    rpc = Rpc(login, PASSWORD)
    assert sees_of(rpc, target['id']) == {model: 0 for model, _f in ENTERPRISE_DATA}
    # nothing of it on the portal either
    assert target['name'] not in browser.get('/my/applications').text
    assert browser.get('/my/enterprise').text.count(target['credit_code']) == 0
    # nor through the old binding method called directly
    fault = fault_of(rpc, 'cultivation.enterprise', 'bind_portal_user', target['credit_code'],
                     {'name': 'Any name', 'territory_id': world.territory_b})
    assert fault and '认领' in fault.faultString, fault
    assert not admin('res.partner', 'read', [user['partner_id'][0]], ['parent_id'])[0]['parent_id']
    count('takeover attempts refused', 2)


def test_finding_1_claim_with_documents_decided_by_the_territory(admin, world):
    """The claim flow over HTTP: documents → the enterprise's territory reviewer approves → the
    account sees the enterprise; a second claimant rejected with a reason sees nothing. Every
    binding, claim and decision is in the audit log."""
    target = unbound_enterprise(admin, world.reviewer_territories)
    stamp = int(time.time() * 1000) % 10 ** 9
    claimants = []
    for n in (1, 2):
        login, browser = sign_up('%d%d' % (stamp, n))
        page = browser.get('/my/enterprise/claim?credit_code=%s' % target['credit_code'])
        assert page.status_code == 200 and target['name'] in page.text
        # a page that is not a licence is refused with the field named, and nothing is kept
        response = browser.post('/my/enterprise/claim', {
            'credit_code': target['credit_code'], 'applicant_name': '王五', 'applicant_phone': '13900000000',
            'csrf_token': browser.token_in(page.text)},
            files={'licence_file': ('licence.html', b'<script>alert(1)</script>', 'application/pdf'),
                   'authorization_file': ('letter.png', PNG, 'image/png')})
        assert response.status_code == 200 and '营业执照' in response.text and 'value="王五"' in response.text
        assert not admin('cultivation.enterprise.claim', 'search', [('user_id.login', '=', login)])
        response = browser.post('/my/enterprise/claim', {
            'credit_code': target['credit_code'], 'applicant_name': '王五', 'applicant_phone': '13900000000',
            'csrf_token': browser.token_in(response.text)},
            files={'licence_file': ('licence.pdf', base64.b64decode(PDF), 'application/pdf'),
                   'authorization_file': ('letter.png', PNG, 'image/png')})
        assert response.status_code == 303, response.status_code
        assert '等待' in browser.get('/my/enterprise').text
        rpc = Rpc(login, PASSWORD)
        assert sees_of(rpc, target['id'])['cultivation.enterprise'] == 0
        claimants.append((login, rpc))
    claims = admin('cultivation.enterprise.claim', 'search', [('enterprise_id', '=', target['id']),
                                                              ('user_id.login', 'in', [c[0] for c in claimants])],
                   order='id')
    assert len(claims) == 2
    zhangba, bureau_outsider, joint = Rpc('zhangba'), Rpc('softwarecity'), Rpc('joint1')
    # not decided by a reviewer of another territory, a joint member, or the claimant itself
    for rpc in (bureau_outsider, joint, claimants[0][1]):
        assert fault_of(rpc, 'cultivation.enterprise.claim', 'action_approve', [claims[0]]), rpc.login
    assert fault_of(claimants[0][1], 'cultivation.enterprise.claim', 'write', [claims[0]], {'state': 'approved'})
    zhangba('cultivation.enterprise.claim', 'action_approve', [claims[0]])
    zhangba('cultivation.enterprise.claim', 'action_reject', [claims[1]], '授权委托书未加盖公章')
    assert claimants[0][1]('cultivation.enterprise', 'search', [('id', '=', target['id'])]) == [target['id']]
    assert sees_of(claimants[1][1], target['id']) == {model: 0 for model, _f in ENTERPRISE_DATA}
    rejected = claimants[1][1]('cultivation.enterprise.claim', 'read', [claims[1]], ['state', 'reject_reason'])[0]
    assert (rejected['state'], rejected['reject_reason']) == ('rejected', '授权委托书未加盖公章')
    # the audit log has each claim's creation and decision, with who decided
    logs = admin('auditlog.log', 'search_read', [('model_id.model', '=', 'cultivation.enterprise.claim'),
                                                 ('res_id', 'in', claims)], ['method', 'res_id'])
    assert {(log['res_id'], log['method']) for log in logs} >= {(c, m) for c in claims for m in ('create', 'write')}
    count('enterprise claims decided over RPC', 2)


def test_claim_methods_refuse_bad_input_and_context(admin, world):
    """The claim's public methods over RPC: arguments of the wrong kind, fields the form does not
    have and context keys of the caller's choosing are refused in Chinese, and nothing is stored."""
    target = unbound_enterprise(admin, world.reviewer_territories)
    login, _browser = sign_up(int(time.time() * 1000) % 10 ** 9)
    rpc = Rpc(login, PASSWORD)
    good = {'applicant_name': '王五', 'applicant_phone': '13900000000', 'licence_file': PDF,
            'licence_filename': 'l.pdf', 'authorization_file': PDF, 'authorization_filename': 'a.pdf'}
    cases = [
        ((12345, good), '统一社会信用代码'),
        ((target['credit_code'], 'abc'), '认领'),
        ((target['credit_code'], dict(good, state='approved')), '认领'),
        ((target['credit_code'], dict(good, user_id=world.user_a)), '认领'),
        ((target['credit_code'], dict(good, applicant_phone=['1'])), '电话'),
        ((target['credit_code'], dict(good, licence_file='not base64 !')), '营业执照'),
        ((target['credit_code'], dict(good, authorization_file=base64.b64encode(b'<svg onload=alert(1)>').decode())),
         '授权委托书'),
    ]
    for args, label in cases:
        fault = fault_of(rpc, 'cultivation.enterprise.claim', 'submit_claim', *args)
        assert fault and label in fault.faultString and 'Traceback' not in fault.faultString, (args[1], fault)
    assert not admin('cultivation.enterprise.claim', 'search', [('user_id.login', '=', login)])
    # a context of the caller's choosing decides nothing: still a claim awaiting review, still unbound
    rpc('cultivation.enterprise.claim', 'submit_claim', target['credit_code'], good,
        context={'uid': 1, 'su': True, 'active_test': False, 'install_mode': True, 'tracking_disable': True})
    claim = admin('cultivation.enterprise.claim', 'search_read', [('user_id.login', '=', login)], ['state'])
    assert [c['state'] for c in claim] == ['submitted']
    assert sees_of(rpc, target['id'])['cultivation.enterprise'] == 0
    # a reviewer's reason must be text
    for reason in (None, 42, ['x'], ' '):
        fault = fault_of(Rpc('zhangba'), 'cultivation.enterprise.claim', 'action_reject', [claim[0]['id']], reason)
        assert fault and '驳回理由' in fault.faultString, (reason, fault)
    rpc('cultivation.enterprise.claim', 'action_cancel', [claim[0]['id']])
    count('bad claim inputs refused over RPC', len(cases) + 4)


def test_no_other_way_binds_an_account_to_an_enterprise(admin, world):
    """The sweep of finding 1's class: the portal binding follows the partner hierarchy, so
    writing one's own company (res.users / res.partner parent_id, partner_id, the commercial
    partner) or adding a contact under an enterprise's company is refused to a fresh portal
    account and to every staff role; only registration, an approved claim or an invitation bind."""
    target = unbound_enterprise(admin, [world.territory_b])
    company = admin('cultivation.enterprise', 'read', [target['id']], ['partner_id'])[0]['partner_id'][0]
    login, _browser = sign_up(int(time.time() * 1000) % 10 ** 9)
    portal = Rpc(login, PASSWORD)
    me = admin('res.users', 'search_read', [('login', '=', login)], ['partner_id'])[0]
    attempts = [
        (portal, 'res.users', 'write', [[me['id']], {'parent_id': company}]),
        (portal, 'res.users', 'write', [[me['id']], {'partner_id': company}]),
        (portal, 'res.partner', 'write', [[me['partner_id'][0]], {'parent_id': company}]),
        (portal, 'res.partner', 'write', [[me['partner_id'][0]], {'commercial_partner_id': company}]),
        (portal, 'res.partner', 'create', [{'name': 'x', 'parent_id': company}]),
    ]
    for staff in ('zhangba', 'joint1', 'bureau', 'expert'):
        rpc = Rpc(staff)
        attempts += [(rpc, 'res.partner', 'write', [[me['partner_id'][0]], {'parent_id': company}]),
                     (rpc, 'res.partner', 'create', [{'name': 'x', 'parent_id': company}])]
    for rpc, model, method, args in attempts:
        assert fault_of(rpc, model, method, *args), (rpc.login, model, method, args)
    assert not admin('res.partner', 'read', [me['partner_id'][0]], ['parent_id'])[0]['parent_id']
    assert portal('cultivation.enterprise', 'search_count', []) == 0
    assert not admin('res.partner', 'search', [('parent_id', '=', company), ('name', '=', 'x')])
    count('other ways to bind an account refused', len(attempts))
