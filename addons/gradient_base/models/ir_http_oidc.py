from werkzeug.urls import url_parse

from odoo import models
from odoo.http import request

from .gradient_oidc_provider import OidcRefusal

# The routes that send the browser to the identity service: the start of a sign-on, and the
# logout that signs out of the platform too.
OIDC_ROUTES = ('/auth_oidc/login', '/web/session/logout')


class IrHttp(models.AbstractModel):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'ir.http'  # pylint: disable=consider-merging-classes-inherited

    @classmethod
    def _gc_redirect_allowed_hosts(cls):
        """The sign-on routes may send the browser to the enabled provider's login and logout
        pages (hosts of its discovery document); every other route stays on this site."""
        hosts = super(IrHttp, cls)._gc_redirect_allowed_hosts()
        if request.httprequest.path in OIDC_ROUTES:
            provider = request.env['gradient.oidc.provider']._active()
            if provider:
                try:
                    document = provider._discovery()
                except OidcRefusal:
                    return hosts
                for key in ('authorization_endpoint', 'end_session_endpoint'):
                    if document.get(key):
                        hosts = hosts | {url_parse(document[key]).netloc.lower()}
        return hosts
