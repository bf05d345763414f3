#!/usr/bin/env bash
# `make restore FILE=var/backups/x.dump.zip [DB=gradient] [FORCE=1]`: restores a backup.
# An existing database is replaced only with FORCE=1 (Odoo is stopped first; `make run` again).
source "$(dirname "$0")/common.sh"
file=${FILE:-}
[ -n "$file" ] || die "Say which backup to restore: make restore FILE=var/backups/<name>.dump.zip"
[ -f "$file" ] || die "Backup file $file not found."
db=${DB:-$GC_DB}
"$GC_ROOT/scripts/pg.sh" start
conf=$(gc_render_conf dev)
if gc_db_exists "$db"; then
    [ "${FORCE:-}" = 1 ] || die "Database $db exists: add FORCE=1 to replace it, or DB=another_name to restore beside it."
    if [ "$db" = "$GC_DB" ] && [ -f "$GC_VAR/run/odoo.pid" ]; then "$GC_ROOT/scripts/stop.sh" >/dev/null; "$GC_ROOT/scripts/pg.sh" start; fi
    gc_psql -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()" >/dev/null
    gc_psql -d postgres -c "DROP DATABASE \"$db\"" >/dev/null || die "Could not drop database $db."
    rm -rf "$GC_VAR/data/filestore/$db"
fi
"$GC_VENV/bin/python" "$GC_ROOT/scripts/dbtool.py" -c "$conf" restore "$file" "$db" || die "Restoring $file into $db failed."
say "Restored $file into database $db"
