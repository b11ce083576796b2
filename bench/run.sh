#!/bin/bash
# Copyright (c) 2026 kube-anycast authors.
#
# kube-anycast benchmark harness (issue 6). As root, from a clean clone:
#
#   bench/run.sh            full run: sizes 1000x3, 10000x3, 100000x1 (3 repetitions; 100000x1 takes minutes),
#                           P1 with 30 cycles (120 changes); results in docs/benchmarks/
#   bench/run.sh --smoke    1000x3, 2 repetitions, 5 P1 cycles (< 4 min after the build); results in
#                           bench/target/smoke/ (docs/benchmarks/ is left alone)
#
# Other options go to the harness: --sizes 1000x3,10000x3 --reps N --p1-cycles N --out DIR --keep-bed --jfr
# --no-persistence --p1-debounce 50,0 (see the comment of bench/harness/.../BenchMain.java)
# Script options: --no-build (reuse what the last run built), --no-install (never apt-get), --build-only.
# Environment: MVN_ARGS (e.g. "-o -Dmaven.repo.local=/path/m2"), EXTRA_JAVA_OPTS (Karaf's JVM, default -Xmx1024m),
# PYTHON (default /usr/bin/python3), KA_LOCK (the machine-wide Karaf/bed lock file,
# default /tmp/kube-anycast-karaf.lock; held only while the benchmark runs, not while building).
#
# Needs: FRR, gobgpd, iproute2, python3-matplotlib (installed with apt-get when missing), JDK 17, Maven.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
MVN=(mvn -B -q ${MVN_ARGS:-})
# Debian's python3 (python3-matplotlib), not whatever python3 comes first in PATH (pyenv shims)
PYTHON=${PYTHON:-/usr/bin/python3}
LOCK=${KA_LOCK:-/tmp/kube-anycast-karaf.lock}
BUILD=1
INSTALL=1
BUILD_ONLY=0
ARGS=()
OUT=docs/benchmarks
for arg in "$@"; do
    case $arg in
        --no-build) BUILD=0 ;;
        --no-install) INSTALL=0 ;;
        --build-only) BUILD_ONLY=1 ;;
        --smoke) OUT=bench/target/smoke; ARGS+=("$arg") ;;
        *) ARGS+=("$arg") ;;
    esac
done
# an explicit --out wins over the default
for ((i = 0; i < ${#ARGS[@]}; i++)); do
    if [[ ${ARGS[$i]} == --out ]]; then OUT=${ARGS[$((i + 1))]}; fi
done

log() { echo "bench/run.sh: $*"; }

[[ $(id -u) -eq 0 ]] || { echo "bench/run.sh: must run as root (network namespaces, FRR, gobgpd)" >&2; exit 1; }

if [[ $INSTALL -eq 1 ]]; then
    missing=()
    [[ -x /usr/lib/frr/bgpd ]] || missing+=(frr)
    command -v gobgpd >/dev/null || missing+=(gobgpd)
    # gobgp's .proto files, from which bench/gobgp-api generates its gRPC stubs
    [[ -f /usr/share/gocode/src/github.com/osrg/gobgp/api/gobgp.proto ]] || missing+=(golang-github-osrg-gobgp-dev)
    command -v ping >/dev/null || missing+=(iputils-ping)
    "$PYTHON" -c 'import matplotlib' 2>/dev/null || missing+=(python3-matplotlib)
    if [[ ${#missing[@]} -gt 0 ]]; then
        log "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
fi

if [[ $BUILD -eq 1 ]]; then
    log "building the distribution, the fake API server, the e2e helpers and the harness"
    "${MVN[@]}" install -DskipTests -pl k8s-service-source/fake-apiserver -am
    "${MVN[@]}" clean install -DskipTests -pl karaf-distribution -am
    "${MVN[@]}" install -DskipTests -f tests/e2e/pom.xml
    "${MVN[@]}" install -f bench/pom.xml
    "${MVN[@]}" dependency:build-classpath -f bench/harness/pom.xml -Dmdep.outputFile="$ROOT/bench/target/classpath.txt"
fi
[[ -s bench/target/classpath.txt ]] || { echo "bench/run.sh: not built yet (run without --no-build)" >&2; exit 1; }
[[ $BUILD_ONLY -eq 0 ]] || { log "built"; exit 0; }

# Karaf's heap limit: 1 GiB, what karaf-distribution/kubernetes/deployment.yaml sets (EXTRA_JAVA_OPTS=-Xmx1024m;
# Karaf 4.4's unix scripts ignore JAVA_MAX_MEM, only JAVA_OPTS / EXTRA_JAVA_OPTS reach the JVM). Without a limit the
# JVM takes 1/4 of the machine's RAM and RSS follows the heap's high-water mark, not what the routes need.
export EXTRA_JAVA_OPTS=${EXTRA_JAVA_OPTS:--Xmx1024m}
CP="$ROOT/bench/harness/target/classes:$(cat bench/target/classpath.txt)"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
mkdir -p "$OUT"
log "waiting for the lock $LOCK (one Karaf/bed per machine)"
(
    flock 9
    # an interrupted run must not leave FRR and the namespaces behind (the harness removes them when it ends)
    [[ " ${ARGS[*]} " == *" --keep-bed "* ]] || trap 'tests/e2e/bed/bed.sh down >/dev/null 2>&1 || true' EXIT
    log "running the benchmark; results go to $OUT"
    "$JAVA" -cp "$CP" \
        -De2e.module.dir="$ROOT/tests/e2e" \
        -Dkaraf.assembly="$ROOT/karaf-distribution/target/assembly" \
        -Dfake.apiserver.jar="$ROOT/k8s-service-source/fake-apiserver/target/k8s-fake-apiserver-0.1.0-SNAPSHOT.jar" \
        -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
        -Dorg.slf4j.simpleLogger.log.org.apache.sshd=error \
        io.kubeanycast.bench.BenchMain --out "$OUT" --work "$ROOT/bench/target/work" "${ARGS[@]}"
) 9>"$LOCK"
"$PYTHON" bench/plot.py "$OUT/results.json" "$OUT/benchmarks.png"
cat "$OUT/results.md"
log "results: $OUT/results.md, $OUT/results.json, $OUT/benchmarks.png"
