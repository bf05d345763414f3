from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PortraitEvaluateWizard(models.TransientModel):
    """Evaluates a whole library (its active members), or the enterprises selected in a list."""
    _name = 'portrait.evaluate.wizard'
    _inherit = ['gradient.checked.input']
    _description = 'Evaluate Portraits'

    library_id = fields.Many2one('cultivation.library', string='Cultivation Library')
    enterprise_ids = fields.Many2many('cultivation.enterprise', string='Enterprises',
                                      help='Leave empty to evaluate every active member of the library.')
    scheme_id = fields.Many2one('portrait.scheme', domain=[('state', '=', 'published')],
                                help='Empty: the published scheme of the library.')
    date = fields.Date(required=True, default=fields.Date.context_today)

    @api.model
    def default_get(self, field_names):
        values = super(PortraitEvaluateWizard, self).default_get(field_names)
        if self.env.context.get('active_model') == 'cultivation.enterprise' and self.env.context.get('active_ids'):
            values['enterprise_ids'] = [(6, 0, self.env.context['active_ids'])]
        return values

    @api.multi
    def _targets(self):
        """[(scheme, enterprises)] to evaluate."""
        self.ensure_one()
        Scheme = self.env['portrait.scheme']
        if self.enterprise_ids:
            groups = {}
            for enterprise in self.enterprise_ids:
                library = self.library_id or enterprise._portrait_library()
                scheme = self.scheme_id or (library and Scheme.scheme_for_library(library, self.date))
                if not scheme:
                    raise UserError(_('%s: no published scheme scores its tier; choose a scheme.') % enterprise.name)
                groups.setdefault(scheme, self.env['cultivation.enterprise'])
                groups[scheme] |= enterprise
            return list(groups.items())
        if not self.library_id:
            raise UserError(_('Cultivation Library: choose the library to evaluate, or select enterprises.'))
        scheme = self.scheme_id or Scheme.scheme_for_library(self.library_id, self.date)
        if not scheme:
            raise UserError(_('No published scheme scores the %(library)s on %(date)s: publish one or choose a scheme.')
                            % {'library': self.library_id.name, 'date': self.date})
        members = self.env['cultivation.membership'].search(
            [('library_id', '=', self.library_id.id), ('state', '=', 'active')])
        if not members:
            raise UserError(_('The %s has no active members to evaluate.') % self.library_id.name)
        return [(scheme, members.mapped('enterprise_id'))]

    @api.multi
    def action_evaluate(self):
        self.ensure_one()
        Evaluation = self.env['portrait.evaluation']
        evaluations = Evaluation.browse()
        for scheme, enterprises in self._targets():
            evaluations |= Evaluation.evaluate(scheme, enterprises, self.date)
        action = self.env.ref('capability_portrait.portrait_evaluation_action').read()[0]
        action['domain'] = [('id', 'in', evaluations.ids)]
        action['context'] = {}
        if len(evaluations) == 1:
            action.update(view_mode='form', res_id=evaluations.id, views=[(False, 'form')])
        return action
