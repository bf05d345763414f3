#!/usr/bin/env bash
# Installs whatever is missing, and nothing else: Debian packages, the Python 3.7 virtualenv
# with Odoo 11.0.7 and the OCA addons, lessc, and the tools virtualenv for browser tests.
# A second run checks stamps and returns in about a second.
source "$(dirname "$0")/common.sh"
cd "$GC_ROOT"

# --- Debian packages -------------------------------------------------------------------
# postgresql: the embedded cluster; wkhtmltopdf + fonts-noto-cjk: Chinese PDF reports;
# chromium: browser tests; curl: health checks; nodejs/npm (when no npm is on PATH): lessc.
DEBS="postgresql wkhtmltopdf fonts-noto-cjk chromium curl nginx-light"
missing=""
for pkg in $DEBS; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
command -v npm >/dev/null || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then APT="apt-get"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then APT="sudo apt-get"
    else die "Debian packages are missing ($missing ) and installing them needs root: run 'sudo apt-get install$missing', then run this command again."
    fi
    say "Installing Debian packages:$missing"
    $APT update -qq >/dev/null || die "'apt-get update' failed: check that the Debian package mirror is reachable."
    DEBIAN_FRONTEND=noninteractive $APT install -y -qq --no-install-recommends $missing >/dev/null \
        || die "'apt-get install$missing' failed: run it by hand to see why."
fi

# --- CPython 3.7 for Odoo 11 --------------------------------------------------------------
find_python37() {
    local c
    for c in "${GC_PYTHON37:-}" "$(command -v pyenv >/dev/null && echo "$(pyenv root)/versions/3.7.16/bin/python")" \
             "$HOME/.pyenv/versions/3.7.16/bin/python" python3.7; do
        [ -n "$c" ] || continue
        if "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 7))' 2>/dev/null; then echo "$c"; return 0; fi
    done
    if command -v pyenv >/dev/null; then
        for c in "$(pyenv root)"/versions/3.7*/bin/python; do
            [ -x "$c" ] && { echo "$c"; return 0; }
        done
    fi
    return 1
}

stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

req_hash=$(cat requirements/python.txt requirements/odoo.txt requirements/oca.txt | sha1sum | cut -c1-16)
if ! stamp_ok "$GC_VENV/.gc-stamp" "$req_hash"; then
    PY37=$(find_python37) || die "CPython 3.7 is missing (Odoo 11 runs on 3.5-3.7 only): install it with 'pyenv install 3.7.16' or set GC_PYTHON37 to a python3.7 binary."
    [ -x "$GC_VENV/bin/python" ] || { say "Creating the Python 3.7 virtualenv .venv"; "$PY37" -m venv "$GC_VENV"; }
    say "Installing pinned Python requirements, Odoo 11.0.7 wheels and OCA addons (first time: about a minute)"
    pip37() { "$GC_VENV/bin/pip" install -q --disable-pip-version-check "$@" 2>&1 | grep -v "is ignored: it is neither" || true; }
    pip37 "pip<24" "setuptools<68" wheel
    pip37 -r requirements/python.txt
    # Odoo wheels and OCA addons declare dependencies that cannot be met (see the files).
    pip37 --no-deps -r requirements/odoo.txt
    pip37 --no-deps --pre -r requirements/oca.txt
    "$GC_VENV/bin/python" -c 'import odoo.addons.base, odoo.addons.auditlog, xlsxwriter, psycopg2' 2>/dev/null \
        || die "The Python 3.7 virtualenv .venv is incomplete after installing: remove .venv and run this command again to see pip's errors."
    echo "$req_hash" > "$GC_VENV/.gc-stamp"
fi

# --- lessc and the local OpenID provider (npm) -----------------------------------------------
# npm oidc-provider (deploy/oidc/provider.mjs, the sign-on platform's stand-in) needs node >= 18.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 18 ] || die "node $node_major is too old for the local OpenID provider (npm oidc-provider needs node 18 or later): install a newer nodejs, then run this command again."
npm_hash=$(sha1sum package-lock.json | cut -c1-16)
if ! stamp_ok node_modules/.gc-stamp "$npm_hash"; then
    say "Installing lessc and the local OpenID provider from npm"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null || die "'npm ci' failed: run it in $GC_ROOT to see why."
    echo "$npm_hash" > node_modules/.gc-stamp
fi

# --- Tools virtualenv (CPython >= 3.9): Playwright, pytest ------------------------------------
find_python_tools() {
    local c
    for c in "${GC_PYTHON_TOOLS:-}" python3 "$(command -v pyenv >/dev/null && echo "$(pyenv root)/versions/3.11.7/bin/python")"; do
        [ -n "$c" ] || continue
        if "$c" -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then command -v "$c"; return 0; fi
    done
    return 1
}
tools_hash=$(sha1sum requirements/tools.txt | cut -c1-16)
if ! stamp_ok "$GC_TOOLS_VENV/.gc-stamp" "$tools_hash"; then
    PYT=$(find_python_tools) || die "A CPython >= 3.9 for the browser-test tools is missing: install one (e.g. 'pyenv install 3.11') or set GC_PYTHON_TOOLS."
    [ -x "$GC_TOOLS_VENV/bin/python" ] || { say "Creating the tools virtualenv .venv-tools"; "$PYT" -m venv "$GC_TOOLS_VENV"; }
    say "Installing Playwright and pytest into .venv-tools"
    "$GC_TOOLS_VENV/bin/pip" install -q --disable-pip-version-check -r requirements/tools.txt 2>&1 | grep -v "is ignored: it is neither" || true
    "$GC_TOOLS_VENV/bin/python" -c 'import playwright, pytest' 2>/dev/null \
        || die "The tools virtualenv .venv-tools is incomplete: remove it and run this command again to see pip's errors."
    echo "$tools_hash" > "$GC_TOOLS_VENV/.gc-stamp"
fi

mkdir -p "$GC_VAR/log" "$GC_VAR/run"
