/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.e2e.FabricBed.Router;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole product against a real fabric router: the fake Kubernetes API server holds the sample cluster
 * (k8s-service-source/fake-apiserver/src/main/resources/sample-cluster), the Karaf distribution runs
 * odl-kube-anycast watching it, and FRR in network namespaces is the fabric. Every assertion reads FRR's own JSON
 * or the fabric namespace's kernel FIB. One Karaf boot is shared by the scenarios, which run in order and each
 * leave the cluster as the next one expects. None of them but the Karaf restart may reset the BGP session: after
 * each, FRR's established/dropped counters for ODL must be those taken when the session first came up.
 */
@ExtendWith(FabricBedExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceRoutesEndToEndTest {
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final long OUTAGE_SECONDS = 60;
    private static final Duration SESSION = Duration.ofSeconds(120);
    private static final String NODE1 = "198.51.100.11";
    private static final String NODE2 = "198.51.100.12";
    private static final String NODE3 = "198.51.100.13";
    private static final String NODE1_V6 = "2001:db8:0:100::11";
    private static final String NODE2_V6 = "2001:db8:0:100::12";

    private static FakeApiServerProcess cluster;
    private static KarafInstance karaf;
    private static FabricBed bed;
    /**
     * FRR's counters of the session with ODL, taken once it is Established: every scenario except a Karaf
     * restart must leave them as they are. Checking "Established" after convergence cannot see a session that
     * reset and came back within the scenario; these counters can.
     */
    private static BgpNeighbors.SessionCounters fabricSession;
    private static boolean sessionResetExpected;

    /** Set from the start: a change of route.med re-creates the BGP instance, which would reset the sessions. */
    private static final String ATTRIBUTES = """
        route.med = 42
        annotations.allowed-communities = 65000:100
        """;

    private static String config(final boolean withSecondNeighbor) {
        return (withSecondNeighbor ? SampleCluster.config(cluster.url().getPort(), Router.FABRIC, Router.FABRIC2)
            : SampleCluster.config(cluster.url().getPort(), Router.FABRIC)) + ATTRIBUTES;
    }

    @BeforeAll
    static void startClusterAndKaraf(final FabricBed fabricBed) {
        bed = fabricBed;
        cluster = SampleCluster.start("ServiceRoutesEndToEndTest");
        karaf = KarafInstance.create("ServiceRoutesEndToEndTest", config(false)).start();
    }

    @AfterAll
    static void stopAll() {
        if (karaf != null) {
            karaf.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void noScenarioResetTheFabricSession(final TestInfo test) {
        if (fabricSession == null || sessionResetExpected) {
            return;
        }
        final BgpNeighbors neighbors = bed.bgpNeighbors(Router.FABRIC);
        assertEquals(fabricSession, neighbors.sessionCounters(Router.FABRIC.odlAddress()),
            () -> test.getDisplayName() + " reset the BGP session with the fabric (FRR's established/dropped counters"
                + " moved); it must not\n" + neighbors.peer(Router.FABRIC.odlAddress()));
    }

    @Test
    @Order(1)
    void sessionIsEstablishedWithAddPathForBothFamilies() {
        final String odl = Router.FABRIC.odlAddress();
        bed.awaitEstablished(Router.FABRIC, odl, SESSION);
        final BgpNeighbors neighbors = bed.bgpNeighbors(Router.FABRIC);
        fabricSession = neighbors.sessionCounters(odl);
        assertEquals(EnumSet.allOf(Afi.class), neighbors.afiSafisNegotiated(odl), neighbors::toString);
        assertTrue(neighbors.addPathNegotiated(odl, Afi.IPV4), neighbors::toString);
        assertTrue(neighbors.addPathNegotiated(odl, Afi.IPV6), neighbors::toString);
    }

    @Test
    @Order(2)
    void etpLocalVipIsOneFibRouteWithTheEndpointNodesAsNextHops() {
        // demo/web-local: eTP Local, endpoints on node1 and node3
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE3), CONVERGE);
        // its ClusterIP too (eTP Local ClusterIPs are announced like Calico does, inside the cluster CIDR)
        bed.awaitFib(Router.FABRIC, "10.96.0.10", Set.of(NODE1, NODE3), CONVERGE);
        Await.until(CONVERGE, () -> demoEvents().contains("203.0.113.10/32 announced from node1, node3"),
            () -> "no Announced event for demo/web-local: " + demoEvents());
    }

    @Test
    @Order(3)
    void locRibOverRestconfHoldsThePathsWritten() throws IOException {
        final Restconf.Response locRib = karaf.restconf()
            .get("/data/bgp-rib:bgp-rib/rib=kube-anycast/loc-rib?content=nonconfig");
        assertEquals(200, locRib.status(), locRib::body);
        assertTrue(locRib.body().contains("\"203.0.113.10/32\""), locRib::body);
        assertTrue(locRib.body().contains("\"2001:db8:0:200::40/128\""), locRib::body);
    }

    @Test
    @Order(4)
    void serviceClusterCidrIsAnnouncedFromEveryNode() {
        bed.awaitFib(Router.FABRIC, "10.96.0.0/16", Set.of(NODE1, NODE2, NODE3), CONVERGE);
    }

    @Test
    @Order(5)
    void dualStackServiceHasAnIpv6RouteWithIpv6NextHops() {
        bed.awaitFib(Router.FABRIC, "203.0.113.40", Set.of(NODE1, NODE2), CONVERGE);
        bed.awaitFib(Router.FABRIC, "2001:db8:0:200::40", Set.of(NODE1_V6, NODE2_V6), CONVERGE);
    }

    @Test
    @Order(6)
    void scalingEndpointsUpAndDownAddsAndRemovesNextHops() throws IOException {
        cluster.apply(endpointSlice("web-local-x7k2p", "web-local", "node1", "node2", "node3"));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE2, NODE3), CONVERGE);
        // node1's endpoint deleted: its next hop goes, the others stay
        cluster.apply(endpointSlice("web-local-x7k2p", "web-local", "node2", "node3"));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE2, NODE3), CONVERGE);
        cluster.apply(endpointSlice("web-local-x7k2p", "web-local", "node1", "node2", "node3"));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE2, NODE3), CONVERGE);
    }

    @Test
    @Order(7)
    void nodeNotReadyIsRemovedAndComesBack() throws IOException {
        cluster.apply(node("node1", "False"));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE2, NODE3), CONVERGE);
        bed.awaitFib(Router.FABRIC, "10.96.0.0/16", Set.of(NODE2, NODE3), CONVERGE);
        cluster.apply(node("node1", "True"));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE2, NODE3), CONVERGE);
    }

    @Test
    @Order(8)
    void allEndpointsGoneWithdrawsTheVip() throws IOException {
        cluster.apply(endpointSlice("web-local-x7k2p", "web-local"));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(), CONVERGE);
        cluster.apply(endpointSlice("web-local-x7k2p", "web-local", "node1", "node3"));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE3), CONVERGE);
    }

    @Test
    @Order(9)
    void externalIpOutsideTheAllowListNeverReachesTheFabric() throws IOException {
        cluster.apply("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"hijack","namespace":"demo"},
             "spec":{"type":"ClusterIP","clusterIP":"10.96.0.70","clusterIPs":["10.96.0.70"],
                     "externalIPs":["198.18.7.7","203.0.113.70"],
                     "ports":[{"port":80,"protocol":"TCP"}],"selector":{"app":"hijack"}}}
            """);
        cluster.apply(endpointSlice("hijack-1", "hijack", "node2"));
        // the allowed externalIP of the same Service shows the change was processed ...
        bed.awaitFib(Router.FABRIC, "203.0.113.70", Set.of(NODE1, NODE2, NODE3), CONVERGE);
        // ... and the one outside announce.external-cidrs is in neither FRR's BGP table nor its FIB
        assertEquals(List.of(), bed.bgpRoute(Router.FABRIC, "198.18.7.7/32"));
        assertEquals(Set.of(), bed.fibRoute(Router.FABRIC.netns(), "198.18.7.7"));
        assertTrue(karaf.log().contains("198.18.7.7"), "the refusal is logged with the address");
        // ... and reported on the Service as a Kubernetes Warning Event
        Await.until(CONVERGE, () -> {
            final String events = demoEvents();
            return events.contains("\"Refused\"") && events.contains("198.18.7.7")
                && events.contains("\"hijack\"");
        }, () -> "no Refused event for demo/hijack: " + demoEvents());
    }

    @Test
    @Order(10)
    void medAndOnlyAllowedCommunitiesReachTheEbgpFabricAndNoTenantTakesAnotherTenantsVip() throws IOException {
        // a tenant claims demo/web-local's LoadBalancer IP (older: from the fixtures) with its own endpoint on node2
        cluster.apply(service("tenant-b", "grab", "10.96.0.91", "203.0.113.10", "Local", Map.of()));
        cluster.apply(endpointSliceIn("tenant-b", "grab-1", "grab", endpoint("node2", true, true, false)));
        cluster.apply(service("demo", "blackhole", "10.96.0.92", "203.0.113.92", "Cluster",
            Map.of("kube-anycast.io/communities", "65535:666")));
        cluster.apply(endpointSlice("blackhole-1", "blackhole", "node2"));
        cluster.apply(service("demo", "gold", "10.96.0.93", "203.0.113.93", "Cluster",
            Map.of("kube-anycast.io/communities", "65000:100")));
        cluster.apply(endpointSlice("gold-1", "gold", "node2"));
        bed.awaitBgpNextHops(Router.FABRIC, "203.0.113.93/32", Set.of(NODE1, NODE2, NODE3), CONVERGE);
        bed.awaitBgpNextHops(Router.FABRIC, "203.0.113.92/32", Set.of(NODE1, NODE2, NODE3), CONVERGE);

        // route.med reaches the eBGP router on every path (bgpcep's non-transitive filter alone would drop it) ...
        for (BgpPath path : bed.bgpRoute(Router.FABRIC, "203.0.113.93/32")) {
            assertEquals(42, path.raw().has("metric") ? path.raw().get("metric").getAsInt() : -1,
                path.raw()::toString);
            assertTrue(path.raw().toString().contains("65000:100"), path.raw()::toString);
        }
        // ... an allowed community does too; BLACKHOLE from an annotation does not: the VIP is announced without it
        for (BgpPath path : bed.bgpRoute(Router.FABRIC, "203.0.113.92/32")) {
            final String raw = path.raw().toString().toLowerCase(Locale.ROOT);
            assertTrue(!raw.contains("blackhole") && !raw.contains("65535:666"), raw);
        }
        Await.until(CONVERGE, () -> demoEvents().contains("InvalidAnnotation") && demoEvents().contains("BLACKHOLE"),
            () -> "no InvalidAnnotation event for demo/blackhole: " + demoEvents());

        // the later claim of 203.0.113.10 is refused: node2 never becomes a next hop of demo/web-local's VIP
        assertEquals(Set.of(NODE1, NODE3), bed.fibRoute(Router.FABRIC.netns(), "203.0.113.10"));
        Await.until(CONVERGE, () -> events("tenant-b").contains("\"Refused\"")
            && events("tenant-b").contains("belongs to demo/web-local"),
            () -> "no Refused event for tenant-b/grab: " + events("tenant-b"));

        for (String name : List.of("blackhole", "gold")) {
            cluster.delete("Service", "demo", name);
            cluster.delete("EndpointSlice", "demo", name + "-1");
        }
        cluster.delete("Service", "tenant-b", "grab");
        cluster.delete("EndpointSlice", "tenant-b", "grab-1");
        bed.awaitBgpNextHops(Router.FABRIC, "203.0.113.93/32", Set.of(), CONVERGE);
        assertEquals(Set.of(NODE1, NODE3), bed.fibRoute(Router.FABRIC.netns(), "203.0.113.10"));
    }

    private static String demoEvents() {
        return events("demo");
    }

    private static String events(final String namespace) {
        try {
            return cluster.send("GET", "/api/v1/namespaces/" + namespace + "/events", null).body();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String service(final String namespace, final String name, final String clusterIp,
            final String externalIp, final String trafficPolicy, final Map<String, String> annotations) {
        final String annotationJson = annotations.entrySet().stream()
            .map(entry -> "\"" + entry.getKey() + "\":\"" + entry.getValue() + "\"")
            .collect(Collectors.joining(","));
        return """
            {"apiVersion":"v1","kind":"Service",
             "metadata":{"name":"%s","namespace":"%s","annotations":{%s}},
             "spec":{"type":"ClusterIP","clusterIP":"%s","clusterIPs":["%s"],"externalIPs":["%s"],
                     "externalTrafficPolicy":"%s","ports":[{"port":80,"protocol":"TCP"}],"selector":{"app":"%s"}}}
            """.formatted(name, namespace, annotationJson, clusterIp, clusterIp, externalIp, trafficPolicy, name);
    }

    @Test
    @Order(20)
    void etpClusterLoadBalancerIpFollowsNodeEligibility() throws IOException {
        // demo/web-cluster: eTP Cluster, endpoint on node2 only, announced from every eligible node
        bed.awaitFib(Router.FABRIC, "203.0.113.20", Set.of(NODE1, NODE2, NODE3), CONVERGE);
        cluster.apply(node("node2", "False"));
        bed.awaitFib(Router.FABRIC, "203.0.113.20", Set.of(NODE1, NODE3), CONVERGE);
        cluster.apply(node("node2", "True"));
        bed.awaitFib(Router.FABRIC, "203.0.113.20", Set.of(NODE1, NODE2, NODE3), CONVERGE);
        cluster.apply(node("node3", "True", "\"node.kubernetes.io/exclude-from-external-load-balancers\":\"\""));
        bed.awaitFib(Router.FABRIC, "203.0.113.20", Set.of(NODE1, NODE2), CONVERGE);
        cluster.apply(node("node3", "True"));
        bed.awaitFib(Router.FABRIC, "203.0.113.20", Set.of(NODE1, NODE2, NODE3), CONVERGE);
    }

    @Test
    @Order(21)
    void terminatingEndpointsDrainGracefully() throws IOException {
        // node3's only endpoint starts terminating while node1 has a ready one: node3 is withdrawn at once
        cluster.apply(endpointSliceOf("web-local-x7k2p", "web-local",
            endpoint("node1", true, true, false), endpoint("node3", false, true, true)));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1), CONVERGE);
        // no node has a ready endpoint any more: the serving, terminating ones keep the VIP (graceful drain)
        cluster.apply(endpointSliceOf("web-local-x7k2p", "web-local",
            endpoint("node1", false, true, true), endpoint("node3", false, true, true)));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE3), CONVERGE);
        // ... until they stop serving
        cluster.apply(endpointSliceOf("web-local-x7k2p", "web-local",
            endpoint("node1", false, false, true), endpoint("node3", false, true, true)));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE3), CONVERGE);
        cluster.apply(endpointSliceOf("web-local-x7k2p", "web-local",
            endpoint("node1", false, false, true), endpoint("node3", false, false, true)));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(), CONVERGE);
        cluster.apply(endpointSlice("web-local-x7k2p", "web-local", "node1", "node3"));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE3), CONVERGE);
    }

    @Test
    @Order(22)
    void apiServerOutageLosesNothingAndConvergesToTheNewStateAfter() throws IOException {
        final Set<String> before = bed.fibRoute(Router.FABRIC.netns(), "203.0.113.70");
        assertEquals(Set.of(NODE1, NODE2, NODE3), before, "the hijack scenario's allowed VIP is announced");
        cluster.stop();
        Await.sleep(Duration.ofSeconds(OUTAGE_SECONDS));
        // nothing was withdrawn because the API went away
        assertEquals(before, bed.fibRoute(Router.FABRIC.netns(), "203.0.113.70"));
        assertEquals(Set.of(NODE1, NODE3), bed.fibRoute(Router.FABRIC.netns(), "203.0.113.10"));
        // the API server comes back with different state: its fixtures only (the sample cluster), so the
        // Service "hijack" created at run time is gone, and web-local lost node3 while we were not looking
        cluster.start();
        cluster.apply(endpointSlice("web-local-x7k2p", "web-local", "node1"));
        bed.awaitFib(Router.FABRIC, "203.0.113.70", Set.of(), Duration.ofSeconds(90));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1), CONVERGE);
        cluster.apply(endpointSlice("web-local-x7k2p", "web-local", "node1", "node3"));
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE3), CONVERGE);
    }

    @Test
    @Order(23)
    void massNotReadyKeepsEveryRouteAndRecovers() throws IOException {
        bed.awaitFib(Router.FABRIC, "10.96.0.0/16", Set.of(NODE1, NODE2, NODE3), CONVERGE);
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE3), CONVERGE);
        // the API server loses its kubelets: every node turns Unknown, although nodes and pods still serve
        for (String node : List.of("node1", "node2", "node3")) {
            cluster.apply(node(node, "Unknown"));
        }
        // the guard engaged (its Event is recorded after the write) ...
        Await.until(CONVERGE, () -> demoEvents().contains("\"NodeLossGuard\""),
            () -> "no NodeLossGuard event: " + demoEvents());
        assertTrue(karaf.log().contains("Mass node-loss guard engaged"), "the engagement is logged");
        // ... and FRR still routes every prefix to the nodes it had
        bed.awaitFib(Router.FABRIC, "10.96.0.0/16", Set.of(NODE1, NODE2, NODE3), CONVERGE);
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE3), CONVERGE);
        bed.awaitFib(Router.FABRIC, "203.0.113.20", Set.of(NODE1, NODE2, NODE3), CONVERGE);
        // the kubelets report again: the guard releases and routes follow readiness again
        for (String node : List.of("node1", "node2", "node3")) {
            cluster.apply(node(node, "True"));
        }
        Await.until(CONVERGE, () -> demoEvents().contains("\"NodeLossGuardReleased\""),
            () -> "no NodeLossGuardReleased event: " + demoEvents());
        cluster.apply(node("node2", "False"));
        bed.awaitFib(Router.FABRIC, "10.96.0.0/16", Set.of(NODE1, NODE3), CONVERGE);
        cluster.apply(node("node2", "True"));
        bed.awaitFib(Router.FABRIC, "10.96.0.0/16", Set.of(NODE1, NODE2, NODE3), CONVERGE);
    }

    @Test
    @Order(30)
    void badConfigurationIsRefusedAndTheLastGoodOneStaysLive() {
        karaf.updateConfig(config(true).replace("bgp.local-as = 64512", "bgp.local-as = 0"));
        Await.until(Duration.ofSeconds(30), () -> karaf.log().contains("bgp.local-as = '0'"),
            () -> "no log line naming the bad key\n" + karaf.logTail(40));
        // nothing changed: the first session stays up, the second neighbor was not added
        assertTrue(bed.bgpNeighbors(Router.FABRIC).isEstablished(Router.FABRIC.odlAddress()));
        assertEquals(Set.of(NODE1, NODE3), bed.fibRoute(Router.FABRIC.netns(), "203.0.113.10"));
        assertTrue(!bed.bgpNeighbors(Router.FABRIC2).isEstablished(Router.FABRIC2.odlAddress()),
            "a refused file must not add the neighbor it names");
    }

    @Test
    @Order(31)
    void addingASecondNeighborAtRunTimeBringsUpItsSessionWithTheFullTable() {
        karaf.updateConfig(config(true));
        bed.awaitEstablished(Router.FABRIC2, Router.FABRIC2.odlAddress(), SESSION);
        bed.awaitFib(Router.FABRIC2, "203.0.113.10", Set.of(NODE1, NODE3), CONVERGE);
        bed.awaitFib(Router.FABRIC2, "10.96.0.0/16", Set.of(NODE1, NODE2, NODE3), CONVERGE);
        // the untouched first neighbor kept its session
        assertTrue(bed.bgpNeighbors(Router.FABRIC).isEstablished(Router.FABRIC.odlAddress()));
    }

    @Test
    @Order(32)
    void afterAKarafRestartNoStalePathSurvives() throws IOException {
        // the one scenario that resets the session on purpose
        sessionResetExpected = true;
        karaf.stop();
        // while kube-anycast is down the Service loses node3; the persisted application RIB still says node3
        cluster.apply(endpointSlice("web-local-x7k2p", "web-local", "node1"));
        karaf.start();
        bed.awaitEstablished(Router.FABRIC, Router.FABRIC.odlAddress(), SESSION);
        bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1), Duration.ofSeconds(90));
        bed.awaitFib(Router.FABRIC, "10.96.0.0/16", Set.of(NODE1, NODE2, NODE3), CONVERGE);
    }

    private static String endpointSlice(final String name, final String service, final String... nodes) {
        return endpointSliceOf(name, service, Arrays.stream(nodes)
            .map(node -> endpoint(node, true, true, false)).toArray(String[]::new));
    }

    private static String endpoint(final String node, final boolean ready, final boolean serving,
            final boolean terminating) {
        return """
            {"addresses":["10.244.%d.%d"],"nodeName":"%s",
             "conditions":{"ready":%s,"serving":%s,"terminating":%s}}""".formatted(
                node.charAt(node.length() - 1) - '0', 7, node, ready, serving, terminating);
    }

    private static String endpointSliceOf(final String name, final String service, final String... endpointJson) {
        return endpointSliceIn("demo", name, service, endpointJson);
    }

    private static String endpointSliceIn(final String namespace, final String name, final String service,
            final String... endpointJson) {
        final String endpoints = String.join(",", endpointJson);
        return """
            {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","addressType":"IPv4",
             "metadata":{"name":"%s","namespace":"%s","labels":{"kubernetes.io/service-name":"%s"}},
             "endpoints":[%s],"ports":[{"name":"http","port":8080,"protocol":"TCP"}]}
            """.formatted(name, namespace, service, endpoints);
    }

    private static String node(final String name, final String ready) {
        return node(name, ready, "");
    }

    private static String node(final String name, final String ready, final String extraLabel) {
        final int index = name.charAt(name.length() - 1) - '0';
        return """
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"kubernetes.io/hostname":"%s"%s}},
             "spec":{},
             "status":{"conditions":[{"type":"Ready","status":"%s","reason":"KubeletReady"}],
                       "addresses":[{"type":"InternalIP","address":"198.51.100.1%d"},
                                    {"type":"InternalIP","address":"2001:db8:0:100::1%d"},
                                    {"type":"Hostname","address":"%s"}]}}
            """.formatted(name, name, extraLabel.isEmpty() ? "" : "," + extraLabel, ready, index, index, name);
    }
}
