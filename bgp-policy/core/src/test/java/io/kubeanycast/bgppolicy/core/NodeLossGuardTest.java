/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static io.kubeanycast.bgppolicy.core.Routes.pathsOf;
import static io.kubeanycast.bgppolicy.core.Routes.policy;
import static io.kubeanycast.bgppolicy.core.TestCluster.node;
import static io.kubeanycast.bgppolicy.core.TestCluster.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.api.EventType;
import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.NodeInfo;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mass node-loss guard: a mass NotReady keeps the last good nodes announced, a single loss withdraws at once,
 * and nodes that leave on purpose never count. Time is given explicitly, so every case is deterministic.
 */
class NodeLossGuardTest {
    private static final Instant T0 = Instant.parse("2026-12-08T00:00:00Z");
    private static final String CIDR = "10.96.0.0/12";
    private static final String LOCAL_VIP = "203.0.113.10/32";
    private static final String CLUSTER_VIP = "203.0.113.20/32";
    private static final List<String> FOUR = List.of("node1", "node2", "node3", "node4");

    private final List<String> transitions = new ArrayList<>();
    private final NodeLossGuard guard = new NodeLossGuard(transitions::add);
    private final RouteComputer computer = new RouteComputer();

    /**
     * Four ready nodes; web-local (eTP Local) has a ready endpoint on node1 and node2, web-cluster (eTP Cluster) on
     * node3. Nodes named in {@code lost} are NotReady and, as the node lifecycle controller does to their pods,
     * have their endpoints not ready; {@code change} alters each of them further.
     */
    private static ClusterState cluster(final Set<String> lost, final UnaryOperator<TestCluster.NodeBuilder> change) {
        final TestCluster cluster = new TestCluster();
        for (int i = 1; i <= 4; i++) {
            final String name = "node" + i;
            TestCluster.NodeBuilder builder = node(name).internal("198.51.100." + i);
            if (lost.contains(name)) {
                builder = change.apply(builder.notReady());
            }
            cluster.add(builder);
        }
        final TestCluster.ServiceBuilder local = service("web-local").externalLocal().externalIp("203.0.113.10");
        final TestCluster.ServiceBuilder clustered = service("web-cluster").externalIp("203.0.113.20");
        for (String name : List.of("node1", "node2")) {
            local.endpoints(IpFamily.IPV4, name, lost.contains(name) ? new EndpointCounts(0, 0, 0)
                : new EndpointCounts(1, 1, 0));
        }
        clustered.endpoints(IpFamily.IPV4, "node3", lost.contains("node3") ? new EndpointCounts(0, 0, 0)
            : new EndpointCounts(1, 1, 0));
        return cluster.add(local).add(clustered).build();
    }

    private static ClusterState cluster(final String... lost) {
        return cluster(Set.of(lost), UnaryOperator.identity());
    }

    private RouteComputation at(final long seconds, final ClusterState state, final String... config) {
        return guard.compute(computer, state, policy(config), T0.plusSeconds(seconds));
    }

    private static Set<String> from(final RouteComputation result, final String prefix) {
        return pathsOf(result, prefix).keySet();
    }

    @Test
    void allNodesNotReadyKeepsEveryRouteFromTheLastGoodNodes() {
        final RouteComputation good = at(0, cluster());
        final RouteComputation held = at(45, cluster("node1", "node2", "node3", "node4"));
        assertEquals(good.paths(), held.paths(), "cluster CIDRs and VIPs as before, endpoints included");
        assertEquals(Set.copyOf(FOUR), from(held, CIDR));
        assertEquals(Set.of("node1", "node2"), from(held, LOCAL_VIP));
        assertEquals(Set.copyOf(FOUR), from(held, CLUSTER_VIP));

        final NodeLossStatus status = held.nodeLoss();
        assertTrue(status.engaged());
        assertEquals(Optional.of(T0.plusSeconds(45)), status.since());
        assertEquals(Map.of("node1", NodeExclusion.NOT_READY, "node2", NodeExclusion.NOT_READY,
            "node3", NodeExclusion.NOT_READY, "node4", NodeExclusion.NOT_READY), status.held());
        assertEquals(List.of("Mass node-loss guard engaged: 4 of 4 nodes lost readiness within 60000 ms (threshold"
            + " 50 %); still announcing from their last good state: node1, node2, node3, node4"), transitions);
        assertTrue(status.summary().startsWith("ENGAGED since 2026-12-08T00:00:45Z: 4 of 4 nodes"), status.summary());
        assertFalse(good.nodeLoss().engaged());
        assertEquals("armed: 0 of 4 nodes lost readiness within 60000 ms (threshold 50 %)", good.nodeLoss().summary());
    }

    @Test
    void aSingleNodeNotReadyStillWithdrawsAtOnce() {
        at(0, cluster());
        final RouteComputation result = at(10, cluster("node1"));
        assertFalse(result.nodeLoss().engaged());
        assertEquals(1, result.nodeLoss().lost());
        assertEquals(Set.of("node2", "node3", "node4"), from(result, CIDR));
        assertEquals(Set.of("node2"), from(result, LOCAL_VIP));
        assertEquals(List.of(), transitions);
    }

