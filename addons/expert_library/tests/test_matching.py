from .common import ExpertCase


class TestMatching(ExpertCase):
    """_match_for_enterprise: the experts of the domains the weak indicators call for, ranked."""

    def _ranked(self, enterprise=None):
        return [m['expert'] for m in self.env['expert.expert']._match_for_enterprise(enterprise or self.enterprise_a)]

    def test_weak_indicators_give_the_domains(self):
        self.assertEqual(sorted(self.weak), ['feature', 'level', 'years'])
        _evaluation, needed = self.env['expert.expert']._needed_domains(self.enterprise_a)
        self.assertEqual(set(needed), {self.ip, self.strategy, self.brand})
        self.assertEqual(needed[self.ip], self.weak['level'])

    def test_ranking_order(self):
        # covering all three weak indicators first; then, among IP experts, industry and own
        # territory beat the whole zone, which beats another territory; HR is not needed
        self.assertEqual(self._ranked(), [self.all_round, self.ip_local, self.ip_zone, self.ip_far])

    def test_scores_and_reasons(self):
        matches = self.env['expert.expert']._match_for_enterprise(self.enterprise_a, limit=2)
        self.assertEqual(len(matches), 2)
        top = matches[0]
        self.assertGreater(top['score'], matches[1]['score'])
        self.assertLessEqual(top['score'], 100)
        self.assertEqual(top['lines'], self.evaluation.line_ids.filtered('is_weak'))
        local = matches[1]
        self.assertIn('知识产权', local['reason'])
        self.assertIn('熟悉贵企业所在行业', local['reason'])
        self.assertIn('服务贵企业所在区域', local['reason'])

    def test_territory_fit_counts_sub_territories(self):
        self.enterprise_a.territory_id = self.sub_park  # park A1 lies in street A, served by ip_local
        self.assertEqual(self._ranked()[1], self.ip_local)
        self.enterprise_a.territory_id = self.other_street
        ranked = self._ranked()
        self.assertLess(ranked.index(self.ip_far), ranked.index(self.ip_zone))

    def test_industry_fit(self):
        self.ip_zone.write({'industry_ids': [(0, 0, {'division': 'C39'})]})
        self.ip_local.write({'industry_ids': [(5, 0, 0)]})
        # the zone-wide expert now knows the industry, the local one does not any more
        ranked = self._ranked()
        self.assertLess(ranked.index(self.ip_zone), ranked.index(self.ip_local))

    def test_rating_breaks_ties(self):
        twin = self._expert('IP zone twin', [self.ip])
        self.env['expert.service.request'].create({
            'enterprise_id': self.enterprise_b.id, 'expert_id': twin.id, 'domain_id': self.ip.id,
            'need': 'x', 'state': 'done', 'rating': '5'})
        twin.capacity = 3
        ranked = self._ranked()
        self.assertLess(ranked.index(twin), ranked.index(self.ip_zone))

    def test_full_and_suspended_experts_are_excluded(self):
        self.ip_local.capacity = 1
        self._request(self.ip_local)
        self.assertNotIn(self.ip_local, self._ranked())
        self.all_round.sudo(self.bureau_reviewer).change_state('suspend', 'Complaint')
        self.assertNotIn(self.all_round, self._ranked())
        self.assertEqual(self._ranked(), [self.ip_zone, self.ip_far])

    def test_no_portrait_no_recommendation(self):
        self.assertEqual(self.env['expert.expert']._match_for_enterprise(self.enterprise_b), [])

    def test_the_enterprise_matches_on_its_own_portal(self):
        ranked = self.env['expert.expert'].sudo(self.portal_user)._match_for_enterprise(self.enterprise_a.id)
        self.assertEqual(ranked[0]['expert'], self.all_round)
