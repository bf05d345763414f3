from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.gradient_base.upload_policy import upload_problem

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
    def _checked_vals(self, vals):
        # The type and size are the content's, measured here, never what a client says.
        vals = {name: value for name, value in vals.items() if name not in ('mimetype', 'file_size')}
        if 'datas' not in vals:
            return vals
        label = _('File %(name)s') % {'name': vals.get('name') or ''}
        problem, mimetype, size = upload_problem(self.env, vals['datas'], label)
        if problem:
            raise ValidationError(problem)
        return dict(vals, mimetype=mimetype, file_size=size)

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
