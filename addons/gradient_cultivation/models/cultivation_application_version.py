from odoo import fields, models


class CultivationApplicationVersion(models.Model):
    """What the enterprise submitted, as it was at each submission, and what changed since the
    submission before."""
    _name = 'cultivation.application.version'
    _inherit = ['gradient.checked.input']
    _description = 'Application Version'
    _order = 'version desc'
    _rec_name = 'version'

    # auto_join: the record rules filter on the application's state and territory; a join lets
    # PostgreSQL do it instead of a list of every application id (measured: 60-90 ms per read).
    application_id = fields.Many2one('cultivation.application', string='Admission Application', required=True,
                                     ondelete='cascade', index=True,
                                     auto_join=True)
    version = fields.Integer(required=True)
    submitted_by = fields.Many2one('res.users')
    snapshot = fields.Text(help='The declared values, as JSON.')
    changes = fields.Text(string='Changes Since the Previous Version')
