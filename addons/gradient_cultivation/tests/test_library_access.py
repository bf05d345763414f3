import io
import re
import zipfile

from odoo.exceptions import AccessError

from .common import CultivationCase


class TestLibraryAccess(CultivationCase):
    """Territory reviewers see their territories' members and reports; enterprises their own."""

    @classmethod
    def setUpClass(cls):
        super(TestLibraryAccess, cls).setUpClass()
        cls._library_fixtures()
        cls.report_a = cls._report(cls.member_a, '2025-01-01', revenue=10, revenue_ytd=10)
        cls.report_a1 = cls._report(cls.member_a1, '2025-01-01', revenue=10, revenue_ytd=10)
        cls.report_b = cls._report(cls.member_b, '2025-01-01', revenue=10, revenue_ytd=10)
        Plan = cls.env['cultivation.plan']
        cls.plan_a = Plan.create({'membership_id': cls.member_a.id, 'year': 2025})
        cls.plan_b = Plan.create({'membership_id': cls.member_b.id, 'year': 2025})
        Violation = cls.env['cultivation.violation']
        cls.violation_a = Violation.create({'enterprise_id': cls.enterprise_a.id, 'category': 'safety',
                                            'date': '2025-02-01', 'description': 'Fire exits blocked'})
        cls.violation_b = Violation.create({'enterprise_id': cls.enterprise_b.id, 'category': 'quality',
                                            'date': '2025-02-01', 'description': 'Label'})
        cls.ours = cls.member_a | cls.member_a1 | cls.member_b

    def _visible(self, user, model, records):
        return self.env[model].sudo(user).search([('id', 'in', records.ids)])

    def test_territory_reviewer_sees_its_territory_and_below(self):
        t = self.territory_reviewer
        self.assertEqual(self._visible(t, 'cultivation.membership', self.ours), self.member_a | self.member_a1)
        self.assertEqual(self._visible(t, 'cultivation.monthly.report', self.report_a | self.report_a1 | self.report_b),
                         self.report_a | self.report_a1)
        self.assertEqual(self._visible(t, 'cultivation.plan', self.plan_a | self.plan_b), self.plan_a)
        self.assertEqual(self._visible(t, 'cultivation.violation', self.violation_a | self.violation_b), self.violation_a)
        with self.assertRaises(AccessError):
            self.report_b.sudo(t).read(['revenue'])
        with self.assertRaises(AccessError):
            self.member_b.sudo(t).read(['state'])

    def test_bureau_sees_all(self):
        b = self.bureau_reviewer
        self.assertEqual(self._visible(b, 'cultivation.membership', self.ours), self.ours)
        self.assertEqual(len(self._visible(b, 'cultivation.monthly.report', self.report_a | self.report_a1 | self.report_b)), 3)

    def test_enterprise_sees_only_its_own(self):
        p = self.portal_user
        self.assertEqual(self._visible(p, 'cultivation.membership', self.ours), self.member_a)
        self.assertEqual(self._visible(p, 'cultivation.monthly.report', self.report_a | self.report_b), self.report_a)
        self.assertEqual(self._visible(p, 'cultivation.plan', self.plan_a | self.plan_b), self.plan_a)
        with self.assertRaises(AccessError):
            self.report_b.sudo(p).read(['revenue'])
        with self.assertRaises(AccessError):
            self.env['cultivation.violation'].sudo(p).search([])
        with self.assertRaises(AccessError):
            self.plan_a.sudo(p).write({'target_revenue': 1})
        with self.assertRaises(AccessError):
            self.env['cultivation.monthly.report'].sudo(p).create({
                'membership_id': self.member_a.id, 'period_date': '2025-05-01'})

    def test_territory_reviewer_edits_plans_and_violations_of_its_territory_only(self):
        t = self.territory_reviewer
        self.plan_a.sudo(t).write({'target_revenue': 500})
        with self.assertRaises(AccessError):
            self.plan_b.sudo(t).write({'target_revenue': 500})
        with self.assertRaises(AccessError):
            self.violation_b.sudo(t).write({'description': 'x'})
        with self.assertRaises(AccessError):
            self.violation_a.sudo(t).unlink()

    def test_territory_reviewer_creates_plans_and_violations_in_its_territory_only(self):
        # The rules once read the plan's own territory, computed after Odoo checks them: the
        # reviewer could not create a plan or a violation even for its own members.
        t = self.territory_reviewer
        plan = self.env['cultivation.plan'].sudo(t).create({'membership_id': self.member_a.id, 'year': 2026})
        self.assertEqual(plan.sudo().territory_id, self.street)
        violation = self.env['cultivation.violation'].sudo(t).create({
            'enterprise_id': self.enterprise_a1.id, 'category': 'quality', 'date': '2025-03-01',
            'description': 'Labels'})
        self.assertEqual(violation.sudo().territory_id, self.sub_park)
        with self.assertRaises(AccessError):
            self.env['cultivation.plan'].sudo(t).create({'membership_id': self.member_b.id, 'year': 2026})
        with self.assertRaises(AccessError):
            self.env['cultivation.violation'].sudo(t).create({
                'enterprise_id': self.enterprise_b.id, 'category': 'quality', 'date': '2025-03-01',
                'description': 'Labels'})

    def test_violation_evidence_is_checked_by_content(self):
        import base64
        from odoo.exceptions import ValidationError
        with self.assertRaises(ValidationError) as ctx:
            self.violation_a.write({'evidence': base64.b64encode(b'MZ\x90\x00 not a document'),
                                    'evidence_name': 'decision.pdf'})
        self.assertIn('证据', ctx.exception.name)
        self.violation_a.write({'evidence': base64.b64encode(b'%PDF-1.4\n%%EOF\n'), 'evidence_name': 'decision.pdf'})

    def test_roster_export_holds_only_what_the_user_sees(self):
        report = self.env.ref('gradient_cultivation.action_report_cultivation_roster_xlsx')
        members = self._visible(self.territory_reviewer, 'cultivation.membership', self.ours)
        content, fmt = report.sudo(self.territory_reviewer).render(members.ids)
        self.assertEqual(fmt, 'xlsx')
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            strings = book.read('xl/sharedStrings.xml').decode('utf-8')
        self.assertIn('Enterprise A', strings)
        self.assertIn('统一社会信用代码', strings)
        self.assertNotIn('Enterprise B', strings)
        with self.assertRaises(AccessError):
            report.sudo(self.territory_reviewer).render(self.member_b.ids)

    def test_roster_rows_hold_the_latest_report_and_open_suggestions(self):
        self._report(self.member_a, '2025-02-01', revenue=20, revenue_ytd=30, employees=57)
        self._report(self.member_a, '2025-03-01', state='open')  # not submitted: not the latest
        rule = self.env['cultivation.suggestion.rule'].search([], limit=1)
        Suggestion = self.env['cultivation.suggestion']
        Suggestion.create({'membership_id': self.member_a.id, 'rule_id': rule.id})
        Suggestion.create({'membership_id': self.member_a.id, 'rule_id': rule.id, 'state': 'dismissed',
                           'decision_note': 'no'})
        report = self.env.ref('gradient_cultivation.action_report_cultivation_roster_xlsx')
        content, fmt = report.sudo(self.bureau_reviewer).render((self.member_b | self.member_a1 | self.member_a).ids)
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            strings = re.findall(r'<t[^>]*>([^<]*)</t>', book.read('xl/sharedStrings.xml').decode('utf-8'))
            sheet = book.read('xl/worksheets/sheet1.xml').decode('utf-8')
        rows = {}
        for number, cells in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', sheet):
            values = []
            for attributes, value in re.findall(r'<c r="[A-Z]+\d+"([^>]*)>(?:<v>([^<]*)</v>)?', cells):
                values.append(strings[int(value)] if 't="s"' in attributes else value)
            rows[int(number)] = values
        # sorted by tier, then territory: the two scale-up members first (A's street before B's), then A1
        self.assertEqual([rows[n][0] for n in (4, 5, 6)], ['Enterprise A', 'Enterprise B', 'Enterprise A1'])
        row_a = rows[4]
        self.assertEqual(row_a[1], '91610131MA00000018')
        self.assertEqual(row_a[3], 'Zone / Street A')
        self.assertEqual(row_a[7:10], ['t_reviewer', 'b_reviewer', '2025-02'])
        self.assertEqual([float(v) for v in row_a[10:13]], [30.0, 57.0, 1.0])  # YTD, employees, open suggestions
        self.assertEqual([float(v) for v in rows[5][10:13]], [10.0, 0.0, 0.0])
