"""Hardening of Odoo 11's HTTP and RPC layer, below any database: it has to hold for requests
that reach no registry (the database manager, the `db` service), so gradient_base is also a
server-wide module (server_wide_modules in config/*.conf) and these patches apply when Odoo
imports it, once per process."""
from . import server_messages
from . import session_rotation
from . import rpc_errors
from . import database_manager
from . import database_unavailable
from . import data_function_context
