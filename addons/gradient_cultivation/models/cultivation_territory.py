from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CultivationTerritory(models.Model):
    """A town/street (镇街) or park (园区) of the zone. Territory reviewers see the enterprises
    and applications of the territories they are assigned to, and of their sub-territories."""
    _name = 'cultivation.territory'
    _inherit = ['gradient.checked.input', 'cultivation.name.mixin', 'cultivation.keep.mixin']
    _description = 'Territory'
    _parent_name = 'parent_id'
    _order = 'sequence, code'
    _rec_name = 'complete_name'

    name = fields.Char(required=True)
    complete_name = fields.Char(compute='_compute_complete_name', store=True, string='Full Name')
    code = fields.Char(required=True, help='Unique code of the territory, e.g. an administrative division code.')
    type = fields.Selection([
        ('zone', 'Zone'),
        ('street', 'Town / Street'),
        ('park', 'Park'),
    ], required=True, default='street')
    parent_id = fields.Many2one('cultivation.territory', string='Parent Territory', ondelete='restrict', index=True)
    child_ids = fields.One2many('cultivation.territory', 'parent_id', string='Sub-territories')
    sequence = fields.Integer(default=10)
    reviewer_ids = fields.Many2many(
        'res.users', 'cultivation_territory_reviewer_rel', 'territory_id', 'user_id',
        string='Reviewers', domain=lambda self: [('share', '=', False)],
        help='Back-office users who review the enterprises and applications of this territory.')
    note = fields.Text()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'The code of a territory must be unique.'),
    ]

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        for territory in self:
            if territory.parent_id:
                territory.complete_name = '%s / %s' % (territory.parent_id.complete_name, territory.name)
            else:
                territory.complete_name = territory.name

    @api.multi
    def self_and_ancestors(self):
        """The territory and every territory above it: a reviewer of any of them covers it."""
        self.ensure_one()
        territories = self
        while territories[-1].parent_id and territories[-1].parent_id not in territories:
            territories |= territories[-1].parent_id
        return territories

    @api.constrains('parent_id')
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(_('Parent Territory: a territory cannot be inside itself.'))

    @api.model
    def create(self, vals):
        record = super(CultivationTerritory, self).create(vals)
        if vals.get('reviewer_ids'):
            self.env['ir.rule'].clear_caches()
        return record

    @api.multi
    def write(self, vals):
        res = super(CultivationTerritory, self).write(vals)
        # Record rules read the reviewers' territories; their computed domains are cached.
        if 'reviewer_ids' in vals or 'parent_id' in vals:
            self.env['ir.rule'].clear_caches()
        return res
