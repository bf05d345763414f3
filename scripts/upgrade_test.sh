#!/usr/bin/env bash
# The upgrade test (a phase of `make test`; alone: scripts/upgrade_test.sh TEMPLATE_DB).
# A database made by an earlier commit (GC_UPGRADE_FROM, default e88a42b: the last commit before
# the platform code moved into gradient_base) with our addons and their demo data is updated with
# this checkout's code; scripts/upgrade_check.py then checks that every record is still there and
# that the XML ids of what moved now belong to gradient_base. Writes var/test/upgrade.json
# ({"passed": bool, "problems": [...]}) and exits non-zero when the check fails.
source "$(dirname "$0")/common.sh"
cd "$GC_ROOT"
TPL=${1:?usage: scripts/upgrade_test.sh TEMPLATE_DB}
FROM=${GC_UPGRADE_FROM:-e88a42b}
OUT=$GC_VAR/test
DB=${GC_TEST_DB}_upgrade
OLD=$GC_VAR/upgrade-from
mkdir -p "$OUT"
start=$(date +%s)
result() {  # result 1|0 [PROBLEM...]: var/test/upgrade.json, read by the summary of make test
    "$GC_VENV/bin/python" -c 'import json, sys; json.dump({"passed": sys.argv[2] == "1", "problems": sys.argv[3:]}, open(sys.argv[1], "w"))' \
        "$OUT/upgrade.json" "$@"
}
export PGHOST=$(gc_db_host) PGPORT=$GC_DB_PORT PGUSER=$GC_DB_USER PGPASSWORD=$GC_DB_PASSWORD
# a shallow clone may lack the commit: fetch it from where the clone came from
git cat-file -e "$FROM^{commit}" 2>/dev/null || git fetch -q --unshallow 2>/dev/null || git fetch -q origin "$FROM" 2>/dev/null || true
git cat-file -e "$FROM^{commit}" 2>/dev/null || { result 0 "upgrade test: commit $FROM is not in this clone's history"; die "The upgrade test needs the commit $FROM (a clone with its history)."; }

# the earlier code, as a worktree of its commit (made once, reused)
if [ "$(git -C "$OLD" rev-parse HEAD 2>/dev/null)" != "$(git rev-parse "$FROM^{commit}")" ]; then
    rm -rf "$OLD"; git worktree prune
    git worktree add --detach --force "$OLD" "$FROM" >/dev/null 2>&1 || { result 0 "upgrade test: git worktree add failed"; die "git worktree add $FROM failed."; }
fi
conf=$(gc_render_conf test)
old_conf=$GC_VAR/odoo-upgrade-from.conf
sed "s|^addons_path = .*|addons_path = $OLD/addons|" "$conf" > "$old_conf"
chmod 600 "$old_conf"

gc_psql -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null
gc_psql -d postgres -c "CREATE DATABASE \"$DB\" TEMPLATE \"$TPL\"" >/dev/null
rm -rf "$GC_VAR/data/filestore/$DB"
[ -d "$GC_VAR/data/filestore/$TPL" ] && cp -a "$GC_VAR/data/filestore/$TPL" "$GC_VAR/data/filestore/$DB"

say "Upgrade test: installing $GC_ADDONS as of $FROM with demo data (log: var/test/upgrade.log)"
gc_odoo -c "$old_conf" -d "$DB" -i "$GC_ADDONS" --stop-after-init --logfile="$OUT/upgrade.log" 2>>"$OUT/upgrade.log" \
    || { result 0 "upgrade test: installing the addons of $FROM failed (var/test/upgrade.log)"; die "Installing $FROM failed: see var/test/upgrade.log."; }
"$GC_VENV/bin/python" scripts/upgrade_check.py before "$DB" "$OUT/upgrade-before.json"

say "Upgrade test: updating it with this checkout's code"
mark=$(wc -l < "$OUT/upgrade.log")
gc_odoo -c "$conf" -d "$DB" -u "$GC_ADDONS" --stop-after-init --logfile="$OUT/upgrade.log" 2>>"$OUT/upgrade.log" \
    || { result 0 "upgrade test: the update failed (var/test/upgrade.log)"; die "The update failed: see var/test/upgrade.log."; }
tail -n +"$((mark + 1))" "$OUT/upgrade.log" > "$OUT/upgrade-update.log"
rc=0
"$GC_VENV/bin/python" scripts/upgrade_check.py after "$DB" "$OUT/upgrade-before.json" "$OUT/upgrade-update.log" "$OUT/upgrade.json" || rc=$?
gc_psql -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null
rm -rf "$GC_VAR/data/filestore/$DB"
say "Upgrade test: $(( $(date +%s) - start )) s"
exit $rc
