"""Password hashes of the history (OCA password_security) for the system only.

password_security keeps the hashes of each user's last passwords (res.users.pass.history) to
refuse their reuse, and lets every employee read their own rows: a stolen session yields hashes
to guess offline. Nobody needs to read them: the checks of the reuse and the recording of a new
hash run here as the superuser, and the access row of employees
(security/res_users_password_history_security.xml) no longer reads or creates."""
from odoo import api, fields, models


class ResUsers(models.Model):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'res.users'  # pylint: disable=consider-merging-classes-inherited

    password_history_ids = fields.One2many(groups='base.group_system')

    @api.multi
    def _check_password_history(self, password):
        # sudo: the hashes are compared on the server and never leave it
        return super(ResUsers, self.sudo())._check_password_history(password)

    @api.multi
    def _set_encrypted_password(self, encrypted):
        # sudo: the new hash goes into the history whoever sets the password (the user, or a
        # manager who may change users but not read the history)
        return super(ResUsers, self.sudo())._set_encrypted_password(encrypted)
