from odoo import api, fields, models


class ResGroups(models.Model):
    """Which roles must sign in with a second factor is configuration, not code: the platform
    cannot name the business addons' groups (they sit above it), so each group carries the flag and
    the addon that defines a staff role seeds it in its data (administrators here, the bureau in
    gradient_cultivation). A user of a flagged group, implied groups included, must enrol."""
    _inherit = 'res.groups'

    two_factor_required = fields.Boolean(
        string='Two-factor login required',
        help='Members of this group sign in with their password and a code of their authenticator '
             'app; one who has not enrolled yet is sent to enrol right after the password.')

    @api.model
    def _two_factor_seed(self, xmlids):
        """Flags the given groups once, at the first install or update that names them: the flags
        are then configuration, which later updates of the module leave as the administrators set
        them (a noupdate record would never reach databases that already have the groups)."""
        params = self.env['ir.config_parameter'].sudo()
        for xmlid in xmlids:
            key = 'gradient_base.two_factor_seeded.%s' % xmlid
            if params.get_param(key):
                continue
            group = self.env.ref(xmlid, raise_if_not_found=False)
            if group:
                group.two_factor_required = True
            params.set_param(key, '1')
