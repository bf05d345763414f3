from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PDF, CultivationCase
from ..models.cultivation_publication import add_working_days

OBJECTION = {'objector_name': 'Wang', 'contact_phone': '029-88889999', 'contact_email': '',
             'reasons': 'The enterprise moved its production out of the zone last year.'}


class TestPublication(CultivationCase):
    """公示: an application that passed the review is admitted only after a publication period of
    working days with no sustained objection."""

    @classmethod
    def setUpClass(cls):
        super(TestPublication, cls).setUpClass()
        cls._application_fixtures()

    def _passed(self, **vals):
        application = self._new_application(**vals)
        application.action_submit()
        application.sudo(self.territory_reviewer).action_approve('ok')
        application.sudo(self.bureau_reviewer).action_approve('ok')
        for member in self.joint_members:
            application.sudo(member).action_joint_vote(80, True, 'ok')
        self.assertEqual(application.state, 'to_publish')
        return application

    def _published(self, application):
        publication = self.env['cultivation.publication'].sudo(self.bureau_reviewer).create({
            'title': 'Intended admissions 2026'})
        publication.action_add_pending()
        self.assertIn(application, publication.application_ids)
        publication.action_publish()
        return self.env['cultivation.publication'].browse(publication.id)

    def _lodge(self, publication, application):
        return self.env['cultivation.objection']._lodge(publication, application.id, dict(OBJECTION), [], '10.1.1.1')

    def test_working_days_skip_weekends_and_holidays(self):
        friday = date(2026, 11, 27)
        self.assertEqual(add_working_days(friday, 5), date(2026, 12, 3))  # Fri, Mon-Thu
        self.assertEqual(add_working_days(date(2026, 11, 28), 1), date(2026, 11, 30))  # Saturday: Monday
        self.assertEqual(add_working_days(friday, 2, {date(2026, 11, 30)}), date(2026, 12, 1))

    def test_publish_period_and_final_admission_after_it(self):
        application = self._passed()
        publication = self._published(application)
        self.assertEqual(application.state, 'publicity')
        self.assertEqual(publication.state, 'open')
        # the enterprise hears of it (issue 17: the publication's notification event)
        event = self.env['cultivation.notification.event']._gc_event('application_published')
        self.assertTrue(event)
        logs = self.env['gradient.notification.log'].search([
            ('event', '=', event.name), ('res_model', '=', 'cultivation.application'), ('res_id', '=', application.id)])
        self.assertIn('email', logs.mapped('channel'))
        start = date.today()
        self.assertEqual(publication.date_end, str(add_working_days(start, 5, publication._holidays())))
        # the period runs: the cron admits nobody yet
        self.env['cultivation.publication']._cron_close()
        self.assertEqual(application.state, 'publicity')
        self.assertFalse(application.membership_id)
        publication._workflow_write({'date_start': '2000-01-03', 'date_end': '2000-01-07'})
        self.env['cultivation.publication']._cron_close()
        self.assertEqual(application.state, 'approved')
        self.assertEqual(application.membership_id.state, 'active')
        self.assertEqual(publication.state, 'closed')

    def test_public_rows_hold_no_figures(self):
        application = self._passed()
        publication = self._published(application)
        row = publication.public_rows()[0]
        self.assertEqual(set(row), {'id', 'company_name', 'credit_code', 'library', 'territory'})
        self.assertEqual(row['credit_code'], '91610131MA00000018')

    def test_objection_goes_to_the_bureau_and_sustained_returns_the_application(self):
        application = self._passed()
        publication = self._published(application)
        objection, errors = self._lodge(publication, application)
        self.assertFalse(errors)
        self.assertTrue(objection.name.startswith('YY'))
        self.assertEqual(objection.activity_ids.user_id, self.bureau_reviewer)
        with self.assertRaises(UserError):  # a decision needs a reason
            objection.sudo(self.bureau_reviewer).action_sustain()
        objection.sudo(self.bureau_reviewer).decide('sustained', 'Confirmed: production moved to another city.', 'return')
        self.assertEqual(objection.state, 'sustained')
        self.assertFalse(objection.activity_ids)
        self.assertEqual(application.state, 'returned')
        self.assertIn('production moved', application.return_reason)
        publication._workflow_write({'date_start': '2000-01-03', 'date_end': '2000-01-07'})
        self.env['cultivation.publication']._cron_close()
        self.assertEqual(application.state, 'returned')
        self.assertFalse(application.membership_id)

    def test_sustained_reject_and_dismissed(self):
        rejected, admitted = self._passed(), self._passed(library=self.scale_up)
        publication = self._published(rejected)
        self.assertIn(admitted, publication.application_ids)
        first, _errors = self._lodge(publication, rejected)
        second, _errors = self._lodge(publication, admitted)
        # the form's way: the bureau writes the reason and the outcome, then presses the button
        first.sudo(self.bureau_reviewer).write({'decision_reason': 'Fraudulent statements.', 'outcome': 'reject'})
        first.sudo(self.bureau_reviewer).action_sustain()
        self.assertEqual(rejected.state, 'rejected')
        second.sudo(self.bureau_reviewer).decide('dismissed', 'No evidence; the enterprise produces in the zone.')
        self.assertEqual(second.state, 'dismissed')
        publication._workflow_write({'date_start': '2000-01-03', 'date_end': '2000-01-07'})
        self.env['cultivation.publication']._cron_close()
        self.assertEqual(admitted.state, 'approved')

    def test_an_undecided_objection_holds_the_admission(self):
        application = self._passed()
        publication = self._published(application)
        objection, _errors = self._lodge(publication, application)
        publication._workflow_write({'date_start': '2000-01-03', 'date_end': '2000-01-07'})
        self.env['cultivation.publication']._cron_close()
        self.assertEqual(application.state, 'publicity')
        self.assertEqual(publication.state, 'open')
        objection.sudo(self.bureau_reviewer).decide('dismissed', 'Unfounded.')
        self.env['cultivation.publication']._cron_close()
        self.assertEqual(application.state, 'approved')
        self.assertEqual(publication.state, 'closed')

    def test_lodging_checks_fields_period_uploads_and_rate(self):
        self.env['ir.config_parameter'].sudo().set_param('gradient_cultivation.objection_hourly_limit', '3')
        application = self._passed()
        publication = self._published(application)
        Objection = self.env['cultivation.objection']
        _objection, errors = Objection._lodge(publication, application.id, {'objector_name': ' ', 'contact_phone': 'abc',
                                                                           'reasons': ''}, [], '10.2.2.2')
        self.assertEqual(set(errors), {'objector_name', 'contact_phone', 'reasons'})
        self.assertIn('电话', errors['contact_phone'])
        _objection, errors = Objection._lodge(publication, 999999, OBJECTION, [], '10.2.2.2')
        self.assertIn('application_id', errors)
        _objection, errors = Objection._lodge(publication, application.id, OBJECTION,
                                              [('evil.exe', 'TVqQAAMAAAAEAAAA')], '10.2.2.2')
        self.assertIn('evidence', errors)
        self.assertFalse(Objection.search([('publication_id', '=', publication.id)]))  # nothing half-written
        objection, errors = Objection._lodge(publication, application.id, OBJECTION, [('proof.pdf', PDF)], '10.2.2.2')
        self.assertFalse(errors)
        self.assertEqual(objection.attachment_ids.mimetype, 'application/pdf')
        for _i in range(2):
            Objection._lodge(publication, application.id, OBJECTION, [], '10.2.2.2')
        _objection, errors = Objection._lodge(publication, application.id, OBJECTION, [], '10.2.2.2')
        self.assertIn('publication', errors)  # the fourth in an hour from one address
        publication._workflow_write({'date_start': '2000-01-03', 'date_end': '2000-01-07'})
        _objection, errors = Objection._lodge(publication, application.id, OBJECTION, [], '10.3.3.3')
        self.assertIn('publication', errors)  # the period is over

    def test_who_may_publish_and_decide(self):
        application = self._passed()
        for user in (self.territory_reviewer, self.joint_reviewer, self.portal_user, self.plain_user):
            with self.assertRaises(AccessError):
                self.env['cultivation.publication'].sudo(user).create({
                    'title': 'x', 'application_ids': [(6, 0, application.ids)]})
        publication = self._published(application)
        objection, _errors = self._lodge(publication, application)
        for user in (self.territory_reviewer, self.joint_reviewer, self.portal_user):
            with self.assertRaises(AccessError):
                self.env['cultivation.objection'].sudo(user).browse(objection.id).read(['reasons'])
            with self.assertRaises((AccessError, UserError)):
                self.env['cultivation.objection'].sudo(user).browse(objection.id).decide('sustained', 'x', 'reject')
        # the bureau writes its decision only: never what the objector wrote, nor the state
        as_bureau = self.env['cultivation.objection'].sudo(self.bureau_reviewer).browse(objection.id)
        for vals in ({'reasons': 'changed'}, {'state': 'dismissed'}, {'application_id': application.id}):
            with self.assertRaises(AccessError):
                as_bureau.write(vals)
        with self.assertRaises(AccessError):
            self.env['cultivation.objection'].sudo(self.bureau_reviewer).create(dict(
                OBJECTION, publication_id=publication.id, application_id=application.id))
        with self.assertRaises(AccessError):  # state and dates are the workflow's
            publication.sudo(self.bureau_reviewer).write({'date_end': '2000-01-01'})
        with self.assertRaises(ValidationError):
            as_bureau.decide('sustained', 'Founded.', 'admit anyway')
        with self.assertRaises(ValidationError):
            as_bureau.decide('approved', 'Founded.')
        self.assertEqual(objection.state, 'new')
        with self.assertRaises(UserError):  # the state machine: a published list cannot be published again
            publication.sudo(self.bureau_reviewer).action_publish()

    def test_only_passed_applications_are_published(self):
        draft = self._new_application()
        publication = self.env['cultivation.publication'].sudo(self.bureau_reviewer).create({
            'title': 'x', 'application_ids': [(6, 0, draft.ids)]})
        with self.assertRaises(UserError):
            publication.action_publish()
        self.assertEqual(draft.state, 'draft')
        with self.assertRaises(UserError):
            self.env['cultivation.publication'].sudo(self.bureau_reviewer).create({'title': 'empty'}).action_publish()
