from odoo import api, fields, models


class CultivationLibrary(models.Model):
    """A cultivation tier (培育库). Tiers are data: the bureau edits names and descriptions,
    and their sequence is the gradient an enterprise climbs."""
    _name = 'cultivation.library'
    _inherit = ['gradient.checked.input', 'cultivation.name.mixin', 'cultivation.keep.mixin']
    _description = 'Cultivation Library'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help='Technical code of the tier, e.g. srdi_sme.')
    sequence = fields.Integer(default=10, help='Position of the tier in the gradient, lowest first.')
    description = fields.Text(translate=True, help='What the tier is for and who belongs in it.')
    entry_criteria = fields.Text(translate=True)
    min_rd_ratio = fields.Float(
        string='Minimum R&D Ratio (%)', digits=(5, 2), default=3.0,
        help='R&D spend as a share of operating revenue that members of this tier are expected to keep; '
             'the cultivation suggestions compare the monthly reports with it.')
    color = fields.Integer()
    active = fields.Boolean(default=True)
    next_library_id = fields.Many2one(
        'cultivation.library', string='Next Tier', compute='_compute_next_library_id',
        help='The tier above this one in the gradient.')

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'The code of a cultivation library must be unique.'),
    ]

    @api.depends('sequence')
    def _compute_next_library_id(self):
        # lint: a configuration table of a few rows, read whole on purpose
        ordered = self.search([])  # pylint: disable=no-search-all
        for library in self:
            higher = ordered.filtered(
                lambda l: (l.sequence, l.id) > (library.sequence, library.id or 0))
            library.next_library_id = higher[:1]
