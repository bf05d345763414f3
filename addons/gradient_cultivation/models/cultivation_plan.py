from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CultivationPlan(models.Model):
    """The cultivation plan of a member for one year (培育计划): its goals and the measures agreed
    with it. The annual evaluation measures the year's reported figures against these goals."""
    _name = 'cultivation.plan'
    _description = 'Cultivation Plan'
    # gradient.checked.input: whose the record is is given at creation and never changes.
    _owner_fields = ('membership_id',)
    _inherit = ['gradient.checked.input', 'mail.thread', 'cultivation.keep.mixin']
    _order = 'year desc, id desc'

    membership_id = fields.Many2one('cultivation.membership', required=True,
                                    ondelete='cascade', index=True)
    enterprise_id = fields.Many2one(related='membership_id.enterprise_id', store=True, readonly=True, index=True)
    library_id = fields.Many2one(related='membership_id.library_id', store=True, readonly=True)
    territory_id = fields.Many2one(related='membership_id.territory_id', store=True, readonly=True, index=True)
    year = fields.Integer(required=True, group_operator=False,
                          default=lambda self: fields.Date.from_string(fields.Date.context_today(self)).year)
    target_revenue = fields.Float(string='Target Operating Revenue (10k CNY)', digits=(16, 2),
                                  track_visibility='onchange')
    target_growth = fields.Float(string='Target Revenue Growth (%)', digits=(6, 2), track_visibility='onchange')
    target_rd_ratio = fields.Float(string='Target R&D Ratio (%)', digits=(6, 2), track_visibility='onchange')
    target_new_patents = fields.Integer(track_visibility='onchange')
    target_employees = fields.Integer(track_visibility='onchange')
    measures = fields.Text(string='Cultivation Measures', track_visibility='onchange',
                           help='What the zone and the enterprise do this year to reach the goals.')

    _sql_constraints = [
        ('membership_year_unique', 'unique(membership_id, year)',
         'A member has one cultivation plan per year.'),
    ]

    @api.multi
    def name_get(self):
        return [(plan.id, _('%(enterprise)s plan %(year)d') % {'enterprise': plan.enterprise_id.name, 'year': plan.year}) for plan in self]

    @api.constrains('year', 'target_revenue', 'target_rd_ratio', 'target_new_patents', 'target_employees')
    def _check_targets(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(_('Year: enter a year between 2000 and 2100.'))
            if plan.target_revenue < 0:
                raise ValidationError(_('Target Operating Revenue: cannot be negative.'))
            if not 0 <= plan.target_rd_ratio <= 100:
                raise ValidationError(_('Target R&D Ratio: enter a percentage between 0 and 100.'))
            if plan.target_new_patents < 0 or plan.target_employees < 0:
                raise ValidationError(_('Target New Patents and Target Employees: cannot be negative.'))
