from odoo.addons.gradient_base.grants import granted, is_granted
from odoo.exceptions import AccessError, UserError

from .common import CultivationCase


class TestWritableFields(CultivationCase):
    """Who writes what (issue 14, findings 3, 9 and 10): a client never writes the workflow's
    fields, results, archiving or the owner of a record, whatever its context says; the workflow
    writes them for the user under a grant of its own call."""

    @classmethod
    def setUpClass(cls):
        super(TestWritableFields, cls).setUpClass()
        cls._library_fixtures()
        cls._application_fixtures()

    def test_the_enterprise_fills_its_report_but_never_archives_it(self):
        report = self._report(self.member_a, '2030-01-01', state='open')
        portal = report.sudo(self.portal_user)
        portal.write({'difficulties': 'Orders are late'})
        with self.assertRaises(AccessError) as caught:
            portal.write({'active': False})
        self.assertIn('有效', caught.exception.name)  # the field, named in Chinese
        for vals in ({'state': 'submitted'}, {'membership_id': self.member_b.id}, {'reminder_count': 0}):
            with self.assertRaises(AccessError):
                portal.write(vals)
        self.assertTrue(report.active)
        self.assertEqual((report.state, report.membership_id), ('open', self.member_a))

    def test_memberships_change_through_the_workflow_only(self):
        bureau = self.member_a.sudo(self.bureau_reviewer)
        bureau.write({'bureau_officer_id': self.bureau_reviewer.id})  # what its form edits
        for vals in ({'state': 'exited'}, {'enterprise_id': self.enterprise_b.id},
                     {'library_id': self.srdi.id}, {'upgrade_proposed': True}):
            with self.assertRaises(AccessError):
                bureau.write(vals)
        self.assertEqual(self.member_a.state, 'active')
        bureau.action_exit('Moved away')  # the workflow writes the same fields, for the bureau
        self.assertEqual((self.member_a.state, self.member_a.exit_reason), ('exited', 'Moved away'))

    def test_owners_never_change(self):
        application = self._new_application()
        with self.assertRaises(AccessError):
            application.sudo(self.portal_user).write({'enterprise_id': self.enterprise_b.id})
        with self.assertRaises(AccessError):
            application.financial_ids[0].sudo(self.portal_user).write({'application_id': application.id})
        self.assertEqual(application.enterprise_id, self.enterprise_a)

    def test_a_declared_field_out_of_turn_is_a_user_error(self):
        application = self._new_application()
        application.sudo(self.portal_user).action_submit()
        with self.assertRaises(UserError):
            application.sudo(self.portal_user).write({'main_product': 'changed'})

    def test_context_defaults_do_not_set_workflow_fields(self):
        Application = self.env['cultivation.application'].sudo(self.portal_user)
        with self.assertRaises(AccessError):
            Application.with_context(default_state='approved').create({
                'enterprise_id': self.enterprise_a.id, 'call_id': self.call.id, 'library_id': self.srdi.id})

    def test_grants_cover_their_records_and_fields_and_end_with_their_block(self):
        report = self._report(self.member_a, '2030-02-01', state='open')
        portal = report.sudo(self.portal_user)
        with granted('write', report._name, report.ids, ['is_overdue']):
            self.assertTrue(is_granted('write', report._name, report.ids, ['is_overdue']))
            self.assertFalse(is_granted('write', report._name, report.ids, ['state']))
            self.assertFalse(is_granted('write', report._name, (report | self._report(
                self.member_a, '2030-03-01', state='open')).ids, ['is_overdue']))
        self.assertFalse(is_granted('write', report._name, report.ids, ['is_overdue']))
        with self.assertRaises(AccessError):
            portal.write({'is_overdue': True})
