/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FRR fabric bed ({@code bed/bed.sh}) seen from Java: bring it up and down, and read FRR's BGP state and
 * the fabric namespaces' kernel FIB. See {@code bed/bed.sh} for the topology. Needs root.
 *
 * <p>Most tests get one through {@link FabricBedExtension} (the bed comes up once per suite run). Instances are
 * cheap and stateless apart from their paths: any number may point at the same bed.
 */
public final class FabricBed {
    /** The AS our ODL speaker uses by default and both FRRs expect from it. */
    public static final long ODL_AS = 64512;
    /** The nodes' InternalIPs (IPv4): the next hops of every announced VIP. */
    public static final List<String> NODE_V4 = List.of("198.51.100.11", "198.51.100.12", "198.51.100.13");
    /** The nodes' InternalIPs (IPv6). */
    public static final List<String> NODE_V6 =
        List.of("2001:db8:0:100::11", "2001:db8:0:100::12", "2001:db8:0:100::13");
    /** The node namespaces, in the order of {@link #NODE_V4}. */
    public static final List<String> NODE_NETNS = List.of("ka-node1", "ka-node2", "ka-node3");

    /**
     * The fabric routers of the bed.
     */
    public enum Router {
        /** FRR AS 65000 in netns ka-fabric; ODL peers from 198.18.0.2 to 198.18.0.1. */
        FABRIC("ka-fabric", "fabric", "198.18.0.1", "2001:db8:ffff::1", 65000, "198.18.0.2"),
        /** FRR AS 65001 in netns ka-fabric2 (second router for add-a-neighbor); ODL peers from 198.18.1.2. */
        FABRIC2("ka-fabric2", "fabric2", "198.18.1.1", "2001:db8:fffe::1", 65001, "198.18.1.2");

        private final String netns;
        private final String runDirName;
        private final String address;
        private final String address6;
        private final long asNumber;
        private final String odlAddress;

        Router(final String netns, final String runDirName, final String address, final String address6,
                final long asNumber, final String odlAddress) {
            this.netns = netns;
            this.runDirName = runDirName;
            this.address = address;
            this.address6 = address6;
            this.asNumber = asNumber;
            this.odlAddress = odlAddress;
        }

        public String netns() {
            return netns;
        }

        /**
         * The address ODL connects to (port 179).
         *
         * @return the router's IPv4 address on the veth toward the root namespace
         */
        public String address() {
            return address;
        }

        public String address6() {
            return address6;
        }

        public long asNumber() {
            return asNumber;
        }

        /**
         * The address FRR expects ODL to connect from (its configured neighbor; the root side of the veth).
         *
         * @return e.g. 198.18.0.2
         */
        public String odlAddress() {
            return odlAddress;
        }

        /**
         * The router whose namespace this is.
         *
         * @param netns e.g. "ka-fabric"
         * @return the router, or null when no FRR runs there (node namespaces)
         */
        public static Router ofNetns(final String netns) {
            return Arrays.stream(values()).filter(r -> r.netns.equals(netns)).findFirst().orElse(null);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FabricBed.class);
    private static final Duration BED_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(20);

    private final Path script;
    private final Path runDir;

    /**
     * The bed of this module: script {@code <module>/bed/bed.sh} (module dir from system property
     * {@code e2e.module.dir}, which the pom sets, else the working directory), run dir from system property
     * {@code ka.bed.dir}, else env {@code KA_BED_DIR}, else /tmp/ka-bed.
     */
    public FabricBed() {
        this(Path.of(System.getProperty("e2e.module.dir", "."), "bed", "bed.sh").toAbsolutePath().normalize(),
            Path.of(System.getProperty("ka.bed.dir",
                System.getenv().getOrDefault("KA_BED_DIR", "/tmp/ka-bed"))).toAbsolutePath());
    }

    /**
     * A bed with explicit paths.
     *
     * @param script bed.sh
     * @param runDir its run dir (passed as KA_BED_DIR)
     */
    public FabricBed(final Path script, final Path runDir) {
        this.script = script;
        this.runDir = runDir;
    }

    public Path runDir() {
        return runDir;
    }

    /**
     * Fails fast, with one clear message, when the suite cannot run here (not root, no FRR, no ping).
     *
     * @throws IllegalStateException naming what is missing
     */
    public static void requirePrerequisites() {
        final String user = Cmd.run("id", "-u").stdout().trim();
        if (!"0".equals(user)) {
            throw new IllegalStateException("The kube-anycast e2e suite must run as root (uid " + user
                + "): it creates network namespaces and starts FRR. CI (.ci/run) runs it as root; locally use "
                + "sudo, or leave out -Pe2e.");
        }
        for (String file : List.of("/usr/lib/frr/zebra", "/usr/lib/frr/bgpd", "/usr/bin/vtysh")) {
            if (!Files.isExecutable(Path.of(file))) {
                throw new IllegalStateException(file + " missing: the e2e suite needs FRR (apt-get install -y frr)");
            }
        }
        for (String tool : List.of("ip", "ping", "ss")) {
            if (!Cmd.run("sh", "-c", "command -v " + tool).ok()) {
                throw new IllegalStateException(tool + " missing: apt-get install -y iproute2 iputils-ping");
            }
        }
    }

