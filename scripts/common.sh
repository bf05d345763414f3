# Shared settings and helpers of the project's scripts. Sourced, never run.
# Every setting can be overridden from the environment; see README.md ("Settings").

set -euo pipefail

GC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export GC_ROOT
export GC_VAR=${GC_VAR:-$GC_ROOT/var}
export GC_VENV=${GC_VENV:-$GC_ROOT/.venv}
export GC_TOOLS_VENV=${GC_TOOLS_VENV:-$GC_ROOT/.venv-tools}

# Odoo HTTP
export GC_HTTP_PORT=${GC_HTTP_PORT:-8069}
export GC_TEST_HTTP_PORT=${GC_TEST_HTTP_PORT:-8169}
export GC_DB=${GC_DB:-gradient}
export GC_TEST_DB=${GC_TEST_DB:-gradient_test}

# The local SMTP servers (scripts/mail.sh): Odoo's outgoing mail lands in var/mail/dev or var/mail/test.
export GC_SMTP_PORT=${GC_SMTP_PORT:-8025}
export GC_SMTP_TEST_PORT=${GC_SMTP_TEST_PORT:-8125}

# PostgreSQL: the embedded cluster in var/pg unless GC_DB_HOST names an existing server.
export GC_DB_HOST=${GC_DB_HOST:-}
export GC_DB_PORT=${GC_DB_PORT:-5439}
export GC_DB_USER=${GC_DB_USER:-odoo}
export GC_DB_PASSWORD=${GC_DB_PASSWORD:-}
# The cluster lives in var/pg, unless the 'postgres' user cannot reach that folder (a checkout
# under a private home) or the socket path would be too long for a Unix socket: then in
# /var/tmp, in a folder named after this checkout.
gc_pg_home() {
    local home=$GC_VAR/pg
    if [ ${#home} -gt 80 ] || { [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$(dirname "$GC_VAR")" 2>/dev/null; }; then
        home=/var/tmp/gc-pg-$(printf '%s' "$GC_ROOT" | sha1sum | cut -c1-10)
    fi
    echo "$home"
}
GC_PG_HOME=${GC_PG_HOME:-$(gc_pg_home)}
GC_PG_DATA=$GC_PG_HOME/data
GC_PG_SOCKET=$GC_PG_HOME/run

# The addons of this project, in dependency order.
GC_ADDONS=gradient_base,gradient_cultivation,capability_portrait,expert_library

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mError: %s\033[0m\n' "$*" >&2; exit 1; }

# Where Odoo and psql connect: the embedded cluster's socket folder, or the external host.
gc_db_host() { if [ -n "$GC_DB_HOST" ]; then echo "$GC_DB_HOST"; else echo "$GC_PG_SOCKET"; fi; }

gc_psql() {
    PGPASSWORD=$GC_DB_PASSWORD psql -X -q -h "$(gc_db_host)" -p "$GC_DB_PORT" -U "$GC_DB_USER" "$@"
}

gc_db_exists() {
    [ "$(gc_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]
}

# Writes var/odoo-<name>.conf from config/odoo-<name>.conf, expanding $VARIABLES, so that the
# committed files hold no machine paths and no secrets.
gc_render_conf() {
    local name=$1 out=$GC_VAR/odoo-$1.conf
    mkdir -p "$GC_VAR"
    GC_DB_HOST_EFFECTIVE=$(gc_db_host) GC_MASTER_PASSWORD=$(gc_master_password) \
        "$GC_VENV/bin/python" - "$GC_ROOT/config/odoo-$name.conf" "$out" <<'PY'
import os, sys
src, out = sys.argv[1], sys.argv[2]
with open(src) as f:
    text = os.path.expandvars(f.read())
with open(out, 'w') as f:
    f.write(text)
os.chmod(out, 0o600)
PY
    echo "$out"
}

# The database manager's master password of this checkout: random, made once, kept in var/.
gc_master_password() {
    local f=$GC_VAR/master-password
    if [ -n "${GC_MASTER_PASSWORD:-}" ]; then echo "$GC_MASTER_PASSWORD"; return; fi
    if [ ! -s "$f" ]; then
        mkdir -p "$GC_VAR"
        (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$f")
    fi
    cat "$f"
}

gc_odoo() {
    "$GC_VENV/bin/python" "$GC_ROOT/scripts/odoo-bin" "$@"
}

# True when something listens on TCP port $1 of this machine.
gc_port_busy() {
    "$GC_VENV/bin/python" - "$1" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.connect(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
}

# A threaded Odoo server answers HTTP while its main thread still loads the registry, and the
# first request imports every addon (http.Root.load_addons) in its own thread: two threads
# importing the same addons at once can leave the registry without some models for the server's
# whole life. So the first request waits until the log says "Modules loaded." once more than
# before the start (gc_loaded_count LOGFILE, read before starting the server).
gc_loaded_count() {
    local n
    n=$(grep -c 'odoo.modules.loading: Modules loaded.' "$1" 2>/dev/null || true)
    echo "${n:-0}"
}
gc_wait_loaded() {
    local log=$1 before=$2 pid=$3 limit=${4:-180} i=0
    while [ $i -lt "$limit" ]; do
        kill -0 "$pid" 2>/dev/null || return 1
        [ "$(gc_loaded_count "$log")" -gt "$before" ] && return 0
        sleep 1; i=$((i + 1))
    done
    return 1
}
# Waits until Odoo answers /web/login on port $1 (pid $2 must stay alive), at most $3 seconds.
gc_wait_http() {
    local port=$1 pid=$2 limit=${3:-120} i=0
    while [ $i -lt "$limit" ]; do
        kill -0 "$pid" 2>/dev/null || return 1
        if curl -fsS -o /dev/null "http://127.0.0.1:$port/web/login" 2>/dev/null; then return 0; fi
        sleep 1; i=$((i + 1))
    done
    return 1
}
