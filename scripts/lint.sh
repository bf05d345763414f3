#!/usr/bin/env bash
# `make lint`: pylint-odoo (.pylintrc) and OCA's module and translation checks (.oca_hooks.cfg)
# over our addons, from the tools virtualenv. Exits non-zero on any finding.
source "$(dirname "$0")/common.sh"
cd "$GC_ROOT"
for tool in pylint oca-checks-odoo-module oca-checks-po; do
    [ -x "$GC_TOOLS_VENV/bin/$tool" ] || die "$tool is missing from $GC_TOOLS_VENV: run make setup."
done
addons=$(ls -d addons/*/)
rc=0
"$GC_TOOLS_VENV/bin/pylint" --rcfile=.pylintrc $addons || rc=1
"$GC_TOOLS_VENV/bin/oca-checks-odoo-module" --config=.oca_hooks.cfg $addons || rc=1
"$GC_TOOLS_VENV/bin/oca-checks-po" --config=.oca_hooks.cfg addons/*/i18n/*.po || rc=1
if [ "$rc" = 0 ]; then echo "lint: no finding (pylint-odoo, oca-checks-odoo-module, oca-checks-po)"; else echo "lint: findings above" >&2; fi
exit "$rc"
