from odoo import _, api, fields, models


class ExpertMatchWizard(models.TransientModel):
    """The experts recommended for an enterprise (_match_for_enterprise), shown in the back office."""
    _name = 'expert.match.wizard'
    _description = 'Expert Recommendations'

    enterprise_id = fields.Many2one('cultivation.enterprise', required=True, ondelete='cascade', readonly=True)
    needed_domains = fields.Char(string='Domains Needed', readonly=True)
    line_ids = fields.One2many('expert.match.wizard.line', 'wizard_id', string='Recommended Experts', readonly=True)

    def _description_title(self):
        return _('Experts for %s') % self.enterprise_id.name

    @api.multi
    def compute_matches(self):
        Expert = self.env['expert.expert']
        for wizard in self:
            _evaluation, needed = Expert._needed_domains(wizard.enterprise_id)
            matches = Expert._match_for_enterprise(wizard.enterprise_id, limit=10)
            wizard.write({
                'needed_domains': '、'.join(domain.name for domain in needed) or _('No weak indicator'),
                'line_ids': [(5, 0, 0)] + [(0, 0, {
                    'sequence': n, 'expert_id': m['expert'].id, 'score': m['score'], 'reason': m['reason'],
                    'free_capacity': m['free_capacity']}) for n, m in enumerate(matches, 1)],
            })
        return True


class ExpertMatchWizardLine(models.TransientModel):
    _name = 'expert.match.wizard.line'
    _description = 'Recommended Expert'
    _order = 'sequence'

    wizard_id = fields.Many2one('expert.match.wizard', required=True, ondelete='cascade')
    sequence = fields.Integer(string='Rank')
    expert_id = fields.Many2one('expert.expert', readonly=True)
    score = fields.Float(string='Match Score', digits=(5, 1), readonly=True)
    free_capacity = fields.Integer(readonly=True)
    reason = fields.Text(string='Why', readonly=True)
