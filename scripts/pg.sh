#!/usr/bin/env bash
# The embedded PostgreSQL cluster in var/pg: `pg.sh start` (initialises it the first time and
# creates Odoo's login role) and `pg.sh stop`. Does nothing when GC_DB_HOST names a server.
source "$(dirname "$0")/common.sh"

action=${1:-start}
if [ -n "$GC_DB_HOST" ]; then
    [ "$action" = start ] || exit 0
    gc_psql -d postgres -c 'SELECT 1' >/dev/null 2>&1 \
        || die "PostgreSQL at $GC_DB_HOST:$GC_DB_PORT refuses user $GC_DB_USER: check GC_DB_HOST, GC_DB_PORT, GC_DB_USER and GC_DB_PASSWORD."
    exit 0
fi

PGBIN=${GC_PG_BIN:-$(pg_config --bindir 2>/dev/null || true)}
[ -x "$PGBIN/initdb" ] || PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$PGBIN/initdb" ] || die "PostgreSQL's server programs (initdb, pg_ctl) are missing: run 'apt-get install postgresql'."

# initdb and the server refuse to run as root: as root they run as the 'postgres' user.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "User 'postgres' is missing: run 'apt-get install postgresql'."
    as_pg() { runuser -u postgres -- "$@"; }
    owner=postgres
else
    as_pg() { "$@"; }
    owner=$(id -un)
fi
PGLOG=$GC_PG_HOME/postgresql.log

case "$action" in
start)
    mkdir -p "$GC_VAR/log"
    install -d -o "$owner" -m 700 "$GC_PG_HOME" "$GC_PG_SOCKET"
    touch "$PGLOG"; chown "$owner" "$PGLOG"
    as_pg test -w "$GC_PG_HOME" || die "User '$owner' cannot write to $GC_PG_HOME: make the folders above it traversable (chmod o+x) or set GC_PG_HOME to another folder."
    if [ ! -f "$GC_PG_DATA/PG_VERSION" ]; then
        say "Creating the embedded PostgreSQL cluster in $GC_PG_HOME"
        as_pg "$PGBIN/initdb" -D "$GC_PG_DATA" -A trust -E UTF8 --locale=C.UTF-8 -U postgres >"$GC_VAR/log/initdb.log" 2>&1 \
            || die "initdb failed: see var/log/initdb.log."
    fi
    if ! as_pg "$PGBIN/pg_ctl" -D "$GC_PG_DATA" status >/dev/null 2>&1; then
        if gc_port_busy "$GC_DB_PORT" 2>/dev/null; then
            die "Port $GC_DB_PORT is taken, so the embedded PostgreSQL cannot start: free it or set GC_DB_PORT to another port."
        fi
        as_pg "$PGBIN/pg_ctl" -D "$GC_PG_DATA" -l "$PGLOG" -w -t 60 \
            -o "-k $GC_PG_SOCKET -p $GC_DB_PORT -c listen_addresses='' -c max_connections=200 -c shared_buffers=256MB -c fsync=${GC_PG_FSYNC:-on}" \
            start >/dev/null \
            || die "PostgreSQL would not start: see the end of $PGLOG."
    fi
    # Odoo refuses to connect as 'postgres': it gets a login role of its own.
    exists=$(psql -X -h "$GC_PG_SOCKET" -p "$GC_DB_PORT" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$GC_DB_USER'")
    if [ "$exists" != 1 ]; then
        psql -X -q -h "$GC_PG_SOCKET" -p "$GC_DB_PORT" -U postgres -d postgres -c \
            "CREATE ROLE \"$GC_DB_USER\" LOGIN CREATEDB" || die "Could not create the PostgreSQL role $GC_DB_USER."
    fi
    ;;
stop)
    if [ -f "$GC_PG_DATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$GC_PG_DATA" status >/dev/null 2>&1; then
        as_pg "$PGBIN/pg_ctl" -D "$GC_PG_DATA" -m fast -w stop >/dev/null
        say "Stopped the embedded PostgreSQL"
    fi
    ;;
*) die "usage: pg.sh start|stop" ;;
esac
