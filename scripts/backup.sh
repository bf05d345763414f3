#!/usr/bin/env bash
# `make backup [DB=gradient] [DEST=var/backups]`: the database and its filestore into one zip
# (Odoo's format, restorable here or from the database manager).
source "$(dirname "$0")/common.sh"
"$GC_ROOT/scripts/pg.sh" start
db=${DB:-$GC_DB}
dest=${DEST:-$GC_VAR/backups}
gc_db_exists "$db" || die "Database $db does not exist: nothing to back up (set DB=name)."
conf=$(gc_render_conf dev)
file=$("$GC_VENV/bin/python" "$GC_ROOT/scripts/dbtool.py" -c "$conf" backup "$db" "$dest") \
    || die "The backup of $db failed: see the message above."
say "Backup of $db: $file ($(du -h "$file" | cut -f1))"
