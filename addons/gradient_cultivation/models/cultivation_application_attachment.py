import base64

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Allowed uploads, recognised by their first bytes (never by the file name the browser sends).
# Office Open XML files are zip archives; legacy Office files are OLE compound documents.
SIGNATURES = (
    (b'%PDF-', 'application/pdf', 'PDF'),
    (b'\x89PNG\r\n\x1a\n', 'image/png', 'PNG'),
    (b'\xff\xd8\xff', 'image/jpeg', 'JPEG'),
    (b'PK\x03\x04', 'application/zip', 'Office (docx/xlsx/pptx)'),
    (b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'application/x-ole-storage', 'Office (doc/xls)'),
)
OFFICE_ZIP_MARKERS = (b'[Content_Types].xml', b'word/', b'xl/', b'ppt/')
DEFAULT_MAX_MB = 20


def sniff_upload(content):
    """The MIME type of an allowed upload, or None when its content is not one we accept."""
    for magic, mimetype, _label in SIGNATURES:
        if content.startswith(magic):
            if mimetype == 'application/zip' and not any(m in content[:4096] for m in OFFICE_ZIP_MARKERS):
                return None  # a zip that is not an Office document
            return mimetype
    return None


class CultivationApplicationAttachment(models.Model):
    """A typed attachment of an application (licence, statements, audit report, certificates)."""
    _name = 'cultivation.application.attachment'
    _inherit = ['gradient.checked.input']
    _description = 'Application Attachment'
    # gradient.checked.input: whose the record is is given at creation and never changes.
    _owner_fields = ('application_id',)
    _checks_input_first = True  # create and write check the values first (gradient.checked.input)
    _order = 'doc_type, id'

    # auto_join: the record rules filter on the application's state and territory; a join lets
    # PostgreSQL do it instead of a list of every application id (measured: 60-90 ms per read).
    application_id = fields.Many2one('cultivation.application', string='Admission Application', required=True,
                                     ondelete='cascade', index=True,
                                     auto_join=True)
    doc_type = fields.Selection([
        ('licence', 'Business Licence'),
        ('financial_statement', 'Financial Statements'),
        ('audit_report', 'Audit Report'),
        ('ip_certificate', 'IP Certificates'),
        ('certificate', 'Certifications and Honours'),
        ('other', 'Other'),
    ], string='Document Type', required=True, default='other')
    name = fields.Char(string='File Name', required=True)
    datas = fields.Binary(string='File', attachment=True, required=True)
    mimetype = fields.Char(readonly=True)
    file_size = fields.Integer(string='Size (bytes)', readonly=True)

    @api.model
    def _max_bytes(self):
        mb = self.env['ir.config_parameter'].sudo().get_param('gradient_cultivation.upload_max_mb', DEFAULT_MAX_MB)
        return int(float(mb) * 1024 * 1024)

    @api.model
    def _checked_vals(self, vals):
        # The type and size are the content's, measured here, never what a client says.
        vals = {name: value for name, value in vals.items() if name not in ('mimetype', 'file_size')}
        if 'datas' not in vals:
            return vals
        if not vals['datas']:
            raise ValidationError(_('File %s: the file is empty.') % (vals.get('name') or ''))
        try:
            content = base64.b64decode(vals['datas'])
        except (TypeError, ValueError):
            raise ValidationError(_('File: the upload could not be read; please choose the file again.'))
        limit = self._max_bytes()
        if len(content) > limit:
            raise ValidationError(_('File %s: %.1f MB is larger than the %d MB allowed.')
                                  % (vals.get('name') or '', len(content) / 1048576.0, limit // 1048576))
        if not content:
            raise ValidationError(_('File %s: the file is empty.') % (vals.get('name') or ''))
        mimetype = sniff_upload(content)
        if not mimetype:
            raise ValidationError(_('File %s: only PDF, PNG or JPEG images and Office documents are accepted '
                                    '(the content of this file is none of them).') % (vals.get('name') or ''))
        return dict(vals, mimetype=mimetype, file_size=len(content))

    @api.model
    def create(self, vals):
        self._check_input(vals, create=True)
        self.env['cultivation.application'].browse(vals.get('application_id'))._check_lines_editable()
        return super(CultivationApplicationAttachment, self).create(self._checked_vals(vals))

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        self.mapped('application_id')._check_lines_editable()
        return super(CultivationApplicationAttachment, self).write(self._checked_vals(vals))

    @api.multi
    def unlink(self):
        self.check_access_rights('unlink')
        self.check_access_rule('unlink')
        self.mapped('application_id')._check_lines_editable()
        # The file is an ir.attachment of the line. Odoo deletes it after the line, when only an
        # employee may delete a file whose record is gone: an enterprise could not delete its own
        # upload. Its right to delete the line is checked above; the file goes first.
        self.env['ir.attachment'].sudo().search([
            ('res_model', '=', self._name), ('res_id', 'in', self.ids), ('res_field', '=', 'datas')]).unlink()
        return super(CultivationApplicationAttachment, self).unlink()
