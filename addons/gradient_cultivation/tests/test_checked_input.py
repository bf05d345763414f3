import base64
import io
import zipfile

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PDF, CultivationCase


class TestCheckedInput(CultivationCase):
    """What a client other than the web client may send (XML-RPC, scripts): values of the wrong
    type, impossible dates, numbers out of range, ids of no record, oversized text, arguments of
    the wrong kind. Each is refused with a Chinese message naming the field, before anything is
    written; the web client's own path is checked against a running server in tests/ops."""

    @classmethod
    def setUpClass(cls):
        super(TestCheckedInput, cls).setUpClass()
        cls._application_fixtures()
        cls._library_fixtures()

    def assertRefused(self, model, user, vals, label, exception=ValidationError):
        Model = self.env[model]
        before = Model.search_count([])
        with self.assertRaises(exception) as caught:
            Model.sudo(user).create(vals)
        self.assertIn(label, caught.exception.name, vals)
        self.assertEqual(Model.search_count([]), before, vals)  # refused before anything was written

    def test_values_that_cannot_be_stored_are_refused_naming_the_field(self):
        enterprise = {'name': '新企业', 'credit_code': '91610131MA00000091', 'territory_id': self.street.id}
        for change, label in [
                ({'credit_code': 12345}, '统一社会信用代码'), ({'credit_code': '9' * 19}, '统一社会信用代码'),
                ({'territory_id': 'abc'}, '所属区域'), ({'territory_id': 99999999}, '所属区域'),
                ({'founding_date': '2026-02-30'}, '成立日期'), ({'founding_date': "' OR 1=1 --"}, '成立日期'),
                ({'employee_count': 'abc'}, '从业人数'), ({'employee_count': 10 ** 12}, '从业人数'),
                ({'registered_capital': 'nan'}, '注册资本'), ({'registered_capital': float('inf')}, '注册资本'),
                ({'name': '   '}, '名称'), ({'name': ['x']}, '名称'), ({'name': 'x' * 1001}, '名称')]:
            self.assertRefused('cultivation.enterprise', self.territory_reviewer, dict(enterprise, **change), label)
        self.assertRefused('cultivation.enterprise', self.territory_reviewer,
                           {'name': '新企业', 'territory_id': self.street.id}, '统一社会信用代码')
        plan = {'membership_id': self.member_a.id, 'year': 2030}
        for change, label in [({'year': 10 ** 12}, '年度'), ({'year': '2030x'}, '年度'),
                              ({'target_revenue': 'inf'}, '目标营业收入'), ({'membership_id': [1]}, '在库记录')]:
            self.assertRefused('cultivation.plan', self.bureau_reviewer, dict(plan, **change), label)
        violation = {'enterprise_id': self.enterprise_a.id, 'category': 'safety', 'description': 'x',
                     'date': '2025-01-01'}
        for change, label in [({'date': '31/12/2020'}, '日期'), ({'category': "x' OR '1'='1"}, '类别'),
                              ({'description': ''}, '说明'), ({'evidence': '!!!notbase64'}, '证据')]:
            self.assertRefused('cultivation.violation', self.bureau_reviewer, dict(violation, **change), label)

    def test_constraints_and_rules_see_the_complete_record(self):
        # constraints run as superuser: a reviewer's new plan is checked, then its rules apply
        with self.assertRaises(ValidationError) as caught:
            self.env['cultivation.plan'].sudo(self.territory_reviewer).create(
                {'membership_id': self.member_a.id, 'year': 1999})
        self.assertIn('年度', caught.exception.name)

    def test_action_arguments_of_the_wrong_kind_are_refused(self):
        application = self._new_application()
        application.sudo(self.portal_user).action_submit()
        reviewer = application.sudo(self.territory_reviewer)
        for reason in (123, ['x'], {'a': 1}, 'x' * 100001):
            with self.assertRaises(ValidationError) as caught:
                reviewer.action_return(reason)
            self.assertIn('原因', caught.exception.name)
        with self.assertRaises(ValidationError):
            reviewer.action_approve(opinion=['x'])
        self.assertEqual(application.state, 'in_review')
        line = self.env['cultivation.annual.evaluation.line']
        with self.assertRaises(UserError):
            line.sudo(self.bureau_reviewer).action_decide(['keep'], 'x')  # was a TypeError (unhashable)
        with self.assertRaises(ValidationError):
            self.member_b.sudo(self.bureau_reviewer).action_exit('理由', date_exited='2026-13-45')
        with self.assertRaises(ValidationError):
            self.member_b.sudo(self.bureau_reviewer).action_exit(42)
        self.assertEqual(self.member_b.state, 'active')
        with self.assertRaises(ValidationError):
            self.call.check_open_for('abc')
        with self.assertRaises(ValidationError):
            self.env['cultivation.membership'].admit(enterprise=99999999, library=self.srdi.id)

    def test_binding_registers_only_what_the_form_asks(self):
        newcomer = self._user('newcomer', 'base.group_portal')
        Enterprise = self.env['cultivation.enterprise'].sudo(newcomer)
        vals = {'name': '新企业', 'territory_id': self.street.id}
        # the company contact of another enterprise would hand over that enterprise's records
        with self.assertRaises(AccessError):
            Enterprise.bind_portal_user('91610131MA00000091', dict(vals, partner_id=self.enterprise_b.partner_id.id))
        with self.assertRaises(ValidationError):
            Enterprise.bind_portal_user(12345, vals)
        with self.assertRaises(ValidationError):
            Enterprise.bind_portal_user('91610131MA00000091', dict(vals, territory_id=self.zone.id))
        self.assertFalse(self.env['cultivation.enterprise'].search([('credit_code', '=', '91610131MA00000091')]))
        bound = Enterprise.bind_portal_user('91610131MA00000091', vals)
        self.assertEqual(newcomer.partner_id.parent_id, bound.sudo().partner_id)
        with self.assertRaises(UserError):  # bound once: not to a second enterprise
            Enterprise.bind_portal_user('91610131MA0000012B', vals)

    def test_the_enterprise_deletes_its_own_upload(self):
        # Odoo deletes a line's file after the line, when only employees may: the portal user
        # could not delete an attachment of its own draft.
        application = self._new_application()
        attachment = application.attachment_ids[:1]
        files = self.env['ir.attachment'].search([('res_model', '=', attachment._name), ('res_id', '=', attachment.id),
                                                  ('res_field', '=', 'datas')])
        self.assertTrue(files)
        attachment.sudo(self.portal_user).unlink()
        self.assertFalse(attachment.exists())
        self.assertFalse(files.exists())
        with self.assertRaises(AccessError):
            application.attachment_ids[:1].sudo(self.bureau_reviewer).unlink()

    def test_file_type_is_measured_not_taken_from_the_client(self):
        application = self._new_application()
        Attachment = self.env['cultivation.application.attachment'].sudo(self.portal_user)
        vals = {'application_id': application.id, 'doc_type': 'other', 'name': 'x.pdf', 'datas': PDF}
        for given, label in (({'mimetype': 'text/html'}, '文件类型'), ({'file_size': 1}, '大小')):
            with self.assertRaises(AccessError) as caught:  # the client does not say what they are
                Attachment.create(dict(vals, **given))
            self.assertIn(label, caught.exception.name)
        created = Attachment.create(vals)
        attachment = self.env['cultivation.application.attachment'].browse(created.id)
        self.assertEqual(attachment.mimetype, 'application/pdf')
        self.assertEqual(attachment.file_size, len(base64.b64decode(PDF)))

    def test_excel_cells_take_typed_text_as_text(self):
        # '=HYPERLINK(...)' typed as a name is a formula in Excel unless written as text
        self.enterprise_a.name = '=HYPERLINK("http://example.com/x","点击")'
        self._new_application()
        report = self.env.ref('gradient_cultivation.action_report_cultivation_call_xlsx')
        content, _format = report.render(self.call.ids)
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            sheets = ''.join(book.read(name).decode('utf-8') for name in book.namelist()
                             if name.startswith('xl/worksheets/'))
            strings = book.read('xl/sharedStrings.xml').decode('utf-8')
        self.assertNotIn('<f>', sheets)
        self.assertIn('=HYPERLINK', strings)
