#!/usr/bin/env bash
# The local OpenID provider (deploy/oidc/provider.mjs), the 助企一把 platform's stand-in:
#   scripts/oidc.sh start PORT [test]   starts it on loopback (test: with its test hooks), waits for it
#   scripts/oidc.sh stop PORT           stops the one this project started on PORT
# Its client accepts the code on the run and the test ports (GC_HTTP_PORT, GC_TEST_HTTP_PORT).
source "$(dirname "$0")/common.sh"
cd "$GC_ROOT"
action=${1:-}; port=${2:-}; mode=${3:-}
[ -n "$port" ] || die "usage: scripts/oidc.sh start|stop PORT [test]"
PIDFILE=$GC_VAR/run/oidc-$port.pid
LOG=$GC_VAR/log/oidc-$port.log
mkdir -p "$GC_VAR/run" "$GC_VAR/log"
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
case "$action" in
start)
    if running; then say "The local OpenID provider already runs on port $port"; exit 0; fi
    command -v node >/dev/null || die "node is missing: the local OpenID provider needs node 18 or later."
    [ -d node_modules/oidc-provider ] || die "npm oidc-provider is missing: run 'make setup'."
    gc_port_busy "$port" && die "Port $port is taken: stop what uses it, or set GC_OIDC_PORT / GC_OIDC_TEST_PORT."
    hooks=0; [ "$mode" = test ] && hooks=1
    GC_OIDC_PORT=$port GC_OIDC_TEST_HOOKS=$hooks GC_OIDC_REDIRECT_PORTS="$GC_HTTP_PORT,$GC_TEST_HTTP_PORT" \
        nohup node deploy/oidc/provider.mjs >>"$LOG" 2>&1 &
    echo $! > "$PIDFILE"
    for _ in $(seq 1 60); do
        if curl -sf "http://localhost:$port/.well-known/openid-configuration" >/dev/null; then
            say "Local OpenID provider on http://localhost:$port (log: ${LOG#$GC_ROOT/})"; exit 0
        fi
        kill -0 "$(cat "$PIDFILE")" 2>/dev/null || break
        sleep 0.5
    done
    die "The local OpenID provider did not start: see ${LOG#$GC_ROOT/}."
    ;;
stop)
    if running; then
        pid=$(cat "$PIDFILE"); kill "$pid"
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$pid" 2>/dev/null || true
        say "Stopped the local OpenID provider on port $port"
    fi
    rm -f "$PIDFILE"
    ;;
*) die "usage: scripts/oidc.sh start|stop PORT [test]" ;;
esac
