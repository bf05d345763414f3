from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CultivationMembership(models.Model):
    """An enterprise in one tier's library (在库企业), from its admission. Created when an
    application passes the last review stage; the in-library management builds on it."""
    _name = 'cultivation.membership'
    _description = 'Library Membership'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'date_admitted desc, id desc'
    _rec_name = 'enterprise_id'

    enterprise_id = fields.Many2one('cultivation.enterprise', string='Enterprise', required=True,
                                    ondelete='restrict', index=True)
    library_id = fields.Many2one('cultivation.library', string='Cultivation Library', required=True,
                                 ondelete='restrict', index=True)
    territory_id = fields.Many2one(related='enterprise_id.territory_id', store=True, readonly=True)
    application_id = fields.Many2one('cultivation.application', string='Application', readonly=True)
    date_admitted = fields.Date(string='Admitted On', required=True, default=fields.Date.context_today)
    state = fields.Selection([
        ('active', 'Active'),
        ('upgraded', 'Upgraded'),
        ('exited', 'Exited'),
    ], default='active', required=True, track_visibility='onchange')
    next_membership_id = fields.Many2one('cultivation.membership', string='Upgraded To', readonly=True)

    @api.constrains('enterprise_id', 'state')
    def _check_single_active(self):
        for membership in self.filtered(lambda m: m.state == 'active'):
            others = self.search_count([('enterprise_id', '=', membership.enterprise_id.id),
                                        ('state', '=', 'active'), ('id', '!=', membership.id)])
            if others:
                raise ValidationError(_('Enterprise: %s is already active in another library; '
                                        'an enterprise is in one tier at a time.') % membership.enterprise_id.name)

    @api.model
    def admit(self, application):
        """Admits the enterprise of ``application`` into its tier. An active membership in another
        tier is closed as upgraded and points to the new one."""
        previous = self.search([('enterprise_id', '=', application.enterprise_id.id), ('state', '=', 'active')])
        previous.write({'state': 'upgraded'})
        membership = self.create({
            'enterprise_id': application.enterprise_id.id,
            'library_id': application.library_id.id,
            'application_id': application.id,
        })
        previous.write({'next_membership_id': membership.id})
        return membership
