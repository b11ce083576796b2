/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.bgppolicy.core.IpAddress;
import io.kubeanycast.bgppolicy.core.IpPrefix;
import io.kubeanycast.bgppolicy.core.Policy;
import io.kubeanycast.bgppolicy.core.RouteComputer;
import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.NodeAddress;
import io.kubeanycast.source.model.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One implementation, one answer: every place kube-anycast canonicalises an address gives the same text for the
 * same address, IPv4-mapped, compressed and mixed forms included. The places: the core's {@link IpAddress} (VIPs,
 * next hops, prefixes), the {@code bgp.*} keys ({@link SpeakerConfig}: neighbors, router-id), and the neighbor
 * addresses ODL reports, which {@code DefaultKubeAnycast} matches to the configured ones with
 * {@link IpAddress#canonical(String)}. The answer for {@code ::ffff:a.b.c.d}: it stays an IPv6 address (its text
 * has a colon, so the cluster model files it as IPv6 too) and prints in hex; it is not an IPv4 router-id.
 */
class AddressCanonicalFormTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "198.18.0.1, 198.18.0.1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0db8:0000::0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "::ffff:198.18.0.1, ::ffff:c612:1",
        "0:0:0:0:0:FFFF:C612:0001, ::ffff:c612:1",
        "::FFFF:c612:1, ::ffff:c612:1",
        "64:ff9b::198.18.0.1, 64:ff9b::c612:1",
        "1:2:3:4:5:6:198.18.0.1, 1:2:3:4:5:6:c612:1",
        "::198.18.0.1, ::c612:1"
    })
    void everyPlaceGivesTheSameCanonicalText(final String written, final String canonical) {
        final IpFamily family = IpFamily.of(canonical);
        assertEquals(IpFamily.of(written), family, "the cluster model's family of the written form");

        // the core, which DefaultKubeAnycast uses to match ODL's neighbor addresses to the configured ones
        assertEquals(canonical, IpAddress.canonical(written));
        assertEquals(canonical, IpAddress.canonical(canonical));
        assertEquals(family, IpAddress.parse(written).family());
        final int hostLength = family == IpFamily.IPV4 ? 32 : 128;
        assertEquals(canonical + "/" + hostLength, IpPrefix.parse(written + "/" + hostLength).toString());

        // a configured fabric neighbor
        final SpeakerConfig speaker = SpeakerConfig.parse(Map.of("bgp.neighbors", "tor",
            "bgp.neighbor.tor.address", written, "bgp.neighbor.tor.as", "65000"));
        assertEquals(canonical, speaker.neighbors().get(0).address());

        // the router-id (and the application peer id, parsed the same way) is IPv4 only
        if (family == IpFamily.IPV4) {
            assertEquals(canonical, SpeakerConfig.parse(Map.of("bgp.router-id", written)).routerId());
        } else {
            final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SpeakerConfig.parse(Map.of("bgp.router-id", written)));
            assertTrue(refused.getMessage().contains("must be an IPv4 address"), refused.getMessage());
        }

        // a node's InternalIP becomes the next hop of the paths it announces
        final ClusterState state = ClusterState.of(Map.of(), Map.of("node1", new NodeInfo("node1", true, false,
            false, false, List.of(new NodeAddress(NodeAddress.INTERNAL_IP, written)))));
        final Policy policy = Policy.parse(Map.of(Policy.CLUSTER_CIDRS, "10.96.0.0/16,2001:db8:96::/112"));
        final Set<String> nextHops = new RouteComputer().compute(state, policy).paths().stream()
            .map(AdvertisedPath::nextHop).collect(Collectors.toSet());
        assertEquals(Set.of(canonical), nextHops);
    }
}
