"""The prefork server's listen backlog, for bursts of new connections.

Odoo 11 listens with a backlog of 8 x workers (32 for 4 workers). Behind a proxy that opens a
connection per request, a burst of logins overflows it: the kernel drops connections, the proxy
answers 502 or waits for retransmissions (seconds). Loaded as a server-wide module
(server_wide_modules = base,web,gradient_base, as config/odoo-prod.conf and
config/odoo-bench.conf do), this widens the backlog to `gc_listen_backlog` (default 1024; the
kernel caps it at net.core.somaxconn)."""
import logging

from odoo.service import server
from odoo.tools import config

_logger = logging.getLogger(__name__)
DEFAULT_BACKLOG = 1024


def _patch_prefork_backlog():
    if getattr(server.PreforkServer, '_gc_backlog_patched', False):
        return
    original_start = server.PreforkServer.start

    def start(self, *args, **kwargs):
        result = original_start(self, *args, **kwargs)
        if getattr(self, 'socket', None) is not None:
            backlog = int(config.get('gc_listen_backlog') or DEFAULT_BACKLOG)
            self.socket.listen(backlog)  # listen() again only changes the backlog
            _logger.info('HTTP listen backlog: %d', backlog)
        return result

    server.PreforkServer.start = start
    server.PreforkServer._gc_backlog_patched = True


_patch_prefork_backlog()
