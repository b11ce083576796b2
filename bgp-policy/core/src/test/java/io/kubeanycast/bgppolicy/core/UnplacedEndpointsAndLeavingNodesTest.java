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
import static io.kubeanycast.bgppolicy.core.Routes.pathsOf;
import static io.kubeanycast.bgppolicy.core.Routes.policy;
import static io.kubeanycast.bgppolicy.core.TestCluster.node;
import static io.kubeanycast.bgppolicy.core.TestCluster.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Endpoints whose {@code nodeName} is unset get their own reason instead of blaming every node, and nodes being
 * deleted leave like NotReady ones, with their own reason.
 */
class UnplacedEndpointsAndLeavingNodesTest {
    private static final String EXT = "203.0.113.10";
    private static final EndpointCounts ONE_READY = new EndpointCounts(1, 1, 0);

    @Test
    void localVipWithOnlyUnplacedEndpointsBlamesTheEndpointsNotTheNodes() {
        final RouteComputation result = compute(TestCluster.threeNodes().add(service("web").externalLocal()
            .externalIp(EXT).endpointsWithoutNode(IpFamily.IPV4, new EndpointCounts(2, 2, 0))), policy());
        final VipDecision decision = decision(result, "web", 0);
        assertTrue(pathsOf(result, EXT + "/32").isEmpty());
        assertEquals(Map.of("node1", NodeExclusion.ENDPOINT_WITHOUT_NODE, "node2", NodeExclusion.ENDPOINT_WITHOUT_NODE,
            "node3", NodeExclusion.ENDPOINT_WITHOUT_NODE), decision.nodes().leftOut());
        assertEquals(List.of(new Finding(Finding.SubjectKind.SERVICE, "default/web", "endpoints without nodeName",
            "2 ready IPV4 endpoint(s) of the Service name no node: a Local VIP is announced only from the nodes its"
                + " ready endpoints name, so these attract no traffic")), result.findings());
    }

    /** Rows: endpoints on node1, endpoints without node, the reason node2 is left out. */
    static Stream<Arguments> reasons() {
        return Stream.of(
            Arguments.of(ONE_READY, EndpointCounts.NONE, NodeExclusion.NO_READY_ENDPOINT),
            Arguments.of(ONE_READY, ONE_READY, NodeExclusion.ENDPOINT_WITHOUT_NODE),
            // an unplaced endpoint that is not ready explains nothing
            Arguments.of(ONE_READY, new EndpointCounts(0, 0, 0), NodeExclusion.NO_READY_ENDPOINT),
            Arguments.of(EndpointCounts.NONE, new EndpointCounts(0, 1, 1), NodeExclusion.NO_READY_ENDPOINT));
    }

    @ParameterizedTest
    @MethodSource("reasons")
    void reasonOfANodeWithoutReadyEndpoint(final EndpointCounts onNode1, final EndpointCounts withoutNode,
            final NodeExclusion reason) {
        final TestCluster.ServiceBuilder web = service("web").externalLocal().externalIp(EXT)
            .endpointsWithoutNode(IpFamily.IPV4, withoutNode);
        if (!onNode1.isEmpty()) {
            web.endpoints(IpFamily.IPV4, "node1", onNode1);
        }
        final RouteComputation result = compute(TestCluster.threeNodes().add(web), policy());
        assertEquals(reason, decision(result, "web", 0).nodes().leftOut().get("node2"));
        assertEquals(onNode1.hasReady() ? Set.of("node1") : Set.of(), pathsOf(result, EXT + "/32").keySet());
    }

    @Test
    void unplacedEndpointsOfAClusterPolicyVipAreNoProblem() {
        // externalTrafficPolicy Cluster: kube-proxy forwards to them wherever they are, from every node
        final RouteComputation result = compute(TestCluster.threeNodes().add(service("web").externalIp(EXT)
            .endpointsWithoutNode(IpFamily.IPV4, ONE_READY)), policy());
        assertEquals(Set.of("node1", "node2", "node3"), pathsOf(result, EXT + "/32").keySet());
        assertTrue(result.findings().isEmpty(), result.findings().toString());
    }

    @Test
    void withdrawalEventNamesTheUnplacedEndpoints() {
        final RouteComputation before = compute(TestCluster.threeNodes().add(service("web").externalLocal()
            .externalIp(EXT).ready("node1")), policy());
        final RouteComputation after = compute(TestCluster.threeNodes().add(service("web").externalLocal()
            .externalIp(EXT).endpointsWithoutNode(IpFamily.IPV4, ONE_READY)), policy());
        final ServiceEvent withdrawn = ServiceEvents.between(Optional.of(before), after).get(0);
        assertEquals(ServiceEvents.WITHDRAWN, withdrawn.reason());
        assertTrue(withdrawn.message().contains(NodeExclusion.ENDPOINT_WITHOUT_NODE.description()),
            withdrawn.message());
    }

    @Test
    void nodeBeingDeletedLeavesEveryPrefixWithItsOwnReason() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(node("node4").internal("198.51.100.4").beingDeleted())
            .add(service("local").externalLocal().externalIp(EXT).ready("node1", "node4"))
            .add(service("cluster").externalIp("203.0.113.20").ready("node4")), policy());
        assertEquals(Map.of("node4", NodeExclusion.BEING_DELETED), result.clusterCidrs().get(0).nodes().leftOut());
        assertEquals(Set.of("node1"), pathsOf(result, EXT + "/32").keySet());
        assertEquals(NodeExclusion.BEING_DELETED, decision(result, "local", 0).nodes().leftOut().get("node4"));
        assertEquals(Set.of("node1", "node2", "node3"), pathsOf(result, "203.0.113.20/32").keySet());
    }

    @Test
    void beingDeletedIsReportedBeforeNotReady() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(node("node4").internal("198.51.100.4").beingDeleted().notReady()), policy());
        assertEquals(NodeExclusion.BEING_DELETED, result.clusterCidrs().get(0).nodes().leftOut().get("node4"));
    }
}
