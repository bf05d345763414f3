from odoo import fields, models


class PortraitDimension(models.Model):
    """A dimension of the capability portrait (专, 精, 特, 新, growth …): scoring schemes group
    their indicators by dimension and the portrait's radar chart has one axis per dimension."""
    _name = 'portrait.dimension'
    _description = 'Portrait Dimension'
    _inherit = ['gradient.checked.input', 'cultivation.keep.mixin']
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'The code of a portrait dimension must be unique.'),
    ]
