"""A new session id at every successful login (finding 12, session fixation).

Odoo 11 keeps the session id a visitor got before signing in: whoever planted or read that id
(a shared computer, a link with ?session_id=, a cookie set by a sibling subdomain) holds the
signed-in session afterwards. Every login goes through ``OpenERPSession.authenticate`` (the
/web/login form, /web/session/authenticate of JSON clients, the sign-up and password reset
forms), so that is where the id is renewed: the old session file is deleted (its id no longer
names any session) and the session is saved under a fresh id, which the response sets as the
cookie, and which ``session_info`` (computed after the login) reports to JSON clients."""
import logging

from odoo import http
from odoo.service import security

_logger = logging.getLogger(__name__)


def _patch():
    session_class = http.OpenERPSession
    if getattr(session_class, '_gc_rotates_at_login', False):
        return
    original = session_class.authenticate

    def authenticate(self, db, login=None, password=None, uid=None):
        result = original(self, db, login=login, password=password, uid=uid)
        if result:
            store = http.root.session_store
            store.delete(self)
            self.sid = store.generate_key()
            # the session token is an HMAC of the session id: made again for the new id
            self.session_token = security.compute_session_token(self, http.request.env)
            self.modified = True
        return result

    authenticate.__doc__ = original.__doc__
    session_class.authenticate = authenticate
    session_class._gc_rotates_at_login = True


_patch()
