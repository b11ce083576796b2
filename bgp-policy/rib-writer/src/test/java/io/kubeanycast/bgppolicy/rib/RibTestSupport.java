/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.bgppolicy.core.Community;
import io.kubeanycast.bgppolicy.core.PathAttributes;
import io.kubeanycast.source.model.IpFamily;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.Ipv4Routes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.ipv4.routes.Ipv4Route;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.Ipv6Routes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.ipv6.routes.Ipv6Route;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * Runs the writer against mdsal's real in-memory data broker (the schema is every YANG model on the test class
 * path: bgp-rib, bgp-inet, bgp-message, bgp-types and their imports). Addresses are loopback only: IPv4 VIPs in
 * 127.1.0.0/16 with next hops 127.0.0.x, IPv6 VIPs and next hops as IPv4-mapped loopback addresses.
 */
abstract class RibTestSupport extends AbstractConcurrentDataBrokerTest {
    static final String RIB_ID = "127.0.0.11";
    static final String NODE_A = "127.0.0.2";
    static final String NODE_B = "127.0.0.3";
    static final String NODE_C = "127.0.0.4";
    static final PathAttributes DEFAULT = attrs(100);

    final RouteCodec codec = new RouteCodec(RIB_ID);

    RibTestSupport() {
        // commits complete on the committing thread: the writer's futures are done when commit() returns
        super(true);
    }

    @BeforeEach
    final void startBroker() throws Exception {
        // mdsal's base class is JUnit 4 (@Before); JUnit 5 needs the call made explicitly
        setup();
    }

    static PathAttributes attrs(final long localPref, final Community... communities) {
        return new PathAttributes(localPref, OptionalLong.empty(), new TreeSet<>(Arrays.asList(communities)));
    }

    static AdvertisedPath path(final String prefix, final String nextHop) {
        return path(prefix, nextHop, DEFAULT);
    }

    static AdvertisedPath path(final String prefix, final String nextHop, final PathAttributes attributes) {
        return new AdvertisedPath(prefix, IpFamily.of(prefix), nextHop, "node-" + nextHop, attributes);
    }

    /** IPv4 VIP number {@code index} in 127.1.0.0/16. */
    static String vip(final int index) {
        return "127.1." + (index >> 8) + "." + (index & 0xFF) + "/32";
    }

    /** Every IPv4 route the RIB holds, by "route-key#path-id". */
    Map<String, Ipv4Route> ipv4Routes() throws Exception {
        final Map<String, Ipv4Route> result = new HashMap<>();
        read(codec.ipv4RoutesPath()).map(Ipv4Routes::nonnullIpv4Route).orElse(Map.of()).values()
            .forEach(route -> result.put(route.getRouteKey() + "#" + route.getPathId().getValue(), route));
        return result;
    }

    /** Every IPv6 route the RIB holds, by "route-key#path-id". */
    Map<String, Ipv6Route> ipv6Routes() throws Exception {
        final Map<String, Ipv6Route> result = new HashMap<>();
        read(codec.ipv6RoutesPath()).map(Ipv6Routes::nonnullIpv6Route).orElse(Map.of()).values()
            .forEach(route -> result.put(route.getRouteKey() + "#" + route.getPathId().getValue(), route));
        return result;
    }

    <T extends DataObject> Optional<T> read(final InstanceIdentifier<T> path) throws Exception {
        try (ReadTransaction tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, path).get(10, TimeUnit.SECONDS);
        }
    }

    static String nextHopOf(final Ipv4Route route) {
        return ((org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c
            .next.hop.Ipv4NextHopCase) route.getAttributes().getCNextHop()).getIpv4NextHop().getGlobal().getValue();
    }
}
