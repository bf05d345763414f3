from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.gradient_base.upload_policy import upload_problem


def checked_file(env, name, datas):
    """(mimetype, size) of an uploaded file, by the platform's upload policy."""
    # _() finds the user's language in the caller's locals (context) and its cursor (cr)
    context = dict(env.context, lang=env.context.get('lang') or env.user.lang)  # pylint: disable=unused-variable
    cr = env.cr  # pylint: disable=unused-variable
    problem, mimetype, size = upload_problem(env, datas, _('File %(name)s') % {'name': name or ''})
    if problem:
        raise ValidationError(problem)
    return mimetype, size


class ExpertCertificate(models.Model):
    """A qualification certificate of an expert (degree, licence, accreditation), for the bureau's review."""
    _name = 'expert.certificate'
    _inherit = ['gradient.checked.input']
    _description = 'Expert Certificate'
    # gradient.checked.input: whose the record is is given at creation and never changes.
    _owner_fields = ('expert_id',)
    _checks_input_first = True  # create and write check the values first (gradient.checked.input)
    _order = 'expert_id, id'

    expert_id = fields.Many2one('expert.expert', required=True, ondelete='cascade', index=True)
    name = fields.Char(string='File Name', required=True)
    datas = fields.Binary(string='File', attachment=True, required=True)
    mimetype = fields.Char(readonly=True)
    file_size = fields.Integer(string='Size (bytes)', readonly=True)

    def _checked(self, vals):
        # The type and size are the content's, measured here, never what a client says.
        vals = {name: value for name, value in vals.items() if name not in ('mimetype', 'file_size')}
        if 'datas' not in vals:
            return vals
        mimetype, size = checked_file(self.env, vals.get('name') or self[:1].name, vals['datas'])
        return dict(vals, mimetype=mimetype, file_size=size)

    @api.model
    def create(self, vals):
        self._check_input(vals, create=True)
        return super(ExpertCertificate, self).create(self._checked(vals))

    @api.multi
    def write(self, vals):
        self._check_input(vals)
        return super(ExpertCertificate, self).write(self._checked(vals))
