from odoo import fields, models


class CultivationApplicationReview(models.Model):
    """One reviewer's act on one version of an application: approval, return or joint-review
    vote, with the opinion. Written by the workflow only; nobody edits it."""
    _name = 'cultivation.application.review'
    _inherit = ['gradient.checked.input']
    _description = 'Application Review'
    _order = 'create_date desc, id desc'

    # auto_join: the record rules filter on the application's state and territory; a join lets
    # PostgreSQL do it instead of a list of every application id (measured: 60-90 ms per read).
    application_id = fields.Many2one('cultivation.application', string='Admission Application', required=True,
                                     ondelete='cascade', index=True,
                                     auto_join=True)
    stage_id = fields.Many2one('cultivation.review.stage', ondelete='restrict')
    version = fields.Integer()
    reviewer_id = fields.Many2one('res.users', required=True, ondelete='restrict')
    decision = fields.Selection([
        ('approve', 'Passed'),
        ('return', 'Returned'),
        ('vote_for', 'In Favour'),
        ('vote_against', 'Against'),
    ], required=True)
    score = fields.Float(digits=(5, 1))
    opinion = fields.Text()
