/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.NodeAddress;
import io.kubeanycast.source.model.NodeInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.application.rib.tables.routes.Ipv4RoutesCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.ipv4.routes.Ipv4Route;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.ApplicationRib;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.ApplicationRibId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.ApplicationRibKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.rib.Tables;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c.next.hop.Ipv4NextHopCase;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * The pipeline against mdsal's real in-memory data broker (application RIB and operational state) with fake
 * sources and a recording speaker. Addresses are loopback only: nodes 127.0.0.x, the announced cluster CIDR in
 * 127.1.0.0/16, the application peer 127.0.0.11.
 */
abstract class PipelineTestSupport extends AbstractConcurrentDataBrokerTest {
    static final String APP_PEER = "127.0.0.11";
    static final String CLUSTER_CIDR = "127.1.0.0/24";
    /** A configuration that announces the cluster CIDR from every ready node. */
    static final Map<String, String> CONFIG = Map.of(
        "announce.cluster-cidrs", CLUSTER_CIDR,
        "bgp.application-peer", APP_PEER,
        "k8s.url", "http://127.0.0.1:1");

    PipelineTestSupport() {
        // commits complete on the committing thread
        super(true);
    }

    @BeforeEach
    final void startBroker() throws Exception {
        // mdsal's base class is JUnit 4 (@Before); JUnit 5 needs the call made explicitly
        setup();
    }

    static Map<String, String> with(final Map<String, String> base, final String key, final String value) {
        final Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    /**
     * Ready nodes {@code node-1..node-count} at 127.0.0.(10 + i); at most 200.
     */
    static ClusterState nodes(final int count) {
        final Map<String, NodeInfo> nodes = new HashMap<>();
        for (int i = 1; i <= count; i++) {
            nodes.put("node-" + i, new NodeInfo("node-" + i, true, false, false, false,
                List.of(new NodeAddress(NodeAddress.INTERNAL_IP, nextHop(i)))));
        }
        return ClusterState.of(Map.of(), nodes);
    }

    static String nextHop(final int node) {
        return "127.0.0." + (10 + node);
    }

    /** The next hops the cluster CIDR is announced with, as the RIB must hold them. */
    static Set<String> cidrFrom(final int nodeCount) {
        final Set<String> expected = new TreeSet<>();
        for (int i = 1; i <= nodeCount; i++) {
            expected.add(CLUSTER_CIDR + " via " + nextHop(i));
        }
        return expected;
    }

    static InstanceIdentifier<ApplicationRib> ribPath(final String ribId) {
        return InstanceIdentifier.builder(ApplicationRib.class, new ApplicationRibKey(new ApplicationRibId(ribId)))
            .build();
    }

    /** Every IPv4 route of an application RIB as "prefix via next-hop". */
    Set<String> ipv4Routes(final String ribId) throws Exception {
        final Set<String> routes = new TreeSet<>();
        for (Tables table : readRib(ribId).map(ApplicationRib::nonnullTables).orElse(Map.of()).values()) {
            if (table.getRoutes() instanceof Ipv4RoutesCase ipv4) {
                for (Ipv4Route route : ipv4.getIpv4Routes().nonnullIpv4Route().values()) {
                    routes.add(route.getPrefix().getValue() + " via " + ((Ipv4NextHopCase) route.getAttributes()
                        .getCNextHop()).getIpv4NextHop().getGlobal().getValue());
                }
            }
        }
        return routes;
    }

    Optional<ApplicationRib> readRib(final String ribId) throws Exception {
        try (ReadTransaction tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, ribPath(ribId)).get(10, TimeUnit.SECONDS);
        }
    }
}
