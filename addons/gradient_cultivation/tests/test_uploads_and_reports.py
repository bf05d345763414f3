import base64
import io
import zipfile

from odoo.exceptions import ValidationError

from .common import PDF, CultivationCase


def b64(content):
    return base64.b64encode(content)


class TestUploadsAndReports(CultivationCase):

    @classmethod
    def setUpClass(cls):
        super(TestUploadsAndReports, cls).setUpClass()
        cls._application_fixtures()

    def _attach(self, application, name, content):
        return self.env['cultivation.application.attachment'].sudo(self.portal_user).create({
            'application_id': application.id, 'doc_type': 'other', 'name': name, 'datas': b64(content)})

    def test_uploads_are_recognised_by_content(self):
        application = self._new_application()
        pdf = self._attach(application, 'a.pdf', base64.b64decode(PDF))
        self.assertEqual(pdf.mimetype, 'application/pdf')
        png = self._attach(application, 'scan.png', b'\x89PNG\r\n\x1a\n' + b'\0' * 32)
        self.assertEqual(png.mimetype, 'image/png')
        docx = io.BytesIO()
        with zipfile.ZipFile(docx, 'w') as archive:
            archive.writestr('[Content_Types].xml', '<Types/>')
            archive.writestr('word/document.xml', '<w:document/>')
        self.assertEqual(self._attach(application, 'plan.docx', docx.getvalue()).mimetype, 'application/zip')
        # a script renamed to .pdf, and a zip that is no Office document, are refused
        with self.assertRaises(ValidationError) as caught:
            self._attach(application, 'evil.pdf', b'#!/bin/sh\nrm -rf /\n')
        self.assertIn('evil.pdf', caught.exception.name)
        self.assertIn('仅接受', caught.exception.name)
        plain_zip = io.BytesIO()
        with zipfile.ZipFile(plain_zip, 'w') as archive:
            archive.writestr('payload.exe', 'MZ')
        with self.assertRaises(ValidationError):
            self._attach(application, 'archive.docx', plain_zip.getvalue())

    def test_uploads_are_limited_in_size(self):
        self.env['ir.config_parameter'].set_param('gradient_cultivation.upload_max_mb', '1')
        application = self._new_application()
        with self.assertRaises(ValidationError) as caught:
            self._attach(application, 'big.pdf', b'%PDF-' + b'0' * (1024 * 1024 + 1))
        self.assertIn('1 MB', caught.exception.name)
        with self.assertRaises(ValidationError):
            self._attach(application, 'empty.pdf', b'')

    def test_attachments_are_frozen_once_submitted(self):
        application = self._new_application()
        application.action_submit()
        with self.assertRaises(Exception):
            self._attach(application, 'late.pdf', base64.b64decode(PDF))
        with self.assertRaises(Exception):
            application.attachment_ids[0].sudo(self.portal_user).unlink()

    def test_excel_summary_counts_per_territory(self):
        submitted = self._new_application()
        submitted.action_submit()
        self._new_application(library=self.scale_up)  # a draft
        report = self.env.ref('gradient_cultivation.action_report_cultivation_call_xlsx')
        content, kind = report.render_xlsx(self.call.ids, {})
        self.assertEqual(kind, 'xlsx')
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            strings = workbook.read('xl/sharedStrings.xml').decode('utf-8')
        for text in ('Open call', '所属区域', '审核中', '草稿', 'Zone / Street A', submitted.name, 'Enterprise A'):
            self.assertIn(text, strings)
        self.assertNotIn('>Total<', strings)  # the headers are Chinese

    def test_excel_summary_shows_a_territory_reviewer_only_its_territories(self):
        mine = self._new_application()
        mine.action_submit()
        theirs = self._new_application(enterprise_id=self.enterprise_b.id, user=self.env.user)
        theirs.action_submit()
        report = self.env.ref('gradient_cultivation.action_report_cultivation_call_xlsx')
        content, _kind = report.sudo(self.territory_reviewer).render_xlsx(self.call.ids, {})
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            strings = workbook.read('xl/sharedStrings.xml').decode('utf-8')
        self.assertIn('Enterprise A', strings)
        self.assertNotIn('Enterprise B', strings)

    def test_application_report_renders_in_chinese(self):
        application = self._new_application()
        application.action_submit()
        html = self.env.ref('gradient_cultivation.action_report_cultivation_application').render_qweb_html(
            application.ids)[0].decode('utf-8')
        for text in ('入库申请书', '基本信息', '真实性承诺', application.name, 'Sensors'):
            self.assertIn(text, html)
