
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.gradient_base.upload_policy import upload_problem


class CultivationViolation(models.Model):
    """A violation on record for an enterprise (环保, 安全, 质量, 失信, 违法), entered by staff from
    the competent authority's decision. The annual evaluation counts those of its year."""
    _name = 'cultivation.violation'
    _description = 'Violation Record'
    # gradient.checked.input: whose the record is is given at creation and never changes.
    _owner_fields = ('enterprise_id',)
    _inherit = ['gradient.checked.input', 'mail.thread', 'cultivation.keep.mixin']
    _order = 'date desc, id desc'

    enterprise_id = fields.Many2one('cultivation.enterprise', required=True,
                                    ondelete='restrict', index=True, track_visibility='onchange')
    territory_id = fields.Many2one(related='enterprise_id.territory_id', store=True, readonly=True, index=True)
    category = fields.Selection([
        ('environment', 'Environmental Protection'),
        ('safety', 'Work Safety'),
        ('quality', 'Product Quality'),
        ('credit', 'Dishonesty (Credit Blacklist)'),
        ('illegal', 'Other Violation of Law'),
    ], required=True, track_visibility='onchange')
    severity = fields.Selection([
        ('minor', 'Minor'),
        ('serious', 'Serious'),
    ], required=True, default='minor', track_visibility='onchange',
        help='A serious violation in the year makes the annual evaluation propose an exit.')
    date = fields.Date(required=True, default=fields.Date.context_today, track_visibility='onchange')
    authority = fields.Char(string='Issuing Authority', track_visibility='onchange')
    document_no = fields.Char(string='Decision Number', track_visibility='onchange')
    description = fields.Text(required=True, track_visibility='onchange')
    evidence = fields.Binary(attachment=True,
                             help='The decision or other evidence: PDF, image or Office document.')
    evidence_name = fields.Char(string='Evidence File Name')
    active = fields.Boolean(default=True, track_visibility='onchange')

    @api.constrains('evidence')
    def _check_evidence(self):
        # the platform's upload policy: the size setting (upload_max_mb) and the content's type
        for violation in self.filtered('evidence'):
            problem = upload_problem(self.env, violation.with_context(bin_size=False).evidence,
                                     self._fields['evidence'].get_description(self.env)['string'])[0]
            if problem:
                raise ValidationError(problem)

    @api.constrains('date')
    def _check_date(self):
        today = fields.Date.context_today(self)
        for violation in self:
            if violation.date > today:
                raise ValidationError(_('Date: a violation cannot be dated in the future.'))
