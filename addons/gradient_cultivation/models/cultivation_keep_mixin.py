from odoo import api, models


class CultivationKeepMixin(models.AbstractModel):
    """The platform's keep rule (gradient_base): in this domain the cultivation administrators
    delete too."""
    _inherit = 'cultivation.keep.mixin'

    @api.multi
    def _may_delete(self):
        return super(CultivationKeepMixin, self)._may_delete() or \
            self.env.user.has_group('gradient_cultivation.group_manager')
