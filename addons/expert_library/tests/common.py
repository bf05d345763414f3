from odoo.addons.capability_portrait.tests.common import PortraitCase


class ExpertCase(PortraitCase):
    """Enterprise A (street A, industry C39) evaluated on the test scheme with three weak
    indicators, mapped to three domains: level -> IP, years -> strategy, feature -> brand.
    Experts of several kinds, and the portal users of enterprise A, enterprise B and an expert."""

    @classmethod
    def setUpClass(cls):
        super(ExpertCase, cls).setUpClass()
        cls.ip = cls.env.ref('expert_library.domain_ip')
        cls.strategy = cls.env.ref('expert_library.domain_strategy')
        cls.brand = cls.env.ref('expert_library.domain_brand')
        cls.hr = cls.env.ref('expert_library.domain_hr')
        Mapping = cls.env['expert.domain.mapping']
        Mapping.search([]).write({'active': False})  # the seeded rows name the real schemes' codes
        for code, domain in (('level', cls.ip), ('years', cls.strategy), ('feature', cls.brand)):
            Mapping.create({'indicator_code': code, 'domain_ids': [(6, 0, domain.ids)]})
        # The demo's experts and requests are out of these tests.
        cls.env['expert.expert'].search([]).write({'active': False})

        cls.enterprise_a.industry_code = 'C3976'
        cls.scheme.action_publish()
        cls._application_fixtures()
        cls._new_application(cls, niche_years=3, strategic_emerging=True)
        cls.evaluation = cls.env['portrait.evaluation'].evaluate(
            cls.scheme, cls.enterprise_a, manual_values={cls.enterprise_a.id: {'feature': 1}})
        cls.weak = {line.code: line for line in cls.evaluation.line_ids.filtered('is_weak')}

        contact_b = cls.env['res.partner'].create({'name': 'B contact', 'parent_id': cls.enterprise_b.partner_id.id})
        cls.portal_b = cls._user('portal_b', 'base.group_portal', partner_id=contact_b.id)
        cls.expert_user = cls._user('expert_user', 'base.group_portal')
        cls.other_expert_user = cls._user('other_expert_user', 'base.group_portal')

        cls.ip_local = cls._expert('IP local', [cls.ip], territories=cls.street, industries=['C39'],
                                   user_id=cls.expert_user.id)
        cls.ip_zone = cls._expert('IP zone', [cls.ip])
        cls.ip_far = cls._expert('IP far', [cls.ip], territories=cls.other_street)
        cls.all_round = cls._expert('All round', [cls.ip, cls.strategy, cls.brand], user_id=cls.other_expert_user.id)
        cls.hr_only = cls._expert('HR only', [cls.hr])

    @classmethod
    def _expert(cls, name, domains, territories=None, industries=(), state='active', **vals):
        values = {'name': name, 'domain_ids': [(6, 0, [d.id for d in domains])], 'capacity': 3, 'state': state,
                  'territory_ids': [(6, 0, territories.ids if territories else [])],
                  'industry_ids': [(0, 0, {'division': code}) for code in industries]}
        values.update(vals)
        return cls.env['expert.expert'].create(values)

    def _request(self, expert=None, user=None, domain=None, **vals):
        """A request of enterprise A made on the portal by its user."""
        expert = expert or self.ip_local
        values = {'enterprise_id': self.enterprise_a.id, 'expert_id': expert.id, 'domain_id': (domain or self.ip).id,
                  'line_ids': [(6, 0, [self.weak['level'].id])], 'need': 'Patent portfolio for the main product'}
        values.update(vals)
        created = self.env['expert.service.request'].sudo(user or self.portal_user).create(values)
        return self.env['expert.service.request'].browse(created.id)
