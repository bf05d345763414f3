#!/usr/bin/env bash
# `make test`: every test of our addons (Odoo's test runner, counted by scripts/odoo_test_runner.py)
# and the browser tests (pytest + Playwright + Chromium against a server on the test database).
# Ends with one line "N passed, N failed[, N skipped]"; exits 1 when anything failed or nothing ran.
# The lint (scripts/lint.sh) runs first and counts as one test: passed when it finds nothing.
# ADDONS=a,b (make test ADDONS=gradient_cultivation): only the Odoo tests of those addons; the
# addons of ours they depend on are installed without their tests; no lint, no browser tests.
source "$(dirname "$0")/common.sh"
cd "$GC_ROOT"
"$GC_ROOT/scripts/setup.sh"
"$GC_ROOT/scripts/pg.sh" start
export PATH="$GC_ROOT/node_modules/.bin:$PATH"
# The local OpenID provider of the tests (its own port, so that `make run` keeps its own): the
# test database is configured against it at install (demo data), the browser and ops tests sign
# on through it, with its test hooks on (tests/ops/test_oidc_signon.py).
export GC_OIDC_TEST_PORT=${GC_OIDC_TEST_PORT:-8190}
export GC_OIDC_ISSUER="http://localhost:$GC_OIDC_TEST_PORT"
OUT=$GC_VAR/test
rm -rf "$OUT"; mkdir -p "$OUT"
conf=$(gc_render_conf test)

lint_rc=skipped
if [ -z "${ADDONS:-}" ]; then
    say "Lint: pylint-odoo and the OCA module checks (log: var/test/lint.log)"
    if "$GC_ROOT/scripts/lint.sh" >"$OUT/lint.log" 2>&1; then lint_rc=0; else lint_rc=1; cat "$OUT/lint.log" >&2; fi
fi

