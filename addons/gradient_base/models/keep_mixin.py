from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class CultivationKeepMixin(models.AbstractModel):
    """Business records that users expect to find again are not deleted: those with an ``active``
    field are archived instead (Archive on the form, the Archived filter finds them again), the
    others are kept and corrected, or closed through their workflow. Only administrators delete,
    e.g. a record made by mistake; the audit log keeps its last values. Lines edited as part of
    their parent (an application's financial years, a scheme's indicators) do not use this."""
    _name = 'cultivation.keep.mixin'
    _description = 'Kept, Not Deleted'

    @api.multi
    def unlink(self):
        if self and not self._may_delete():
            label = self.env['ir.model'].sudo()._get(self._name).name  # the model's name in the user's language
            if 'active' in self._fields:
                raise AccessError(_('%s cannot be deleted: archive it instead ("Archive" on its form); the '
                                    '"Archived" filter finds it again. Only administrators delete records.')
                                  % label)
            raise AccessError(_('%s cannot be deleted: it is kept as a record of the work; correct it, or close '
                                'it through its actions. Only administrators delete records.') % label)
        return super(CultivationKeepMixin, self).unlink()

    def _may_delete(self):
        """Who deletes: the superuser here; each business addon adds its administrators."""
        return self.env.uid == SUPERUSER_ID
