"""Each role against each model over XML-RPC, the way any client could call the server:
read, write, create and delete, allowed or refused as the rules say. Runs against the test
server with the demo users of every role."""
import os
import time
import xmlrpc.client

import pytest

from .conftest import count, rpc_credential

BASE_URL = os.environ.get('GC_BASE_URL', 'http://localhost:8069')
DB = os.environ.get('GC_DB_NAME', 'gradient_test')
ACCESS_ERROR = 4  # Odoo's XML-RPC fault code for AccessError / AccessDenied

ROLES = ('admin', 'bureau', 'zhangba', 'joint1', 'enterprise', 'expert')
# model: (values for create, values for write)
MODELS = {
    'cultivation.territory': (lambda n: {'name': 'T%s' % n, 'code': 'RPC-%s' % n}, {'note': 'x'}),
    'cultivation.library': (lambda n: {'name': 'L%s' % n, 'code': 'rpc_%s' % n}, {'description': 'x'}),
    'cultivation.call': (lambda n: {'name': 'C%s' % n, 'date_open': '2026-01-01', 'date_close': '2026-02-01',
                                    'library_ids': [(6, 0, [1])]}, {'instructions': '<p>x</p>'}),
    'cultivation.review.stage': (lambda n: {'name': 'S%s' % n, 'group_id': 1, 'sequence': 999}, {'instructions': 'x'}),
    'portrait.dimension': (lambda n: {'name': 'D%s' % n, 'code': 'rpc_%s' % n}, {'description': 'x'}),
    'expert.domain': (lambda n: {'name': 'E%s' % n, 'code': 'rpc_%s' % n}, {'description': 'x'}),
}
# who may (read, write, create, delete) each model
ALLOWED = {
    'cultivation.territory': {'admin': 'RWCD', 'bureau': 'R', 'zhangba': 'R', 'joint1': 'R',
                              'enterprise': 'R', 'expert': 'R'},
    'cultivation.library': {'admin': 'RWCD', 'bureau': 'R', 'zhangba': 'R', 'joint1': 'R',
                            'enterprise': 'R', 'expert': 'R'},
    'cultivation.call': {'admin': 'RWCD', 'bureau': 'RWC', 'zhangba': 'R', 'joint1': 'R',
                         'enterprise': 'R', 'expert': 'R'},
    'cultivation.review.stage': {'admin': 'RWCD', 'bureau': 'R', 'zhangba': 'R', 'joint1': 'R',
                                 'enterprise': 'R', 'expert': 'R'},
    'portrait.dimension': {'admin': 'RWCD', 'bureau': 'RWC', 'zhangba': 'R', 'joint1': 'R',
                           'enterprise': 'R', 'expert': 'R'},
    'expert.domain': {'admin': 'RWCD', 'bureau': 'RWC', 'zhangba': 'R', 'joint1': 'R',
                      'enterprise': 'R', 'expert': 'R'},
}


def connect(login):
    common = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/common')
    uid = common.authenticate(DB, login, rpc_credential(login, login), {})
    assert uid, 'demo login %s failed' % login
    models = xmlrpc.client.ServerProxy(BASE_URL + '/xmlrpc/2/object', allow_none=True)

    def call(model, method, *args, **kwargs):
        # On a fresh database the threaded test server reloads its registry once, after the other
        # test processes signal changes; a request that lands during the reload is told the model
        # does not exist. Such a call is repeated for a few seconds; a model that is really
        # missing still fails the test.
        for attempt in range(20):
            try:
                return models.execute_kw(DB, uid, rpc_credential(login, login), model, method, list(args), kwargs)
            except xmlrpc.client.Fault as fault:
                missing = model in fault.faultString and ('不存在' in fault.faultString or 'does not exist' in fault.faultString)
                if not missing or attempt == 19:
                    raise
                time.sleep(0.5)
    return call


def refused(call, *args):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call(*args)
    assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-300:]


@pytest.fixture(scope='module')
def clients():
    return {role: connect(role) for role in ROLES}