# 1. A template database holding every dependency of our addons (and zh_CN), built without
#    their own tests and kept while the dependencies and requirements stay the same.
deps=$("$GC_VENV/bin/python" - "$GC_ROOT/addons" "$GC_ADDONS" <<'PY'
import ast, os, sys
root, ours = sys.argv[1], sys.argv[2].split(',')
deps = set()
for name in ours:
    with open(os.path.join(root, name, '__manifest__.py')) as f:
        deps.update(ast.literal_eval(f.read()).get('depends', []))
print(','.join(sorted(deps - set(ours))))
PY
)
tpl_hash=$( (echo "$deps"; cat requirements/*.txt) | sha1sum | cut -c1-10)
TPL=gc_tpl_$tpl_hash
if ! gc_db_exists "$TPL"; then
    for old in $(gc_psql -d postgres -tAc "SELECT datname FROM pg_database WHERE datname LIKE 'gc\_tpl\_%'"); do
        gc_psql -d postgres -c "DROP DATABASE \"$old\"" >/dev/null; rm -rf "$GC_VAR/data/filestore/$old"
    done
    say "Building the template database $TPL ($deps)"
    gc_odoo -c "$conf" -d "$TPL" -i "$deps" --load-language=zh_CN --stop-after-init \
        --logfile="$OUT/template.log" 2>>"$OUT/template.log" \
        || { gc_psql -d postgres -c "DROP DATABASE IF EXISTS \"$TPL\"" >/dev/null; die "Building the template database failed: see var/test/template.log."; }
fi
gc_psql -d postgres -c "DROP DATABASE IF EXISTS \"$GC_TEST_DB\"" >/dev/null
gc_psql -d postgres -c "CREATE DATABASE \"$GC_TEST_DB\" TEMPLATE \"$TPL\"" >/dev/null
rm -rf "$GC_VAR/data/filestore/$GC_TEST_DB"
if [ -d "$GC_VAR/data/filestore/$TPL" ]; then
    mkdir -p "$GC_VAR/data/filestore"; cp -a "$GC_VAR/data/filestore/$TPL" "$GC_VAR/data/filestore/$GC_TEST_DB"
fi

# 2. Our addons' tests, run while they install (at_install) and after (post_install).
tested=$GC_ADDONS
if [ -n "${ADDONS:-}" ]; then
    tested=$ADDONS
    # our addons that ADDONS build on, installed first without their tests
    below=$("$GC_VENV/bin/python" - "$GC_ROOT/addons" "$GC_ADDONS" "$ADDONS" <<'PY'
import ast, os, sys
root, ours, wanted = sys.argv[1], sys.argv[2].split(','), sys.argv[3].split(',')
unknown = [name for name in wanted if name not in ours]
if unknown:
    sys.exit('ADDONS: not an addon of ours: %s (ours: %s)' % (', '.join(unknown), ', '.join(ours)))
seen, todo = set(), list(wanted)
while todo:
    with open(os.path.join(root, todo.pop(), '__manifest__.py')) as f:
        for dep in ast.literal_eval(f.read()).get('depends', []):
            if dep in ours and dep not in seen:
                seen.add(dep); todo.append(dep)
print(','.join(name for name in ours if name in seen - set(wanted)))
PY
) || die "make test ADDONS=$ADDONS: see the line above."
    if [ -n "$below" ]; then
        say "Installing $below without their tests (log: var/test/odoo-below.log)"
        gc_odoo -c "$conf" -d "$GC_TEST_DB" -i "$below" --stop-after-init --logfile="$OUT/odoo-below.log" \
            2>>"$OUT/odoo-below.log" || die "Installing $below failed: see var/test/odoo-below.log."
    fi
fi
say "Installing $tested with their tests (log: var/test/odoo.log)"
set +e
GC_TEST_RESULTS=$OUT/odoo-results.json "$GC_VENV/bin/python" "$GC_ROOT/scripts/odoo_test_runner.py" \
    -c "$conf" -d "$GC_TEST_DB" -i "$tested" --test-enable --stop-after-init --logfile="$OUT/odoo.log" 2>>"$OUT/odoo.log"
odoo_rc=$?
set -e

# 2b. The upgrade test: a database made by the commit before the platform code moved into
#     gradient_base, updated with this code, keeps its records (scripts/upgrade_test.sh).
if [ -z "${ADDONS:-}" ]; then
    "$GC_ROOT/scripts/upgrade_test.sh" "$TPL" || true   # its result is var/test/upgrade.json
fi

# 3. Browser tests against a server on the test database (not with ADDONS=).
browser_rc=skipped
if [ -z "${ADDONS:-}" ]; then
say "Starting Odoo on port $GC_TEST_HTTP_PORT for the browser tests"
gc_port_busy "$GC_TEST_HTTP_PORT" && die "Port $GC_TEST_HTTP_PORT is taken: stop what uses it, or set GC_TEST_HTTP_PORT."
# The first request waits for the registry (gc_wait_loaded in common.sh).
start_http() {
    local before
    before=$(gc_loaded_count "$OUT/odoo-http.log")
    "$GC_VENV/bin/python" "$GC_ROOT/scripts/odoo-bin" -c "$conf" -d "$GC_TEST_DB" \
        --logfile="$OUT/odoo-http.log" >/dev/null 2>&1 &
    http_pid=$!
    gc_wait_loaded "$OUT/odoo-http.log" "$before" "$http_pid" 180 || true
}
# The server is ready when its registry serves our models and the extensions of the modules they
# build on; a server whose registry lacks some is restarted, at most twice.
registry_ready() {
    "$GC_TOOLS_VENV/bin/python" - "http://localhost:$GC_TEST_HTTP_PORT" "$GC_TEST_DB" <<'PY'
import sys, xmlrpc.client
import pyotp
url, db = sys.argv[1], sys.argv[2]
# admin signs in with two factors: the password followed by the code of the demo key (README)
admin = lambda: 'admin' + pyotp.TOTP('GRADIENTDEMOTOTPKEYFORSTAFF23456').now()
uid = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/common').authenticate(db, 'admin', admin(), {})
models = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object')
# Every model of the three addons, as the database knows them: a registry that lacks any of them
# (seen: portrait.evaluation missing while portrait.dimension was there) is not ready.
names = models.execute_kw(db, uid, admin(), 'ir.model', 'search_read',
                          [[('transient', '=', False), '|', '|', ('model', '=like', 'cultivation.%'),
                            ('model', '=like', 'portrait.%'), ('model', '=like', 'expert.%')]], {'fields': ['model']})
assert len(names) > 30, names
for record in names:
    models.execute_kw(db, uid, admin(), record['model'], 'fields_get', [], {'attributes': ['type']})
# and fields that other modules add to a model: auth_signup to users, our addons to each other's
for model, field in (('res.users', 'state'), ('cultivation.enterprise', 'expert_request_count'),
                     ('cultivation.enterprise', 'portrait_evaluation_count')):
    assert field in models.execute_kw(db, uid, admin(), model, 'fields_get', [[field]]), (model, field)
PY
}
"$GC_ROOT/scripts/oidc.sh" stop "$GC_OIDC_TEST_PORT"
"$GC_ROOT/scripts/oidc.sh" start "$GC_OIDC_TEST_PORT" test
# The tests' own SMTP server: the ops tests read the mails back from var/mail/test.
"$GC_ROOT/scripts/mail.sh" stop "$GC_SMTP_TEST_PORT"
rm -rf "$GC_VAR/mail/test"
"$GC_ROOT/scripts/mail.sh" start "$GC_SMTP_TEST_PORT" test
start_http
trap 'kill $http_pid 2>/dev/null || true; "$GC_ROOT/scripts/oidc.sh" stop "$GC_OIDC_TEST_PORT" >/dev/null; "$GC_ROOT/scripts/mail.sh" stop "$GC_SMTP_TEST_PORT" >/dev/null' EXIT
for try in 1 2 3; do
    if gc_wait_http "$GC_TEST_HTTP_PORT" "$http_pid" 180 && registry_ready >/dev/null 2>&1; then break; fi
    echo "The test server is not ready (try $try): restarting it" >&2
    kill "$http_pid" 2>/dev/null || true; wait "$http_pid" 2>/dev/null || true
    start_http
done
browser_rc=0
if gc_wait_http "$GC_TEST_HTTP_PORT" "$http_pid" 180; then
    say "Running the browser tests (screenshots: var/screenshots) and the restore drill"
    set +e
    GC_BASE_URL="http://localhost:$GC_TEST_HTTP_PORT" GC_DB_NAME="$GC_TEST_DB" GC_SCREENSHOTS="$GC_VAR/screenshots" \
        GC_MAILDIR="$GC_VAR/mail/test" \
        "$GC_TOOLS_VENV/bin/python" -m pytest -p no:cacheprovider -q tests/browser tests/ops \
        --junitxml="$OUT/browser.xml" "$@"
    browser_rc=$?
    set -e
else
    echo "Odoo did not start for the browser tests: see var/test/odoo-http.log" >&2
    browser_rc=99
fi
kill "$http_pid" 2>/dev/null || true
wait "$http_pid" 2>/dev/null || true
"$GC_ROOT/scripts/oidc.sh" stop "$GC_OIDC_TEST_PORT" >/dev/null
"$GC_ROOT/scripts/mail.sh" stop "$GC_SMTP_TEST_PORT" >/dev/null
fi

# 4. One line, counted from the runners' own results.
"$GC_VENV/bin/python" - "$OUT/odoo-results.json" "$OUT/browser.xml" "$odoo_rc" "$browser_rc" "$lint_rc" "${ADDONS:-}" "$OUT/upgrade.json" <<'PY'
import json, os, sys
import xml.etree.ElementTree as ET
res_path, xml_path, odoo_rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
browser_rc, lint_rc, addons, upgrade_path = sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
passed = failed = skipped = 0
problems = []
if not addons:  # the upgrade test counts as one test
    upgrade = json.load(open(upgrade_path)) if os.path.exists(upgrade_path) else {'passed': False, 'problems': ['did not run']}
    if upgrade['passed']:
        passed += 1
    else:
        failed += 1
        problems += ['FAIL: upgrade test: %s' % p for p in upgrade['problems']] or ['FAIL: upgrade test (var/test/upgrade.log)']
if lint_rc == '0':
    passed += 1
elif lint_rc != 'skipped':
    failed += 1
    problems.append('FAIL: lint (pylint-odoo / OCA checks): see var/test/lint.log')
if os.path.exists(res_path):
    r = json.load(open(res_path))
    passed, failed, skipped = passed + r['passed'], failed + r['failed'], skipped + r['skipped']
    problems += r['problems']
if odoo_rc != 0 and failed == 0:
    failed += 1
    problems.append('Odoo exited with %d without a failing test: see var/test/odoo.log' % odoo_rc)
if os.path.exists(xml_path):
    root = ET.parse(xml_path).getroot()
    suites = [root] if root.tag == 'testsuite' else list(root)
    for s in suites:
        tests, fail = int(s.get('tests', 0)), int(s.get('failures', 0)) + int(s.get('errors', 0))
        skip = int(s.get('skipped', 0))
        passed += tests - fail - skip; failed += fail; skipped += skip
        for case in s.iter('testcase'):
            for tag in ('failure', 'error', 'skipped'):
                if case.find(tag) is not None:
                    problems.append('%s: browser %s.%s' % (tag.upper(), case.get('classname'), case.get('name')))
browser_rc = None if browser_rc == 'skipped' else int(browser_rc)
if browser_rc is not None and (browser_rc not in (0, 1, 5) or (browser_rc != 0 and not os.path.exists(xml_path))):
    failed += 1
    problems.append('browser tests did not run (pytest exit %d)' % browser_rc)
for p in problems:
    print('  ' + p)
if passed + failed == 0:
    print('no test ran')
line = '%d passed, %d failed' % (passed, failed)
if skipped:
    line += ', %d skipped' % skipped
print(line)
sys.exit(1 if failed or passed == 0 else 0)
PY
