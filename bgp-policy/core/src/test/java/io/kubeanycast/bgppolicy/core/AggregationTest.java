/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static io.kubeanycast.bgppolicy.core.Routes.compute;
import static io.kubeanycast.bgppolicy.core.Routes.decision;
import static io.kubeanycast.bgppolicy.core.Routes.hops;
import static io.kubeanycast.bgppolicy.core.Routes.pathsOf;
import static io.kubeanycast.bgppolicy.core.Routes.policy;
import static io.kubeanycast.bgppolicy.core.Routes.prefixes;
import static io.kubeanycast.bgppolicy.core.TestCluster.NODE1_V4;
import static io.kubeanycast.bgppolicy.core.TestCluster.NODE1_V6;
import static io.kubeanycast.bgppolicy.core.TestCluster.NODE2_V4;
import static io.kubeanycast.bgppolicy.core.TestCluster.NODE2_V6;
import static io.kubeanycast.bgppolicy.core.TestCluster.NODE3_V4;
import static io.kubeanycast.bgppolicy.core.TestCluster.NODE3_V6;
import static io.kubeanycast.bgppolicy.core.TestCluster.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * route.aggregate-length-v4/-v6 and the rules that keep an aggregate safe.
 */
class AggregationTest {
    private static final String[] ALL_V4 = {"node1", NODE1_V4, "node2", NODE2_V4, "node3", NODE3_V4};

    @Test
    void clusterPolicyVipsAreAnnouncedAsTheirCoveringPrefix() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("a").loadBalancerIp("203.0.113.10").ready("node1"))
            .add(service("b").externalIp("203.0.113.200").ready("node2")),
            policy(Policy.AGGREGATE_LENGTH_V4, "24", Policy.CLUSTER_CIDRS, ""));
        assertEquals(List.of("203.0.113.0/24"), prefixes(result));
        assertEquals(hops(ALL_V4), pathsOf(result, "203.0.113.0/24"));
        assertEquals(Optional.of("203.0.113.0/24"), decision(result, "a", 0).prefix());
        assertEquals(Optional.of("203.0.113.0/24"), decision(result, "b", 0).prefix());
    }

    @Test
    void ipv6VipsAggregateWithTheirOwnLength() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("a").loadBalancerIp("2001:db8:ff::10").ready6("node1"))
            .add(service("b").loadBalancerIp("203.0.113.10").ready("node1")),
            policy(Policy.AGGREGATE_LENGTH_V6, "120", Policy.CLUSTER_CIDRS, ""));
        assertEquals(List.of("2001:db8:ff::/120", "203.0.113.10/32"), prefixes(result));
        assertEquals(hops("node1", NODE1_V6, "node2", NODE2_V6, "node3", NODE3_V6),
            pathsOf(result, "2001:db8:ff::/120"));
    }

    @Test
    void anAggregateWiderThanTheAllowListFallsBackToHostRoutes() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("a").loadBalancerIp("203.0.113.10").ready("node1")),
            policy(Policy.AGGREGATE_LENGTH_V4, "16", Policy.CLUSTER_CIDRS, ""));
        assertEquals(List.of("203.0.113.10/32"), prefixes(result));
        assertEquals(Optional.of("203.0.113.10/32"), decision(result, "a", 0).prefix());
        assertEquals(1, result.findings().size());
        assertEquals("203.0.0.0/16", result.findings().get(0).subject());
    }

    @Test
    void localPolicyAnnotatedRefusedAndWithdrawnVipsAreNotAggregated() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("local").externalLocal().loadBalancerIp("203.0.113.10").ready("node1"))
            .add(service("gold").loadBalancerIp("203.0.113.11").ready("node1")
                .annotation(ServiceAnnotations.LOCAL_PREF, "300"))
            .add(service("empty").loadBalancerIp("203.0.113.12"))
            .add(service("outside").loadBalancerIp("198.51.100.77").ready("node1")),
            policy(Policy.AGGREGATE_LENGTH_V4, "24", Policy.CLUSTER_CIDRS, "", AnnotationLimits.LOCAL_PREF_RANGE,
                "300"));
        // No announced VIP qualifies, so no aggregate at all.
        assertEquals(List.of("203.0.113.10/32", "203.0.113.11/32"), prefixes(result));
        assertEquals(hops("node1", NODE1_V4), pathsOf(result, "203.0.113.10/32"));
    }

    @Test
    void aggregateCarriesTheConfiguredAttributes() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("a").loadBalancerIp("203.0.113.10").ready("node1")),
            policy(Policy.AGGREGATE_LENGTH_V4, "24", Policy.CLUSTER_CIDRS, "", Policy.MED, "5"));
        result.paths().forEach(path -> assertEquals(policy(Policy.MED, "5").attributes(), path.attributes()));
    }

    @Test
    void anAggregateIsAnnouncedOnlyFromNodesCommonToEveryVipItCovers() {
        // Today every Cluster-policy VIP of a family has the same nodes; drive the rule directly so it stays
        // safe if per-VIP node sets ever differ.
        final Policy policy = policy(Policy.AGGREGATE_LENGTH_V4, "24");
        final IpPrefix aggregate = IpPrefix.parse("203.0.113.0/24");
        final List<VipDecision> decisions = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        final Aggregates aggregates = new Aggregates();
        aggregates.add(aggregate, hostRoute("203.0.113.1", Map.of("node1", NODE1_V4, "node2", NODE2_V4)),
            decisions);
        aggregates.add(aggregate, hostRoute("203.0.113.2", Map.of("node2", NODE2_V4, "node3", NODE3_V4)),
            decisions);
        final PathCollector paths = new PathCollector(4, findings);
        aggregates.resolve(policy, paths, findings);

        assertEquals(1, paths.paths().size());
        final AdvertisedPath path = paths.paths().iterator().next();
        assertEquals("203.0.113.0/24", path.prefix());
        assertEquals("node2", path.node());
        assertEquals(Map.of("node2", NODE2_V4), decisions.get(0).nodes().announcedFrom());
        assertEquals(NodeExclusion.NOT_COMMON_TO_AGGREGATE, decisions.get(0).nodes().leftOut().get("node1"));
        assertEquals(NodeExclusion.NOT_COMMON_TO_AGGREGATE, decisions.get(1).nodes().leftOut().get("node3"));
        assertTrue(findings.isEmpty());
    }

    private static VipDecision hostRoute(final String address, final Map<String, String> nodes) {
        return new VipDecision(new ServiceId("default", address), Vip.of(address, VipKind.LOAD_BALANCER_IP),
            Optional.of(address + "/32"), Optional.empty(), new NodeSelection(new java.util.TreeMap<>(nodes),
                new java.util.TreeMap<>()), false, PathAttributes.DEFAULT);
    }
}
