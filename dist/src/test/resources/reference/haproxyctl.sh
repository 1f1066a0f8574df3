#!/bin/sh
# This node's /etc/rc.d/init.d/haproxy for ReferenceScenarioIT: starts and stops the node's own
# HAProxy by its pidfile, never by name, because the other node's HAProxy runs on the same host
# (only the network is a namespace of its own). Every call is logged to haproxyctl.log so that the
# test can tell what the notify hooks and the check's recovery did.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
dir=$(cd "$(dirname "$0")" && pwd)
pidfile=$dir/haproxy.pid
log=$dir/haproxyctl.log

# Alive and not a zombie: a daemon's exit is reaped by PID 1, which may take its time.
running() {
    [ -s "$pidfile" ] || return 1
    state=$(awk '{ print $3 }' "/proc/$(cat "$pidfile")/stat" 2>/dev/null)
    [ -n "$state" ] && [ "$state" != Z ]
}

# One action at a time, as systemd runs one job per unit: a start asked for while a notify hook
# stops HAProxy (chk_haproxy's recovery racing notify_backup) waits, then starts it afresh.
exec 9> "$dir/haproxyctl.lock"
flock 9

case "$1" in
start)
    if running; then
        echo "$(date +%T.%3N) start: already running $(cat "$pidfile")" >> "$log"
        exit 0
    fi
    # Output to a file: a daemon holding the caller's pipe would keep the hook from ending.
    if haproxy -D -p "$pidfile" -f "$dir/haproxy.cfg" < /dev/null >> "$dir/haproxy.out" 2>&1 9>&-; then
        # Return once HAProxy serves, as `systemctl start haproxy` does (Type=notify): its worker
        # opens the stats socket a moment after `haproxy -D` returns.
        tries=0
        until ss -xlH | grep -qF "$dir/admin.sock" || [ $tries -ge 100 ]; do
            sleep 0.02
            tries=$((tries + 1))
        done
        echo "$(date +%T.%3N) start: started $(cat "$pidfile")" >> "$log"
        exit 0
    fi
    echo "$(date +%T.%3N) start: failed" >> "$log"
    exit 1
    ;;
stop)
    if running; then
        pid=$(cat "$pidfile")
        kill "$pid"
        tries=0
        while running && [ $tries -lt 50 ]; do
            sleep 0.1
            tries=$((tries + 1))
        done
        echo "$(date +%T.%3N) stop: stopped $pid" >> "$log"
    else
        echo "$(date +%T.%3N) stop: not running" >> "$log"
    fi
    rm -f "$pidfile"
    exit 0
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 1
    ;;
esac
