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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The FRR JSON parsers against output captured from FRR 8.4.4 on this bed (src/test/resources/frr-8.4: ka-fabric
 * with an eBGP announcer at 198.18.0.2, AS 64512, sending 3 ADD-PATH paths per prefix for 10.96.0.10/32 and
 * fd96::10/128). Needs no root.
 */
class FrrJsonParsingTest {
    private static String resource(final String name) throws IOException {
        try (InputStream in = FrrJsonParsingTest.class.getResourceAsStream("/frr-8.4/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void establishedNeighborWithAddPathAndBothFamilies() throws IOException {
        final BgpNeighbors neighbors = new BgpNeighbors(
            JsonParser.parseString(resource("neighbors-established-addpath.json")).getAsJsonObject());
        assertEquals(Set.of("198.18.0.2"), neighbors.peers());
        assertTrue(neighbors.isEstablished("198.18.0.2"));
        assertTrue(neighbors.addPathNegotiated("198.18.0.2", Afi.IPV4));
        assertTrue(neighbors.addPathNegotiated("198.18.0.2", Afi.IPV6));
        assertEquals(EnumSet.allOf(Afi.class), neighbors.afiSafisNegotiated("198.18.0.2"));
        assertEquals(3, neighbors.acceptedPaths("198.18.0.2", Afi.IPV4));
        assertEquals(3, neighbors.acceptedPaths("198.18.0.2", Afi.IPV6));
        assertEquals(new BgpNeighbors.SessionCounters(1, 0), neighbors.sessionCounters("198.18.0.2"));
        assertThrows(AssertionError.class, () -> neighbors.state("198.18.0.99"));
    }

    @Test
    void routeWithThreeMultipaths() throws IOException {
        final List<BgpPath> v4 = parseRoute("route-ipv4-3paths.json");
        assertEquals(Set.of("198.51.100.11", "198.51.100.12", "198.51.100.13"),
            v4.stream().map(BgpPath::nextHop).collect(Collectors.toSet()));
        assertTrue(v4.stream().allMatch(p -> p.valid() && p.multipath() && p.accessible()));
        assertEquals(1, v4.stream().filter(BgpPath::best).count());
        assertEquals(Set.of(1L, 2L, 3L), v4.stream().map(BgpPath::addPathRxId).collect(Collectors.toSet()));
        assertTrue(v4.stream().allMatch(p -> "198.18.0.2".equals(p.peer())));

        final List<BgpPath> v6 = parseRoute("route-ipv6-3paths.json");
        assertEquals(Set.of("2001:db8:0:100::11", "2001:db8:0:100::12", "2001:db8:0:100::13"),
            v6.stream().map(BgpPath::nextHop).collect(Collectors.toSet()));
    }

    @Test
    void ipv6NextHopsCompareByValue() {
        assertEquals(FabricBed.canonical(Set.of("2001:db8:0:100::11", "dev:br-nodes")),
            FabricBed.canonical(Set.of("2001:DB8:0:100:0:0:0:11", "dev:br-nodes")));
        assertFalse(FabricBed.canonical(Set.of("2001:db8:0:100::11"))
            .equals(FabricBed.canonical(Set.of("2001:db8:0:100::12"))));
    }

    @Test
    void fakeApiServerPaths() {
        assertEquals("/api/v1/namespaces/default/services",
            FakeApiServerProcess.collectionPath("v1", "Service", "default"));
        assertEquals("/api/v1/nodes", FakeApiServerProcess.collectionPath("v1", "Node", "ignored"));
        assertEquals("/apis/discovery.k8s.io/v1/namespaces/web/endpointslices",
            FakeApiServerProcess.collectionPath("discovery.k8s.io/v1", "EndpointSlice", "web"));
    }

    private static List<BgpPath> parseRoute(final String name) throws IOException {
        return JsonParser.parseString(resource(name)).getAsJsonObject().getAsJsonArray("paths").asList().stream()
            .map(e -> BgpPath.parse(e.getAsJsonObject())).collect(Collectors.toList());
    }
}
