"""Login attempts for administrators only, and no outbound calls (finding 8).

OCA auth_brute_force records every login attempt (login, address, result) in
res.authentication.attempt and grants read access to every signed-in user, portal users
included: anyone could list who signs in from where, and which logins exist. Its
``remote_metadata`` asked an outside geolocation service (ip-api.com, plain HTTP) about each
address whenever a record was read: a request per record to a third party, carrying our users'
addresses, and a way to make the server call out. Here only system administrators read the
attempts (security/res_authentication_attempt_security.xml takes the read right away from
everyone else; the check below holds even if auth_brute_force's own access rows come back
with an update of that module alone) and the metadata is worked out locally from the address
itself: its kind (loopback, private network, public) and its network."""
import ipaddress

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class ResAuthenticationAttempt(models.Model):
    _inherit = 'res.authentication.attempt'

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        if self._uid != SUPERUSER_ID and not self.env.user.has_group('base.group_system'):
            if raise_exception:
                raise AccessError(_('Only system administrators may see the login attempts.'))
            return False
        return super(ResAuthenticationAttempt, self).check_access_rights(operation, raise_exception=raise_exception)

    @api.model
    def _trusted(self, remote, login):
        # auth_brute_force checks the ban as the user who is signing in (check_credentials runs
        # as that user), who may no longer read the attempts: the check itself is the server's.
        return super(ResAuthenticationAttempt, self.sudo())._trusted(remote, login)

    @api.multi
    @api.depends('remote')
    def _compute_metadata(self):
        for attempt in self:
            attempt.remote_metadata = self._gc_local_metadata(attempt.remote)

    @api.model
    def _gc_local_metadata(self, remote):
        try:
            address = ipaddress.ip_address((remote or '').strip())
        except ValueError:
            return _('Not an IP address')
        if address.is_loopback:
            kind = _('this server (loopback)')
        elif address.is_private:
            kind = _('private network')
        elif address.is_reserved or address.is_multicast or address.is_link_local:
            kind = _('reserved address')
        else:
            kind = _('public internet address')
        network = ipaddress.ip_network('%s/%d' % (address, 24 if address.version == 4 else 48), strict=False)
        return _('Kind: %(kind)s\nNetwork: %(network)s\nIP version: %(version)d') % {
            'kind': kind, 'network': network, 'version': address.version}
