"""What our printed and downloaded documents look like as files: their names in the user's
language, and numbered pages.

Debian's wkhtmltopdf is built against an unpatched Qt, which ignores the HTML header and footer
Odoo's layouts pass (--header-html/--footer-html: "not supported using unpatched qt"): the
page numbers of the standard layouts never printed. Reports marked `gc_page_numbers` get them
stamped on the PDF instead, counted per document."""
import io
import re

from PyPDF2 import PdfFileReader, PdfFileWriter
from reportlab.lib.colors import HexColor
from reportlab.pdfgen import canvas

from odoo import api, fields, models


def number_pages(pdf):
    """The PDF with "n / N" at the foot of each page."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    count = reader.getNumPages()
    stamps = io.BytesIO()
    sheet = canvas.Canvas(stamps)
    for index in range(count):
        box = reader.getPage(index).mediaBox
        width, height = float(box.getWidth()), float(box.getHeight())
        sheet.setPageSize((width, height))
        sheet.setFont('Helvetica', 8)
        sheet.setFillColor(HexColor('#555555'))
        sheet.drawCentredString(width / 2.0, 22, '- %d / %d -' % (index + 1, count))
        sheet.showPage()
    sheet.save()
    overlay = PdfFileReader(io.BytesIO(stamps.getvalue()), strict=False)
    writer = PdfFileWriter()
    for index in range(count):
        page = reader.getPage(index)
        page.mergePage(overlay.getPage(index))
        writer.addPage(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def concatenate(pdfs):
    writer = PdfFileWriter()
    for pdf in pdfs:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        for index in range(reader.getNumPages()):
            writer.addPage(reader.getPage(index))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class IrActionsReport(models.Model):
    _inherit = 'ir.actions.report'

    gc_file_title = fields.Char(
        string='File Title', translate=True,
        help='Names the downloaded file, followed by the record (when one is printed) and the '
             'date in the user\'s time zone, e.g. 在库企业名册-2026-12-01.xlsx.')
    gc_page_numbers = fields.Boolean(
        string='Page Numbers',
        help='Number the pages of each printed document ("- 1 / 3 -" at the foot).')

    @api.multi
    def _gc_download_name(self, records, extension):
        """The downloaded file's name in the user's language, or None when the report has no
        title of ours."""
        self.ensure_one()
        user = self.env.user
        title = self.with_context(lang=user.lang or self.env.lang).gc_file_title
        if not title:
            return None
        parts = [title]
        if len(records) == 1:
            parts.append(records.display_name)
        now = fields.Datetime.from_string(fields.Datetime.now())
        today = fields.Datetime.context_timestamp(self.with_context(tz=user.tz or 'Asia/Shanghai'), now)
        parts.append(today.strftime('%Y-%m-%d'))
        # no path separators or control characters in a file name
        name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', '_', '-'.join(parts))
        return '%s.%s' % (name, extension)

    def _run_wkhtmltopdf(self, bodies, header=None, footer=None, landscape=False,
                         specific_paperformat_args=None, set_viewport_size=False):
        parent = super(IrActionsReport, self)._run_wkhtmltopdf
        if len(self) != 1 or not self.gc_page_numbers:
            return parent(bodies, header=header, footer=footer, landscape=landscape,
                          specific_paperformat_args=specific_paperformat_args,
                          set_viewport_size=set_viewport_size)
        # one document per record, each numbered from 1
        documents = [number_pages(parent([body], header=header, footer=footer, landscape=landscape,
                                         specific_paperformat_args=specific_paperformat_args,
                                         set_viewport_size=set_viewport_size))
                     for body in bodies]
        return documents[0] if len(documents) == 1 else concatenate(documents)
