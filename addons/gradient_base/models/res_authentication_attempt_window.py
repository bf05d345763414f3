from datetime import datetime, timedelta

from odoo import api, fields, models


class ResAuthenticationAttempt(models.Model):
    """OCA auth_brute_force bans a remote address (or address + login) after too many failures
    since its last success, until an administrator lifts it. Here the failures count only within
    a window (gradient_base.login_ban_minutes, 15 by default): the ban lasts a while and
    then lifts by itself."""
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'res.authentication.attempt'  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _hits_limit(self, limit, remote, login=None):
        minutes = int(self.env['ir.config_parameter'].sudo().get_param('gradient_base.login_ban_minutes', 15))
        since = fields.Datetime.to_string(datetime.utcnow() - timedelta(minutes=minutes))
        domain = [('remote', '=', remote), ('create_date', '>', since)]
        if login is not None:
            domain.append(('login', '=', login))
        last_ok = self.search(domain + [('result', '=', 'successful')], order='create_date desc', limit=1)
        if last_ok:
            domain.append(('create_date', '>', last_ok.create_date))
        return self.search_count(domain + [('result', '!=', 'successful')]) >= limit