    /**
     * Rows: seconds and NotReady nodes of each step after an all-ready start at 0 s, config, and whether the guard
     * is engaged after the last step.
     */
    static Stream<Arguments> thresholds() {
        return Stream.of(
            Arguments.of("half of four is not more than half", steps(10, "node1,node2"), new String[0], false),
            Arguments.of("three of four", steps(10, "node1,node2,node3"), new String[0], true),
            Arguments.of("three of four, one by one inside the window",
                steps(10, "node1", 30, "node1,node2", 50, "node1,node2,node3"), new String[0], true),
            Arguments.of("three of four, spread wider than the window",
                steps(10, "node1", 80, "node1,node2", 150, "node1,node2,node3"), new String[0], false),
            Arguments.of("the last node left always counts as all", steps(10, "node1", 80, "node1,node2",
                150, "node1,node2,node3", 220, "node1,node2,node3,node4"), new String[0], true),
            Arguments.of("a longer window", steps(10, "node1", 80, "node1,node2", 150, "node1,node2,node3"),
                new String[] {Policy.MASS_LOSS_WINDOW_MS, "200000"}, true),
            Arguments.of("threshold 75 %", steps(10, "node1,node2,node3"),
                new String[] {Policy.MASS_LOSS_THRESHOLD_PERCENT, "75"}, false),
            Arguments.of("threshold 100 % still guards all", steps(10, "node1,node2,node3,node4"),
                new String[] {Policy.MASS_LOSS_THRESHOLD_PERCENT, "100"}, true),
            Arguments.of("threshold 25 %", steps(10, "node1,node2"),
                new String[] {Policy.MASS_LOSS_THRESHOLD_PERCENT, "25"}, true),
            Arguments.of("window 0 switches the guard off", steps(10, "node1,node2,node3,node4"),
                new String[] {Policy.MASS_LOSS_WINDOW_MS, "0"}, false));
    }

