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
import static io.kubeanycast.bgppolicy.core.TestCluster.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.api.EventType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How {@code status.loadBalancer.ingress} and {@code spec.loadBalancerClass} decide whether a load-balancer IP is
 * announced: only IPs of our class (or of no class, when allowed), never {@code ipMode: Proxy} ones, and a
 * hostname-only entry is reported instead of dropped silently.
 */
class LoadBalancerIngressTest {
    private static final String LB = "203.0.113.10";
    private static final String LB_HOST = LB + "/32";
    private static final String EXT = "203.0.113.20";
    private static final String OURS = Policy.DEFAULT_LOAD_BALANCER_CLASS;
    private static final String OTHER = "example.com/other-lb";

    static Stream<Arguments> classes() {
        return Stream.of(
            Arguments.of("no class, class-less ones taken by default", null, new String[0], true),
            Arguments.of("no class, class-less ones refused", null,
                new String[] {Policy.CLASS_LESS_LOAD_BALANCERS, "false"}, false),
            Arguments.of("our default class", OURS, new String[0], true),
            Arguments.of("our default class, class-less ones refused", OURS,
                new String[] {Policy.CLASS_LESS_LOAD_BALANCERS, "false"}, true),
            Arguments.of("another implementation's class", OTHER, new String[0], false),
            Arguments.of("a configured class", "example.com/ours",
                new String[] {Policy.LOAD_BALANCER_CLASS, "example.com/ours"}, true),
            Arguments.of("the default class once another one is configured", OURS,
                new String[] {Policy.LOAD_BALANCER_CLASS, "example.com/ours"}, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classes")
    void loadBalancerIpsOfOurClassOnly(final String description, final String loadBalancerClass,
            final String[] config, final boolean announced) {
        final TestCluster.ServiceBuilder web = service("web").ingress(LB, null, "VIP").ready("node1");
        if (loadBalancerClass != null) {
            web.loadBalancerClass(loadBalancerClass);
        }
        final RouteComputation result = compute(TestCluster.threeNodes().add(web), policy(config));
        final VipDecision decision = decision(result, "web", 0);
        assertEquals(announced, decision.isAnnounced(), description);
        assertEquals(announced, !pathsOf(result, LB_HOST).isEmpty(), description);
        if (!announced) {
            assertEquals(VipRefusal.Reason.OTHER_LOAD_BALANCER_CLASS, decision.refusal().orElseThrow().reason());
            // another implementation's IPs are normal operation: explain says why, no warning is raised
            assertTrue(result.findings().isEmpty(), result.findings().toString());
            assertTrue(ServiceEvents.between(Optional.empty(), result).isEmpty());
        }
    }

    @Test
    void anotherClassIsAboutLoadBalancerIpsOnly() {
        // outside the allow-list, too: the class is checked first, so no hijack warning for IPs that are not ours
        final RouteComputation result = compute(TestCluster.threeNodes().add(service("web").loadBalancerClass(OTHER)
            .externalIp(EXT).ingress(LB, null, null).ingress("198.51.100.77", null, null).ready("node1")), policy());
        assertEquals(List.of("node1", "node2", "node3"),
            List.copyOf(pathsOf(result, EXT + "/32").keySet()), "its externalIP follows its own rules");
        assertEquals(VipRefusal.Reason.OTHER_LOAD_BALANCER_CLASS,
            decision(result, "web", 1).refusal().orElseThrow().reason());
        assertEquals(VipRefusal.Reason.OTHER_LOAD_BALANCER_CLASS,
            decision(result, "web", 2).refusal().orElseThrow().reason());
        assertTrue(decision(result, "web", 1).refusal().orElseThrow().detail().contains(OTHER));
        assertTrue(result.findings().isEmpty(), result.findings().toString());
    }

    static Stream<Arguments> ipModes() {
        return Stream.of(
            Arguments.of(null, true),
            Arguments.of("VIP", true),
            Arguments.of("Proxy", false));
    }

    @ParameterizedTest(name = "ipMode {0}")
    @MethodSource("ipModes")
    void proxyIpModeIsNeverAnnounced(final String ipMode, final boolean announced) {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("web").ingress(LB, null, ipMode).ready("node1")), policy());
        assertEquals(announced, !pathsOf(result, LB_HOST).isEmpty());
        if (!announced) {
            final VipDecision decision = decision(result, "web", 0);
            assertEquals(VipRefusal.Reason.PROXY_IP_MODE, decision.refusal().orElseThrow().reason());
            final Finding finding = result.findings().get(0);
            assertEquals(new Finding(Finding.SubjectKind.SERVICE, "default/web", "LOAD_BALANCER_IP " + LB,
                decision.refusal().orElseThrow().detail()), finding);
            final ServiceEvent event = ServiceEvents.between(Optional.empty(), result).get(0);
            assertEquals(EventType.WARNING, event.type());
            assertEquals(ServiceEvents.REFUSED, event.reason());
            assertTrue(event.message().contains("ipMode Proxy"), event.message());
        }
    }

    @Test
    void proxyIpModeOfOneEntryLeavesTheOthersAnnounced() {
        final RouteComputation result = compute(TestCluster.threeNodes().add(service("web")
            .ingress(LB, null, "Proxy").ingress(EXT, null, "VIP").ready("node1")), policy());
        assertTrue(pathsOf(result, LB_HOST).isEmpty());
        assertEquals(List.of("node1", "node2", "node3"), List.copyOf(pathsOf(result, EXT + "/32").keySet()));
    }

    @Test
    void hostnameOnlyIngressIsReported() {
        final RouteComputation result = compute(TestCluster.threeNodes().add(service("web").clusterIp("10.96.0.10")
            .ingress(null, "lb-123.elb.example.com", null).ready("node1")), policy());
        assertEquals(List.of(new Finding(Finding.SubjectKind.SERVICE, "default/web",
            "load-balancer ingress hostname lb-123.elb.example.com",
            "has no IP: kube-anycast announces IP addresses only, so nothing is announced for it")),
            result.findings());
    }

    @Test
    void hostnameOnlyIngressOfAnotherClassIsNotOurs() {
        final RouteComputation result = compute(TestCluster.threeNodes().add(service("web").clusterIp("10.96.0.10")
            .loadBalancerClass(OTHER).ingress(null, "lb-123.elb.example.com", null)), policy());
        assertTrue(result.findings().isEmpty(), result.findings().toString());
    }

    @Test
    void loadBalancerClassKeyIsValidated() {
        assertEquals(OURS, Policy.DEFAULT.loadBalancerClass());
        assertTrue(Policy.DEFAULT.classLessLoadBalancers());
        assertEquals("example.com/ours", policy(Policy.LOAD_BALANCER_CLASS, " example.com/ours ").loadBalancerClass());
        for (String bad : List.of("two words", "a,b", "/leading", "Example.com/x", "x/" + "n".repeat(64))) {
            assertThrows(ConfigException.class, () -> policy(Policy.LOAD_BALANCER_CLASS, bad), bad);
        }
        assertThrows(ConfigException.class, () -> policy(Policy.CLASS_LESS_LOAD_BALANCERS, "maybe"));
    }
}
