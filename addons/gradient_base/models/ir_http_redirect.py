"""Redirects stay on this site (finding 12, open redirect).

Odoo 11 follows a `redirect` parameter wherever it takes one (/web/login, also when already
signed in, /web/session/logout, /web, /web/dbredirect, the sign-up and password reset forms,
the portal's /my/account) without looking where it points: a link to
/web/login?redirect=https://evil.example/ sends whoever signs in to another site, which then
asks for the password "again". Here, before any controller runs, a `redirect` parameter that is
not a path of this site is dropped, so every controller falls back to its own default (the back
office, or /my for a portal user). Kept: a path ("/web#action=..", "/my/reports?x=1") and an
absolute URL of this very host (Odoo builds those when a session expires). Refused: other hosts,
protocol-relative ("//evil.example"), backslash tricks ("/\\evil.example", which browsers read
as "//"), other schemes ("javascript:", "https:evil"), control characters and surrounding
blanks (browsers drop tabs and line breaks from URLs, "/\\t/evil.example" becomes "//").

Below that, as a second line, any 3xx answer of a route whose Location leaves this host is
replaced by the user's home page, unless the host is listed in the system parameter
``gradient_base.redirect_allowed_hosts`` (comma-separated; for a sign-on provider)."""
import logging

from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.urls import url_parse

from odoo import models
from odoo.http import request

_logger = logging.getLogger(__name__)
REDIRECT_PARAMETERS = ('redirect',)


def local_url(url, host):
    """``url`` as a path of this site (``host``: the request's host and port), or None when it
    leads elsewhere or cannot be trusted to stay here."""
    if not url or not isinstance(url, str):
        return None
    if url != url.strip() or '\\' in url or any(ord(char) < 32 or ord(char) == 127 for char in url):
        return None
    parsed = url_parse(url)
    if parsed.scheme or parsed.netloc:
        if parsed.scheme not in ('http', 'https') or not host or parsed.netloc.lower() != host.lower():
            return None
        url = parsed.replace(scheme='', netloc='').to_url() or '/'
    if not url.startswith('/') or url.startswith('//'):
        return None
    return url


class IrHttp(models.AbstractModel):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'ir.http'  # pylint: disable=consider-merging-classes-inherited

    @classmethod
    def _dispatch(cls):
        cls._gc_drop_foreign_redirects()
        response = super(IrHttp, cls)._dispatch()
        return cls._gc_keep_redirect_local(response)

    @classmethod
    def _gc_drop_foreign_redirects(cls):
        params = getattr(request, 'params', None)
        if not isinstance(params, dict):
            return
        host = request.httprequest.host
        for name in REDIRECT_PARAMETERS:
            if name not in params:
                continue
            value = params[name]
            safe = local_url(value, host)
            if safe is None:
                if value:
                    _logger.warning('Refused the redirect to %r of %s', value, request.httprequest.path)
                params.pop(name)
                cls._gc_drop_query_argument(name)
            else:
                params[name] = safe

    @classmethod
    def _gc_drop_query_argument(cls, name):
        # Pages also pass their query string on as it came (keep_query(): the login page's link
        # to the sign-up form): the refused value leaves it too.
        httprequest = request.httprequest
        if name in httprequest.args:
            httprequest.args = ImmutableMultiDict(
                [(key, value) for key, value in httprequest.args.items(multi=True) if key != name])

    @classmethod
    def _gc_keep_redirect_local(cls, response):
        status = getattr(response, 'status_code', None)
        location = status and 300 <= status < 400 and response.headers.get('Location')
        if not location or local_url(location, request.httprequest.host) is not None:
            return response
        host = url_parse(location).netloc.lower()
        if host and host in cls._gc_redirect_allowed_hosts():
            return response
        _logger.warning('Refused the redirect of %s to %r', request.httprequest.path, location)
        response.headers['Location'] = cls._gc_home_path()
        return response

    @classmethod
    def _gc_redirect_allowed_hosts(cls):
        value = request.env['ir.config_parameter'].sudo().get_param('gradient_base.redirect_allowed_hosts') or ''
        return {host.strip().lower() for host in value.split(',') if host.strip()}

    @classmethod
    def _gc_home_path(cls):
        """Where a refused redirect goes: the back office for employees, /my for portal users
        (the back office would send them to the login page), the login page for visitors."""
        uid = request.session.uid
        # has_group answers for the environment's user, which is not yet set on auth="none" routes
        if uid and not request.env(user=uid)['res.users'].has_group('base.group_user'):
            return '/my'
        return '/web'
