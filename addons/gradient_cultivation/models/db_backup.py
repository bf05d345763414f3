from odoo import api, models


class DbBackup(models.Model):
    """The platform's backup jobs (gradient_base): the cultivation administrators are told of
    their failures too."""
    _inherit = 'db.backup'

    @api.model
    def _administrators(self):
        return super(DbBackup, self)._administrators() | self.env.ref('gradient_cultivation.group_manager').users
