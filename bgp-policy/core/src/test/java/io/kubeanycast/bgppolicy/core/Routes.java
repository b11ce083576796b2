/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeanycast.source.model.ServiceId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Helpers shared by the route computation tests: a base policy, and reading paths and decisions back.
 */
final class Routes {
    static final String CLUSTER_CIDRS = "10.96.0.0/12,2001:db8:96::/112";
    static final String EXTERNAL_CIDRS = "203.0.113.0/24,2001:db8:ff::/64";

    private Routes() {
        // helpers
    }

    /**
     * The base policy (cluster and external CIDRs as above), changed by key/value pairs.
     */
    static Policy policy(final String... keyValues) {
        final Map<String, String> config = new HashMap<>();
        config.put(Policy.CLUSTER_CIDRS, CLUSTER_CIDRS);
        config.put(Policy.EXTERNAL_CIDRS, EXTERNAL_CIDRS);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return Policy.parse(config);
    }

    static RouteComputation compute(final TestCluster cluster, final Policy policy) {
        return new RouteComputer().compute(cluster.build(), policy);
    }

    /**
     * Node name to next hop of every path of a prefix; also checks that no two paths share a key.
     */
    static SortedMap<String, String> pathsOf(final RouteComputation result, final String prefix) {
        final SortedMap<String, String> hops = new TreeMap<>();
        result.paths().stream().filter(path -> path.prefix().equals(prefix))
            .forEach(path -> assertEquals(null, hops.put(path.node(), path.nextHop()), "two paths from one node"));
        return hops;
    }

    static List<String> prefixes(final RouteComputation result) {
        return result.paths().stream().map(AdvertisedPath::prefix).distinct().sorted().toList();
    }

    static VipDecision decision(final RouteComputation result, final String service, final int index) {
        return result.decisionsOf(new ServiceId("default", service)).get(index);
    }

    static SortedMap<String, String> hops(final String... nodeAndHop) {
        final SortedMap<String, String> hops = new TreeMap<>();
        for (int i = 0; i < nodeAndHop.length; i += 2) {
            hops.put(nodeAndHop[i], nodeAndHop[i + 1]);
        }
        return hops;
    }
}
