#!/usr/bin/env bash
# The local SMTP server (scripts/mailserver.py, aiosmtpd), where Odoo sends its mail in
# development and in the tests; what it receives stays in var/mail/<name> (a Maildir).
#   scripts/mail.sh start PORT NAME   starts it on 127.0.0.1:PORT, waits for it
#   scripts/mail.sh stop PORT         stops the one this project started on PORT
#   scripts/mail.sh show NAME [N]     prints the last N messages kept (make mail)
source "$(dirname "$0")/common.sh"
cd "$GC_ROOT"
action=${1:-}; port=${2:-}; name=${3:-}
mkdir -p "$GC_VAR/run" "$GC_VAR/log"
case "$action" in
start)
    [ -n "$port" ] && [ -n "$name" ] || die "usage: scripts/mail.sh start PORT NAME"
    PIDFILE=$GC_VAR/run/smtp-$port.pid
    if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then say "The local SMTP server already runs on port $port"; exit 0; fi
    gc_port_busy "$port" && die "Port $port is taken: stop what uses it, or set GC_SMTP_PORT / GC_SMTP_TEST_PORT."
    "$GC_VENV/bin/python" -c 'import aiosmtpd' 2>/dev/null || die "aiosmtpd is missing: run 'make setup'."
    nohup "$GC_VENV/bin/python" scripts/mailserver.py "$port" "$GC_VAR/mail/$name" >>"$GC_VAR/log/smtp-$port.log" 2>&1 &
    echo $! > "$PIDFILE"
    for _ in $(seq 1 40); do
        if gc_port_busy "$port"; then say "Local SMTP server on 127.0.0.1:$port, mail kept in var/mail/$name"; exit 0; fi
        kill -0 "$(cat "$PIDFILE")" 2>/dev/null || break
        sleep 0.25
    done
    die "The local SMTP server did not start: see var/log/smtp-$port.log."
    ;;
stop)
    [ -n "$port" ] || die "usage: scripts/mail.sh stop PORT"
    PIDFILE=$GC_VAR/run/smtp-$port.pid
    if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
        pid=$(cat "$PIDFILE"); kill "$pid"
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        say "Stopped the local SMTP server on port $port"
    fi
    rm -f "$PIDFILE"
    ;;
show)
    "$GC_VENV/bin/python" scripts/mailserver.py --list "$GC_VAR/mail/${port:-dev}" "${name:-10}"
    ;;
*) die "usage: scripts/mail.sh start PORT NAME | stop PORT | show NAME [N]" ;;
esac
