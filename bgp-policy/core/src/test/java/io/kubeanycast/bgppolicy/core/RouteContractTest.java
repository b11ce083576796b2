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
import static io.kubeanycast.bgppolicy.core.TestCluster.node;
import static io.kubeanycast.bgppolicy.core.TestCluster.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.ServiceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test (or table) per row of the route contract: docs/operations.md, section 1, and the Javadoc of
 * {@link RouteComputer}.
 */
class RouteContractTest {
    private static final String EXT = "203.0.113.10";
    private static final String EXT_HOST = EXT + "/32";

    @Test
    void clusterCidrsFromEveryEligibleNodeWithNextHopOfTheirFamily() {
        final TestCluster cluster = TestCluster.threeNodes().add(node("node4").internal("198.51.100.4").notReady());
        final RouteComputation result = compute(cluster, policy());
        assertEquals(hops("node1", NODE1_V4, "node2", NODE2_V4, "node3", NODE3_V4), pathsOf(result, "10.96.0.0/12"));
        assertEquals(hops("node1", NODE1_V6, "node2", NODE2_V6, "node3", NODE3_V6),
            pathsOf(result, "2001:db8:96::/112"));
        final CidrDecision v4 = result.clusterCidrs().get(0);
        assertEquals("10.96.0.0/12", v4.prefix());
        assertEquals(Map.of("node4", NodeExclusion.NOT_READY), v4.nodes().leftOut());
        assertEquals(List.of("10.96.0.0/12", "2001:db8:96::/112"), prefixes(result));
    }

    @Test
    void noClusterCidrsConfiguredAnnouncesNone() {
        final RouteComputation result = compute(TestCluster.threeNodes(),
            policy(Policy.CLUSTER_CIDRS, ""));
        assertTrue(result.paths().isEmpty());
        assertTrue(result.clusterCidrs().isEmpty());
    }

