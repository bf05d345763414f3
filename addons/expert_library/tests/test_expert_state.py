import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ExpertCase

PDF = base64.b64encode(b'%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')


class TestExpertState(ExpertCase):
    """Candidates are admitted, active experts suspended and reinstated by the bureau, with a reason."""

    def _decide(self, expert, action, reason='Checked', user=None):
        wizard = self.env['expert.state.wizard'].sudo(user or self.bureau_reviewer).create(
            {'expert_id': expert.id, 'action': action, 'reason': reason})
        return wizard.action_confirm()

    def test_admit_suspend_reinstate_with_reasons(self):
        expert = self._expert('New', [self.ip], state='candidate')
        self._decide(expert, 'admit', 'Certificates verified')
        self.assertEqual(expert.state, 'active')
        self.assertEqual(expert.state_reason, 'Certificates verified')
        self._decide(expert, 'suspend', 'Complaint under review')
        self.assertEqual(expert.state, 'suspended')
        self._decide(expert, 'reinstate', 'Complaint unfounded')
        self.assertEqual(expert.state, 'active')
        self.assertIn('Complaint unfounded', expert.message_ids.mapped('body')[0])

    def test_refused_changes(self):
        expert = self._expert('New', [self.ip], state='candidate')
        with self.assertRaisesRegex(UserError, '不能'):
            self._decide(expert, 'suspend')
        with self.assertRaisesRegex(UserError, '不能'):
            self._decide(expert, 'reinstate')
        with self.assertRaisesRegex(UserError, '原因'):
            expert.sudo(self.bureau_reviewer).change_state('admit', '  ')
        with self.assertRaises(AccessError):
            expert.sudo(self.territory_reviewer).change_state('admit', 'ok')
        with self.assertRaisesRegex(UserError, '不能'):
            self.ip_local.sudo(self.bureau_reviewer).change_state('admit', 'again')  # already active

    def test_portal_application_creates_a_candidate(self):
        applicant = self._user('applicant', 'base.group_portal')
        Expert = self.env['expert.expert'].sudo(applicant)
        expert = Expert.apply_from_portal(
            {'name': '知识产权专家', 'expert_type': 'individual', 'domain_ids': [(6, 0, self.ip.ids)],
             'qualification': '专利代理师', 'profile': '十年专利代理', 'capacity': 2, 'contact_name': 'W',
             'phone': '029-1', 'state': 'active'},
            ['C39'], [('licence.pdf', PDF)])
        self.assertEqual(expert.state, 'candidate')  # never admitted by the applicant
        self.assertEqual(expert.sudo().user_id, applicant)
        self.assertEqual(expert.certificate_ids.mimetype, 'application/pdf')
        self.assertEqual(expert.industry_ids.division, 'C39')
        with self.assertRaisesRegex(UserError, '已经'):
            Expert.apply_from_portal({'name': 'again', 'domain_ids': [(6, 0, self.ip.ids)]}, [], [])
        # a candidate is not in the library the enterprises see
        self.assertNotIn(expert, self.env['expert.expert'].sudo(self.portal_user).search([]))

    def test_certificates_are_checked_by_content(self):
        applicant = self._user('applicant2', 'base.group_portal')
        with self.assertRaisesRegex(ValidationError, 'PDF'):
            self.env['expert.expert'].sudo(applicant).apply_from_portal(
                {'name': 'X', 'domain_ids': [(6, 0, self.ip.ids)], 'qualification': 'Q', 'profile': 'P',
                 'contact_name': 'W', 'phone': '029-1'}, [],
                [('evil.pdf', base64.b64encode(b'MZ\x90\x00 not a pdf'))])
