from odoo import api, fields, http, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    territory_ids = fields.Many2many(
        'cultivation.territory', 'cultivation_territory_reviewer_rel', 'user_id', 'territory_id',
        string='Territories',
        help='Towns/streets and parks whose enterprises and applications this user reviews.')
    enterprise_claim_ids = fields.One2many('cultivation.enterprise.claim', 'user_id', string='Enterprise Claims',
                                           groups='base.group_system')

    @api.model
    def create(self, vals):
        user = super(ResUsers, self).create(vals)
        user._apply_role_home_action()
        return user

    @api.multi
    def write(self, vals):
        res = super(ResUsers, self).write(vals)
        # The territory record rules read user.territory_ids: their cached domains must go now,
        # not at the next restart.
        if 'territory_ids' in vals:
            self.env['ir.rule'].clear_caches()
        if any(key == 'groups_id' or key.startswith(('in_group_', 'sel_groups_')) for key in vals):
            self._apply_role_home_action()
        return res

    @api.multi
    def _apply_role_home_action(self):
        """Land each user on the work of their role (res.groups.gc_home_action_id) instead of
        Discuss's inbox. A home action an administrator chose by hand (one that no role gives)
        is kept. Runs as the system: the roles' actions are configuration, not the user's data."""
        role_actions = self.env['res.groups'].sudo().search([('gc_home_action_id', '!=', False)])
        given = set(role_actions.mapped('gc_home_action_id').ids)
        for user in self.sudo():
            if user.action_id and user.action_id.id not in given:
                continue
            roles = (user.groups_id & role_actions).sorted(lambda g: (-g.gc_home_priority, g.id))
            home = roles[:1].gc_home_action_id.id or False
            if user.action_id.id != home:
                user.write({'action_id': home})  # not a change of roles: write() does not come back here

    @api.model
    def _apply_role_home_actions_all(self):
        """Data hook: give existing staff their role's home action (install and update)."""
        self.sudo().with_context(active_test=False).search([('share', '=', False)])._apply_role_home_action()
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
