#!/usr/bin/env bash
# Copyright (c) 2026 kube-anycast authors.
#
# Boots the distribution N times, each time from a fresh copy (a first boot, empty datastore), and counts how
# often ODL AAA's password service configuration had to be re-delivered in-process (AAA-281, the log line of
# AaaPasswordServiceRedelivery) and how often RESTCONF never served admin/admin (which would need a restart).
# Each boot holds the machine-wide Karaf lock (only one Karaf at a time: fixed ports 8181/8101/2550), unless
# KA_BOOT_LOOP_NETNS names a network namespace (with lo up) to boot in, whose ports clash with nothing:
#   ip netns add ka-boot && ip -n ka-boot link set lo up && KA_BOOT_LOOP_NETNS=ka-boot tests/e2e/bin/boot-loop.sh
#
#   tests/e2e/bin/boot-loop.sh [N] [ASSEMBLY]      N defaults to 30, ASSEMBLY to karaf-distribution/target/assembly
#
# Prints one line per boot (seconds from bin/start to a RESTCONF answer, re-delivered or not) and a summary;
# exits 1 when any boot needed a restart.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
count=${1:-30}
assembly=$(realpath "${2:-${here}/../../../karaf-distribution/target/assembly}")
work=$(realpath -m "${KA_BOOT_LOOP_DIR:-${here}/../target/boot-loop}")
lock=/tmp/kube-anycast-karaf.lock
timeout_s=240
redelivered=0
stuck=0
times=()
ns=()
if [ -n "${KA_BOOT_LOOP_NETNS:-}" ]; then ns=(ip netns exec "${KA_BOOT_LOOP_NETNS}"); fi

own_pids() {
    ps -eo pid=,args= | grep -F -- "-Dkaraf.home=$1 " | grep -v grep | awk '{print $1}'
}

boot_once() {
    local i=$1 home="${work}/karaf-$1" now answer body t0
    rm -rf "${home}"
    mkdir -p "${work}"
    cp -a "${assembly}" "${home}"
    rm -rf "${home}/data" "${home}/journal" "${home}/snapshots"
    t0=$(date +%s.%N)
    JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")} \
        "${ns[@]}" setsid "${home}/bin/start" >/dev/null 2>&1
    answer=000
    while :; do
        now=$(date +%s.%N)
        if (( $(echo "${now} - ${t0} > ${timeout_s}" | bc) )); then break; fi
        # served by RESTCONF: 200, or a RESTCONF error document (not Jetty's 404, not AAA's 401)
        body=$("${ns[@]}" curl -s -w '\n%{http_code}' -m 5 -u admin:admin \
            'http://127.0.0.1:8181/rests/data/network-topology:network-topology' 2>/dev/null || true)
        answer=${body##*$'\n'}
        case "${answer}" in
            200) break ;;
            400|404|409) case "${body}" in *errors*) answer=200; break ;; esac ;;
        esac
        sleep 1
    done
    local secs
    secs=$(echo "${now} - ${t0}" | bc | cut -d. -f1)
    local log="${home}/data/log/karaf.log" note="" healed=no
    if grep -q "re-delivering it in-process" "${log}" 2>/dev/null; then
        healed=yes
        redelivered=$((redelivered + 1))
    fi
    case "${answer}" in
        200) times+=("${secs}") ;;
        *) stuck=$((stuck + 1)); note=" NOT SERVED (last answer ${answer}): would need a restart" ;;
    esac
    echo "boot ${i}: RESTCONF after ${secs} s, AAA re-delivery: ${healed}${note}"
    JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")} \
        "${ns[@]}" "${home}/bin/stop" >/dev/null 2>&1
    # only this boot's Karaf: the JVM whose karaf.home is this copy
    for _ in $(seq 1 60); do
        [ -z "$(own_pids "${home}")" ] && break
        sleep 1
    done
    own_pids "${home}" | xargs -r kill -9
    while "${ns[@]}" ss -Hltn 'sport = :8181' | grep -q 8181; do sleep 1; done
    # keep the log of a boot that needed help, drop the rest of the copy
    if [ "${healed}" = yes ] || [ -n "${note}" ]; then
        cp "${log}" "${work}/karaf-${i}.log" 2>/dev/null || true
    fi
    rm -rf "${home}"
}

done_count=0
for i in $(seq 1 "${count}"); do
    # KA_BOOT_LOOP_UNTIL (epoch seconds): start no boot after it, e.g. to fit a time slot
    if [ -n "${KA_BOOT_LOOP_UNTIL:-}" ] && [ "$(date +%s)" -ge "${KA_BOOT_LOOP_UNTIL}" ]; then break; fi
    if [ ${#ns[@]} -gt 0 ]; then
        boot_once "${i}"
    else
        exec {fd}>"${lock}"
        flock "${fd}"
        boot_once "${i}"
        flock -u "${fd}"
        exec {fd}>&-
    fi
    done_count=$((done_count + 1))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
echo "boots: ${done_count}, served without restart: $((done_count - stuck)), AAA re-deliveries: ${redelivered}," \
    "RESTCONF after (s): min $(printf '%s\n' "${times[@]}" | sort -n | head -1), median ${median}," \
    "max $(printf '%s\n' "${times[@]}" | sort -n | tail -1)"
[ "${stuck}" -eq 0 ]
