from odoo import api, fields, models


class CultivationEnterprise(models.Model):
    _inherit = 'cultivation.enterprise'

    expert_request_ids = fields.One2many('expert.service.request', 'enterprise_id', string='Expert Service Requests')
    expert_request_count = fields.Integer(compute='_compute_expert_request_count', string='Expert Services')

    def _compute_expert_request_count(self):
        Request = self.env['expert.service.request']
        if not Request.check_access_rights('read', raise_exception=False):
            # a joint review member opens the enterprise's form, not its service requests
            self.update({'expert_request_count': 0})
            return
        groups = Request.read_group(
            [('enterprise_id', 'in', self.ids)], ['enterprise_id'], ['enterprise_id'])
        counts = {g['enterprise_id'][0]: g['enterprise_id_count'] for g in groups}
        for enterprise in self:
            enterprise.expert_request_count = counts.get(enterprise.id, 0)

    @api.multi
    def action_recommend_experts(self):
        """The experts matched to the enterprise's weak indicators, in a window."""
        self.ensure_one()
        wizard = self.env['expert.match.wizard'].create({'enterprise_id': self.id})
        wizard.compute_matches()
        return {
            'type': 'ir.actions.act_window',
            'name': wizard._description_title(),
            'res_model': 'expert.match.wizard',
            'res_id': wizard.id,
            'view_mode': 'form',
            'target': 'new',
        }

    @api.multi
    def action_view_expert_requests(self):
        self.ensure_one()
        action = self.env.ref('expert_library.expert_service_request_action').read()[0]
        action['domain'] = [('enterprise_id', '=', self.id)]
        action['context'] = {'default_enterprise_id': self.id}
        return action
