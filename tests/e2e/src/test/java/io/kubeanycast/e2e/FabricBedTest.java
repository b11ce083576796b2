/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.e2e.FabricBed.Router;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bed itself, before any ODL: FRR runs and listens, the namespaces reach each other, vtysh answers JSON with
 * our ODL neighbor configured (and not Established: nothing connects yet), and down leaves nothing behind.
 */
@ExtendWith(FabricBedExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FabricBedTest {
    @Test
    @Order(1)
    void frrRunsAndListensOn179(final FabricBed bed) {
        final Cmd.Result status = bed.status();
        assertTrue(status.ok(), status::describe);
        for (Router router : Router.values()) {
            final Cmd.Result listen = Cmd.run("ip", "netns", "exec", router.netns(), "ss", "-Hltn", "sport = :179");
            assertTrue(listen.stdout().contains("LISTEN"), () -> router + ": bgpd not listening\n"
                + listen.describe());
        }
    }

    @Test
    @Order(2)
    void nodesReachTheFabrics() {
        for (String node : FabricBed.NODE_NETNS) {
            assertTrue(FabricBed.ping(node, "198.51.100.1"), node + " -> 198.51.100.1");
            assertTrue(FabricBed.ping(node, "2001:db8:0:100::1"), node + " -> 2001:db8:0:100::1");
            assertTrue(FabricBed.ping(node, "198.51.100.2"), node + " -> ka-fabric2 198.51.100.2");
        }
        for (Router router : Router.values()) {
            for (String nodeIp : FabricBed.NODE_V4) {
                assertTrue(FabricBed.ping(router.netns(), nodeIp), router + " -> " + nodeIp);
            }
            for (String nodeIp : FabricBed.NODE_V6) {
                assertTrue(FabricBed.ping(router.netns(), nodeIp), router + " -> " + nodeIp);
            }
        }
    }

    @Test
    @Order(3)
    void rootReachesTheFabrics() {
        for (Router router : Router.values()) {
            assertTrue(FabricBed.ping(null, router.address()), "root -> " + router.address());
            assertTrue(FabricBed.ping(null, router.address6()), "root -> " + router.address6());
        }
    }

    @Test
    @Order(4)
    void vtyshAnswersJsonWithOurNeighborConfigured(final FabricBed bed) {
        for (Router router : Router.values()) {
            final BgpNeighbors neighbors = bed.bgpNeighbors(router);
            assertEquals(Set.of(router.odlAddress()), neighbors.peers(), neighbors::toString);
            final String peer = router.odlAddress();
            assertEquals(FabricBed.ODL_AS, neighbors.peer(peer).get("remoteAs").getAsLong());
            assertEquals(router.asNumber(), neighbors.peer(peer).get("localAs").getAsLong());
            assertFalse(neighbors.isEstablished(peer), () -> "nothing runs on " + peer + " yet: " + neighbors);
            assertEquals(Set.of(), neighbors.afiSafisNegotiated(peer));
            assertFalse(neighbors.addPathNegotiated(peer, Afi.IPV4));
        }
    }

    @Test
    @Order(5)
    void noRoutesWithoutAnnouncer(final FabricBed bed) {
        assertEquals(List.of(), bed.bgpRoute(Router.FABRIC, "10.96.0.10/32"));
        assertEquals(Set.of(), bed.bgpNextHops(Router.FABRIC2, "fd96::10/128"));
        bed.awaitBgpNextHops(Router.FABRIC, "10.96.0.10/32", Set.of(), Duration.ofSeconds(1));
        assertEquals(Set.of(), bed.fibRoute("ka-fabric", "10.96.0.10/32"));
        assertEquals(Set.of(), bed.fibRoute("ka-fabric", "fd96::10/128"));
        bed.awaitFib(Router.FABRIC, "10.96.0.10/32", Set.of(), Duration.ofSeconds(1));
        // the connected node segment is in the FIB as a dev route: fibRoute's "dev:" form
        assertEquals(Set.of("dev:br-nodes"), bed.fibRoute("ka-fabric", "198.51.100.0/24"));
    }

    @Test
    @Order(6)
    void awaitFibFailureShowsFrrAndKernelState(final FabricBed bed) {
        final AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
            () -> bed.awaitFib(Router.FABRIC, "10.96.0.10/32", Set.of("198.51.100.11"), Duration.ofMillis(300)));
        assertTrue(error.getMessage().contains("expected next hops [198.51.100.11], last seen []"),
            error::getMessage);
        assertTrue(error.getMessage().contains("show bgp ipv4 unicast 10.96.0.10/32 json"), error::getMessage);
        assertTrue(error.getMessage().contains("198.51.100.0/24 dev br-nodes"), error::getMessage);
    }

    @Test
    @Order(7)
    void fibRouteReadsSingleAndMultipathRoutes(final FabricBed bed) {
        // kernel routes written by hand inside ka-fabric (never the root namespace), then removed again
        final String v4 = "10.99.0.1/32";
        final String v6 = "fd99::1/128";
        try {
            Cmd.run("ip", "-n", "ka-fabric", "route", "add", v4, "via", "198.51.100.11").orThrow();
            bed.awaitFib("ka-fabric", v4, Set.of("198.51.100.11"), Duration.ofSeconds(2));
            Cmd.run("ip", "-n", "ka-fabric", "route", "replace", v4, "nexthop", "via", "198.51.100.11", "nexthop",
                "via", "198.51.100.13").orThrow();
            bed.awaitFib("ka-fabric", v4, Set.of("198.51.100.11", "198.51.100.13"), Duration.ofSeconds(2));
            Cmd.run("ip", "-6", "-n", "ka-fabric", "route", "add", v6, "nexthop", "via", "2001:db8:0:100::12",
                "nexthop", "via", "2001:db8:0:100::13").orThrow();
            bed.awaitFib("ka-fabric", v6, Set.of("2001:db8:0:100:0:0:0:12", "2001:db8:0:100::13"),
                Duration.ofSeconds(2));
        } finally {
            Cmd.run("ip", "-n", "ka-fabric", "route", "del", v4);
            Cmd.run("ip", "-6", "-n", "ka-fabric", "route", "del", v6);
        }
        assertEquals(Set.of(), bed.fibRoute("ka-fabric", v4));
        assertEquals(Set.of(), bed.fibRoute("ka-fabric", v6));
    }

    @Test
    @Order(100)
    void downLeavesNothingAndUpRestores(final FabricBed bed) {
        bed.down();
        assertEquals(Set.of(), FabricBed.bedNamespaces());
        assertFalse(Cmd.run("ip", "link", "show", "ka-odl").ok(), "ka-odl still exists");
        assertFalse(Cmd.run("ip", "link", "show", "ka-odl2").ok(), "ka-odl2 still exists");
        assertFalse(java.nio.file.Files.exists(bed.runDir().resolve("fabric/bgpd.pid")), "pid file left");
        assertFalse(bed.status().ok());
        // the rest of the suite shares the bed: bring it back (this also proves up after down)
        bed.up();
        assertTrue(bed.status().ok(), () -> bed.status().describe());
    }
}