    /** Removes leftovers of an earlier run, builds the namespaces and starts both FRRs ({@code bed.sh up}). */
    public void up() {
        bed("up").orThrow();
    }

    /** Stops FRR and removes every namespace, link and run file the bed made ({@code bed.sh down}). */
    public void down() {
        bed("down").orThrow();
    }

    /**
     * {@code bed.sh status}.
     *
     * @return its result: exit 0 when everything exists and both FRRs run
     */
    public Cmd.Result status() {
        return bed("status");
    }

    private Cmd.Result bed(final String verb) {
        return Cmd.run(BED_TIMEOUT, List.of(script.toString(), verb), Map.of("KA_BED_DIR", runDir.toString()));
    }

    /**
     * The network namespaces that exist now and belong to the bed (name starting with "ka-").
     *
     * @return their names
     */
    public static Set<String> bedNamespaces() {
        return Cmd.run("ip", "netns", "list").orThrow().stdout().lines()
            .map(line -> line.split("\\s+")[0])
            .filter(name -> name.startsWith("ka-"))
            .collect(Collectors.toCollection(TreeSet::new));
    }

    // ---- FRR ----

    /**
     * Runs one vtysh command against a router.
     *
     * @param router which FRR
     * @param command e.g. "show bgp summary"
     * @return its output
     * @throws IllegalStateException when vtysh fails
     */
    public String vtysh(final Router router, final String command) {
        return Cmd.run(QUERY_TIMEOUT, List.of("vtysh", "--vty_socket", routerDir(router).toString(), "-c", command))
            .orThrow().stdout();
    }

    /**
     * Runs a vtysh command that prints JSON and parses it.
     *
     * @param router which FRR
     * @param command a command ending in "json"
     * @return the parsed output
     */
    public JsonElement vtyshJson(final Router router, final String command) {
        final String out = vtysh(router, command);
        try {
            return JsonParser.parseString(out);
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("vtysh '" + command + "' did not print JSON:\n" + out, e);
        }
    }

    /**
     * {@code show bgp neighbors json}, parsed.
     *
     * @param router which FRR
     * @return the neighbors
     */
    public BgpNeighbors bgpNeighbors(final Router router) {
        return new BgpNeighbors(vtyshJson(router, "show bgp neighbors json").getAsJsonObject());
    }

    /**
     * The paths FRR holds for one prefix: {@code show bgp <afi> unicast <prefix> json}.
     *
     * @param router which FRR
     * @param prefix e.g. "10.96.0.10/32" or "fd96::10/128"
     * @return its paths, empty when FRR has none
     */
    public List<BgpPath> bgpRoute(final Router router, final String prefix) {
        final JsonObject route = vtyshJson(router, bgpRouteCommand(prefix)).getAsJsonObject();
        final List<BgpPath> paths = new ArrayList<>();
        final JsonElement array = route.get("paths");
        if (array != null && array.isJsonArray()) {
            for (JsonElement path : array.getAsJsonArray()) {
                paths.add(BgpPath.parse(path.getAsJsonObject()));
            }
        }
        return paths;
    }

