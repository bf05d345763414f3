#!/usr/bin/env bash
# `make run`: installs what is missing, starts the embedded PostgreSQL, creates the demo
# database the first time (our three addons, demo data, zh_CN, Asia/Shanghai) and serves Odoo
# on http://localhost:$GC_HTTP_PORT in the background. Logs: var/log/odoo.log.
source "$(dirname "$0")/common.sh"
cd "$GC_ROOT"
"$GC_ROOT/scripts/setup.sh"
"$GC_ROOT/scripts/pg.sh" start
export PATH="$GC_ROOT/node_modules/.bin:$PATH"
# The local OpenID provider, the 助企一把 platform's stand-in (README, "Sign-on"); a new demo
# database is configured against it.
export GC_OIDC_PORT=${GC_OIDC_PORT:-8090}
export GC_OIDC_ISSUER="http://localhost:$GC_OIDC_PORT"
"$GC_ROOT/scripts/oidc.sh" start "$GC_OIDC_PORT"
# The local SMTP server: the demo's mail is delivered to var/mail/dev (`make mail` shows it).
"$GC_ROOT/scripts/mail.sh" start "$GC_SMTP_PORT" dev

PIDFILE=$GC_VAR/run/odoo.pid
URL="http://localhost:$GC_HTTP_PORT"
if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "Odoo is already running (pid $(cat "$PIDFILE")): $URL"
    exec "$GC_ROOT/scripts/logins.sh"
fi
gc_port_busy "$GC_HTTP_PORT" && die "Port $GC_HTTP_PORT is taken by another program: stop it, or run 'GC_HTTP_PORT=8070 make run'."

conf=$(gc_render_conf dev)
# FRESH=1 rebuilds the demo database; after a change of the code an existing one is updated.
code_hash=$(find addons requirements -type f -not -name '*.pyc' | sort | xargs sha1sum | sha1sum | cut -c1-16)
mkdir -p "$GC_VAR/run"
if [ "${FRESH:-0}" = 1 ] && gc_db_exists "$GC_DB"; then
    say "FRESH=1: dropping database $GC_DB"
    gc_psql -d postgres -c "DROP DATABASE \"$GC_DB\"" >/dev/null
    rm -rf "$GC_VAR/data/filestore/$GC_DB"
fi
if gc_db_exists "$GC_DB" && [ "$(cat "$GC_VAR/run/db.hash" 2>/dev/null)" != "$code_hash" ]; then
    say "The code changed since $GC_DB was made: updating it (a fresh demo history needs 'make run FRESH=1')"
    gc_odoo -c "$conf" -d "$GC_DB" -u "$GC_ADDONS" --stop-after-init --logfile="$GC_VAR/log/odoo-init.log" \
        2>>"$GC_VAR/log/odoo-init.log" || die "Updating $GC_DB failed: see var/log/odoo-init.log (or run 'make run FRESH=1')."
    echo "$code_hash" > "$GC_VAR/run/db.hash"
fi
if ! gc_db_exists "$GC_DB"; then
    say "Creating database $GC_DB with the demo data (first time: about two minutes)"
    if ! gc_odoo -c "$conf" -d "$GC_DB" -i "$GC_ADDONS" --load-language=zh_CN \
            --stop-after-init --logfile="$GC_VAR/log/odoo-init.log" 2>>"$GC_VAR/log/odoo-init.log"; then
        gc_psql -d postgres -c "DROP DATABASE IF EXISTS \"$GC_DB\"" >/dev/null 2>&1 || true
        die "Creating database $GC_DB failed: see the errors in var/log/odoo-init.log."
    fi
    echo "$code_hash" > "$GC_VAR/run/db.hash"
fi

say "Starting Odoo on $URL"
loaded=$(gc_loaded_count "$GC_VAR/log/odoo.log")
nohup "$GC_VENV/bin/python" "$GC_ROOT/scripts/odoo-bin" -c "$conf" >"$GC_VAR/log/odoo-stdout.log" 2>&1 &
echo $! > "$PIDFILE"
gc_wait_loaded "$GC_VAR/log/odoo.log" "$loaded" "$(cat "$PIDFILE")" 180 \
    || die "Odoo did not load $GC_DB within three minutes: see var/log/odoo.log and var/log/odoo-stdout.log."
gc_wait_http "$GC_HTTP_PORT" "$(cat "$PIDFILE")" 120 \
    || die "Odoo did not answer on $URL within two minutes: see var/log/odoo.log and var/log/odoo-stdout.log."
"$GC_ROOT/scripts/logins.sh"
