#!/bin/sh
# Failover benchmark: Spare vs keepalived, two nodes and a 1 kHz pinging client in network
# namespaces of its own (10.99.0.0/16 only). Needs root, keepalived, tcpdump, iproute2, iputils-ping.
# Usage: bench/failover/run.sh [--no-build] [--runs N] [--flavors v2,v3,v3-ipv6] [--impls spare,keepalived] [--out FILE]
# The Java side removes its namespaces and processes at the end, on error and on Ctrl-C.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
BUILD=1
if [ "${1:-}" = "--no-build" ]; then
    BUILD=0
    shift
fi
if [ "$(id -u)" != 0 ]; then
    echo "bench/failover: needs root (network namespaces, raw sockets)" >&2
    exit 1
fi
for tool in ip ping tcpdump keepalived; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench/failover: needs $tool (see dev/packages)" >&2; exit 1; }
done
CP_FILE="$ROOT/dist/target/failover-bench.classpath"
if [ "$BUILD" = 1 ]; then
    # The distribution (bin/spare, lib, plugins) and the test classes; other modules come from ~/.m2.
    mvn -B -q -ntp -pl dist package -DskipTests
    mvn -B -q -ntp -pl dist dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
fi
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' dist/pom.xml | head -n 1)
DIST="$ROOT/dist/target/spare-$VERSION/spare-$VERSION"
exec java -Xmx256m -Dspare.dist="$DIST" \
    -cp "dist/target/test-classes:dist/target/classes:$(cat "$CP_FILE")" \
    io.spare.cli.it.FailoverBenchmark "$@"
