from odoo import fields, models


class ResAuthenticationAttempt(models.Model):
    """A wrong second-factor code (sent with the right password) is a login failure of its own
    kind: it counts toward auth_brute_force's bans like any failure, and the two-factor check counts
    it alone (ResUsers._two_factor_blocked), so that a right password cannot reset the count."""
    _inherit = 'res.authentication.attempt'

    result = fields.Selection(selection_add=[('code_failed', 'Wrong two-factor code')])
