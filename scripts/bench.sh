#!/usr/bin/env bash
# `make bench`: builds (once) a database with a realistic volume, starts Odoo in production mode
# (prefork) behind nginx, drives it with Locust (a realistic and a saturation scenario, each with
# Odoo's stock operations beside ours, a control scenario of stock operations alone, capacity steps
# at fewer users, and two probes of the back-office lists alone), times the batch portrait evaluation, and prints the table (also
# in var/bench/results.md) with the CPU each part used per request.
# BENCH_FRESH=1 rebuilds its databases; BENCH_DURATION / BENCH_SAT_DURATION / BENCH_CONTROL_DURATION /
# BENCH_STEP_DURATION change the run lengths, BENCH_STEPS the user counts of the capacity steps.
source "$(dirname "$0")/common.sh"
cd "$GC_ROOT"
"$GC_ROOT/scripts/setup.sh"
"$GC_ROOT/scripts/pg.sh" start
export PATH="$GC_ROOT/node_modules/.bin:$PATH"
export GC_BENCH_DB=${GC_BENCH_DB:-gc_bench}
export GC_BENCH_PORT=${GC_BENCH_PORT:-8480} GC_BENCH_ODOO_PORT=${GC_BENCH_ODOO_PORT:-8470}
export GC_BENCH_LONGPOLLING_PORT=${GC_BENCH_LONGPOLLING_PORT:-8472}
export GC_BENCH_WORKERS=${GC_BENCH_WORKERS:-4}
export BENCH_DIR=$GC_VAR/bench
DURATION=${BENCH_DURATION:-180s}
SAT_DURATION=${BENCH_SAT_DURATION:-90s}
CONTROL_DURATION=${BENCH_CONTROL_DURATION:-90s}
# Capacity steps: the realistic mix of ours without idle sessions at fewer users, to find how many
# the machine serves within the latency goal.
STEPS=${BENCH_STEPS:-10 20 40}
STEP_DURATION=${BENCH_STEP_DURATION:-60s}
mkdir -p "$BENCH_DIR/nginx-tmp"
# BENCH_ONLY="steps probes" (any of: realistic saturation control steps probes portrait) runs those
# parts alone and keeps the other parts' last results for the table.
ONLY=${BENCH_ONLY:-realistic saturation control steps probes portrait}
wants() { [[ " $ONLY " == *" $1 "* ]]; }
[ -n "${BENCH_ONLY:-}" ] || rm -f "$BENCH_DIR"/*.csv "$BENCH_DIR"/*_logins.json "$BENCH_DIR"/results.md "$BENCH_DIR"/portrait.txt
conf=$(gc_render_conf bench)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || die "nginx is missing: run make setup."
for port in $GC_BENCH_PORT $GC_BENCH_ODOO_PORT $GC_BENCH_LONGPOLLING_PORT; do
    gc_port_busy "$port" && die "Port $port is taken: stop what uses it or set GC_BENCH_PORT / GC_BENCH_ODOO_PORT."
done
started=$(date +%s)

# 1. The databases: our addons without demo data ($GC_BENCH_DB_base), the volume generated
#    set-based on a copy of it ($GC_BENCH_DB_data, kept), and the database of this run, a fresh copy
#    of that: every run starts from the same applications in review (approvals change them).
#    After a change of the code the kept databases are updated (-u); BENCH_FRESH=1 rebuilds both.
BASE=${GC_BENCH_DB}_base
DATA=${GC_BENCH_DB}_data
code_hash=$(find addons requirements -type f -not -name '*.pyc' | sort | xargs sha1sum | sha1sum | cut -c1-16)
drop_db() {
    gc_psql -d postgres -c "DROP DATABASE IF EXISTS \"$1\"" >/dev/null
    rm -rf "$GC_VAR/data/filestore/$1"
}
copy_db() {  # copy_db FROM TO
    drop_db "$2"
    gc_psql -d postgres -c "CREATE DATABASE \"$2\" TEMPLATE \"$1\"" >/dev/null
    if [ -d "$GC_VAR/data/filestore/$1" ]; then cp -a "$GC_VAR/data/filestore/$1" "$GC_VAR/data/filestore/$2"; fi
}
update_db() {  # update_db DB HASHFILE
    if [ "$(cat "$2" 2>/dev/null)" != "$code_hash" ]; then
        say "The code changed since $1 was built: updating it"
        gc_odoo -c "$conf" -d "$1" -u "$GC_ADDONS" --workers=0 --stop-after-init --logfile="$BENCH_DIR/update.log" \
            || die "Updating $1 failed: see var/bench/update.log (or run with BENCH_FRESH=1)."
        echo "$code_hash" > "$2"
    fi
}
if [ "${BENCH_FRESH:-0}" = 1 ]; then drop_db "$DATA"; drop_db "$BASE"; fi
if ! gc_db_exists "$DATA"; then
    if ! gc_db_exists "$BASE"; then
        rm -rf "$GC_VAR/data/filestore/$BASE"
        say "Creating $BASE (our addons, no demo data, zh_CN)"
        gc_odoo -c "$conf" -d "$BASE" -i "$GC_ADDONS" --without-demo=all --load-language=zh_CN --workers=0 \
            --stop-after-init --logfile="$BENCH_DIR/install.log" \
            || { drop_db "$BASE"; die "Installing failed: see var/bench/install.log."; }
        echo "$code_hash" > "$BENCH_DIR/base.hash"
    fi
    update_db "$BASE" "$BENCH_DIR/base.hash"
    copy_db "$BASE" "$DATA"
    say "Generating the volume (20,000 enterprises, 30,000 applications, 504,000 monthly reports, 2,100 users)"
    "$GC_VENV/bin/python" scripts/bench/bench_data.py -c "$conf" -d "$DATA" \
        || { drop_db "$DATA"; die "Generating the volume failed."; }
    echo "$code_hash" > "$BENCH_DIR/data.hash"
fi
update_db "$DATA" "$BENCH_DIR/data.hash"
say "Copying $DATA to $GC_BENCH_DB for this run"
copy_db "$DATA" "$GC_BENCH_DB"

# 2. Odoo (prefork) and nginx.
say "Starting Odoo ($GC_BENCH_WORKERS workers) on :$GC_BENCH_ODOO_PORT behind nginx on :$GC_BENCH_PORT"
"$GC_VENV/bin/python" scripts/odoo-bin -c "$conf" -d "$GC_BENCH_DB" --logfile="$BENCH_DIR/odoo.log" >/dev/null 2>&1 &
odoo_pid=$!
"$GC_VENV/bin/python" - "$GC_ROOT/scripts/bench/nginx.conf" "$BENCH_DIR/nginx.conf" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
# Only our variables: nginx's own ($host, $scheme, ...) stay.
text = re.sub(r'\$(BENCH_DIR|GC_BENCH_[A-Z_]+)', lambda m: os.environ[m.group(1)], text)
open(sys.argv[2], 'w').write(text)
PY
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
"$NGINX" -c "$BENCH_DIR/nginx.conf" -p "$BENCH_DIR" || die "nginx did not start: see var/bench/nginx-error.log."
cleanup() {
    "$NGINX" -c "$BENCH_DIR/nginx.conf" -p "$BENCH_DIR" -s stop 2>/dev/null || true
    kill "$odoo_pid" 2>/dev/null || true; wait "$odoo_pid" 2>/dev/null || true
}
trap cleanup EXIT
gc_wait_http "$GC_BENCH_ODOO_PORT" "$odoo_pid" 180 || die "Odoo did not start: see var/bench/odoo.log."
# Warm up: the assets of the login page and the portal are built on the first request.
for path in /web/login /web/login /web/webclient/version_info; do
    curl -s -o /dev/null "http://127.0.0.1:$GC_BENCH_PORT$path" || true
done

export BENCH_DB=$GC_BENCH_DB
LOCUST=("$GC_TOOLS_VENV/bin/locust" -f scripts/bench/locustfile.py --headless --host "http://127.0.0.1:$GC_BENCH_PORT"
        --only-summary --loglevel WARNING)
# The statistics are reset once every user has started (--reset-stats): the figures are those of
# the steady state; logins are counted over the whole run (var/bench/*_logins.json).
if wants realistic; then
    say "Realistic scenario: 2,000 idle sessions log in (8/s), then 100 users (1-3 s think time) for $DURATION"
    BENCH_THINK=1-3 BENCH_LOGINS_FILE="$BENCH_DIR/realistic_logins.json" "${LOCUST[@]}" -u 2100 -r 8 \
        -t "$(( ${DURATION%s} + 270 ))s" --reset-stats --csv "$BENCH_DIR/realistic" \
        Enterprise TerritoryReviewer BureauReviewer IdleSession >"$BENCH_DIR/realistic.log" 2>&1 || true
fi
if wants saturation; then
    say "Saturation scenario: 100 users, no think time, $SAT_DURATION"
    BENCH_THINK=0 BENCH_LOGINS_FILE="$BENCH_DIR/saturation_logins.json" "${LOCUST[@]}" -u 100 -r 50 \
        -t "$(( ${SAT_DURATION%s} + 15 ))s" --reset-stats --csv "$BENCH_DIR/saturation" \
        Enterprise TerritoryReviewer BureauReviewer >"$BENCH_DIR/saturation.log" 2>&1 || true
fi
if wants control; then
    say "Control scenario: 100 users doing only stock operations, 1-3 s think time, $CONTROL_DURATION"
    BENCH_THINK=1-3 BENCH_LOGINS_FILE="$BENCH_DIR/control_logins.json" "${LOCUST[@]}" -u 100 -r 50 \
        -t "$(( ${CONTROL_DURATION%s} + 15 ))s" --reset-stats --csv "$BENCH_DIR/control" \
        StockEnterprise StockReviewer >"$BENCH_DIR/control.log" 2>&1 || true
fi
wants steps && for users in $STEPS; do
    say "Capacity step: $users users, 1-3 s think time, no idle sessions, $STEP_DURATION"
    # Users log in at 5/s (not all in the same second): the statistics start once all have started.
    BENCH_THINK=1-3 BENCH_LOGINS_FILE="$BENCH_DIR/step_${users}_logins.json" "${LOCUST[@]}" -u "$users" -r 5 \
        -t "$(( ${STEP_DURATION%s} + users / 5 ))s" --reset-stats --csv "$BENCH_DIR/step_$users" \
        Enterprise TerritoryReviewer BureauReviewer >"$BENCH_DIR/step_$users.log" 2>&1 || true
done
wants probes && for probe in ours stock; do
    say "Probe: the $probe back-office list alone, 50 users, no think time, 30 s"
    BENCH_THINK=0 BENCH_LOGINS_FILE="$BENCH_DIR/probe_${probe}_logins.json" "${LOCUST[@]}" -u 50 -r 50 -t 40s \
        --reset-stats --csv "$BENCH_DIR/probe_$probe" \
        "Probe$(tr '[:lower:]' '[:upper:]' <<<"${probe:0:1}")${probe:1}" >"$BENCH_DIR/probe_$probe.log" 2>&1 || true
done
cleanup
trap - EXIT

# 3. The batch portrait evaluation (10,000 enterprises x 20 indicators, rolled back).
if wants portrait; then
    say "Batch portrait evaluation"
    "$GC_VENV/bin/python" scripts/bench_portrait.py -c "$conf" -d "$GC_BENCH_DB" 2>/dev/null | grep -v '^$' \
        > "$BENCH_DIR/portrait.txt" || true
fi

"$GC_VENV/bin/python" scripts/bench/report.py "$BENCH_DIR"
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uname -sr); total $(( $(date +%s) - started )) s"
