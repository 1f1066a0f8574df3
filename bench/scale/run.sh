#!/usr/bin/env bash
# Scale benchmark: one node holding 1000 VRRP instances (250 VRIDs on each of 4 interfaces,
# advert_int 1 s, one VIP each), a second node as BACKUP; the same for keepalived.
# Measures: time until all 1000 are MASTER, steady CPU of MASTER and BACKUP, resident memory,
# GC pauses (Spare), and whether two nodes started at the same instant converge without a storm.
#
# Usage (root): bench/scale/run.sh [spare|keepalived|both] [seconds of steady-state measure, default 60]
# Needs: a built dist (mvn -DskipTests package), iproute2, bc, keepalived for the comparison.
# Everything lives in network namespaces this script creates, on 10.99.0.0/16; all of it is
# removed on exit, also on Ctrl-C. Processes are ended by the PIDs this script started.
set -euo pipefail

WHAT=${1:-both}
MEASURE=${2:-60}
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
SPARE=$(ls -d "$ROOT"/dist/target/spare-*/spare-*/bin/spare 2>/dev/null | head -n 1)
PREFIX=spscale$$
WORK=$(mktemp -d /tmp/spare-scale.XXXXXX)
PIDS=()
VRIDS=250
IFACES=4
CLK_TCK=$(getconf CLK_TCK)

