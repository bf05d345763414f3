"""A page in Chinese when the database is briefly out of reach (issue 19).

With PostgreSQL restarting or a standby being promoted, Odoo 11 lets the connection error out of
its WSGI dispatcher and werkzeug answers a bare English "Internal Server Error"; worse, a signed-in
user whose registry check failed is signed out, although nothing is wrong with the session.

Here a failure to reach the database is answered with 503, a Retry-After header and a short page
(or a JSON-RPC error for the web client's calls) saying the service is briefly unavailable, and
the session is kept. The text comes from gradient_base's own po file: there is no database to
read translations from."""
import json
import logging
import os

import psycopg2
import psycopg2.extensions
import werkzeug.wrappers
from psycopg2.pool import PoolError

import odoo
from odoo.http import Root
from odoo.modules.registry import Registry
from odoo.tools.translate import PoFile

_logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30
# SQLSTATE classes of a server that cannot take connections (connection exception, operator
# intervention: shutting down, starting up); libpq's own connection failures carry no code.
UNAVAILABLE_CODES = ('08', '57P')
_TEXTS = {}


class DatabaseUnavailable(Exception):
    """The database server did not answer: a transient state, not a broken session."""


def is_unavailable(error):
    """Whether ``error`` means the database server cannot be reached (rather than a missing or
    broken database, or a serialization failure, which Odoo handles itself)."""
    if isinstance(error, (DatabaseUnavailable, PoolError, psycopg2.InterfaceError)):
        return True
    if not isinstance(error, psycopg2.OperationalError) \
            or isinstance(error, psycopg2.extensions.TransactionRollbackError):
        return False
    if 'does not exist' in str(error):
        return False
    return error.pgcode is None or error.pgcode.startswith(UNAVAILABLE_CODES)


def text(source):
    """``source`` in Chinese, from this addon's po file (read once per process)."""
    if not _TEXTS:
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'i18n', 'zh_CN.po')
        try:
            with open(path, 'rb') as buffer:
                for entry in PoFile(buffer):
                    if entry[4]:
                        _TEXTS[entry[3]] = entry[4]
        except Exception:  # a broken po must not turn this page into a 500
            _logger.exception('Could not read %s', path)
        _TEXTS.setdefault('', '')
    return _TEXTS.get(source) or source


def unavailable_response(httprequest):
    title = text('The service is briefly unavailable')
    detail = text('The system cannot reach its database at the moment. Nothing you saved is lost: '
                  'please try again in a minute.')
    headers = [('Retry-After', str(RETRY_AFTER_SECONDS)), ('Cache-Control', 'no-store')]
    if httprequest.mimetype == 'application/json':
        body = json.dumps({'jsonrpc': '2.0', 'id': None, 'error': {
            'code': 503, 'message': title, 'data': {'name': 'gradient.database_unavailable', 'debug': '',
                                                    'message': detail, 'arguments': [detail],
                                                    'exception_type': 'user_error', 'title': title}}})
        return werkzeug.wrappers.Response(body, status=503, headers=headers, mimetype='application/json')
    page = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<title>%(title)s</title></head>'
            '<body style="font-family: sans-serif; max-width: 36em; margin: 4em auto; padding: 0 1em; color: #333">'
            '<h1 style="font-size: 1.4em">%(title)s</h1><p>%(detail)s</p>'
            '<p><a href="javascript:location.reload()">%(retry)s</a></p></body></html>') % {
        'title': title, 'detail': detail, 'retry': text('Try again')}
    return werkzeug.wrappers.Response(page, status=503, headers=headers, mimetype='text/html')


_check_signaling = Registry.check_signaling


def check_signaling(self):
    try:
        return _check_signaling(self)
    except psycopg2.Error as error:
        # Odoo signs the user out when this check fails during a page request: only right when the
        # database is gone, not while its server restarts.
        if odoo.http.request and is_unavailable(error):
            raise DatabaseUnavailable(str(error)) from error
        raise


Registry.check_signaling = check_signaling

_new = Registry.new.__func__


@classmethod
def new(cls, db_name, force_demo=False, status=None, update_module=False):
    try:
        return _new(cls, db_name, force_demo, status, update_module)
    except psycopg2.Error as error:
        # the same when a worker loads the registry for its first request of this database
        if odoo.http.request and is_unavailable(error):
            raise DatabaseUnavailable(str(error)) from error
        raise


Registry.new = new

_dispatch = Root.dispatch


def dispatch(self, environ, start_response):
    try:
        return _dispatch(self, environ, start_response)
    except Exception as error:
        if not (is_unavailable(error) or is_unavailable(error.__cause__ or error.__context__)):
            raise
        _logger.warning('The database is out of reach (%s): answered 503 to %s', error,
                        environ.get('PATH_INFO'))
        return unavailable_response(werkzeug.wrappers.Request(environ))(environ, start_response)


Root.dispatch = dispatch
