from odoo import _, api, models


class MailTrackingValue(models.Model):
    _inherit = 'mail.tracking.value'

    @api.multi
    def get_display_value(self, type):
        """Odoo 11 hands a tracked yes/no field to the chatter as a JSON boolean, which it prints
        raw ("推荐升级: true"): say 是/否 in the reader's language."""
        values = super(MailTrackingValue, self).get_display_value(type)
        # translated here: _() reads the language from this frame, not from a comprehension's
        yes, no = _('Yes'), _('No')
        return [(yes if value else no) if record.field_type == 'boolean' else value
                for record, value in zip(self, values)]