cleanup() {
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    sleep 0.2
    ip netns del "$PREFIX-a" 2>/dev/null || true
    ip netns del "$PREFIX-b" 2>/dev/null || true
    [ -n "${KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }

setup_network() {
    ip netns del "$PREFIX-a" 2>/dev/null || true
    ip netns del "$PREFIX-b" 2>/dev/null || true
    ip netns add "$PREFIX-a"
    ip netns add "$PREFIX-b"
    for i in $(seq 0 $((IFACES - 1))); do
        ip link add "eth$i" netns "$PREFIX-a" type veth peer name "eth$i" netns "$PREFIX-b"
        ip -n "$PREFIX-a" addr add "10.99.$((10 + i)).1/24" dev "eth$i"
        ip -n "$PREFIX-b" addr add "10.99.$((10 + i)).2/24" dev "eth$i"
        ip -n "$PREFIX-a" link set "eth$i" up
        ip -n "$PREFIX-b" link set "eth$i" up
    done
    ip -n "$PREFIX-a" link set lo up
    ip -n "$PREFIX-b" link set lo up
}

spare_config() { # priority
    echo "instances:"
    for i in $(seq 0 $((IFACES - 1))); do
        for v in $(seq 1 $VRIDS); do
            cat <<Y
  VI_${i}_${v}:
    interface: eth$i
    virtual_router_id: $v
    priority: $1
    advert_int: 1s
    virtual_ipaddress: [10.99.$((10 + i)).$((2 + v))/24]
Y
        done
    done
}

keepalived_config() { # priority
    echo "global_defs {"
    echo "  router_id scale_$1"
    echo "}"
    for i in $(seq 0 $((IFACES - 1))); do
        for v in $(seq 1 $VRIDS); do
            cat <<K
vrrp_instance VI_${i}_${v} {
  state BACKUP
  interface eth$i
  virtual_router_id $v
  priority $1
  advert_int 1
  virtual_ipaddress {
    10.99.$((10 + i)).$((2 + v))/24
  }
}
K
        done
    done
}

start() { # impl node priority -> echoes pid
    local impl=$1 node=$2 prio=$3
    if [ "$impl" = spare ]; then
        SPARE_JAVA_OPTS="-Xlog:gc:file=$WORK/$node-$RANDOM-gc.log" \
            ip netns exec "$PREFIX-$node" "$SPARE" run -c "$WORK/$node.yaml" \
            --control-socket "$WORK/$node.sock" > "$WORK/$node.log" 2>&1 &
    else
        ip netns exec "$PREFIX-$node" keepalived -n -l -D -P -f "$WORK/$node.conf" \
            -p "$WORK/$node.pid" -r "$WORK/$node-vrrp.pid" -c "$WORK/$node-chk.pid" > "$WORK/$node.log" 2>&1 &
    fi
    PIDS+=($!)
    echo $!
}

masters() { # node: MASTER entries logged so far
    grep -c "Entering MASTER STATE" "$WORK/$1.log" 2>/dev/null || true
}

# CPU ticks (user + system) of a process and all its descendants.
ticks() {
    local total=0 pid
    for pid in $1 $(pgrep -P "$1" 2>/dev/null || true); do
        if [ -r "/proc/$pid/stat" ]; then
            total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
        fi
    done
    echo $total
}

rss_kib() {
    local total=0 pid
    for pid in $1 $(pgrep -P "$1" 2>/dev/null || true); do
        [ -r "/proc/$pid/status" ] && total=$((total + $(awk '/^VmRSS/{print $2}' "/proc/$pid/status")))
    done
    echo $total
}

wait_masters() { # node count timeout_s -> seconds taken, or "timeout"
    local start=$(date +%s.%N) deadline=$(( $(date +%s) + $3 ))
    while [ "$(masters "$1")" -lt "$2" ]; do
        [ "$(date +%s)" -ge "$deadline" ] && { echo timeout; return; }
        sleep 0.05
    done
    echo "$(date +%s.%N) - $start" | bc
}

write_configs() {
    # Written before any clock starts: generating 1000 instances in bash takes about a second.
    spare_config 200 > "$WORK/a.yaml"
    spare_config 100 > "$WORK/b.yaml"
    keepalived_config 200 > "$WORK/a.conf"
    keepalived_config 100 > "$WORK/b.conf"
}

bench() { # impl
    local impl=$1
    echo "== $impl: 1000 instances (4 interfaces x 250 VRIDs), advert_int 1 s"
    [ -f "$WORK/a.yaml" ] || write_configs
    if [ "$impl" = spare ]; then
        # the launcher's class data sharing archive is made on a first start (once per build): not in the clock
        "$SPARE" --version >/dev/null
    fi
    setup_network
    local t0=$(date +%s.%N)
    local a=$(start "$impl" a 200)
    local took=$(wait_masters a $((IFACES * VRIDS)) 60)
    local t1=$(date +%s.%N)
    echo "all MASTER after: $(echo "$t1 - $t0" | bc | cut -c1-5) s from process start (Master_Down_Interval for prio 200: 3.22 s)"
    if [ "$impl" = spare ]; then
        # Spare logs when its engine has started: the rest of the time is the JVM and the wiring.
        local started=$(grep -m1 "Spare started" "$WORK/a.log" | cut -c12-23)
        local last=$(grep "Entering MASTER STATE" "$WORK/a.log" | tail -1 | cut -c12-23)
        echo "  of which: engine started to all MASTER: $(echo "$(date -d "$last" +%s.%N) - $(date -d "$started" +%s.%N)" | bc | cut -c1-5) s"
    fi
    local b=$(start "$impl" b 100)
    sleep 10   # let the BACKUP settle
    local ca=$(ticks "$a") cb=$(ticks "$b")
    sleep "$MEASURE"
    local da=$(( $(ticks "$a") - ca )) db=$(( $(ticks "$b") - cb ))
    echo "MASTER CPU: $(echo "scale=2; 100 * $da / $CLK_TCK / $MEASURE" | bc) % of one core (over ${MEASURE} s)"
    echo "BACKUP CPU: $(echo "scale=2; 100 * $db / $CLK_TCK / $MEASURE" | bc) % of one core"
    echo "MASTER RSS: $(( $(rss_kib "$a") / 1024 )) MiB, BACKUP RSS: $(( $(rss_kib "$b") / 1024 )) MiB"
    echo "BACKUP MASTER entries (should be 0): $(masters b)"
    if [ "$impl" = spare ]; then
        local gc=$(ls "$WORK"/a-*-gc.log | head -1)
        echo "GC pauses (MASTER): $(grep -c 'Pause' "$gc") in the run, longest $(grep -o '[0-9.]*ms$' "$gc" | sort -n | tail -1);" \
            "longest after the first 10 s (steady state): $(awk -F'[][s]' '$2 + 0 > 10' "$gc" | grep -o '[0-9.]*ms$' | sort -n | tail -1)"
    fi
    # a graceful stop of the MASTER: the BACKUP takes all 1000 over, the MASTER exits
    local t2=$(date +%s.%N)
    kill -TERM "$a" 2>/dev/null || true
    while [ -d "/proc/$a" ] && [ "$(cut -d' ' -f3 "/proc/$a/stat" 2>/dev/null)" != Z ]; do
        sleep 0.02
        [ "$(echo "$(date +%s.%N) - $t2 > 30" | bc)" = 1 ] && break
    done
    echo "SIGTERM to the MASTER's exit: $(echo "$(date +%s.%N) - $t2" | bc | cut -c1-5) s;" \
        "BACKUP MASTER entries 5 s after it: $(sleep 5; masters b) (want 1000)"
    kill -TERM "$b" 2>/dev/null || true
    sleep 3
    kill -9 "$a" "$b" 2>/dev/null || true

    echo "-- $impl: both nodes started at the same instant"
    setup_network
    a=$(start "$impl" a 200)
    b=$(start "$impl" b 100)
    sleep 30
    echo "MASTER entries after 30 s: node A $(masters a) (want 1000), node B $(masters b) (want 0: no storm)"
    kill -TERM "$a" "$b" 2>/dev/null || true
    sleep 3
    kill -9 "$a" "$b" 2>/dev/null || true
}

case "$WHAT" in
    spare) bench spare ;;
    keepalived) bench keepalived ;;
    both) bench spare; bench keepalived ;;
    *) echo "usage: $0 [spare|keepalived|both] [seconds]" >&2; exit 64 ;;
esac
