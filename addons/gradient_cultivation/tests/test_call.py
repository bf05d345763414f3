from datetime import date, timedelta

from odoo.exceptions import UserError, ValidationError

from .common import CultivationCase


class TestCall(CultivationCase):

    @classmethod
    def setUpClass(cls):
        super(TestCall, cls).setUpClass()
        cls._application_fixtures()

    def test_state_follows_the_dates(self):
        today = date.today()
        Call = self.env['cultivation.call']
        upcoming = Call.create({'name': 'Later', 'library_ids': [(6, 0, self.srdi.ids)],
                                'date_open': str(today + timedelta(days=3)), 'date_close': str(today + timedelta(days=9))})
        closed = Call.create({'name': 'Past', 'library_ids': [(6, 0, self.srdi.ids)],
                              'date_open': str(today - timedelta(days=9)), 'date_close': str(today - timedelta(days=3))})
        self.assertEqual((upcoming.state, closed.state, self.call.state), ('upcoming', 'closed', 'open'))
        open_calls = Call.search([('state', '=', 'open')])
        self.assertIn(self.call, open_calls)
        self.assertNotIn(upcoming, open_calls)
        self.assertNotIn(closed, open_calls)

    def test_close_before_open_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env['cultivation.call'].create({'name': 'Bad', 'library_ids': [(6, 0, self.srdi.ids)],
                                                 'date_open': '2026-05-10', 'date_close': '2026-05-01'})

    def test_submitting_outside_the_window_is_refused(self):
        application = self._new_application()
        self.call.write({'date_close': str(date.today() - timedelta(days=1)),
                         'date_open': str(date.today() - timedelta(days=9))})
        with self.assertRaises(UserError) as caught:
            application.action_submit()
        self.assertIn(self.call.date_close, caught.exception.name)
        self.assertEqual(application.state, 'draft')

    def test_submitting_to_a_tier_outside_the_call_is_refused(self):
        giant = self.env.ref('gradient_cultivation.library_little_giant')
        application = self._new_application(library=giant)
        with self.assertRaises(UserError):
            application.action_submit()