    /**
     * The next hops of the valid paths FRR holds for a prefix.
     *
     * @param router which FRR
     * @param prefix e.g. "10.96.0.10/32"
     * @return next hops as FRR prints them, empty when FRR has no path
     */
    public Set<String> bgpNextHops(final Router router, final String prefix) {
        return bgpRoute(router, prefix).stream().filter(BgpPath::valid).map(BgpPath::nextHop)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Waits until FRR's BGP table (not the FIB) holds exactly these next hops for a prefix, as valid paths
     * (empty set: no path at all). Polls every 100 ms.
     *
     * @param router which FRR
     * @param prefix e.g. "10.96.0.10/32"
     * @param expectedNextHops the exact next-hop set wanted
     * @param timeout how long
     * @throws AssertionError on timeout, printing FRR's route JSON and the kernel routes
     */
    public void awaitBgpNextHops(final Router router, final String prefix, final Set<String> expectedNextHops,
            final Duration timeout) {
        final Set<String> wanted = canonical(expectedNextHops);
        Await.until(timeout, () -> canonical(bgpNextHops(router, prefix)).equals(wanted),
            () -> "BGP table of " + router + " for " + prefix + ": expected next hops "
                + new TreeSet<>(expectedNextHops) + ", last seen " + safe(() -> String.valueOf(bgpNextHops(router,
                    prefix))) + "\n" + fibFailure(router.netns(), prefix, expectedNextHops));
    }

    private static String bgpRouteCommand(final String prefix) {
        return "show bgp " + Afi.of(prefix).vtyName() + " unicast " + prefix + " json";
    }

    /**
     * Waits until the router's session with a peer is Established.
     *
     * @param router which FRR
     * @param peer the neighbor address, e.g. {@link Router#odlAddress()}
     * @param timeout how long
     * @throws AssertionError with FRR's view of that neighbor on timeout
     */
    public void awaitEstablished(final Router router, final String peer, final Duration timeout) {
        Await.until(timeout, () -> bgpNeighbors(router).isEstablished(peer),
            () -> "BGP session " + router + " <-> " + peer + " not Established\n" + safe(
                () -> vtysh(router, "show bgp neighbors " + peer)) + "\n" + logTail(router, "bgpd.log", 30));
    }

    // ---- kernel FIB ----

    /**
     * The next hops of one route in a namespace's main table, from iproute2's JSON
     * ({@code ip -j -n NS route show exact PREFIX}): a single-path route's {@code gateway}, or each
     * {@code nexthops[].gateway} of a multipath route; a next hop without gateway appears as {@code dev:NAME}.
     *
     * @param netns e.g. "ka-fabric"
     * @param prefix e.g. "10.96.0.10/32"
     * @return the next hops as iproute2 prints them (RFC 5952 for IPv6), empty when there is no such route
     */
    public Set<String> fibRoute(final String netns, final String prefix) {
        final String out = Cmd.run(QUERY_TIMEOUT, ipRouteCommand(netns, prefix, true)).orThrow().stdout();
        final Set<String> hops = new TreeSet<>();
        if (out.isBlank()) {
            return hops;
        }
        for (JsonElement element : JsonParser.parseString(out).getAsJsonArray()) {
            final JsonObject route = element.getAsJsonObject();
            final JsonElement nexthops = route.get("nexthops");
            if (nexthops != null && nexthops.isJsonArray()) {
                for (JsonElement nh : (JsonArray) nexthops) {
                    hops.add(hop(nh.getAsJsonObject()));
                }
            } else {
                hops.add(hop(route));
            }
        }
        return hops;
    }

    private static String hop(final JsonObject obj) {
        final String gateway = BgpNeighbors.string(obj, "gateway");
        return gateway.isEmpty() ? "dev:" + BgpNeighbors.string(obj, "dev") : gateway;
    }

    private static List<String> ipRouteCommand(final String netns, final String prefix, final boolean json) {
        final List<String> cmd = new ArrayList<>(List.of("ip"));
        if (json) {
            cmd.add("-j");
        }
        cmd.addAll(List.of(Afi.of(prefix).ipFlag(), "-n", netns, "route", "show", "exact", prefix));
        return cmd;
    }

    /**
     * Waits until a namespace's FIB holds exactly these next hops for a prefix (an empty set: until the route is
     * gone). IPv6 addresses compare by value, not spelling. Polls every 100 ms.
     *
     * @param netns e.g. "ka-fabric"
     * @param prefix e.g. "10.96.0.10/32"
     * @param expectedNextHops the exact next-hop set wanted
     * @param timeout how long
     * @throws AssertionError on timeout, printing the last FIB seen, FRR's {@code show bgp ... json} for the prefix
     *     and {@code ip route show} of the namespace
     */
    public void awaitFib(final String netns, final String prefix, final Set<String> expectedNextHops,
            final Duration timeout) {
        final Set<String> wanted = canonical(expectedNextHops);
        Await.until(timeout, () -> canonical(fibRoute(netns, prefix)).equals(wanted),
            () -> fibFailure(netns, prefix, expectedNextHops));
    }

    /**
     * {@link #awaitFib(String, String, Set, Duration)} on a router's namespace.
     *
     * @param router which FRR
     * @param prefix e.g. "10.96.0.10/32"
     * @param expectedNextHops the exact next-hop set wanted (empty: route gone)
     * @param timeout how long
     */
    public void awaitFib(final Router router, final String prefix, final Set<String> expectedNextHops,
            final Duration timeout) {
        awaitFib(router.netns(), prefix, expectedNextHops, timeout);
    }

    private String fibFailure(final String netns, final String prefix, final Set<String> expected) {
        final StringBuilder sb = new StringBuilder("FIB of ").append(netns).append(" for ").append(prefix)
            .append(": expected next hops ").append(new TreeSet<>(expected)).append(", last seen ")
            .append(safe(() -> String.valueOf(fibRoute(netns, prefix)))).append('\n');
        final Router router = Router.ofNetns(netns);
        if (router != null) {
            sb.append("--- vtysh ").append(bgpRouteCommand(prefix)).append('\n')
                .append(safe(() -> vtysh(router, bgpRouteCommand(prefix)))).append('\n')
                .append("--- vtysh show bgp summary\n").append(safe(() -> vtysh(router, "show bgp summary")));
        }
        final String family = Afi.of(prefix).ipFlag();
        sb.append("--- ip ").append(family).append(" -n ").append(netns).append(" route show\n")
            .append(safe(() -> Cmd.run("ip", family, "-n", netns, "route", "show").describe()));
        return sb.toString();
    }

    /**
     * Pings once (1 s timeout). From the root namespace it only pings the bed's own root-side networks
     * (198.18.0.0/23, 2001:db8::/32) or loopback: test traffic never leaves the machine (docs/architecture.md,
     * "Test facts").
     *
     * @param netns the namespace to ping from, or null for the root namespace
     * @param address the target (must be a namespace or loopback address)
     * @return whether a reply came back
     */
    public static boolean ping(final String netns, final String address) {
        if (netns == null && !(address.startsWith("198.18.0.") || address.startsWith("198.18.1.")
                || address.toLowerCase(Locale.ROOT).startsWith("2001:db8:") || address.startsWith("127.")
                || "::1".equals(address))) {
            throw new IllegalArgumentException("refusing to send test traffic to " + address
                + " from the root namespace: only the bed's networks and loopback are targets"
                + " (tests/e2e/README.md, Address rule)");
        }
        final List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.addAll(List.of("ping", Afi.of(address) == Afi.IPV6 ? "-6" : "-4", "-c1", "-W1", address));
        return Cmd.run(Duration.ofSeconds(10), cmd).ok();
    }

    // ---- diagnostics ----

    /**
     * Logs (INFO, to the console) and returns what one needs to understand a failure: per router bed status, BGP
     * summary, the ODL neighbor, the BGP tables, the bgp routes in the kernel FIB and the tail of bgpd.log.
     *
     * @return the same text
     */
    public String dumpState() {
        final StringBuilder sb = new StringBuilder("===== fabric bed state =====\n");
        sb.append(safe(() -> status().describe())).append('\n');
        for (Router router : Router.values()) {
            if (!Files.exists(routerDir(router).resolve("bgpd.vty"))) {
                sb.append("----- ").append(router).append(": no bgpd vty\n");
                continue;
            }
            for (String command : List.of("show bgp summary", "show bgp neighbors " + router.odlAddress(),
                    "show bgp ipv4 unicast", "show bgp ipv6 unicast")) {
                sb.append("----- ").append(router).append(": vtysh ").append(command).append('\n')
                    .append(safe(() -> vtysh(router, command)));
            }
            for (String family : List.of("-4", "-6")) {
                sb.append("----- ").append(router).append(": ip ").append(family).append(" route show proto bgp\n")
                    .append(safe(() -> Cmd.run("ip", family, "-n", router.netns(), "route", "show", "proto", "bgp")
                        .describe()));
            }
            sb.append(logTail(router, "bgpd.log", 40));
        }
        sb.append("===== end of fabric bed state =====\n");
        final String text = sb.toString();
        LOG.info("{}", text);
        return text;
    }

    /**
     * The last lines of one of a router's logs in the run dir.
     *
     * @param router which FRR
     * @param file "bgpd.log" or "zebra.log"
     * @param lines how many
     * @return a block headed by the file name
     */
    public String logTail(final Router router, final String file, final int lines) {
        final Path log = routerDir(router).resolve(file);
        try {
            final List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "----- tail " + log + "\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
        } catch (IOException e) {
            return "----- " + log + ": " + e + "\n";
        }
    }

    private Path routerDir(final Router router) {
        return runDir.resolve(router.runDirName);
    }

    // ---- helpers ----

    /**
     * Addresses in a canonical form so IPv6 spellings compare by value; non-literals stay as they are.
     *
     * @param addresses IP literals or "dev:X"
     * @return their canonical forms
     */
    static Set<String> canonical(final Set<String> addresses) {
        return addresses.stream().map(FabricBed::canonical).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String canonical(final String address) {
        if (!address.matches("[0-9a-fA-F:.]+") || address.indexOf(':') < 0) {
            return address;
        }
        try {
            // an IPv6 literal: no name lookup happens
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static String safe(final java.util.function.Supplier<String> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            return "(failed: " + e.getMessage() + ")\n";
        }
    }
}
