"""Errors of JSON-RPC and XML-RPC without tracebacks (finding 13).

Odoo 11 sends the full Python traceback of a failed call to the caller: the ``debug`` field of a
JSON-RPC error (/web/dataset/call_kw, /jsonrpc, the web client's file downloads) and the fault
string of an XML-RPC fault. Tracebacks name the server's paths, versions and code, and an
unexpected error's own text can hold SQL or file names. The server log keeps them all (Odoo logs
the traceback of every unexpected error before it answers); the caller gets:

* for the errors meant for users (Odoo's UserError, ValidationError, AccessError, MissingError,
  AccessDenied, RedirectWarning, and the HTTP errors such as 404 or an expired session): their
  message, name and arguments as before, which the web client shows in its dialogs, without
  the traceback;
* for any other error: its class name and a message saying that the details are in the server
  log, nothing of the error's own text."""
import logging
import sys

import werkzeug.exceptions

import odoo
from odoo import http
from odoo.service import wsgi_server

from .server_messages import _

_logger = logging.getLogger(__name__)

try:
    from xmlrpc import client as xmlrpclib
except ImportError:  # pragma: no cover (Python 2)
    import xmlrpclib


def is_user_facing(exception):
    """True for the errors whose message is written for the user who made the call."""
    if isinstance(exception, odoo.exceptions.DeferredException):
        return False  # it wraps another error's traceback
    return isinstance(exception, (odoo.exceptions.except_orm, odoo.exceptions.UserError,
                                  odoo.exceptions.Warning, odoo.exceptions.AccessDenied,
                                  odoo.exceptions.RedirectWarning, werkzeug.exceptions.HTTPException,
                                  http.SessionExpiredException, http.AuthenticationError))


TRACEBACK = 'Traceback (most recent call last)'


def user_message(exception):
    message = getattr(exception, 'name', None) or (exception.args[0] if exception.args else '')
    return odoo.tools.ustr(message)


def generic_message(exception):
    return _('The server could not complete the request (%(error)s). The details were written to '
             'the server log; please tell the service desk when this happened.') % {
        'error': type(exception).__name__}


ENGLISH_TITLES = ('Odoo Server Error', '404: Not Found', 'Odoo Session Expired', 'Odoo Session Invalid')
# what the user should do about it, by the kind of error Odoo's serialize_exception names
USER_KINDS = ('user_error', 'warning', 'except_orm', 'validation_error')
ACCESS_KINDS = ('access_error', 'access_denied')


def dialog_title(error):
    """The title of the web client's error dialog, in the user's language."""
    message, kind = error.get('message'), (error.get('data') or {}).get('exception_type')
    if message == '404: Not Found':
        return _('Not Found')
    if message in ('Odoo Session Expired', 'Odoo Session Invalid'):
        return _('Your session has ended')
    if kind in USER_KINDS:
        return _('Please check')
    if kind in ACCESS_KINDS:
        return _('No access')
    if kind == 'missing_error':
        return _('Record not found')
    return _('Server error')


def _patch_json():
    if getattr(http.serialize_exception, '_gc_without_traceback', False):
        return
    original = http.serialize_exception

    def serialize_exception(exception):
        data = original(exception)
        data['debug'] = ''
        if not is_user_facing(exception):
            data['message'] = generic_message(exception)
            data['arguments'] = (data['message'],)
            # the web client's error dialog shows `debug` under "See details" and copies it
            data['debug'] = data['message']
        return data

    serialize_exception._gc_without_traceback = True
    http.serialize_exception = serialize_exception

    # The web client titles its error dialogs with the error's `message`, which Odoo 11 sets to
    # the English "Odoo Server Error" for every refusal, a validation message included (issue 19).
    original_response = http.JsonRequest._json_response

    def _json_response(self, result=None, error=None):
        if error is not None and error.get('message') in ENGLISH_TITLES:
            error = dict(error, message=dialog_title(error))
        return original_response(self, result=result, error=error)

    http.JsonRequest._json_response = _json_response
    # the web client's file downloads and reports bound Odoo's function under another name
    web_main = sys.modules.get('odoo.addons.web.controllers.main')
    if web_main is not None:
        web_main._serialize_exception = serialize_exception


def _without_traceback(original, make_fault):
    """An XML-RPC fault handler of Odoo's made to send no traceback: Odoo's own answer for a
    user's error that carries none, else a fault of ``make_fault(message)``."""
    def handle(exception):
        if is_user_facing(exception):
            response = original(exception)
            if TRACEBACK not in response:
                return response
            # Odoo 11 sends a ValidationError (and the other except_orm that are no UserError)
            # as its whole traceback: the user's message alone goes out
            message = user_message(exception)
        else:
            message = generic_message(exception)
        return make_fault(message)
    handle._gc_without_traceback = True
    return handle


def _patch_xmlrpc():
    if getattr(wsgi_server.xmlrpc_handle_exception_int, '_gc_without_traceback', False):
        return
    # the two fault styles of Odoo's XML-RPC: a numeric faultCode (/xmlrpc/2) and the message
    # as faultCode (/xmlrpc, the legacy endpoint)
    wsgi_server.xmlrpc_handle_exception_int = _without_traceback(
        wsgi_server.xmlrpc_handle_exception_int,
        lambda message: xmlrpclib.dumps(xmlrpclib.Fault(wsgi_server.RPC_FAULT_CODE_APPLICATION_ERROR, message),
                                        allow_none=None))
    wsgi_server.xmlrpc_handle_exception_string = _without_traceback(
        wsgi_server.xmlrpc_handle_exception_string,
        lambda message: xmlrpclib.dumps(xmlrpclib.Fault(message, ''), allow_none=None, encoding=None))


_patch_json()
_patch_xmlrpc()
