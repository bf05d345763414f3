import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PDF, CultivationCase

PNG = base64.b64encode(b'\x89PNG\r\n\x1a\n' + b'\x00' * 64)
HTML = base64.b64encode(b'<html><script>alert(1)</script></html>')


class TestEnterpriseClaim(CultivationCase):
    """A known enterprise is claimed with documents and bound only when its territory reviewer
    (or the bureau) approves; knowing its credit code binds nobody."""

    @classmethod
    def setUpClass(cls):
        super(TestEnterpriseClaim, cls).setUpClass()
        cls.street.write({'reviewer_ids': [(6, 0, [cls.territory_reviewer.id])]})
        cls.claimant = cls._user('claimant', 'base.group_portal')
        cls.other_reviewer = cls._user('t_reviewer_b', 'gradient_cultivation.group_territory_reviewer',
                                       territory_ids=[(6, 0, [cls.other_street.id])])

    def _vals(self, **changes):
        vals = {'applicant_name': '张三', 'applicant_position': '财务经理', 'applicant_phone': '13800000000',
                'licence_file': PDF, 'licence_filename': 'licence.pdf',
                'authorization_file': PNG, 'authorization_filename': 'letter.png'}
        vals.update(changes)
        return vals

    def _claim(self, user=None, code='91610131MA00000018', **changes):
        return self.env['cultivation.enterprise.claim'].sudo(user or self.claimant).submit_claim(code, self._vals(**changes))

    def _enterprises_seen_by(self, user):
        return self.env['cultivation.enterprise'].sudo(user).search([])

    def test_knowing_the_credit_code_binds_nobody(self):
        Enterprise = self.env['cultivation.enterprise'].sudo(self.claimant)
        with self.assertRaisesRegex(UserError, '认领'):
            Enterprise.bind_portal_user('91610131MA00000018', {'name': 'Anything', 'territory_id': self.other_street.id})
        self.assertFalse(self.claimant.partner_id.parent_id)
        self.assertFalse(self._enterprises_seen_by(self.claimant))

    def test_claim_waits_and_shows_nothing_until_approved(self):
        claim = self._claim()
        self.assertEqual(claim.sudo().state, 'submitted')
        self.assertFalse(self._enterprises_seen_by(self.claimant))
        self.assertFalse(self.env['cultivation.application'].sudo(self.claimant).search([]))
        # the territory reviewer of the enterprise got the to-do
        activity = claim.sudo().activity_ids
        self.assertEqual(activity.user_id, self.territory_reviewer)
        # another territory's reviewer neither sees nor decides it
        self.assertFalse(self.env['cultivation.enterprise.claim'].sudo(self.other_reviewer).search([('id', '=', claim.id)]))
        with self.assertRaises(AccessError):
            claim.sudo(self.other_reviewer).action_approve()
        # nor does a joint member, nor the claimant itself
        with self.assertRaises(AccessError):
            claim.sudo(self.joint_reviewer).action_approve()
        with self.assertRaises(AccessError):
            claim.sudo(self.claimant).action_approve()
        claim.sudo(self.territory_reviewer).action_approve()
        self.assertEqual(claim.sudo().state, 'approved')
        self.assertEqual(claim.sudo().decided_by_id, self.territory_reviewer)
        self.assertEqual(self._enterprises_seen_by(self.claimant), self.enterprise_a)
        self.assertFalse(claim.sudo().activity_ids)

    def test_rejected_claim_states_its_reason_and_binds_nothing(self):
        claim = self._claim()
        with self.assertRaises(ValidationError):
            claim.sudo(self.territory_reviewer).action_reject('  ')
        claim.sudo(self.bureau_reviewer).action_reject('授权委托书未盖公章')
        claim = claim.sudo()
        self.assertEqual((claim.state, claim.reject_reason), ('rejected', '授权委托书未盖公章'))
        self.assertFalse(self._enterprises_seen_by(self.claimant))
        self.assertIn('授权委托书未盖公章', claim.message_ids[0].body)
        with self.assertRaises(UserError):  # decided once
            claim.sudo(self.territory_reviewer).action_approve()
        # the applicant may claim again with better documents
        self.assertEqual(self._claim().sudo().state, 'submitted')

    def test_claim_checks_every_field_at_once(self):
        errors = self.env['cultivation.enterprise.claim'].sudo(self.claimant)._claim_errors(
            '91610131MA0000004H', self._vals(applicant_name=' ', applicant_phone='12', licence_file=HTML,
                                           authorization_file=False))
        self.assertEqual(set(errors), {'credit_code', 'applicant_name', 'applicant_phone', 'licence_file',
                                       'authorization_file'})
        self.assertIn('营业执照', errors['licence_file'])
        with self.assertRaises(ValidationError):
            self._claim(licence_file=HTML)
        self.assertFalse(self.env['cultivation.enterprise.claim'].search([('user_id', '=', self.claimant.id)]))
        # a field the form does not have is refused, never stored
        with self.assertRaises(AccessError):
            self._claim(state='approved')
        with self.assertRaises(AccessError):
            self._claim(user_id=self.portal_user.id)

    def test_nobody_edits_a_claim_or_creates_one_directly(self):
        claim = self._claim()
        for user in (self.claimant, self.territory_reviewer, self.bureau_reviewer):
            with self.assertRaises(AccessError):
                claim.sudo(user).write({'state': 'approved'})
        with self.assertRaises(AccessError):
            self.env['cultivation.enterprise.claim'].sudo(self.claimant).create({
                'enterprise_id': self.enterprise_a.id, 'user_id': self.claimant.id, 'state': 'approved'})
        with self.assertRaises(AccessError):
            claim.sudo(self.territory_reviewer).unlink()

    def test_one_pending_claim_and_withdrawal(self):
        claim = self._claim()
        with self.assertRaises(ValidationError):
            self._claim(code='91610131MA0000003E')
        with self.assertRaises(AccessError):  # only its applicant withdraws it
            claim.sudo(self._user('intruder', 'base.group_portal')).action_cancel()
        claim.sudo(self.claimant).action_cancel()
        self.assertEqual(claim.sudo().state, 'cancelled')
        self.assertFalse(claim.sudo().activity_ids)

    def test_registration_and_invitation_are_recorded(self):
        newcomer = self._user('newcomer_claim', 'base.group_portal')
        enterprise = self.env['cultivation.enterprise'].sudo(newcomer).bind_portal_user(
            '91610131MA0000004H', {'name': '新芯', 'territory_id': self.street.id})
        record = self.env['cultivation.enterprise.claim'].search([('user_id', '=', newcomer.id)])
        self.assertEqual((record.origin, record.state, record.enterprise_id), ('registration', 'approved', enterprise))

        with self.assertRaises(AccessError):  # another territory's reviewer may not invite for it
            self.enterprise_a.sudo(self.other_reviewer)._invite_contact('李四', 'lisi@example.com')
        with self.assertRaises(AccessError):
            self.enterprise_a.sudo(self.portal_user)._invite_contact('李四', 'lisi@example.com')
        with self.assertRaises(ValidationError):
            self.enterprise_a.sudo(self.territory_reviewer)._invite_contact('李四', 'not-an-address')
        contact = self.enterprise_a.sudo(self.territory_reviewer)._invite_contact('李四', 'lisi@example.com')
        self.assertTrue(contact.has_group('base.group_portal'))
        self.assertFalse(contact.has_group('base.group_user'))
        self.assertEqual(self._enterprises_seen_by(contact), self.enterprise_a)
        record = self.env['cultivation.enterprise.claim'].search([('user_id', '=', contact.id)])
        self.assertEqual((record.origin, record.decided_by_id), ('invitation', self.territory_reviewer))
        # the invitation e-mail (Odoo's sign-up link) is on its way
        self.assertTrue(self.env['mail.mail'].search([('email_to', 'ilike', 'lisi@example.com')])
                        or self.env['mail.mail'].search([('recipient_ids', 'in', contact.partner_id.ids)]))
        with self.assertRaises(ValidationError):  # one account per address
            self.enterprise_a.sudo(self.territory_reviewer)._invite_contact('李四', 'lisi@example.com')

    def test_bindings_are_audited(self):
        claim = self._claim()
        claim.sudo(self.territory_reviewer).action_approve()
        logs = self.env['auditlog.log'].search([('model_id.model', '=', 'cultivation.enterprise.claim'),
                                                ('res_id', '=', claim.id)])
        self.assertEqual(set(logs.mapped('method')), {'create', 'write'})
