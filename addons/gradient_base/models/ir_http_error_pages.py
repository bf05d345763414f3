"""Error pages in the user's language. Without the website module, Odoo answers a failed page
request with werkzeug's English pages ("Internal Server Error", "Bad Request: Session expired
(invalid CSRF token)"), and a report of another enterprise's record with a 500. Here every
failed page request (not the JSON calls of the web client, which show their own dialogs) gets a
short page in Chinese with the right status, and never a traceback: 403 when access is refused,
404 when the page or record is not there, 400 for a refused request (with the reason when it is a
user message), 500 otherwise (logged with its traceback for the operators). A file posted after
the session expired is not kept (Odoo 11 fails to): the user is sent to the login page."""
import logging

import werkzeug.exceptions
import werkzeug.utils
import werkzeug.wrappers
from werkzeug.urls import url_encode

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError, ValidationError, except_orm
from odoo.http import SessionExpiredException, request
from odoo.tools import config

_logger = logging.getLogger(__name__)
# how werkzeug's own error pages begin
WERKZEUG_ERROR_PAGE = b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">'


class IrHttp(models.AbstractModel):
    # lint: one class per concern of this model, one file each, so a concern reads and goes alone
    _inherit = 'ir.http'  # pylint: disable=consider-merging-classes-inherited

    @classmethod
    def _handle_exception(cls, exception):
        if not cls._gc_error_page_applies():
            return super(IrHttp, cls)._handle_exception(exception)
        if isinstance(exception, SessionExpiredException) and request.httprequest.method == 'POST' \
                and request.httprequest.files:
            # Odoo 11 keeps a form posted after the session expired, to send it again after the
            # login, but writes its files in text mode (Python 3) and fails with a 500: an upload
            # after two idle hours. The user signs in again and uploads the file again.
            return werkzeug.utils.redirect('/web/login?%s' % url_encode({'redirect': '/my'}), 303)
        try:
            response = super(IrHttp, cls)._handle_exception(exception)
        except Exception as raised:  # Odoo re-raises what it does not turn into a response
            return cls._gc_error_page(raised)
        if isinstance(response, werkzeug.exceptions.HTTPException) and response.code >= 400:
            return cls._gc_error_page(response)
        return response

    @classmethod
    def _dispatch(cls):
        response = super(IrHttp, cls)._dispatch()
        # A controller may also return an error instead of raising it (Odoo's /web/content answers
        # request.not_found() for a file the user may not read): werkzeug's English page then.
        if isinstance(response, werkzeug.wrappers.BaseResponse) and response.status_code in (400, 403, 404) \
                and cls._gc_error_page_applies() and response.mimetype == 'text/html' \
                and response.get_data()[:60].startswith(WERKZEUG_ERROR_PAGE):
            return cls._gc_error_page(werkzeug.exceptions.default_exceptions[response.status_code]())
        return response

    @classmethod
    def _gc_error_page_applies(cls):
        return bool(request and getattr(request, '_request_type', None) == 'http' and request.db
                    and 'werkzeug' not in config['dev_mode'])

    @classmethod
    def _gc_cause(cls, exception):
        """The exception that explains ``exception``: a QWeb rendering error wraps the access
        error raised while a report read a record."""
        seen = set()
        while exception is not None and id(exception) not in seen:
            seen.add(id(exception))
            if isinstance(exception, (except_orm, AccessDenied, werkzeug.exceptions.HTTPException)):
                return exception
            qweb = getattr(exception, 'qweb', None) or {}
            exception = qweb.get('cause') or exception.__cause__ or exception.__context__
        return None

    @classmethod
    def _gc_error_page(cls, exception):
        cause = cls._gc_cause(exception) or exception
        if isinstance(cause, werkzeug.exceptions.HTTPException):
            status, message = cause.code, None
        elif isinstance(cause, (AccessError, AccessDenied)):
            status, message = 403, None
        elif isinstance(cause, MissingError):
            status, message = 404, None
        elif isinstance(cause, (UserError, ValidationError, except_orm)):
            status, message = 400, cause.name
        else:
            status, message = 500, None
            _logger.error('Error while serving %s', request.httprequest.path, exc_info=exception)
        try:
            return cls._gc_render_error(status, message)
        except Exception:
            _logger.exception('The error page could not be rendered')
            return werkzeug.wrappers.Response('%d' % status, status=status, content_type='text/plain')

    @classmethod
    def _gc_render_error(cls, status, message):
        # The request's transaction failed (and may be aborted): the page is rendered in a
        # transaction of its own, rolled back, as the superuser (it reads no record).
        with request.registry.cursor() as cr:
            signed_in = bool(request.uid) and request.uid != api.Environment(cr, SUPERUSER_ID, {}).ref(
                'base.public_user').id
            # the signed-in user's language; the zone's (Chinese) for a visitor
            lang = signed_in and request.env.context.get('lang') or 'zh_CN'
            context = {'lang': lang}  # also read by _() below
            env = api.Environment(cr, SUPERUSER_ID, context)
            titles = {
                400: _('The request was refused'),
                403: _('Access refused'),
                404: _('Page not found'),
                500: _('Server error'),
            }
            texts = {
                400: _('The form has expired or the request is incomplete: go back, reload the page and try again.'),
                403: _('You do not have access to this page or document.'),
                404: _('This page does not exist, or the record it shows is not yours.'),
                500: _('Something went wrong on our side; nothing was saved. Please try again later, and contact '
                       'the service desk of the zone if it persists.'),
            }
            values = {
                'status': status,
                'title': titles.get(status, _('The request cannot be served')),
                'message': message or texts.get(status, _('The request cannot be served (HTTP %d).') % status),
                'signed_in': signed_in,
            }
            html = env['ir.ui.view'].render_template('gradient_base.http_error_page', values)
            cr.rollback()
        return werkzeug.wrappers.Response(html, status=status, content_type='text/html; charset=utf-8')
