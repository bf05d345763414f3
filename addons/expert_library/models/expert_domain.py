from odoo import fields, models


class ExpertDomain(models.Model):
    """A service domain of the expert library (战略咨询, 金融辅导, …). Seven are seeded; the
    bureau may add more."""
    _name = 'expert.domain'
    _description = 'Expert Domain'
    _inherit = ['gradient.checked.input', 'cultivation.keep.mixin']
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_unique', 'unique(code)', 'The code of an expert domain must be unique.'),
    ]
