from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CultivationEnterprise(models.Model):
    _inherit = 'cultivation.enterprise'

    portrait_evaluation_ids = fields.One2many('portrait.evaluation', 'enterprise_id', string='Portrait Evaluations')
    portrait_evaluation_count = fields.Integer(compute='_compute_portrait_evaluation_count', string='Evaluations')

    def _compute_portrait_evaluation_count(self):
        Evaluation = self.env['portrait.evaluation']
        if not Evaluation.check_access_rights('read', raise_exception=False):
            # a joint review member opens the enterprise's form, not its portraits
            self.update({'portrait_evaluation_count': 0})
            return
        groups = Evaluation.read_group(
            [('enterprise_id', 'in', self.ids)], ['enterprise_id'], ['enterprise_id'])
        counts = {g['enterprise_id'][0]: g['enterprise_id_count'] for g in groups}
        for enterprise in self:
            enterprise.portrait_evaluation_count = counts.get(enterprise.id, 0)

    @api.multi
    def _portrait_library(self):
        """The tier the enterprise is scored for: its active membership, else its latest application's."""
        self.ensure_one()
        membership = self.env['cultivation.membership'].search(
            [('enterprise_id', '=', self.id), ('state', '=', 'active')], limit=1)
        if membership:
            return membership.library_id
        application = self.env['cultivation.application'].search(
            [('enterprise_id', '=', self.id), ('state', 'not in', ('withdrawn', 'rejected'))], limit=1)
        return application.library_id

    @api.multi
    def action_open_portrait(self):
        """The latest evaluation (the portrait) of the enterprise."""
        self.ensure_one()
        latest = self.env['portrait.evaluation'].search(
            [('enterprise_id', '=', self.id), ('is_latest', '=', True)], limit=1)
        if not latest:
            raise UserError(_('%s has not been evaluated yet: use "Evaluate Portrait" first.') % self.name)
        return {
            'type': 'ir.actions.act_window',
            'name': _('Portrait'),
            'res_model': 'portrait.evaluation',
            'res_id': latest.id,
            'view_mode': 'form',
            'target': 'current',
        }

    @api.multi
    def action_view_portrait_evaluations(self):
        self.ensure_one()
        action = self.env.ref('capability_portrait.portrait_evaluation_action').read()[0]
        action['domain'] = [('enterprise_id', '=', self.id)]
        action['context'] = {'search_default_group_scheme': 0}
        return action
