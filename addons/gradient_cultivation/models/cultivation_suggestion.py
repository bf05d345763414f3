from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CultivationSuggestion(models.Model):
    """A cultivation suggestion for a member, raised by a rule on its monthly trend. The officer
    accepts it (its measure goes into this year's plan) or dismisses it; it resolves itself when
    the trend no longer holds."""
    _name = 'cultivation.suggestion'
    _description = 'Cultivation Suggestion'
    _inherit = ['gradient.checked.input', 'mail.thread', 'cultivation.keep.mixin']
    _order = 'date desc, id desc'

    name = fields.Char(related='rule_id.name', store=True, readonly=True)
    membership_id = fields.Many2one('cultivation.membership', required=True,
                                    ondelete='cascade', index=True, readonly=True)
    enterprise_id = fields.Many2one(related='membership_id.enterprise_id', store=True, readonly=True, index=True)
    library_id = fields.Many2one(related='membership_id.library_id', store=True, readonly=True)
    territory_id = fields.Many2one(related='membership_id.territory_id', store=True, readonly=True, index=True)
    rule_id = fields.Many2one('cultivation.suggestion.rule', required=True, ondelete='restrict',
                              readonly=True)
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    advice = fields.Text(related='rule_id.advice', readonly=True)
    plan_measure = fields.Text(related='rule_id.plan_measure', readonly=True, string='Plan Adjustment')
    evidence = fields.Text(string='Trend', readonly=True, help='The reported figures that raised the suggestion.')
    state = fields.Selection(string='Status', selection=[
        ('open', 'Open'),
        ('accepted', 'Accepted into the Plan'),
        ('dismissed', 'Dismissed'),
        ('resolved', 'Resolved by the Trend'),
    ], default='open', required=True, readonly=True, track_visibility='onchange', index=True)
    decision_note = fields.Text(string='Officer Note', readonly=True)

    @api.multi
    def _check_officer(self):
        if not self.env.user._is_enterprise_reviewer(managers=True):
            raise UserError(_("Only the enterprise's officers decide on cultivation suggestions."))
        self.check_access_rule('read')
        for suggestion in self:
            if suggestion.state != 'open':
                raise UserError(_('The suggestion "%s" is already decided.') % suggestion.name)

    @api.multi
    def action_accept(self):
        """Adds the suggestion's measure to the member's plan of the year (made if missing)."""
        self._check_officer()
        for suggestion in self:
            membership = suggestion.membership_id
            plan = membership.current_plan()
            Plan = self.env['cultivation.plan'].sudo()  # the officer adjusts the plan through the suggestion
            if not plan:
                plan = Plan.create({'membership_id': membership.id})
            measure = suggestion.plan_measure or suggestion.advice
            plan.sudo().write({'measures': '\n'.join(filter(None, [plan.measures, '- ' + measure]))})
            suggestion.sudo().write({'state': 'accepted'})
            membership.sudo().message_post(
                body=_('Cultivation suggestion accepted into the %(year)d plan: %(measure)s') % {'year': plan.year, 'measure': measure},
                subtype='mail.mt_note', author_id=self.env.user.partner_id.id)
        return True

    @api.multi
    def action_dismiss(self, note):
        self._check_officer()
        note = self._argument_text(note, _('Officer Note'))
        if not note:
            raise UserError(_('Reason: say why the suggestion does not apply.'))
        self.sudo().write({'state': 'dismissed', 'decision_note': note})
        return True

    @api.multi
    def action_open_dismiss(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'cultivation.reason.wizard', 'view_mode': 'form',
            'target': 'new', 'name': _('Dismiss the Suggestion'),
            'context': {'default_action': 'dismiss_suggestion', 'default_res_id': self.id},
        }
