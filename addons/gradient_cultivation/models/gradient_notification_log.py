"""The notification log of gradient_base, within the cultivation staff's reach: each entry
keeps the territory of the enterprise it is about, so that a territory reviewer reads its
territories' entries (security/cultivation_notification_rules.xml)."""
from odoo import api, fields, models


class GradientNotificationLog(models.Model):
    _inherit = 'gradient.notification.log'

    territory_id = fields.Many2one('cultivation.territory', readonly=True, index=True, ondelete='set null')

    @api.model
    def _gc_record_vals(self, record):
        vals = super(GradientNotificationLog, self)._gc_record_vals(record)
        if record:
            record = record.sudo()
            territory = record.territory_id if 'territory_id' in record._fields else None
            if not territory and 'enterprise_id' in record._fields:
                territory = record.enterprise_id.territory_id
            if territory and territory._name == 'cultivation.territory':
                vals['territory_id'] = territory.id
        return vals
