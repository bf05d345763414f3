"""The records the tests against a running server act on, found or made as the administrator:
for enterprise A (the demo portal user's, in the reviewer zhangba's territory, served by the demo
expert) and enterprise B (another enterprise, territory and expert). Each kind is made once and
found again on the next run."""
import time

import pytest

from .conftest import PDF, unique_credit_code


def stamp():
    return '%d' % (int(time.time() * 1000000) % 10 ** 12)


class Records(object):
    """How to find, make and remove the records of each model, as the administrator."""

    def __init__(self, world):
        self.w = world
        self.rpc = world.admin
        self._cache = {}

    def once(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def find_or_create(self, model, domain, vals, **kwargs):
        found = self.rpc(model, 'search', domain, limit=1, order='id')
        return found[0] if found else self.rpc(model, 'create', vals, **kwargs)

    # ----------------------------------------------------------- targets (read and write)
    def application(self, scope):
        def make():
            w = self.w
            domain = [('enterprise_id', '=', w.enterprise_of(scope)), ('call_id', '=', w.ops_call()),
                      ('library_id', '=', w.libraries[0])]
            app = self.find_or_create('cultivation.application', domain, {
                'enterprise_id': w.enterprise_of(scope), 'call_id': w.ops_call(), 'library_id': w.libraries[0],
                'main_product': '运维测试产品'})
            # returned: reviewers read it (submitted once), the enterprise may still edit it
            self.rpc('cultivation.application', 'write', [app], {'state': 'returned', 'version': 1})
            return app
        return self.once(('application', scope), make)

    def target(self, model, scope):
        w, rpc = self.w, self.rpc
        ent = w.enterprise_of(scope)
        if model == 'cultivation.enterprise':
            return ent
        if model == 'cultivation.application':
            return self.application(scope)
        if model == 'cultivation.application.financial':
            app = self.application(scope)
            return self.once((model, scope), lambda: self.find_or_create(
                model, [('application_id', '=', app), ('year', '=', 2019)],
                {'application_id': app, 'year': 2019, 'operating_revenue': 100.0}))
        if model == 'cultivation.application.attachment':
            app = self.application(scope)
            return self.once((model, scope), lambda: self.find_or_create(
                model, [('application_id', '=', app)],
                {'application_id': app, 'doc_type': 'other', 'name': 'ops.pdf', 'datas': PDF}))
        if model == 'cultivation.application.review':
            app = self.application(scope)
            return self.once((model, scope), lambda: self.find_or_create(
                model, [('application_id', '=', app)], self.review_vals(app)))
        if model == 'cultivation.application.version':
            app = self.application(scope)
            return self.once((model, scope), lambda: self.find_or_create(
                model, [('application_id', '=', app)], {'application_id': app, 'version': 1, 'snapshot': '{}'}))
        if model == 'cultivation.membership':
            return w.membership[ent]
        if model == 'cultivation.plan':
            membership = w.membership[ent]
            return self.once((model, scope), lambda: self.find_or_create(
                model, [('membership_id', '=', membership)],
                {'membership_id': membership, 'year': self.free_plan_year(membership)}))
        if model == 'cultivation.monthly.report':
            membership = w.membership[ent]
            return self.once((model, scope), lambda: self.find_or_create(
                model, [('membership_id', '=', membership), ('period_date', '>=', '2099-01-01')],
                self.report_vals(membership)))
        if model == 'cultivation.suggestion':
            membership = w.membership[ent]
            return self.once((model, scope), lambda: self.find_or_create(
                model, [('membership_id', '=', membership)], self.suggestion_vals(membership)))
        if model == 'cultivation.violation':
            return self.once((model, scope), lambda: self.find_or_create(
                model, [('enterprise_id', '=', ent), ('description', '=', '运维测试违规记录')], self.violation_vals(ent)))
        if model == 'cultivation.annual.evaluation':
            return self.evaluation_with_line(scope)[0]
        if model == 'cultivation.annual.evaluation.line':
            return self.evaluation_with_line(scope)[1]
        if model == 'portrait.evaluation':
            return self.once((model, scope), lambda: self.portrait(ent))
        if model == 'expert.expert':
            return w.expert_own if scope == 'A' else self.candidate_expert()
        if model == 'expert.certificate':
            expert = self.target('expert.expert', scope)
            return self.once((model, scope), lambda: self.find_or_create(
                model, [('expert_id', '=', expert)], {'expert_id': expert, 'name': 'ops.pdf', 'datas': PDF}))
        if model == 'expert.service.request':
            return self.service_request(scope, 'requested')
        if model == 'expert.service.record':
            request = self.service_request(scope, 'in_progress')
            return self.once((model, scope), lambda: self.find_or_create(
                model, [('request_id', '=', request)], {'request_id': request, 'content': '运维测试服务记录'}))
        if model == 'res.users':
            return w.user_a if scope == 'A' else w.user_b
        # models of no enterprise: the first record there is
        return self.once((model, scope), lambda: rpc(model, 'search', [], limit=1, order='id')[0])

    # ----------------------------------------------------------- values of new records
    def review_vals(self, app):
        return {'application_id': app, 'reviewer_id': self.rpc.uid, 'decision': 'return', 'opinion': '运维测试意见',
                'version': 1}

    def free_plan_year(self, membership, taken=()):
        used = {p['year'] for p in self.rpc('cultivation.plan', 'search_read', [('membership_id', '=', membership)],
                                            ['year'])}
        return next(y for y in range(2099, 2000, -1) if y not in used and y not in taken)

    def report_vals(self, membership):
        used = {r['period_date'] for r in self.rpc('cultivation.monthly.report', 'search_read', [
            ('membership_id', '=', membership), ('period_date', '>=', '2099-01-01')], ['period_date'],
            context={'active_test': False})}
        period = next('%d-%02d-01' % (y, m) for y in range(2099, 2200) for m in range(1, 13)
                      if '%d-%02d-01' % (y, m) not in used)
        return {'membership_id': membership, 'period_date': period, 'date_deadline': period[:8] + '28'}

    def suggestion_vals(self, membership):
        rule = self.rpc('cultivation.suggestion.rule', 'search', [], limit=1)[0]
        return {'membership_id': membership, 'rule_id': rule, 'evidence': '运维测试趋势'}

    @staticmethod
    def violation_vals(enterprise):
        return {'enterprise_id': enterprise, 'category': 'quality', 'severity': 'minor', 'date': '2020-01-01',
                'description': '运维测试违规记录'}

    def evaluation_with_line(self, scope):
        def make():
            name = '运维测试年度评价 %s' % scope
            membership = self.w.membership[self.w.enterprise_of(scope)]
            evaluation = self.find_or_create('cultivation.annual.evaluation', [('name', '=', name)], {
                'name': name, 'year': 2020, 'library_ids': [(6, 0, self.w.libraries)]})
            line = self.find_or_create('cultivation.annual.evaluation.line', [('evaluation_id', '=', evaluation)],
                                       {'evaluation_id': evaluation, 'membership_id': membership})
            return evaluation, line
        return self.once(('annual', scope), make)

    def portrait(self, enterprise):
        found = self.rpc('portrait.evaluation', 'search', [('enterprise_id', '=', enterprise), ('is_latest', '=', True)],
                         limit=1)
        if found:
            return found[0]
        scheme = self.rpc('portrait.scheme', 'search', [('state', '=', 'published')], limit=1)[0]
        return self.rpc('portrait.evaluation', 'create', {'scheme_id': scheme, 'enterprise_id': enterprise,
                                                           'date': '2020-01-01'})

    def candidate_expert(self):
        return self.once('candidate', lambda: self.find_or_create(
            'expert.expert', [('name', '=', '运维测试候选专家')], {'name': '运维测试候选专家'}))

    def other_expert(self):
        """An active expert other than the demo expert, with a domain."""
        return self.once('other_expert', lambda: self.rpc('expert.expert', 'search', [
            ('state', '=', 'active'), ('id', '!=', self.w.expert_own), ('domain_ids', '!=', False)], limit=1)[0])

    def expert_of(self, scope):
        return self.w.expert_own if scope == 'A' else self.other_expert()

    def service_request(self, scope, state):
        def make():
            expert = self.expert_of(scope)
            domain = self.rpc('expert.expert', 'read', [expert], ['domain_ids'])[0]['domain_ids'][0]
            need = '运维测试需求（%s）' % state
            return self.find_or_create('expert.service.request', [('need', '=', need),
                                                                   ('enterprise_id', '=', self.w.enterprise_of(scope))], {
                'enterprise_id': self.w.enterprise_of(scope), 'expert_id': expert, 'domain_id': domain, 'need': need,
                'state': state})
        return self.once(('request', scope, state), make)

    def new_vals(self, model, scope, role):
        """Values of a record the role creates for scope's enterprise (or of no enterprise)."""
        w, ent = self.w, self.w.enterprise_of(scope)
        if model == 'cultivation.enterprise':
            return {'name': '运维矩阵企业%s' % stamp(), 'credit_code': unique_credit_code(),
                    'territory_id': w.territory_of(scope)}
        if model == 'cultivation.application':
            return {'enterprise_id': ent, 'call_id': w.ops_call(), 'library_id': w.libraries[1]}
        if model == 'cultivation.application.financial':
            return {'application_id': self.application(scope), 'year': 2018, 'operating_revenue': 1.0}
        if model == 'cultivation.application.attachment':
            return {'application_id': self.application(scope), 'doc_type': 'other', 'name': 'ops-new.pdf',
                    'datas': PDF}
        if model == 'cultivation.application.review':
            return self.review_vals(self.application(scope))
        if model == 'cultivation.application.version':
            return {'application_id': self.application(scope), 'version': 99, 'snapshot': '{}'}
        if model == 'cultivation.membership':
            return {'enterprise_id': ent, 'library_id': w.libraries[0], 'state': 'exited',
                    'date_admitted': '2001-01-01'}
        if model == 'cultivation.plan':
            membership = w.membership[ent]
            return {'membership_id': membership, 'year': self.free_plan_year(
                membership, taken=[self.rpc('cultivation.plan', 'read', [self.target(model, scope)], ['year'])[0]['year']])}
        if model == 'cultivation.monthly.report':
            return self.report_vals(w.membership[ent])
        if model == 'cultivation.suggestion':
            return self.suggestion_vals(w.membership[ent])
        if model == 'cultivation.suggestion.rule':
            return {'name': '运维测试规则%s' % stamp(), 'indicator': 'revenue', 'condition': 'falling',
                    'advice': '运维测试建议'}
        if model == 'cultivation.violation':
            return dict(self.violation_vals(ent), description='运维测试新违规记录')
        if model == 'cultivation.annual.evaluation':
            return {'name': '运维测试新评价%s' % stamp(), 'year': 2021, 'library_ids': [(6, 0, w.libraries[:1])]}
        if model == 'cultivation.annual.evaluation.line':
            evaluation = self.rpc('cultivation.annual.evaluation', 'create', {
                'name': '运维测试评价明细%s' % stamp(), 'year': 2021, 'library_ids': [(6, 0, w.libraries[:1])]})
            return {'evaluation_id': evaluation, 'membership_id': w.membership[ent]}
        if model == 'portrait.scheme':
            return {'name': '运维测试方案', 'code': 'ops_scheme_%s' % stamp()}
        if model == 'portrait.indicator':
            dimension = self.rpc('portrait.dimension', 'search', [], limit=1)[0]
            return {'scheme_id': self.draft_scheme(), 'code': 'ops_%s' % stamp(), 'name': '运维测试指标',
                    'dimension_id': dimension}
        if model == 'portrait.evaluation':
            scheme = self.rpc('portrait.scheme', 'search', [('state', '=', 'published')], limit=1)[0]
            return {'scheme_id': scheme, 'enterprise_id': ent, 'date': '2000-01-01'}
        if model == 'expert.expert':
            return {'name': '运维测试专家%s' % stamp()}
        if model == 'expert.certificate':
            return {'expert_id': self.target('expert.expert', scope), 'name': 'ops-new.pdf', 'datas': PDF}
        if model == 'expert.domain.mapping':
            domain = self.rpc('expert.domain', 'search', [], limit=1)[0]
            return {'indicator_code': 'ops_%s' % stamp(), 'domain_ids': [(6, 0, [domain])]}
        if model == 'expert.service.request':
            return self.request_vals(scope)
        if model == 'expert.service.record':
            return {'request_id': self.service_request(scope, 'in_progress'), 'content': '运维测试新服务记录'}
        if model == 'auditlog.log':
            model_id = self.rpc('ir.model', 'search', [('model', '=', 'cultivation.enterprise')])[0]
            return {'name': '运维测试', 'model_id': model_id, 'res_id': ent, 'method': 'write'}
        if model == 'res.users':
            return {'name': '运维测试用户', 'login': 'gc_ops_user_%s' % stamp(),
                    'groups_id': [(6, 0, [w.ref('base.group_portal')])]}
        if model == 'res.groups':
            return {'name': '运维测试角色%s' % stamp()}
        raise KeyError(model)

    def request_vals(self, scope):
        """A new request of scope's enterprise to an active expert with room for it."""
        ent = self.w.enterprise_of(scope)
        open_pairs = {(r['expert_id'][0], r['domain_id'][0]) for r in self.rpc(
            'expert.service.request', 'search_read',
            [('enterprise_id', '=', ent), ('state', 'in', ('requested', 'accepted', 'in_progress'))],
            ['expert_id', 'domain_id'])}
        for expert in self.rpc('expert.expert', 'search_read', [('state', '=', 'active')],
                               ['domain_ids', 'free_capacity']):
            if expert['free_capacity'] < 1:
                continue
            for domain in expert['domain_ids']:
                if (expert['id'], domain) not in open_pairs:
                    return {'enterprise_id': ent, 'expert_id': expert['id'], 'domain_id': domain,
                            'need': '运维测试新需求'}
        pytest.fail('no active expert has room for a new request of enterprise %d' % ent)

    def draft_scheme(self):
        return self.once('draft_scheme', lambda: self.find_or_create(
            'portrait.scheme', [('code', '=', 'ops_draft_scheme')], {'name': '运维测试草稿方案', 'code': 'ops_draft_scheme'}))

    # ----------------------------------------------------------- disposable records
    def disposable(self, model, scope):
        """A record made for a deletion test, or None where nothing may be deleted (logs)."""
        if model == 'auditlog.log':
            return self.target(model, scope)
        if model in ('cultivation.suggestion.rule', 'portrait.scheme', 'portrait.indicator', 'expert.domain.mapping',
                     'res.groups', 'cultivation.annual.evaluation', 'cultivation.enterprise', 'expert.expert'):
            return self.rpc(model, 'create', self.new_vals(model, scope, 'admin'))
        if model == 'cultivation.application':
            return self.rpc(model, 'create', dict(self.new_vals(model, scope, 'admin'), library_id=self.w.libraries[2]))
        if model == 'cultivation.application.financial':
            return self.rpc(model, 'create', dict(self.new_vals(model, scope, 'admin'), year=2017))
        if model == 'expert.service.request':
            vals = dict(self.new_vals(model, scope, 'admin'), expert_id=self.expert_of(scope), state='requested')
            vals['domain_id'] = self.rpc('expert.expert', 'read', [vals['expert_id']], ['domain_ids'])[0]['domain_ids'][0]
            return self.rpc(model, 'create', vals)
        if model == 'res.users':
            return self.rpc(model, 'create', self.new_vals(model, scope, 'admin'), context={'no_reset_password': True})
        return self.rpc(model, 'create', self.new_vals(model, scope, 'admin'))

    def remove(self, model, record_id):
        if model == 'auditlog.log':
            return
        found = self.rpc(model, 'search', [('id', '=', record_id)], context={'active_test': False})
        if found:
            if model == 'cultivation.annual.evaluation.line':
                evaluation = self.rpc(model, 'read', found, ['evaluation_id'])[0]['evaluation_id'][0]
                self.rpc('cultivation.annual.evaluation', 'unlink', [evaluation])
            else:
                self.rpc(model, 'unlink', found)

    def current(self, model, record_id, field):
        value = self.rpc(model, 'read', [record_id], [field])[0][field]
        return value[0] if isinstance(value, list) and value else value

    # ----------------------------------------------------------- for the page and report URLs
    def file_of(self, model, record_id, field):
        """The ir.attachment holding a binary field's file."""
        found = self.rpc('ir.attachment', 'search', [('res_model', '=', model), ('res_id', '=', record_id),
                                                     ('res_field', '=', field)])
        return found[0] if found else None

    def with_file(self, model, scope, field, name_field):
        """The target of ``model`` with a file in ``field``."""
        record = self.target(model, scope)

        def attach():
            if not self.file_of(model, record, field):
                self.rpc(model, 'write', [record], {field: PDF, name_field: 'ops.pdf'})
            return record
        return self.once(('file', model, scope), attach)
