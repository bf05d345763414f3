#!/usr/bin/env bash
# `make shell`: an Odoo Python shell on the demo database (env is the superuser environment).
source "$(dirname "$0")/common.sh"
"$GC_ROOT/scripts/pg.sh" start
conf=$(gc_render_conf dev)
exec "$GC_VENV/bin/python" "$GC_ROOT/scripts/odoo-bin" shell -c "$conf" -d "$GC_DB" --logfile=/dev/null "$@"
