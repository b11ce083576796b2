#!/usr/bin/env bash
# Copyright (c) 2026 kube-anycast authors.
#
# Starts the kube-anycast demo: the fake Kubernetes API server loaded with a sample cluster (3 nodes, a few
# Services of each kind) and a fresh copy of the Karaf distribution with odl-kube-anycast watching it.
#   run-demo.sh              start (no root needed); RESTCONF on http://127.0.0.1:8181 (admin/admin)
#   run-demo.sh --with-frr   also start FRR in network namespaces (root, Linux) as the fabric router
#   run-demo.sh stop         stop everything the demo started
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${KA_DEMO_DIR:-$ROOT/karaf-distribution/target/demo}
ASSEMBLY=$ROOT/karaf-distribution/target/assembly
FAKE_JAR=$ROOT/k8s-service-source/fake-apiserver/target/k8s-fake-apiserver-0.1.0-SNAPSHOT.jar
BED=$ROOT/tests/e2e/bed/bed.sh
API_PORT=16443
RESTCONF=http://127.0.0.1:8181/rests/data

if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    export JAVA_HOME
fi

stop() {
    if [ -x "$WORK/karaf/bin/stop" ] && [ -f "$WORK/karaf/instances/instance.properties" ]; then
        "$WORK/karaf/bin/stop" >/dev/null 2>&1 || true
        for _ in $(seq 1 30); do pgrep -f "karaf.base=$WORK/karaf" >/dev/null || break; sleep 1; done
        pkill -9 -f "karaf.base=$WORK/karaf" 2>/dev/null || true
    fi
    if [ -f "$WORK/fake-apiserver.pid" ]; then
        kill "$(cat "$WORK/fake-apiserver.pid")" 2>/dev/null || true
        rm -f "$WORK/fake-apiserver.pid"
    fi
    if [ -f "$WORK/with-frr" ]; then
        "$BED" down || true
        rm -f "$WORK/with-frr"
    fi
}

if [ "${1:-}" = stop ]; then
    stop
    echo "demo stopped"
    exit 0
fi
WITH_FRR=false
if [ "${1:-}" = --with-frr ]; then
    WITH_FRR=true
fi
for f in "$ASSEMBLY/bin/start" "$FAKE_JAR"; do
    [ -e "$f" ] || { echo "missing $f: build first with 'mvn -B clean install -Pq'" >&2; exit 1; }
done

stop
mkdir -p "$WORK"
java -jar "$FAKE_JAR" --port "$API_PORT" --sample > "$WORK/fake-apiserver.log" 2>&1 &
echo $! > "$WORK/fake-apiserver.pid"
for _ in $(seq 1 30); do
    grep -q "listening on" "$WORK/fake-apiserver.log" && break
    if ! kill -0 "$(cat "$WORK/fake-apiserver.pid")" 2>/dev/null; then
        echo "the fake API server did not start (is port $API_PORT taken?):" >&2
        tail -5 "$WORK/fake-apiserver.log" >&2
        exit 1
    fi
    sleep 1
done

rm -rf "$WORK/karaf"
cp -r "$ASSEMBLY" "$WORK/karaf"
cp "$HERE/io.kubeanycast.cfg" "$WORK/karaf/etc/io.kubeanycast.cfg"
if $WITH_FRR; then
    [ "$(id -u)" = 0 ] || { echo "--with-frr needs root (network namespaces, FRR)" >&2; exit 1; }
    "$BED" up
    touch "$WORK/with-frr"
    sed -i 's/^bgp.neighbors =.*/bgp.neighbors = fabric\nbgp.neighbor.fabric.address = 198.18.0.1\nbgp.neighbor.fabric.as = 65000\nbgp.neighbor.fabric.hold-time = 9/' \
        "$WORK/karaf/etc/io.kubeanycast.cfg"
fi

# ODL AAA 0.19.5 sometimes never starts its password service on a first boot (RESTCONF then answers 401 to
# everything); a restart recovers. Detected from its log lines.
aaa_stuck() {
    local log=$WORK/karaf/data/log/karaf.log
    grep -q "Listening for password service configuration" "$log" 2>/dev/null \
        && ! grep -q "DefaultPasswordHashService" "$log"
}

echo "starting Karaf in $WORK/karaf ..."
setsid "$WORK/karaf/bin/start" >/dev/null 2>&1
restarted=false
for i in $(seq 1 150); do
    answer=$(curl -s -w '\n%{http_code}' -u admin:admin \
        "$RESTCONF/bgp-rib:bgp-rib/rib=kube-anycast/loc-rib?content=nonconfig" 2>/dev/null || true)
    paths=$(printf '%s' "$answer" | grep -o '"path-id"' | wc -l || true)
    [ "$paths" -gt 0 ] && break
    if ! $restarted && [ "$i" -gt 45 ] && [ "${answer##*$'\n'}" = 401 ] && aaa_stuck; then
        echo "ODL AAA did not start its password service (known race); restarting Karaf once"
        "$WORK/karaf/bin/stop" >/dev/null 2>&1 || true
        for _ in $(seq 1 30); do pgrep -f "karaf.base=$WORK/karaf" >/dev/null || break; sleep 1; done
        setsid "$WORK/karaf/bin/start" >/dev/null 2>&1
        restarted=true
    fi
    sleep 2
done
if [ "$paths" -eq 0 ]; then
    echo "no routes in the Loc-RIB after $((i * 2)) s; see $WORK/karaf/data/log/karaf.log" >&2
    exit 1
fi
echo "kube-anycast is running: $paths paths in the Loc-RIB of BGP instance kube-anycast (after $((i * 2)) s)"
echo "  Loc-RIB:   curl -s -u admin:admin '$RESTCONF/bgp-rib:bgp-rib/rib=kube-anycast/loc-rib?content=nonconfig'"
echo "  cluster:   curl -s http://127.0.0.1:$API_PORT/api/v1/services"
echo "  console:   ssh -p 8101 karaf@127.0.0.1   (password karaf)"
if $WITH_FRR; then
    echo "  FRR:       vtysh --vty_socket /tmp/ka-bed/fabric -c 'show bgp ipv4 unicast'"
    echo "  FIB:       ip -n ka-fabric route show 203.0.113.10"
fi
echo "  stop:      $0 stop"
