from odoo import api, fields, http, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    territory_ids = fields.Many2many(
        'cultivation.territory', 'cultivation_territory_reviewer_rel', 'user_id', 'territory_id',
        string='Territories',
        help='Towns/streets and parks whose enterprises and applications this user reviews.')
    enterprise_claim_ids = fields.One2many('cultivation.enterprise.claim', 'user_id', string='Enterprise Claims',
                                           groups='base.group_system')

    @api.multi
    def write(self, vals):
        res = super(ResUsers, self).write(vals)
        # The territory record rules read user.territory_ids: their cached domains must go now,
        # not at the next restart.
        if 'territory_ids' in vals:
            self.env['ir.rule'].clear_caches()
        return res

    @api.multi
    def _is_enterprise_reviewer(self, managers=False):
        """An internal user who reviews enterprises: a territory reviewer or the bureau (and,
        with ``managers``, a cultivation administrator). Their record rules say which ones."""
        self.ensure_one()
        groups = ['gradient_cultivation.group_territory_reviewer', 'gradient_cultivation.group_bureau_reviewer']
        if managers:
            groups.append('gradient_cultivation.group_manager')
        return not self.share and any(self.has_group(group) for group in groups)

    @api.model_cr_context
    def _auth_timeout_check(self):
        # auth_session_timeout (11.0) also "expires" anonymous visitors, whose new session has no
        # file yet: the sign-up page then bounced to the login page. Only signed-in sessions expire.
        if not http.request or not http.request.session.uid:
            return
        return super(ResUsers, self)._auth_timeout_check()