    private static List<Object[]> steps(final Object... secondsAndNodes) {
        final List<Object[]> steps = new ArrayList<>();
        for (int i = 0; i < secondsAndNodes.length; i += 2) {
            steps.add(new Object[] {secondsAndNodes[i], secondsAndNodes[i + 1]});
        }
        return steps;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thresholds")
    void engagesAboveTheThresholdWithinTheWindow(final String description, final List<Object[]> steps,
            final String[] config, final boolean engaged) {
        at(0, cluster(), config);
        RouteComputation result = null;
        for (Object[] step : steps) {
            result = at((Integer) step[0], cluster(((String) step[1]).split(",")), config);
        }
        assertEquals(engaged, result.nodeLoss().engaged(), description);
        final Set<String> notReady = Set.of(((String) steps.get(steps.size() - 1)[1]).split(","));
        final Set<String> expected = engaged ? result.nodeLoss().held().keySet().stream()
            .collect(Collectors.toCollection(TreeSet::new)) : Set.of();
        // a node is announced when ready or held; held ones are exactly the guard's
        final Set<String> announced = from(result, CIDR);
        for (String name : FOUR) {
            assertEquals(!notReady.contains(name) || expected.contains(name), announced.contains(name),
                description + ": " + name);
        }
    }

    @Test
    void recoversOnceTheLostShareIsBackAtTheThreshold() {
        at(0, cluster());
        assertTrue(at(30, cluster("node1", "node2", "node3")).nodeLoss().engaged());
        // node1 back: two of four lost is 50 %, not more: released, node2 and node3 withdrawn normally
        final RouteComputation released = at(90, cluster("node2", "node3"));
        assertFalse(released.nodeLoss().engaged());
        assertEquals(Set.of("node1", "node4"), from(released, CIDR));
        assertEquals(Set.of("node1"), from(released, LOCAL_VIP));
        assertEquals(Set.of(), from(released, CLUSTER_VIP), "its only endpoint, on node3, is not ready");
        assertEquals("Mass node-loss guard released after 60 s: 2 of 4 nodes lost readiness within 60000 ms"
            + " (threshold 50 %); nodes are announced by their own readiness again, withdrawing node2, node3",
            transitions.get(1));
        // and the rest come back
        final RouteComputation healthy = at(120, cluster());
        assertEquals(Set.copyOf(FOUR), from(healthy, CIDR));
        assertFalse(healthy.nodeLoss().engaged());
    }

    @Test
    void staysEngagedWhileMoreNodesAreLostAndHoldsThemToo() {
        at(0, cluster());
        at(10, cluster("node1", "node2", "node3"));
        // long after the window, the last node goes too: still held, being engaged
        final RouteComputation result = at(600, cluster("node1", "node2", "node3", "node4"));
        assertEquals(Set.copyOf(FOUR), result.nodeLoss().held().keySet());
        assertEquals(Set.copyOf(FOUR), from(result, CIDR));
        assertEquals(1, transitions.size());
    }

    static Stream<Arguments> deliberateDepartures() {
        return Stream.of(
            Arguments.of("being deleted (deletionTimestamp, autoscaler taint)",
                (UnaryOperator<TestCluster.NodeBuilder>) TestCluster.NodeBuilder::beingDeleted,
                NodeExclusion.BEING_DELETED),
            Arguments.of("cordoned for a drain",
                (UnaryOperator<TestCluster.NodeBuilder>) TestCluster.NodeBuilder::cordoned, NodeExclusion.NOT_READY),
            Arguments.of("excluded by label",
                (UnaryOperator<TestCluster.NodeBuilder>) TestCluster.NodeBuilder::excludeLabel,
                NodeExclusion.NOT_READY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliberateDepartures")
    void nodesLeavingOnPurposeNeverCount(final String description, final UnaryOperator<TestCluster.NodeBuilder> how,
            final NodeExclusion reason) {
        at(0, cluster());
        final RouteComputation result = at(10, cluster(Set.of("node1", "node2", "node3"), how));
        assertFalse(result.nodeLoss().engaged(), description);
        assertEquals(0, result.nodeLoss().lost());
        assertEquals(Set.of("node4"), from(result, CIDR));
        assertEquals(reason, result.clusterCidrs().get(0).nodes().leftOut().get("node1"));
    }

    @Test
    void deletedNodesNeverCount() {
        at(0, cluster());
        final ClusterState all = cluster("node1");
        final Map<String, NodeInfo> nodes = new TreeMap<>(all.nodes());
        nodes.keySet().removeAll(List.of("node2", "node3"));
        final RouteComputation result = at(10, ClusterState.of(all.services(), nodes));
        // one of two remaining nodes lost: 50 %, not more
        assertFalse(result.nodeLoss().engaged());
        assertEquals(Set.of("node4"), from(result, CIDR));
    }

    @Test
    void serviceChangesStillApplyWhileEngaged() {
        at(0, cluster());
        at(10, cluster("node1", "node2", "node3", "node4"));
        final ClusterState lost = cluster("node1", "node2", "node3", "node4");
        final Map<ServiceId, ServiceInfo> services =
            new TreeMap<>(lost.services());
        services.remove(new ServiceId("default", "web-cluster"));
        final RouteComputation result = at(20, ClusterState.of(services, lost.nodes()));
        assertTrue(result.nodeLoss().engaged());
        assertTrue(from(result, CLUSTER_VIP).isEmpty(), "a deleted Service is withdrawn");
        assertEquals(Set.of("node1", "node2"), from(result, LOCAL_VIP));
    }

    @Test
    void retryWithTheSameSnapshotChangesNothing() {
        at(0, cluster());
        final RouteComputation first = at(10, cluster("node1", "node2", "node3"));
        final RouteComputation retry = at(15, cluster("node1", "node2", "node3"));
        assertEquals(first, retry);
        assertEquals(1, transitions.size());
    }

    @Test
    void nothingIsHeldWithoutAGoodSnapshotBefore() {
        final RouteComputation result = at(0, cluster("node1", "node2", "node3", "node4"));
        assertFalse(result.nodeLoss().engaged());
        assertTrue(result.paths().isEmpty());
    }

    @Test
    void engagementAndReleaseAreServiceEvents() {
        final RouteComputation good = at(0, cluster());
        final RouteComputation held = at(10, cluster("node1", "node2", "node3"));
        final List<ServiceEvent> engaged = ServiceEvents.between(Optional.of(good), held);
        assertEquals(List.of(
            new ServiceEvent(new ServiceId("default", "web-cluster"), EventType.WARNING,
                ServiceEvents.NODE_LOSS_GUARD, "mass node loss: 3 of 4 nodes lost readiness within 60000 ms; "
                    + CLUSTER_VIP + " still announced from node1, node2, node3 as they were before (mass node-loss"
                    + " guard)"),
            new ServiceEvent(new ServiceId("default", "web-local"), EventType.WARNING,
                ServiceEvents.NODE_LOSS_GUARD, "mass node loss: 3 of 4 nodes lost readiness within 60000 ms; "
                    + LOCAL_VIP + " still announced from node1, node2 as they were before (mass node-loss guard)")),
            engaged);
        final RouteComputation released = at(20, cluster());
        final List<ServiceEvent> after = ServiceEvents.between(Optional.of(held), released);
        assertEquals(2, after.size(), after.toString());
        assertTrue(after.stream().allMatch(event -> event.type() == EventType.NORMAL
            && event.reason().equals(ServiceEvents.NODE_LOSS_GUARD_RELEASED)), after.toString());
    }

    @Test
    void guardKeysAreValidated() {
        assertEquals(50, Policy.DEFAULT.massLossThresholdPercent());
        assertEquals(Duration.ofSeconds(60), Policy.DEFAULT.massLossWindow());
        for (String bad : List.of("0", "101", "-5", "half")) {
            assertThrows(ConfigException.class,
                () -> policy(Policy.MASS_LOSS_THRESHOLD_PERCENT, bad), bad);
        }
        assertThrows(ConfigException.class,
            () -> policy(Policy.MASS_LOSS_WINDOW_MS, "1m"));
    }
}
