/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.NodeInfo;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import io.kubeanycast.source.model.VipKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties over a few hundred random states: computation is deterministic and idempotent, independent of
 * the order of its inputs, and every path it returns obeys the contract's invariants.
 *
 * <p>Order: {@link ClusterState} sorts Services and nodes, so their order cannot reach the computation and is not
 * what is checked here (the mapper's input order is, in k8s-service-source/impl's {@code MapperAndComputerFuzzTest}).
 * What does reach it unsorted is each Service's VIP list (API order: clusterIPs, externalIPs, load-balancer
 * ingress) and its annotation and endpoint maps. The same state with those permuted must give the same paths,
 * and the same decisions and findings up to the order of the VIPs they are about.
 */
class RoutePropertyTest {
    private static final int STATES = 400;
    private static final long SEED = 20_261_126L;

    private final RouteComputer computer = new RouteComputer();

    @Test
    void computationIsDeterministicOrderIndependentAndSound() {
        final RandomClusters random = new RandomClusters(SEED);
        int announcing = 0;
        for (int i = 0; i < STATES; i++) {
            final List<NodeInfo> nodes = random.nodes();
            final List<ServiceInfo> services = random.services(nodes.size());
            final Policy policy = random.policy();
            final ClusterState state = RandomClusters.inOrder(services, nodes);
            final ClusterState permuted = RandomClusters.inOrder(random.permuted(services), nodes);
            final String label = "state #" + i + " (seed " + SEED + ")";

            final RouteComputation first = computer.compute(state, policy);
            assertEquals(first, computer.compute(state, policy), label + ": computing twice differs");
            assertSameUpToVipOrder(first, computer.compute(permuted, policy), label);
            checkInvariants(state, policy, first, label);
            announcing += first.services().values().stream().flatMap(List::stream)
                .anyMatch(VipDecision::isAnnounced) ? 1 : 0;
        }
        // Guard against a generator so skewed that the properties hold vacuously.
        assertTrue(announcing > STATES / 2, "only " + announcing + " states announce a VIP");
    }

    /**
     * Equal paths and cluster CIDR decisions; per Service the same decisions, and overall the same findings, each
     * compared as a multiset because their order follows the VIP order by contract.
     */
    private static void assertSameUpToVipOrder(final RouteComputation expected, final RouteComputation actual,
            final String label) {
        assertEquals(expected.paths(), actual.paths(), label + ": the order of VIPs or map entries changed the paths");
        assertEquals(expected.clusterCidrs(), actual.clusterCidrs(), label);
        assertEquals(expected.services().keySet(), actual.services().keySet(), label);
        expected.services().forEach((service, decisions) -> assertEquals(sorted(decisions),
            sorted(actual.services().get(service)), label + ": decisions of " + service + " depend on VIP order"));
        assertEquals(sorted(expected.findings()), sorted(actual.findings()), label + ": findings depend on order");
    }

    private static List<String> sorted(final List<?> items) {
        return items.stream().map(String::valueOf).sorted().toList();
    }

    private static void checkInvariants(final ClusterState state, final Policy policy,
            final RouteComputation result, final String label) {
        final Set<AdvertisedPath.PathKey> keys = new HashSet<>();
        for (AdvertisedPath path : result.paths()) {
            assertTrue(keys.add(path.key()), label + ": two paths with key " + path.key());
            assertEquals(path.prefix(), IpPrefix.parse(path.prefix()).toString(), label + ": prefix not canonical");
            final IpAddress hop = IpAddress.parse(path.nextHop());
            assertEquals(path.nextHop(), hop.toString(), label + ": next hop not canonical");
            assertEquals(path.family(), hop.family(), label + ": next hop of the wrong family " + path);
            assertEquals(path.family(), IpPrefix.parse(path.prefix()).family(), label);
            final NodeInfo node = state.nodes().get(path.node());
            assertNotNull(node, label + ": path from unknown node " + path);
            assertTrue(node.ready() && !node.networkUnavailable() && !node.excludedFromExternalLoadBalancers()
                && !(policy.excludeCordoned() && node.unschedulable()), label + ": ineligible node " + path);
            assertTrue(isExplained(path, result), label + ": no decision explains " + path);
        }
        final Map<IpAddress, ServiceId> owners = new HashMap<>();
        for (List<VipDecision> decisions : result.services().values()) {
            for (VipDecision decision : decisions) {
                if (decision.refusal().isPresent()) {
                    continue;
                }
                final Set<String> accounted = new HashSet<>(decision.nodes().announcedFrom().keySet());
                accounted.addAll(decision.nodes().leftOut().keySet());
                assertEquals(state.nodes().keySet(), accounted, label + ": not every node accounted for");
                if (decision.vip().kind() != VipKind.CLUSTER_IP) {
                    // The hijack guard: nothing external outside the allow-list, aggregates included.
                    final IpPrefix prefix = IpPrefix.parse(decision.prefix().orElseThrow());
                    assertTrue(policy.externalCidrs().stream().anyMatch(allowed -> allowed.contains(prefix)),
                        label + ": " + prefix + " outside the allow-list");
                    final List<IpPrefix> namespaceList = policy.namespaceExternalCidrs()
                        .get(decision.service().namespace());
                    assertTrue(namespaceList == null || namespaceList.stream()
                        .anyMatch(allowed -> allowed.contains(IpAddress.parse(decision.vip().address()))),
                        label + ": " + decision.vip() + " outside its namespace's allow-list");
                    // one external or load-balancer IP belongs to one Service
                    final ServiceId other = owners.putIfAbsent(IpAddress.parse(decision.vip().address()),
                        decision.service());
                    assertTrue(other == null || other.equals(decision.service()),
                        label + ": " + decision.vip() + " announced for " + other + " and " + decision.service());
                }
            }
        }
    }

    private static boolean isExplained(final AdvertisedPath path, final RouteComputation result) {
        final boolean byCidr = result.clusterCidrs().stream().anyMatch(cidr -> cidr.prefix().equals(path.prefix())
            && path.nextHop().equals(cidr.nodes().announcedFrom().get(path.node())));
        return byCidr || result.services().values().stream().flatMap(List::stream)
            .anyMatch(decision -> decision.prefix().orElse("").equals(path.prefix())
                && path.nextHop().equals(decision.nodes().announcedFrom().get(path.node())));
    }
}
