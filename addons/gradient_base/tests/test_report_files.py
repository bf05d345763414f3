import io
from datetime import datetime

import pytz
from PyPDF2 import PdfFileReader

from odoo.tests.common import SavepointCase

from ..models.report_files import number_pages


def page_texts(pdf):
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return [reader.getPage(i).extractText() for i in range(reader.getNumPages())]


class TestReportFiles(SavepointCase):
    """Issue 19: the printed application had no page numbers (Debian's wkhtmltopdf ignores HTML
    footers) and the Excel downloads were called roster.xlsx."""

    @classmethod
    def setUpClass(cls):
        super(TestReportFiles, cls).setUpClass()
        cls.report = cls.env['ir.actions.report'].create({
            'name': 'Numbered', 'model': 'res.partner', 'report_type': 'qweb-pdf',
            'report_name': 'gradient_base.test_numbered', 'gc_page_numbers': True})

    def test_each_document_is_numbered_from_one(self):
        long_body = b'<html><body>' + b'<p>line</p>' * 150 + b'</body></html>'
        short_body = b'<html><body><p>one page</p></body></html>'
        pdf = self.report._run_wkhtmltopdf([long_body, short_body])
        texts = page_texts(pdf)
        self.assertGreaterEqual(len(texts), 3)
        pages_of_first = len(texts) - 1
        for index in range(pages_of_first):
            self.assertIn('- %d / %d -' % (index + 1, pages_of_first), texts[index])
        self.assertIn('- 1 / 1 -', texts[-1])

    def test_reports_without_the_flag_are_left_alone(self):
        self.report.gc_page_numbers = False
        pdf = self.report._run_wkhtmltopdf([b'<html><body><p>plain</p></body></html>'])
        self.assertNotIn('1 / 1', page_texts(pdf)[0])

    def test_number_pages_keeps_every_page(self):
        pdf = self.report._run_wkhtmltopdf([b'<html><body>' + b'<p>x</p>' * 150 + b'</body></html>'])
        self.assertEqual(len(page_texts(number_pages(pdf))), len(page_texts(pdf)))

    def test_download_name_in_the_users_language_and_day(self):
        self.report.with_context(lang='zh_CN').write({'gc_file_title': '名册'})
        user = self.env.user
        user.write({'lang': 'zh_CN', 'tz': 'Asia/Shanghai'})
        today = datetime.now(pytz.timezone('Asia/Shanghai')).strftime('%Y-%m-%d')
        partner = self.env['res.partner'].create({'name': 'A/B'})
        self.assertEqual(self.report._gc_download_name(partner, 'xlsx'), '名册-A_B-%s.xlsx' % today)
        self.assertEqual(self.report._gc_download_name(partner | user.partner_id, 'xlsx'), '名册-%s.xlsx' % today)
        self.report.with_context(lang='zh_CN').write({'gc_file_title': False})
        self.assertIsNone(self.report._gc_download_name(partner, 'xlsx'))
