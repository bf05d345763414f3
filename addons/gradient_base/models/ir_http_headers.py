"""Security headers on the pages Odoo serves itself.

Production puts nginx in front (deploy/nginx.conf sets the full set, a content security policy
included); these three are cheap to set here as well, so that a server reached without the
proxy (development, a misrouted request) still tells browsers not to guess content types, not to
send our URLs (which can carry sign-up and access tokens) to other sites, and not to let other
sites frame our pages. A value a controller sets itself (Odoo's DENY on /web and /web/login)
is kept."""
from odoo import models

HEADERS = (
    ('X-Content-Type-Options', 'nosniff'),
    ('Referrer-Policy', 'same-origin'),
    ('X-Frame-Options', 'SAMEORIGIN'),
)


class IrHttp(models.AbstractModel):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'ir.http'  # pylint: disable=consider-merging-classes-inherited

    @classmethod
    def _dispatch(cls):
        response = super(IrHttp, cls)._dispatch()
        headers = getattr(response, 'headers', None)
        if headers is not None:
            for name, value in HEADERS:
                if name not in headers:
                    headers[name] = value
        return response
