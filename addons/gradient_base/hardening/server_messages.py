"""Messages of the server-wide patches, translated without a request environment.

A refusal of the `db` service or an XML-RPC fault is made outside any model, often without a
database or a user (so Odoo's ``_`` finds no language and answers in English). The users of this
platform read Chinese: these messages are looked up in ir.translation of the database the
request is about (or of the only database this server serves), in the requester's language when
there is one, else zh_CN."""
import logging
import re
import threading

import odoo
from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)
DEFAULT_LANG = 'zh_CN'


def _request():
    try:
        return odoo.http.request._get_current_object() if odoo.http.request else None
    except RuntimeError:
        return None


def _database():
    req = _request()
    if req is not None and req.db:
        return req.db
    name = getattr(threading.current_thread(), 'dbname', None)
    if name:
        return name
    # An XML-RPC call has no HTTP request object: the one database the filter lets through.
    config = odoo.tools.config
    try:
        names = odoo.service.db.list_dbs(True)
    except Exception:  # no database server: the English source is all there is
        return None
    if config['dbfilter'] and '%' not in config['dbfilter']:
        names = [name for name in names if re.match(config['dbfilter'], name)]
    elif config['db_name']:
        names = [name for name in names if name in config['db_name'].split(',')]
    return names[0] if len(names) == 1 else None


def _(source):
    """``source`` in the requester's language (zh_CN by default). Named ``_`` so that Odoo's
    export of translatable terms finds the calls (it only knows ``_`` and ``_lt``)."""
    req = _request()
    lang = DEFAULT_LANG
    # a signed-in user's language; the zone's (Chinese) for a visitor, whose language Odoo only
    # guesses from the browser's
    if req is not None and req.db and getattr(req, 'session', None) is not None and req.session.uid:
        lang = (req.session.context or {}).get('lang') or DEFAULT_LANG
    db = _database()
    if not db or lang == 'en_US':
        return source
    try:
        with odoo.registry(db).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env['ir.translation']._get_source(None, ('code',), lang, source) or source
    except Exception:
        _logger.debug('No translation of %r', source, exc_info=True)
        return source
