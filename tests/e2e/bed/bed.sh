#!/bin/bash
# Copyright (c) 2026 kube-anycast authors.
# !!! ADDRESS RULE (from the lead): NEVER put 203.0.113.0/24 (or any range covering it) on an interface in the ROOT
# !!! namespace: this machine reaches Maven Central and Debian through a proxy at 203.0.113.80, and a connected
# !!! 203.0.113.0/24 route in the root namespace cuts every build off ("No route to host"). The root<->fabric links
# !!! use 198.18.0.0/24 and 198.18.1.0/24 (RFC 2544 benchmarking range) instead. VIPs inside namespaces are fine.
#
# kube-anycast e2e bed: FRR fabric routers in network namespaces, three "Kubernetes node" namespaces whose
# addresses are the BGP next hops, and a veth from the ROOT namespace (where Karaf/ODL runs) to each fabric.
#
#   bed.sh up       remove leftovers of an earlier run, then build everything and start FRR (idempotent)
#   bed.sh down     stop FRR (by pid files) and delete everything `up` made
#   bed.sh status   print what exists (exit 0 when the bed is complete, 1 otherwise)
#
# Topology (documentation ranges only; eth0 of the machine is 192.0.2.0/24 + fd00::/64: never used here):
#
#   root ns: ka-odl  198.18.0.2/24 2001:db8:ffff::2/64 --veth-- f-odl  198.18.0.1/24 2001:db8:ffff::1/64 (ka-fabric)
#   root ns: ka-odl2 198.18.1.2/24 2001:db8:fffe::2/64 --veth-- f2-odl 198.18.1.1/24 2001:db8:fffe::1/64 (ka-fabric2)
#
#   ka-fabric  (FRR AS 65000, router-id 198.18.0.1): bridge br-nodes 198.51.100.1/24 2001:db8:0:100::1/64
#        |-- br-n1 --veth-- eth0 in ka-node1 198.51.100.11/24 2001:db8:0:100::11/64
#        |-- br-n2 --veth-- eth0 in ka-node2 198.51.100.12/24 2001:db8:0:100::12/64
#        |-- br-n3 --veth-- eth0 in ka-node3 198.51.100.13/24 2001:db8:0:100::13/64
#        `-- f-f2 --veth-- f2-nodes in ka-fabric2 198.51.100.2/24 2001:db8:0:100::2/64
#
#   ka-fabric2 (FRR AS 65001, router-id 198.18.1.1): the optional second fabric router for the run-time
#   "add a neighbor" scenario. Choice: it is a second router on the SAME node L2 segment (a port of br-nodes,
#   like a second ToR on the nodes' VLAN), so the node addresses are directly connected next hops for it too
#   and its kernel FIB shows the real node next hops, exactly like ka-fabric. (Tried first: reaching the node
#   segment through ka-fabric with a static route + `disable-connected-check`; it works for BGP, but the
#   kernel route then collapses to the single recursive gateway, which makes FIB assertions useless.)
#   Node namespaces have default routes via 198.51.100.1 / 2001:db8:0:100::1 (replies to both fabrics are
#   on-link anyway).
#
# Nothing is routed in the root namespace except the connected /24s and /64s of ka-odl and ka-odl2.
# ODL connects out to 198.18.0.1:179 and 198.18.1.1:179; both FRRs are passive toward 198.18.0.2 / 198.18.1.2,
# remote-as $KA_ODL_AS (default 64512).
#
# Environment: KA_BED_DIR (run dir, default /tmp/ka-bed; FRR configs, pid files, vty sockets, logs under
# $KA_BED_DIR/fabric and $KA_BED_DIR/fabric2), KA_ODL_AS (default 64512).
# Query a router: vtysh --vty_socket "$KA_BED_DIR/fabric" -c 'show bgp summary json'
set -euo pipefail

BED_DIR=${KA_BED_DIR:-/tmp/ka-bed}
ODL_AS=${KA_ODL_AS:-64512}
FRR_BIN=/usr/lib/frr
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEMPLATES="$HERE/frr"
NAMESPACES=(ka-fabric ka-fabric2 ka-node1 ka-node2 ka-node3)
ROOT_LINKS=(ka-odl ka-odl2)
ROUTERS=(fabric fabric2)

