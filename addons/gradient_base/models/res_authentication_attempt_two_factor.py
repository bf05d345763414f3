from odoo import fields, models


class ResAuthenticationAttempt(models.Model):
    """A right password of a two-factor user is not yet a successful login (auth_brute_force
    would log it so, and a success resets its count of failures): it is logged as "second factor
    due" until the code step succeeds. A wrong code sent with the right password is a failure of
    its own kind: it counts toward auth_brute_force's bans like any failure, and the two-factor
    check counts it alone (ResUsers._two_factor_blocked), so that no success resets that count."""
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'res.authentication.attempt'  # pylint: disable=consider-merging-classes-inherited

    result = fields.Selection(selection_add=[
        ('second_factor', 'Password right, second factor due'),
        ('code_failed', 'Wrong two-factor code'),
    ])
