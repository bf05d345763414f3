#!/usr/bin/env bash
# `make stop`: stops Odoo and the embedded PostgreSQL.
source "$(dirname "$0")/common.sh"
PIDFILE=$GC_VAR/run/odoo.pid
if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    pid=$(cat "$PIDFILE")
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    say "Stopped Odoo"
fi
rm -f "$PIDFILE"
"$GC_ROOT/scripts/oidc.sh" stop "${GC_OIDC_PORT:-8090}"
"$GC_ROOT/scripts/mail.sh" stop "$GC_SMTP_PORT"
"$GC_ROOT/scripts/pg.sh" stop
