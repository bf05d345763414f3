"""The pages of Odoo's database manager answer 404 while the manager is off (finding 13).

With ``list_db = False`` Odoo 11 still serves the manager's pages (/web/database/manager and
/selector, which name the database and offer create, duplicate, drop, backup and restore forms)
and takes their posts, refusing them only deep inside with an English error in the page. Here
every /web/database/* route answers 404 (the Chinese error page of gradient_base, models/ir_http_error_pages.py) while
the manager is off, in every configuration that serves users (config/*.conf)."""
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.web.controllers.main import Database

from ..hardening.database_manager import manager_enabled


def _manager_only():
    if not manager_enabled():
        raise NotFound()


class DatabaseManager(Database):
    # *args, **kw: a post without the form's fields gets the 404 too, not a TypeError (500)

    @http.route()
    def selector(self, *args, **kw):
        _manager_only()
        return super(DatabaseManager, self).selector(*args, **kw)

    @http.route()
    def manager(self, *args, **kw):
        _manager_only()
        return super(DatabaseManager, self).manager(*args, **kw)

    @http.route()
    def create(self, *args, **kw):
        _manager_only()
        return super(DatabaseManager, self).create(*args, **kw)

    @http.route()
    def duplicate(self, *args, **kw):
        _manager_only()
        return super(DatabaseManager, self).duplicate(*args, **kw)

    @http.route()
    def drop(self, *args, **kw):
        _manager_only()
        return super(DatabaseManager, self).drop(*args, **kw)

    @http.route()
    def backup(self, *args, **kw):
        _manager_only()
        return super(DatabaseManager, self).backup(*args, **kw)

    @http.route()
    def restore(self, *args, **kw):
        _manager_only()
        return super(DatabaseManager, self).restore(*args, **kw)

    @http.route()
    def change_password(self, *args, **kw):
        _manager_only()
        return super(DatabaseManager, self).change_password(*args, **kw)

    @http.route()
    def list(self, *args, **kw):
        _manager_only()
        return super(DatabaseManager, self).list(*args, **kw)
