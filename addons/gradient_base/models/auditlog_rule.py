from odoo import _, api, models


class AuditlogRule(models.Model):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'auditlog.rule'  # pylint: disable=consider-merging-classes-inherited

    @api.multi
    def subscribe(self):
        res = super(AuditlogRule, self).subscribe()
        self._localize_log_actions()
        return res

    @api.multi
    def _localize_log_actions(self):
        """auditlog binds an English "View logs" action to the 动作 menu of every audited model,
        for everybody. Only administrators may read the audit log, so only they see the
        shortcut, and it is named in each installed language."""
        actions = self.sudo().mapped('action_id')
        if not actions:
            return
        admins = self.env.ref('base.group_system')
        actions.filtered(lambda a: a.groups_id != admins).write({'groups_id': [(6, 0, admins.ids)]})
        translation = self.env['ir.translation'].sudo()
        source = 'View logs'
        for code, _name in self.env['res.lang'].get_installed():
            if code == 'en_US':
                continue
            value = translation._get_source(None, ('code',), code, source)
            if not value or value == source:
                continue
            for action in actions:
                if action.with_context(lang=code).name != value:
                    translation._set_ids('ir.actions.act_window,name', 'model', code, action.ids, value, source)
        # marks the term for the translation export
        _('View logs')


class IrTranslation(models.Model):
    _inherit = 'ir.translation'  # pylint: disable=consider-merging-classes-inherited

    @api.model_cr_context
    def load_module_terms(self, modules, langs):
        res = super(IrTranslation, self).load_module_terms(modules, langs)
        # Rules subscribed at install, before the translations were loaded, get their names now.
        self.env['auditlog.rule'].sudo().search([('state', '=', 'subscribed')])._localize_log_actions()
        return res
