from odoo.exceptions import AccessError

from .common import ExpertCase


class TestAccess(ExpertCase):
    """Record rules: an enterprise sees its own requests, an expert those addressed to it, a
    territory reviewer those of its territories, the bureau all of them."""

    @classmethod
    def setUpClass(cls):
        super(TestAccess, cls).setUpClass()
        Request = cls.env['expert.service.request']
        cls.request_a = Request.create({'enterprise_id': cls.enterprise_a.id, 'expert_id': cls.ip_local.id,
                                        'domain_id': cls.ip.id, 'need': 'A needs IP'})
        cls.request_b = Request.create({'enterprise_id': cls.enterprise_b.id, 'expert_id': cls.all_round.id,
                                        'domain_id': cls.ip.id, 'need': 'B needs IP'})

    def _seen(self, user):
        return self.env['expert.service.request'].sudo(user).search([('id', 'in', (self.request_a | self.request_b).ids)])

    def test_enterprise_sees_only_its_requests(self):
        self.assertEqual(self._seen(self.portal_user), self.request_a)
        self.assertEqual(self._seen(self.portal_b), self.request_b)
        with self.assertRaises(AccessError):
            self.request_b.sudo(self.portal_user).read(['need'])
        with self.assertRaises(AccessError):
            self.request_b.sudo(self.portal_user).write({'need': 'mine now'})

    def test_expert_sees_only_requests_addressed_to_it(self):
        self.assertEqual(self._seen(self.expert_user), self.request_a)
        self.assertEqual(self._seen(self.other_expert_user), self.request_b)
        with self.assertRaises(AccessError):
            self.request_b.sudo(self.expert_user).read(['need'])
        # the expert reads the enterprise's name on its request, not the enterprise itself
        self.assertEqual(self.request_a.sudo(self.expert_user).enterprise_name, 'Enterprise A')
        with self.assertRaises(AccessError):
            self.enterprise_a.sudo(self.expert_user).read(['name'])

    def test_staff(self):
        self.assertEqual(self._seen(self.territory_reviewer), self.request_a)  # street A only
        self.assertEqual(self._seen(self.bureau_reviewer), self.request_a | self.request_b)
        with self.assertRaises(AccessError):
            self._seen(self.joint_reviewer)  # neither a territory nor the bureau
        with self.assertRaises(AccessError):
            self.request_a.sudo(self.territory_reviewer).write({'need': 'changed'})

    def test_service_records_follow_their_request(self):
        self.request_a.sudo(self.expert_user).action_accept()
        record = self.env['expert.service.record'].sudo(self.expert_user).create(
            {'request_id': self.request_a.id, 'content': 'Met the R&D team'})
        Record = self.env['expert.service.record']
        self.assertEqual(Record.sudo(self.portal_user).search([('id', '=', record.id)]), record)
        self.assertFalse(Record.sudo(self.portal_b).search([('id', '=', record.id)]))
        self.assertFalse(Record.sudo(self.other_expert_user).search([('id', '=', record.id)]))

    def test_library_on_the_portal(self):
        candidate = self._expert('Candidate', [self.ip], state='candidate', user_id=self._user('cand', 'base.group_portal').id)
        Expert = self.env['expert.expert']
        seen = Expert.sudo(self.portal_user).search([])
        self.assertIn(self.ip_local, seen)
        self.assertNotIn(candidate, seen)  # not admitted: not in the library
        self.assertIn(candidate, Expert.sudo(candidate.user_id).search([]))  # but its own profile
        with self.assertRaises(AccessError):
            self.ip_local.sudo(self.expert_user).write({'capacity': 50})  # the bureau keeps the library
        with self.assertRaises(AccessError):
            Expert.sudo(self.portal_user).create({'name': 'Self-made', 'state': 'active'})
        self.ip_local.sudo(self.bureau_reviewer).write({'capacity': 5})

    def test_certificates_only_for_the_expert_and_staff(self):
        import base64
        pdf = base64.b64encode(b'%PDF-1.4\n%%EOF\n')
        certificate = self.env['expert.certificate'].create({'expert_id': self.ip_local.id, 'name': 'c.pdf', 'datas': pdf})
        Certificate = self.env['expert.certificate']
        self.assertEqual(Certificate.sudo(self.expert_user).search([('id', '=', certificate.id)]), certificate)
        self.assertFalse(Certificate.sudo(self.portal_user).search([('id', '=', certificate.id)]))
        self.assertEqual(Certificate.sudo(self.bureau_reviewer).search([('id', '=', certificate.id)]), certificate)

    def test_every_expert_model_is_audited(self):
        rules = self.env['auditlog.rule'].search([('state', '=', 'subscribed')])
        logged = set(rules.mapped('model_id.model'))
        for model in ('expert.expert', 'expert.domain', 'expert.domain.mapping', 'expert.service.request',
                      'expert.service.record'):
            self.assertIn(model, logged)
        domain = self.env['expert.domain'].create({'name': 'Audited', 'code': 'audited_domain'})
        domain.write({'description': 'changed'})
        log = self.env['auditlog.log'].search([('model_id.model', '=', 'expert.domain'), ('res_id', '=', domain.id),
                                               ('method', '=', 'write')])
        self.assertEqual(log.line_ids.mapped('field_name'), ['description'])
