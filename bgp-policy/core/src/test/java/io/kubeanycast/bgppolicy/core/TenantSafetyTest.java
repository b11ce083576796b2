/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static io.kubeanycast.bgppolicy.core.Routes.compute;
import static io.kubeanycast.bgppolicy.core.Routes.hops;
import static io.kubeanycast.bgppolicy.core.Routes.pathsOf;
import static io.kubeanycast.bgppolicy.core.Routes.policy;
import static io.kubeanycast.bgppolicy.core.TestCluster.NODE1_V4;
import static io.kubeanycast.bgppolicy.core.TestCluster.NODE3_V4;
import static io.kubeanycast.bgppolicy.core.TestCluster.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.api.EventType;
import io.kubeanycast.source.model.ServiceId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What one tenant (whoever can edit a Service) can do to the fabric and to other tenants: set only the attributes
 * the administrator allows, and never announce an address another Service owns or its namespace may not use.
 */
class TenantSafetyTest {
    private static final String VIP = "203.0.113.10";
    private static final String VIP_ROUTE = VIP + "/32";
    private static final ServiceId VICTIM = new ServiceId("shop", "web");
    private static final ServiceId SQUATTER = new ServiceId("attacker", "grab");

    private static Set<PathAttributes> attributesOf(final RouteComputation result, final String prefix) {
        return result.paths().stream().filter(path -> path.prefix().equals(prefix))
            .map(AdvertisedPath::attributes).collect(Collectors.toSet());
    }

    private static VipDecision decisionOf(final RouteComputation result, final ServiceId service) {
        return result.decisionsOf(service).stream().filter(decision -> decision.vip().address().equals(VIP))
            .findFirst().orElseThrow();
    }

    private static List<ServiceEvent> warnings(final RouteComputation result, final ServiceId service) {
        return ServiceEvents.between(Optional.empty(), result).stream()
            .filter(event -> event.service().equals(service) && event.type() == EventType.WARNING).toList();
    }

    // --- item: annotations are bounded by the administrator ---

