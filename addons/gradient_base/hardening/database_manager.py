"""The `db` service closed while the database manager is off (finding 13).

With ``list_db = False`` Odoo 11 refuses the `db` service's listing and management calls, but
still answers ``db_exist`` (which tells whether a database of a guessed name exists),
``list_lang`` and ``server_version`` to anyone, over XML-RPC (/xmlrpc/2/db) and JSON-RPC
(/jsonrpc, service "db"). With the manager off, every call of the service is refused, with a
message in Chinese; `make backup`, `make restore` and the restore from Settings call Odoo's
functions directly (models/db_backup.py) and are not affected. The pages
of the manager (/web/database/*) answer 404: controllers/database_manager.py."""
import odoo
from odoo.exceptions import AccessDenied
from odoo.service import db as db_service

from .server_messages import _


class DatabaseManagerDisabled(AccessDenied):
    """AccessDenied (fault code 3 over XML-RPC) with a message of its own."""

    def __init__(self):
        Exception.__init__(self, _('The database manager is disabled on this server. Backups and '
                                   'restores are made by the administrators (Settings, or the '
                                   'backup commands of the server).'))
        self.traceback = ('', '', '')


def manager_enabled():
    return bool(odoo.tools.config['list_db'])


def _patch():
    if getattr(db_service.dispatch, '_gc_guarded', False):
        return
    original = db_service.dispatch

    def dispatch(method, params):
        if not manager_enabled():
            raise DatabaseManagerDisabled()
        return original(method, params)

    dispatch._gc_guarded = True
    db_service.dispatch = dispatch


_patch()
