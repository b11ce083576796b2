/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.bgppolicy.core.NodeLossGuard;
import io.kubeanycast.bgppolicy.core.Policy;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.RouteComputer;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.LoadBalancerIngress;
import io.kubeanycast.source.model.NodeAddress;
import io.kubeanycast.source.model.NodeInfo;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import io.kubeanycast.source.model.ServiceType;
import io.kubeanycast.source.model.TrafficPolicy;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@code anycast:explain} and {@code anycast:status} say about the mass node-loss guard, endpoints without
 * {@code nodeName}, nodes being deleted and load-balancer IPs that are not ours.
 */
class NodeSemanticsFormattersTest {
    private static final ServiceId WEB = new ServiceId("demo", "web");
    private static final ServiceId OTHER = new ServiceId("demo", "other-class");
    private static final ServiceId UNPLACED = new ServiceId("demo", "unplaced");
    private static final Policy POLICY = Policy.parse(Map.of(Policy.CLUSTER_CIDRS, "10.96.0.0/16",
        Policy.EXTERNAL_CIDRS, "203.0.113.0/24"));

    private static ClusterState cluster(final boolean ready, final boolean node3Deleting) {
        final Map<String, NodeInfo> nodes = new TreeMap<>();
        for (int i = 1; i <= 3; i++) {
            nodes.put("node" + i, new NodeInfo("node" + i, ready, false, false, false,
                List.of(new NodeAddress(NodeAddress.INTERNAL_IP, "198.51.100.1" + i)), i == 3 && node3Deleting));
        }
        final Map<ServiceId, ServiceInfo> services = new TreeMap<>();
        services.put(WEB, new ServiceInfo(WEB, ServiceType.LOAD_BALANCER, false, TrafficPolicy.LOCAL,
            TrafficPolicy.CLUSTER, List.of(Vip.of("203.0.113.10", VipKind.LOAD_BALANCER_IP)), Map.of(),
            Map.of(IpFamily.IPV4, Map.of("node1", new EndpointCounts(ready ? 1 : 0, ready ? 1 : 0, 0))), Map.of()));
        services.put(OTHER, new ServiceInfo(OTHER, ServiceType.LOAD_BALANCER, false, TrafficPolicy.CLUSTER,
            TrafficPolicy.CLUSTER, List.of(Vip.of("203.0.113.30", VipKind.LOAD_BALANCER_IP)), Map.of(),
            Map.of(IpFamily.IPV4, Map.of("node1", new EndpointCounts(1, 1, 0))), Map.of(), Optional.empty(),
            Optional.of("example.com/other-lb"), List.of(LoadBalancerIngress.of("203.0.113.30", null, "VIP"))));
        services.put(UNPLACED, new ServiceInfo(UNPLACED, ServiceType.LOAD_BALANCER, false, TrafficPolicy.LOCAL,
            TrafficPolicy.CLUSTER, List.of(Vip.of("203.0.113.40", VipKind.LOAD_BALANCER_IP)), Map.of(), Map.of(),
            Map.of(IpFamily.IPV4, new EndpointCounts(1, 1, 0))));
        return ClusterState.of(services, nodes);
    }

    @Test
    void explainAndStatusShowTheHeldNodes() {
        final NodeLossGuard guard = new NodeLossGuard(message -> { });
        guard.compute(new RouteComputer(), cluster(true, false), POLICY, Instant.parse("2026-12-08T00:00:00Z"));
        final RouteComputation held = guard.compute(new RouteComputer(), cluster(false, false), POLICY,
            Instant.parse("2026-12-08T00:00:40Z"));

        final String explain = ExplainFormatter.format(held, WEB);
        assertLine(explain, "Mass node-loss guard ENGAGED since 2026-12-08T00:00:40Z: 3 of 3 nodes lost readiness"
            + " within 60000 ms \\(threshold 50 %\\); still announced from their last good state: node1, node2,"
            + " node3");
        assertLine(explain, "  node1 +yes \\(held\\) +next hop 198.51.100.11; node is not Ready, kept by the mass"
            + " node-loss guard");

        final String status = StatusFormatter.format(new StatusSnapshot(Optional.empty(), Optional.empty(),
            Optional.of(held), Optional.empty(), Optional.empty(), List.of()), List.of(), Optional.empty());
        assertLine(status, "Node-loss guard +ENGAGED since 2026-12-08T00:00:40Z: 3 of 3 nodes .*");
    }

    @Test
    void explainNamesTheNewReasons() {
        final RouteComputation computation = new RouteComputer().compute(cluster(true, true), POLICY);
        final String unplaced = ExplainFormatter.format(computation, UNPLACED);
        assertLine(unplaced, "  node2 +no +no ready endpoint names this node, but the Service has ready endpoints"
            + " without nodeName: where they run is unknown, so no node announces them");
        assertLine(unplaced, "  node3 +no +node is being deleted \\(deletionTimestamp set or"
            + " ToBeDeletedByClusterAutoscaler taint\\)");
        assertLine(unplaced, "  endpoints without nodeName: 1 ready IPV4 endpoint\\(s\\) of the Service name no"
            + " node.*");

        final String other = ExplainFormatter.format(computation, OTHER);
        assertLine(other, "VIP 203.0.113.30 \\(LoadBalancer IP\\): not announced: load-balancer IP of another"
            + " implementation \\(announce.load-balancer-class\\): spec.loadBalancerClass example.com/other-lb is not"
            + " announce.load-balancer-class kube-anycast.io/bgp: another load-balancer implementation owns this IP");

        final String status = StatusFormatter.format(new StatusSnapshot(Optional.empty(), Optional.empty(),
            Optional.of(computation), Optional.empty(), Optional.empty(), List.of()), List.of(), Optional.empty());
        assertLine(status, "Node-loss guard +off \\(nodes.mass-loss-window-ms is 0\\)");
    }

    private static void assertLine(final String text, final String regex) {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(text).find(), () -> "no line /" + regex
            + "/ in:\n" + text);
    }
}