    @Test
    void fabricAttributesFromAnnotationsAreRefusedByDefaultWithAWarningAndTheServiceStaysAnnounced() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("web").loadBalancerIp(VIP).ready("node1")
                .annotation(ServiceAnnotations.COMMUNITIES, "65535:666,65535:65281")
                .annotation(ServiceAnnotations.LOCAL_PREF, "1000")), policy());
        // announced from every node, with the configured attributes only: no BLACKHOLE, no NO_EXPORT
        assertEquals(3, pathsOf(result, VIP_ROUTE).size());
        assertEquals(Set.of(policy().attributes()), attributesOf(result, VIP_ROUTE));
        final List<ServiceEvent> warnings = warnings(result, new ServiceId("default", "web"));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().allMatch(event -> event.reason().equals(ServiceEvents.INVALID_ANNOTATION)),
            warnings.toString());
        assertTrue(warnings.stream().anyMatch(event -> event.message().contains("BLACKHOLE")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(event -> event.message().contains(AnnotationLimits.LOCAL_PREF_RANGE)),
            warnings.toString());
    }

    @Test
    void annotationsInsideTheAdministratorsLimitsAreHonoured() {
        final Policy policy = policy(AnnotationLimits.ALLOWED_COMMUNITIES, "65000:100-65000:199",
            AnnotationLimits.LOCAL_PREF_RANGE, "50-150");
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("gold").loadBalancerIp(VIP).ready("node1")
                .annotation(ServiceAnnotations.COMMUNITIES, "65000:150")
                .annotation(ServiceAnnotations.LOCAL_PREF, "120"))
            .add(service("greedy").loadBalancerIp("203.0.113.11").ready("node1")
                .annotation(ServiceAnnotations.COMMUNITIES, "65000:150,65535:666")
                .annotation(ServiceAnnotations.LOCAL_PREF, "151")), policy);
        final PathAttributes gold = attributesOf(result, VIP_ROUTE).iterator().next();
        assertEquals(120, gold.localPref());
        assertTrue(gold.communities().contains(new Community(65_000, 150)), gold.toString());
        assertEquals(Set.of(policy.attributes()), attributesOf(result, "203.0.113.11/32"));
        assertEquals(2, warnings(result, new ServiceId("default", "greedy")).size());
    }

    // --- item: one external or LoadBalancer IP belongs to one Service ---

    @Test
    void aLaterServiceCannotSquatAnOlderServicesAddress() {
        // the squatter's namespace sorts first, so only the creation time can make the victim win
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service(VICTIM.namespace(), VICTIM.name()).created("2026-01-01T00:00:00Z").externalLocal()
                .loadBalancerIp(VIP).ready("node1"))
            .add(service(SQUATTER.namespace(), SQUATTER.name()).created("2026-06-01T00:00:00Z").externalLocal()
                .externalIp(VIP).ready("node3")), policy());
        assertEquals(hops("node1", NODE1_V4), pathsOf(result, VIP_ROUTE));
        final VipDecision refused = decisionOf(result, SQUATTER);
        assertEquals(VipRefusal.Reason.CLAIMED_BY_OTHER_SERVICE, refused.refusal().orElseThrow().reason());
        assertTrue(refused.refusal().orElseThrow().detail().contains("belongs to shop/web"), refused.toString());
        assertTrue(result.findings().stream().anyMatch(finding -> finding.subject().equals(SQUATTER.toString())),
            result.findings().toString());
        final List<ServiceEvent> warnings = warnings(result, SQUATTER);
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(ServiceEvents.REFUSED, warnings.get(0).reason());
        assertTrue(warnings(result, VICTIM).isEmpty());
    }

    @Test
    void whenTheOwnerGoesTheNextClaimIsAnnounced() {
        final RouteComputation before = compute(TestCluster.threeNodes()
            .add(service(VICTIM.namespace(), VICTIM.name()).created("2026-01-01T00:00:00Z").externalLocal()
                .loadBalancerIp(VIP).ready("node1"))
            .add(service(SQUATTER.namespace(), SQUATTER.name()).created("2026-06-01T00:00:00Z").externalLocal()
                .externalIp(VIP).ready("node3")), policy());
        final RouteComputation after = compute(TestCluster.threeNodes()
            .add(service(SQUATTER.namespace(), SQUATTER.name()).created("2026-06-01T00:00:00Z").externalLocal()
                .externalIp(VIP).ready("node3")), policy());
        assertTrue(decisionOf(before, SQUATTER).refusal().isPresent());
        assertEquals(hops("node3", NODE3_V4), pathsOf(after, VIP_ROUTE));
    }

    @Test
    void equalCreationTimesGoToTheFirstNamespaceAndNameAndAnUnknownTimeLoses() {
        final RouteComputation tie = compute(TestCluster.threeNodes()
            .add(service("b", "web").created("2026-01-01T00:00:00Z").externalLocal().loadBalancerIp(VIP)
                .ready("node1"))
            .add(service("a", "web").created("2026-01-01T00:00:00Z").externalLocal().externalIp(VIP)
                .ready("node3")), policy());
        assertEquals(hops("node3", NODE3_V4), pathsOf(tie, VIP_ROUTE));
        final RouteComputation unknown = compute(TestCluster.threeNodes()
            .add(service("b", "web").created("2026-01-01T00:00:00Z").externalLocal().loadBalancerIp(VIP)
                .ready("node1"))
            .add(service("a", "web").externalLocal().externalIp(VIP).ready("node3")), policy());
        assertEquals(hops("node1", NODE1_V4), pathsOf(unknown, VIP_ROUTE));
    }

    @Test
    void withoutCreationTimesTwoClaimsStillAnnounceOneServiceOnly() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("a-owner").externalLocal().loadBalancerIp(VIP).ready("node1"))
            .add(service("b-squatter").externalLocal().externalIp(VIP).ready("node3")), policy());
        assertEquals(hops("node1", NODE1_V4), pathsOf(result, VIP_ROUTE));
    }

    @Test
    void aNamespaceAllowListNarrowsTheGlobalOne() {
        final Policy policy = policy(NamespaceAllowLists.KEY_PREFIX + "shop", "203.0.113.0/28",
            NamespaceAllowLists.KEY_PREFIX + "locked", "none");
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("shop", "inside").loadBalancerIp(VIP).ready("node1"))
            .add(service("shop", "outside").loadBalancerIp("203.0.113.100").ready("node1"))
            .add(service("locked", "any").loadBalancerIp("203.0.113.101").ready("node1"))
            .add(service("free", "global-only").loadBalancerIp("203.0.113.102").ready("node1")), policy);
        assertEquals(3, pathsOf(result, VIP_ROUTE).size());
        assertEquals(3, pathsOf(result, "203.0.113.102/32").size());
        for (ServiceId refused : List.of(new ServiceId("shop", "outside"), new ServiceId("locked", "any"))) {
            final VipRefusal refusal = result.decisionsOf(refused).get(0).refusal().orElseThrow();
            assertEquals(VipRefusal.Reason.OUTSIDE_ALLOW_LIST, refusal.reason());
            assertTrue(refusal.detail().contains(NamespaceAllowLists.KEY_PREFIX + refused.namespace()),
                refusal.detail());
            assertEquals(ServiceEvents.REFUSED, warnings(result, refused).get(0).reason());
        }
    }

    @Test
    void aClaimItsNamespaceMayNotMakeDoesNotBlockTheServiceThatMay() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("old", "web").created("2020-01-01T00:00:00Z").externalLocal().externalIp(VIP)
                .ready("node3"))
            .add(service("shop", "web").created("2026-01-01T00:00:00Z").externalLocal().loadBalancerIp(VIP)
                .ready("node1")), policy(NamespaceAllowLists.KEY_PREFIX + "old", "none"));
        assertEquals(hops("node1", NODE1_V4), pathsOf(result, VIP_ROUTE));
        assertEquals(VipRefusal.Reason.OUTSIDE_ALLOW_LIST,
            decisionOf(result, new ServiceId("old", "web")).refusal().orElseThrow().reason());
    }
}