die() {
    echo "bed.sh: ERROR: $*" >&2
    exit 1
}

log() {
    echo "bed.sh: $*"
}

preflight() {
    [[ $(id -u) -eq 0 ]] || die "must run as root (it creates network namespaces and starts FRR); CI runs as root"
    [[ -x $FRR_BIN/zebra && -x $FRR_BIN/bgpd ]] && command -v vtysh >/dev/null \
        || die "FRR is not installed ($FRR_BIN/zebra, $FRR_BIN/bgpd, vtysh): apt-get install -y frr"
    id frr >/dev/null 2>&1 || die "user frr missing: install the Debian frr package"
    command -v ip >/dev/null || die "iproute2 missing: apt-get install -y iproute2"
    # the root-side ranges must not collide with anything this machine really uses (see ADDRESS RULE above)
    local host addr
    for host in repo.maven.apache.org repo1.maven.org deb.debian.org; do
        for addr in $(getent ahostsv4 "$host" 2>/dev/null | awk '{print $1}' | sort -u); do
            case $addr in
                198.18.0.* | 198.18.1.*) die "$host resolves to $addr inside the bed's root-side range 198.18.0.0/23" ;;
            esac
        done
    done
    if ip -4 -o addr show | grep -v ' ka-odl' | grep -q ' inet 198\.18\.[01]\.'; then
        die "198.18.0.0/23 is already in use in the root namespace (not by this bed): $(ip -4 -br addr | grep 198.18.)"
    fi
    case $BED_DIR in
        /*) ;;
        *) die "KA_BED_DIR must be an absolute path, got '$BED_DIR'" ;;
    esac
}

# namespace of a router name
router_ns() {
    echo "ka-$1"
}

ns_exists() {
    ip netns list | awk '{print $1}' | grep -qx "$1"
}

# Stop FRR daemons: by pid file, all at once (TERM; a clean bgpd/zebra exit takes 1-2 s each, serially that was
# ~8 s), KILL after 5 s; then anything still running inside our own namespaces (only processes this bed started
# live there).
stop_frr() {
    local r d f pid ns pids alive
    pids=()
    for r in "${ROUTERS[@]}"; do
        for d in bgpd zebra; do
            f="$BED_DIR/$r/$d.pid"
            [[ -s $f ]] || continue
            pid=$(cat "$f")
            if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
                kill -TERM "$pid" 2>/dev/null || true
                pids+=("$pid")
            fi
            rm -f "$f"
        done
    done
    for _ in $(seq 50); do
        alive=()
        for pid in "${pids[@]}"; do
            kill -0 "$pid" 2>/dev/null && alive+=("$pid")
        done
        [[ ${#alive[@]} -eq 0 ]] && break
        sleep 0.1
    done
    for pid in "${pids[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
    done
    for ns in "${NAMESPACES[@]}"; do
        ns_exists "$ns" || continue
        pids=$(ip netns pids "$ns" 2>/dev/null || true)
        if [[ -n $pids ]]; then
            log "killing leftover processes in $ns: $(echo $pids)"
            # shellcheck disable=SC2086
            kill -KILL $pids 2>/dev/null || true
        fi
    done
}

teardown() {
    local ns l r
    stop_frr
    for ns in "${NAMESPACES[@]}"; do
        if ns_exists "$ns"; then
            ip netns del "$ns"
        fi
    done
    # deleting a namespace destroys its veth ends asynchronously, taking the root-side peers with them at some
    # moment: delete what is left without caring who wins, then wait until they are really gone
    for l in "${ROOT_LINKS[@]}"; do
        ip link del "$l" >/dev/null 2>&1 || true
    done
    for l in "${ROOT_LINKS[@]}"; do
        for _ in $(seq 50); do
            ip link show "$l" >/dev/null 2>&1 || break
            sleep 0.1
        done
        if ip link show "$l" >/dev/null 2>&1; then
            die "root link $l does not go away"
        fi
    done
    for r in "${ROUTERS[@]}"; do
        rm -rf "${BED_DIR:?}/$r"
        # FRR creates its pathspace dir for -N even when every path is overridden
        rmdir "/var/run/frr/$(router_ns "$r")" 2>/dev/null || true
    done
    rmdir "$BED_DIR" 2>/dev/null || true
}

nsx() {
    local ns=$1
    shift
    ip netns exec "$ns" "$@"
}

make_ns() {
    local ns=$1
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # no DAD delay on anything created in this namespace afterwards
    nsx "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
}

# A veth from the root namespace (where ODL runs) to a fabric router's namespace: one /24 and one /64 on it.
# usage: root_link ROOT_IF PEER_IF NETNS ROOT_V4 PEER_V4 ROOT_V6 PEER_V6
root_link() {
    local root_if=$1 peer_if=$2 ns=$3
    ip link add "$root_if" type veth peer name "$peer_if" netns "$ns"
    sysctl -qw "net.ipv6.conf.$root_if.accept_dad=0"
    ip addr add "$4/24" dev "$root_if"
    ip -6 addr add "$6/64" dev "$root_if" nodad
    ip link set "$root_if" up
    ip -n "$ns" addr add "$5/24" dev "$peer_if"
    ip -n "$ns" -6 addr add "$7/64" dev "$peer_if" nodad
    ip -n "$ns" link set "$peer_if" up
}

build_network() {
    local ns i
    for ns in "${NAMESPACES[@]}"; do
        make_ns "$ns"
    done
    for ns in ka-fabric ka-fabric2; do
        nsx "$ns" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.fib_multipath_hash_policy=1 \
            net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.forwarding=1
    done

    root_link ka-odl f-odl ka-fabric 198.18.0.2 198.18.0.1 2001:db8:ffff::2 2001:db8:ffff::1
    root_link ka-odl2 f2-odl ka-fabric2 198.18.1.2 198.18.1.1 2001:db8:fffe::2 2001:db8:fffe::1

    # node segment in ka-fabric
    ip -n ka-fabric link add br-nodes type bridge
    ip -n ka-fabric addr add 198.51.100.1/24 dev br-nodes
    ip -n ka-fabric -6 addr add 2001:db8:0:100::1/64 dev br-nodes nodad
    ip -n ka-fabric link set br-nodes up
    for i in 1 2 3; do
        ns=ka-node$i
        ip -n ka-fabric link add "br-n$i" type veth peer name eth0 netns "$ns"
        ip -n ka-fabric link set "br-n$i" master br-nodes
        ip -n ka-fabric link set "br-n$i" up
        ip -n "$ns" addr add "198.51.100.1$i/24" dev eth0
        ip -n "$ns" -6 addr add "2001:db8:0:100::1$i/64" dev eth0 nodad
        ip -n "$ns" link set eth0 up
        ip -n "$ns" route add default via 198.51.100.1
        ip -n "$ns" -6 route add default via 2001:db8:0:100::1
    done

    # ka-fabric2 joins the node segment as a second router on br-nodes
    ip -n ka-fabric link add f-f2 type veth peer name f2-nodes netns ka-fabric2
    ip -n ka-fabric link set f-f2 master br-nodes
    ip -n ka-fabric link set f-f2 up
    ip -n ka-fabric2 addr add 198.51.100.2/24 dev f2-nodes
    ip -n ka-fabric2 -6 addr add 2001:db8:0:100::2/64 dev f2-nodes nodad
    ip -n ka-fabric2 link set f2-nodes up
}

# render TEMPLATE OUT key=value...
render() {
    local tmpl=$1 out=$2 kv k v content
    shift 2
    content=$(<"$tmpl")
    for kv in "$@"; do
        k=${kv%%=*}
        v=${kv#*=}
        content=${content//@$k@/$v}
    done
    if [[ $content == *@[A-Z_]*@* ]]; then
        die "unrendered placeholder in $tmpl"
    fi
    printf '%s\n' "$content" >"$out"
}

# start_frr ROUTER LOCAL_AS ROUTER_ID ODL_ADDR
start_frr() {
    local r=$1 as=$2 rid=$3 odl=$4 ns dir
    ns=$(router_ns "$r")
    dir="$BED_DIR/$r"
    mkdir -p "$dir"
    render "$TEMPLATES/zebra.conf.tmpl" "$dir/zebra.conf" HOSTNAME="$ns" RUNDIR="$dir"
    render "$TEMPLATES/bgpd.conf.tmpl" "$dir/bgpd.conf" HOSTNAME="$ns" RUNDIR="$dir" LOCAL_AS="$as" \
        ROUTER_ID="$rid" ODL_ADDR="$odl" ODL_AS="$ODL_AS"
    chown -R frr:frr "$dir"
    chmod 0755 "$dir"
    local common=(-d -F traditional -N "$ns" --vty_socket "$dir" -z "$dir/zserv.api" -A 127.0.0.1)
    nsx "$ns" "$FRR_BIN/zebra" "${common[@]}" -i "$dir/zebra.pid" -f "$dir/zebra.conf" -s 90000000 \
        || die "zebra failed to start in $ns (see $dir/zebra.log)"
    for _ in $(seq 100); do [[ -S $dir/zserv.api ]] && break; sleep 0.1; done
    [[ -S $dir/zserv.api ]] || die "zebra in $ns did not create $dir/zserv.api (see $dir/zebra.log)"
    nsx "$ns" "$FRR_BIN/bgpd" "${common[@]}" -i "$dir/bgpd.pid" -f "$dir/bgpd.conf" \
        || die "bgpd failed to start in $ns (see $dir/bgpd.log)"
}

# wait until bgpd answers on its vty and listens on 179
await_frr() {
    local r=$1 ns dir
    ns=$(router_ns "$r")
    dir="$BED_DIR/$r"
    for _ in $(seq 150); do
        if vtysh --vty_socket "$dir" -c 'show bgp summary json' >/dev/null 2>&1 \
            && nsx "$ns" ss -Hltn 'sport = :179' | grep -q LISTEN; then
            return 0
        fi
        sleep 0.1
    done
    die "bgpd in $ns did not come up (vty or port 179); see $dir/bgpd.log"
}

cmd_up() {
    preflight
    teardown
    log "building namespaces ${NAMESPACES[*]} and root links ${ROOT_LINKS[*]}"
    build_network
    mkdir -p "$BED_DIR"
    chmod 0755 "$BED_DIR"
    start_frr fabric 65000 198.18.0.1 198.18.0.2
    start_frr fabric2 65001 198.18.1.1 198.18.1.2
    await_frr fabric
    await_frr fabric2
    log "up: FRR ka-fabric (AS 65000) listens on 198.18.0.1:179, ka-fabric2 (AS 65001) on 198.18.1.1:179;" \
        "peer AS $ODL_AS; run dir $BED_DIR"
}

cmd_down() {
    preflight
    teardown
    log "down: no ka-* namespaces, links or FRR left"
}

cmd_status() {
    local ok=0 ns l r pid d
    for ns in "${NAMESPACES[@]}"; do
        if ns_exists "$ns"; then echo "netns $ns: present"; else echo "netns $ns: MISSING"; ok=1; fi
    done
    for l in "${ROOT_LINKS[@]}"; do
        if ip link show "$l" >/dev/null 2>&1; then echo "link $l: present"; else echo "link $l: MISSING"; ok=1; fi
    done
    for r in "${ROUTERS[@]}"; do
        for d in zebra bgpd; do
            pid=$(cat "$BED_DIR/$r/$d.pid" 2>/dev/null || true)
            if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
                echo "$r $d: running (pid $pid)"
            else
                echo "$r $d: NOT running"
                ok=1
            fi
        done
        if [[ -S $BED_DIR/$r/bgpd.vty ]]; then
            vtysh --vty_socket "$BED_DIR/$r" -c 'show bgp summary' 2>&1 | sed "s/^/  $r: /" || true
        fi
    done
    return $ok
}

case ${1:-} in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    *)
        echo "usage: $0 up|down|status   (env KA_BED_DIR, default /tmp/ka-bed; KA_ODL_AS, default 64512)" >&2
        exit 2
        ;;
esac
