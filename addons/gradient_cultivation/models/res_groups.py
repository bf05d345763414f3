from odoo import api, fields, models


class ResGroups(models.Model):
    _inherit = 'res.groups'

    gc_home_action_id = fields.Many2one(
        'ir.actions.act_window', string='Home Action', ondelete='set null',
        help='Where the members of this role land after signing in, unless an administrator '
             'gave the user a home action of their own.')
    gc_home_priority = fields.Integer(
        string='Home Priority', default=0,
        help='When a user holds several roles, the home action of the role with the highest '
             'priority wins.')