    @Test
    void externalTrafficPolicyLocalOnlyFromNodesWithReadyEndpoints() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("web").externalLocal().externalIp(EXT).ready("node1", "node3")), policy());
        assertEquals(hops("node1", NODE1_V4, "node3", NODE3_V4), pathsOf(result, EXT_HOST));
        final VipDecision decision = decision(result, "web", 0);
        assertEquals(Optional.of(EXT_HOST), decision.prefix());
        assertEquals(Map.of("node2", NodeExclusion.NO_READY_ENDPOINT), decision.nodes().leftOut());
        assertFalse(decision.draining());
    }

    @Test
    void loadBalancerIpsFollowTheSameRulesAsExternalIps() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("local").externalLocal().loadBalancerIp("203.0.113.20").ready("node2"))
            .add(service("cluster").loadBalancerIp("203.0.113.21").ready("node2")), policy());
        assertEquals(hops("node2", NODE2_V4), pathsOf(result, "203.0.113.20/32"));
        assertEquals(hops("node1", NODE1_V4, "node2", NODE2_V4, "node3", NODE3_V4),
            pathsOf(result, "203.0.113.21/32"));
    }

    @Test
    void externalTrafficPolicyClusterFromEveryEligibleNode() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(node("node4").internal("198.51.100.4").networkUnavailable())
            .add(service("web").externalIp(EXT).ready("node1")), policy());
        assertEquals(hops("node1", NODE1_V4, "node2", NODE2_V4, "node3", NODE3_V4), pathsOf(result, EXT_HOST));
        assertEquals(Map.of("node4", NodeExclusion.NETWORK_UNAVAILABLE), decision(result, "web", 0).nodes().leftOut());
    }

    @Test
    void externalTrafficPolicyClusterWithoutEndpointsIsWithdrawn() {
        final RouteComputation result = compute(TestCluster.threeNodes().add(service("web").externalIp(EXT)),
            policy());
        assertEquals(Map.of(), pathsOf(result, EXT_HOST));
        assertEquals(VipRefusal.Reason.NO_ENDPOINTS, decision(result, "web", 0).refusal().orElseThrow().reason());
    }

    @Test
    void externalTrafficPolicyClusterWithoutEndpointsStaysWhenConfigured() {
        final RouteComputation result = compute(TestCluster.threeNodes().add(service("web").externalIp(EXT)),
            policy(Policy.WITHDRAW_WITHOUT_ENDPOINTS, "false"));
        assertEquals(3, pathsOf(result, EXT_HOST).size());
    }

    static Stream<Arguments> endpointsThatKeepAClusterVipAnnounced() {
        return Stream.of(
            Arguments.of("ready on an unknown node", (UnaryOperator<TestCluster.ServiceBuilder>)
                svc -> svc.ready("gone-node"), true),
            Arguments.of("ready without a node name", (UnaryOperator<TestCluster.ServiceBuilder>)
                svc -> svc.endpointsWithoutNode(IpFamily.IPV4, new EndpointCounts(1, 1, 0)), true),
            Arguments.of("only serving terminating", (UnaryOperator<TestCluster.ServiceBuilder>)
                svc -> svc.terminatingServing("node2"), true),
            Arguments.of("terminating, not serving", (UnaryOperator<TestCluster.ServiceBuilder>)
                svc -> svc.endpoints(IpFamily.IPV4, "node2", new EndpointCounts(0, 0, 1)), false),
            Arguments.of("ready, but only IPv6", (UnaryOperator<TestCluster.ServiceBuilder>)
                svc -> svc.ready6("node2"), false),
            Arguments.of("not ready, not serving", (UnaryOperator<TestCluster.ServiceBuilder>)
                svc -> svc.endpoints(IpFamily.IPV4, "node2", EndpointCounts.NONE), false));
    }

    @ParameterizedTest(name = "{0}: announced {2}")
    @MethodSource("endpointsThatKeepAClusterVipAnnounced")
    void whatCountsAsAnEndpointAnywhere(final String description,
            final UnaryOperator<TestCluster.ServiceBuilder> endpoints, final boolean announced) {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(endpoints.apply(service("web").externalIp(EXT))), policy());
        assertEquals(announced ? 3 : 0, pathsOf(result, EXT_HOST).size());
    }

    @Test
    void gracefulDrainKeepsServingTerminatingNodesWhenNoNodeHasReadyEndpoints() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("web").externalLocal().externalIp(EXT).terminatingServing("node2", "node3")), policy());
        assertEquals(hops("node2", NODE2_V4, "node3", NODE3_V4), pathsOf(result, EXT_HOST));
        final VipDecision decision = decision(result, "web", 0);
        assertTrue(decision.draining());
        assertEquals(Map.of("node1", NodeExclusion.NO_READY_ENDPOINT), decision.nodes().leftOut());
    }

    @Test
    void gracefulDrainEndsOnceAnyNodeHasAReadyEndpoint() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("web").externalLocal().externalIp(EXT).terminatingServing("node2").ready("node1")),
            policy());
        assertEquals(hops("node1", NODE1_V4), pathsOf(result, EXT_HOST));
        final VipDecision decision = decision(result, "web", 0);
        assertFalse(decision.draining());
        assertEquals(NodeExclusion.ONLY_TERMINATING_ENDPOINTS, decision.nodes().leftOut().get("node2"));
    }

    @Test
    void gracefulDrainIgnoresTerminatingEndpointsThatNoLongerServe() {
        final RouteComputation result = compute(TestCluster.threeNodes().add(service("web").externalLocal()
            .externalIp(EXT).endpoints(IpFamily.IPV4, "node2", new EndpointCounts(0, 0, 1))), policy());
        assertTrue(pathsOf(result, EXT_HOST).isEmpty());
        assertTrue(decision(result, "web", 0).refusal().isEmpty());
        assertEquals(NodeExclusion.NO_READY_ENDPOINT, decision(result, "web", 0).nodes().leftOut().get("node2"));
    }

    @Test
    void gracefulDrainNeverUsesAnIneligibleNode() {
        final RouteComputation result = compute(new TestCluster()
            .add(node("node1").internal(NODE1_V4))
            .add(node("node2").internal(NODE2_V4).notReady())
            .add(service("web").externalLocal().externalIp(EXT).terminatingServing("node2")), policy());
        assertTrue(pathsOf(result, EXT_HOST).isEmpty());
    }

    @Test
    void internalTrafficPolicyLocalClusterIpFromNodesWithReadyEndpoints() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("dns").internalLocal().clusterIp("10.96.0.10").ready("node3")), policy());
        assertEquals(hops("node3", NODE3_V4), pathsOf(result, "10.96.0.10/32"));
    }

    @Test
    void externalTrafficPolicyLocalAlsoAnnouncesTheClusterIpLikeCalico() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("web").type(ServiceType.NODE_PORT).externalLocal().clusterIp("10.96.0.11").ready("node1")),
            policy());
        assertEquals(hops("node1", NODE1_V4), pathsOf(result, "10.96.0.11/32"));
    }

    @Test
    void clusterIpOfAServiceWithClusterPoliciesIsLeftToTheCidr() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("web").clusterIp("10.96.0.12").ready("node1")), policy());
        assertTrue(pathsOf(result, "10.96.0.12/32").isEmpty());
        assertEquals(VipRefusal.Reason.CLUSTER_TRAFFIC_POLICY,
            decision(result, "web", 0).refusal().orElseThrow().reason());
    }

    @Test
    void clusterIpOutsideTheClusterCidrsIsRefused() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("web").internalLocal().clusterIp("172.16.0.10").ready("node1")), policy());
        assertTrue(pathsOf(result, "172.16.0.10/32").isEmpty());
        final VipRefusal refusal = decision(result, "web", 0).refusal().orElseThrow();
        assertEquals(VipRefusal.Reason.OUTSIDE_CLUSTER_CIDRS, refusal.reason());
        assertTrue(refusal.detail().contains("172.16.0.10"), refusal.detail());
        assertEquals(1, result.findings().size(), result.findings().toString());
    }

    @Test
    void clusterIpModeNoneAnnouncesNoClusterIpButStillTheCidrs() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("dns").internalLocal().clusterIp("10.96.0.10").ready("node3")),
            policy(Policy.CLUSTER_IP, "none"));
        assertEquals(List.of("10.96.0.0/12", "2001:db8:96::/112"), prefixes(result));
        assertEquals(VipRefusal.Reason.KIND_DISABLED, decision(result, "dns", 0).refusal().orElseThrow().reason());
        // A kind switched off is normal operation, not something to warn about.
        assertTrue(result.findings().isEmpty(), result.findings().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hijackAttempts")
    void hijackGuardNeverAnnouncesOutsideTheAllowList(final String address, final String allowList) {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("evil").externalIp(address).ready("node1"))
            .add(service("evil-lb").externalLocal().loadBalancerIp(address).ready("node1")),
            policy(Policy.EXTERNAL_CIDRS, allowList));
        assertEquals(List.of("10.96.0.0/12", "2001:db8:96::/112"), prefixes(result));
        for (String name : List.of("evil", "evil-lb")) {
            final VipRefusal refusal = decision(result, name, 0).refusal().orElseThrow();
            assertEquals(VipRefusal.Reason.OUTSIDE_ALLOW_LIST, refusal.reason());
            assertTrue(refusal.detail().contains(Policy.EXTERNAL_CIDRS), refusal.detail());
        }
        // Reported too, so an operator sees the attempt in the log and Events.
        assertEquals(List.of("default/evil", "default/evil-lb"),
            result.findings().stream().map(Finding::subject).toList());
        assertTrue(result.findings().get(1).item().contains(address), result.findings().toString());
    }

    static Stream<Arguments> hijackAttempts() {
        return Stream.of(
            Arguments.of("8.8.8.8", "203.0.113.0/24"),
            Arguments.of("203.0.114.1", "203.0.113.0/24"),
            Arguments.of("203.0.113.10", ""),
            Arguments.of("2001:db8:fe::1", "2001:db8:ff::/64"),
            Arguments.of("2001:db8:ff::1", "203.0.113.0/24"),
            // A cluster CIDR is not an allow-list entry for external IPs.
            Arguments.of("10.96.0.99", "203.0.113.0/24"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notRoutedServices")
    void headlessAndExternalNameServicesProduceNothing(final String description,
            final TestCluster.ServiceBuilder svc) {
        final RouteComputation result = compute(TestCluster.threeNodes().add(svc.ready("node1", "node2")),
            policy(Policy.CLUSTER_CIDRS, ""));
        assertTrue(result.paths().isEmpty(), result.paths().toString());
        result.services().values().stream().flatMap(List::stream).forEach(decision ->
            assertEquals(VipRefusal.Reason.NOT_ROUTED_SERVICE, decision.refusal().orElseThrow().reason()));
    }

    static Stream<Arguments> notRoutedServices() {
        return Stream.of(
            Arguments.of("headless", service("db").headless().externalLocal()),
            Arguments.of("headless with an external IP", service("db").headless().externalIp(EXT)),
            Arguments.of("ExternalName", service("ext").type(ServiceType.EXTERNAL_NAME).externalIp(EXT)));
    }

    static Stream<Arguments> nodeEligibility() {
        return Stream.of(
            Arguments.of(node("n").internal(NODE1_V4).notReady(), policy(), NodeExclusion.NOT_READY),
            Arguments.of(node("n").internal(NODE1_V4).networkUnavailable(), policy(),
                NodeExclusion.NETWORK_UNAVAILABLE),
            Arguments.of(node("n").internal(NODE1_V4).excludeLabel(), policy(), NodeExclusion.EXCLUDED_BY_LABEL),
            Arguments.of(node("n").internal(NODE1_V4).cordoned(), policy(Policy.EXCLUDE_CORDONED, "true"),
                NodeExclusion.CORDONED),
            Arguments.of(node("n").internal(NODE1_V4).cordoned(), policy(), null),
            Arguments.of(node("n").internal(NODE1_V6).hostname("n.example"), policy(),
                NodeExclusion.NO_ADDRESS_OF_FAMILY),
            Arguments.of(node("n").external(NODE1_V4), policy(), NodeExclusion.NO_ADDRESS_OF_FAMILY),
            Arguments.of(node("n").notReady().networkUnavailable().excludeLabel(), policy(),
                NodeExclusion.NOT_READY),
            Arguments.of(node("n").internal(NODE1_V4), policy(), null));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("nodeEligibility")
    void nodeEligibilityAppliesToEveryKindOfPrefix(final TestCluster.NodeBuilder node, final Policy policy,
            final NodeExclusion expected) {
        final RouteComputation result = compute(new TestCluster().add(node)
            .add(service("cluster").loadBalancerIp(EXT).ready("n"))
            .add(service("local").externalLocal().loadBalancerIp("203.0.113.11").ready("n"))
            .add(service("itp").internalLocal().clusterIp("10.96.0.10").ready("n")), policy);
        for (String prefix : List.of("10.96.0.0/12", EXT_HOST, "203.0.113.11/32", "10.96.0.10/32")) {
            assertEquals(expected == null ? Map.of("n", NODE1_V4) : Map.of(), pathsOf(result, prefix), prefix);
        }
        final Map<String, NodeExclusion> leftOut = decision(result, "local", 0).nodes().leftOut();
        assertEquals(expected == null ? Map.of() : Map.of("n", expected), leftOut);
        assertEquals(leftOut, result.clusterCidrs().get(0).nodes().leftOut());
    }

    @Test
    void ipv6VipsUseIpv6NextHopsAndCanonicalText() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(node("v4only").internal("198.51.100.9"))
            .add(service("web6").externalLocal().loadBalancerIp("2001:DB8:FF:0:0:0:0:10").ready6("node1", "node2"))
            .add(service("all6").externalIp("2001:db8:ff::20").ready6("node3")), policy());
        assertEquals(hops("node1", NODE1_V6, "node2", NODE2_V6), pathsOf(result, "2001:db8:ff::10/128"));
        assertEquals(hops("node1", NODE1_V6, "node2", NODE2_V6, "node3", NODE3_V6),
            pathsOf(result, "2001:db8:ff::20/128"));
        assertEquals(NodeExclusion.NO_ADDRESS_OF_FAMILY, decision(result, "all6", 0).nodes().leftOut().get("v4only"));
        result.paths().forEach(path -> assertEquals(path.family(), IpFamily.of(path.nextHop()), path.toString()));
    }

    @Test
    void dualStackServiceUsesEachFamilysOwnEndpoints() {
        final RouteComputation result = compute(TestCluster.threeNodes().add(service("web").externalLocal()
            .loadBalancerIp("203.0.113.30").loadBalancerIp("2001:db8:ff::30").ready("node1").ready6("node2")),
            policy());
        assertEquals(hops("node1", NODE1_V4), pathsOf(result, "203.0.113.30/32"));
        assertEquals(hops("node2", NODE2_V6), pathsOf(result, "2001:db8:ff::30/128"));
    }

    @Test
    void nextHopFallsBackToExternalIpOnlyWhenConfigured() {
        final TestCluster cluster = new TestCluster()
            .add(node("cloud").external("198.51.100.50").internal("2001:db8:1::50"))
            .add(service("web").externalIp(EXT).ready("cloud"));
        assertEquals(Map.of(), pathsOf(compute(cluster, policy()), EXT_HOST));
        assertEquals(Map.of("cloud", "198.51.100.50"),
            pathsOf(compute(cluster, policy(Policy.NEXT_HOP_FALLBACK_EXTERNAL, "true")), EXT_HOST));
    }

    @Test
    void internalIpWinsOverExternalIpEvenWithFallback() {
        final TestCluster cluster = new TestCluster()
            .add(node("n").external("198.51.100.50").internal(NODE1_V4))
            .add(service("web").externalIp(EXT).ready("n"));
        assertEquals(Map.of("n", NODE1_V4),
            pathsOf(compute(cluster, policy(Policy.NEXT_HOP_FALLBACK_EXTERNAL, "true")), EXT_HOST));
    }

    @Test
    void malformedNodeAddressIsReportedAndTheNextOneUsed() {
        final RouteComputation result = compute(new TestCluster()
            .add(node("n").internal("198.51.100.300").internal("2001:db8:1::zz").internal(NODE1_V4))
            .add(service("web").externalIp(EXT).ready("n")), policy());
        assertEquals(Map.of("n", NODE1_V4), pathsOf(result, EXT_HOST));
        assertEquals(2, result.findings().size(), result.findings().toString());
        assertTrue(result.findings().stream().allMatch(finding -> finding.subjectKind() == Finding.SubjectKind.NODE
            && finding.subject().equals("n")));
    }

    @Test
    void nextHopIsPrintedCanonically() {
        final RouteComputation result = compute(new TestCluster()
            .add(node("n").internal("2001:DB8:1:0:0:0:0:1"))
            .add(service("web").externalIp("2001:db8:ff::1").ready6("n")), policy());
        assertEquals(Map.of("n", "2001:db8:1::1"), pathsOf(result, "2001:db8:ff::1/128"));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("malformedVips")
    void malformedVipIsRefusedAndNothingElseChanges(final String address) {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("bad").externalIp(address).externalIp(EXT).ready("node1")), policy());
        assertEquals(VipRefusal.Reason.MALFORMED_ADDRESS, decision(result, "bad", 0).refusal().orElseThrow().reason());
        assertEquals(3, pathsOf(result, EXT_HOST).size());
        assertEquals(1, result.findings().size(), result.findings().toString());
        assertEquals("default/bad", result.findings().get(0).subject());
    }

    static Stream<String> malformedVips() {
        return Stream.of("203.0.113.256", "203.0.113", "203.0.113.010", "2001:db8:ff::1::2", "web.example.com", "");
    }

    @Test
    void disabledKindsAreRefused() {
        final TestCluster cluster = TestCluster.threeNodes()
            .add(service("ext").externalIp(EXT).ready("node1"))
            .add(service("lb").loadBalancerIp("203.0.113.11").ready("node1"));
        final RouteComputation noExternal = compute(cluster, policy(Policy.EXTERNAL_IPS, "false"));
        assertEquals(VipRefusal.Reason.KIND_DISABLED, decision(noExternal, "ext", 0).refusal().orElseThrow().reason());
        assertEquals(3, pathsOf(noExternal, "203.0.113.11/32").size());
        final RouteComputation noLb = compute(cluster, policy(Policy.LOAD_BALANCER_IPS, "false"));
        assertEquals(VipRefusal.Reason.KIND_DISABLED, decision(noLb, "lb", 0).refusal().orElseThrow().reason());
        assertEquals(3, pathsOf(noLb, EXT_HOST).size());
    }
}