@pytest.mark.parametrize('model', sorted(MODELS))
def test_role_matrix(clients, model):
    make_values, write_values = MODELS[model]
    admin = clients['admin']
    checked = 0
    for role in ROLES:
        rights, call = ALLOWED[model][role], clients[role]
        stamp = '%s%d' % (role, int(time.time() * 1000) % 10 ** 8)
        # a record of the administrator's for the others to write and delete
        target = admin(model, 'create', make_values('t' + stamp))
        if 'R' in rights:
            assert call(model, 'search_read', [('id', '=', target)], ['id'])
        else:
            refused(call, model, 'search_read', [], ['id'])
        if 'W' in rights:
            assert call(model, 'write', [target], write_values)
        else:
            refused(call, model, 'write', [target], write_values)
        if 'C' in rights:
            created = call(model, 'create', make_values('c' + stamp))
            admin(model, 'unlink', [created])
        else:
            refused(call, model, 'create', make_values('c' + stamp))
        if 'D' in rights:
            assert call(model, 'unlink', [target])
        else:
            refused(call, model, 'unlink', [target])
            admin(model, 'unlink', [target])
        checked += 4
    assert checked == 4 * len(ROLES)
    count('roles × models × operations checked (XML-RPC, configuration models)', checked)


def test_territory_reviewer_reads_and_writes_its_own_enterprises_only(clients):
    zhangba, bureau = clients['zhangba'], clients['bureau']
    mine = zhangba('cultivation.enterprise', 'search_read', [], ['name', 'territory_id'])
    assert mine and all('丈八街道' in e['territory_id'][1] for e in mine)
    everyone = bureau('cultivation.enterprise', 'search_read', [], ['name'])
    theirs = [e['id'] for e in everyone if e['id'] not in {m['id'] for m in mine}]
    assert theirs
    refused(zhangba, 'cultivation.enterprise', 'read', [theirs[0]], ['name'])
    refused(zhangba, 'cultivation.enterprise', 'write', [theirs[0]], {'phone': '1'})
    assert zhangba('cultivation.enterprise', 'write', [mine[0]['id']], {'phone': '029-0000 0001'})
    refused(zhangba, 'cultivation.enterprise', 'unlink', [mine[0]['id']])


def test_enterprise_user_sees_only_its_own_records(clients):
    portal = clients['enterprise']
    enterprises = portal('cultivation.enterprise', 'search_read', [], ['name'])
    assert [e['name'] for e in enterprises] == ['西安华拓光电科技有限公司']
    applications = portal('cultivation.application', 'search_read', [], ['enterprise_id'])
    assert applications and all(a['enterprise_id'][1] == '西安华拓光电科技有限公司' for a in applications)
    others = clients['bureau']('cultivation.application', 'search_read',
                               [('enterprise_id.name', '!=', '西安华拓光电科技有限公司')], ['id'])
    refused(portal, 'cultivation.application', 'read', [others[0]['id']], ['name'])
    # review fields never change over RPC, not even on its own application
    refused(portal, 'cultivation.application', 'write', [applications[0]['id']], {'state': 'approved'})
    refused(portal, 'auditlog.log', 'search_read', [], ['id'])


def test_reviewers_cannot_touch_declarations_or_logs(clients):
    bureau, joint = clients['bureau'], clients['joint1']
    application = bureau('cultivation.application', 'search_read', [('state', '=', 'in_review')], ['id'])[0]['id']
    refused(bureau, 'cultivation.application', 'write', [application], {'main_product': 'changed'})
    refused(bureau, 'cultivation.application', 'write', [application], {'state': 'approved'})
    refused(bureau, 'cultivation.application', 'unlink', [application])
    refused(bureau, 'auditlog.log', 'search_read', [], ['id'])
    logs = clients['admin']('auditlog.log', 'search_read', [], ['id'], limit=1)
    refused(clients['admin'], 'auditlog.log', 'unlink', [logs[0]['id']])
    refused(clients['admin'], 'auditlog.log', 'write', [logs[0]['id']], {'name': 'x'})
    # a joint review member sees only what is put to it
    names = {a['enterprise_id'][1] for a in joint('cultivation.application', 'search_read', [], ['enterprise_id'])}
    assert '西安中科晶能半导体有限公司' in names  # in joint review with the demo panel
    assert '西安华拓光电科技有限公司' not in names  # still at its territory
