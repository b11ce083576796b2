/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static io.kubeanycast.bgppolicy.core.Routes.compute;
import static io.kubeanycast.bgppolicy.core.Routes.pathsOf;
import static io.kubeanycast.bgppolicy.core.Routes.policy;
import static io.kubeanycast.bgppolicy.core.TestCluster.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Path attributes: configured defaults, per-Service annotations, and paths several sources ask for.
 */
class RouteAttributesTest {

    private static Set<PathAttributes> attributesOf(final RouteComputation result, final String prefix) {
        return result.paths().stream().filter(path -> path.prefix().equals(prefix))
            .map(AdvertisedPath::attributes).collect(Collectors.toSet());
    }

    @Test
    void configuredAttributesGoOnEveryPath() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("web").externalIp("203.0.113.10").ready("node1")),
            policy(Policy.LOCAL_PREF, "200", Policy.MED, "30", Policy.COMMUNITIES, "64512:1"));
        final PathAttributes expected = new PathAttributes(200, OptionalLong.of(30),
            new TreeSet<>(List.of(new Community(64512, 1))));
        // Two cluster CIDRs and one external IP, each from three nodes.
        assertEquals(9, result.paths().size());
        result.paths().forEach(path -> assertEquals(expected, path.attributes(), path.toString()));
    }

    @Test
    void annotationsChangeOnlyTheirServicesPaths() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("gold").externalIp("203.0.113.10").ready("node1")
                .annotation(ServiceAnnotations.LOCAL_PREF, "300")
                .annotation(ServiceAnnotations.COMMUNITIES, "65000:1"))
            .add(service("plain").externalIp("203.0.113.11").ready("node1")),
            policy(Policy.COMMUNITIES, "64512:1", AnnotationLimits.ALLOWED_COMMUNITIES, "65000:1",
                AnnotationLimits.LOCAL_PREF_RANGE, "100-300"));
        assertEquals(Set.of(new PathAttributes(300, OptionalLong.empty(),
            new TreeSet<>(List.of(new Community(64512, 1), new Community(65000, 1))))),
            attributesOf(result, "203.0.113.10/32"));
        assertEquals(Set.of(policy(Policy.COMMUNITIES, "64512:1").attributes()),
            attributesOf(result, "203.0.113.11/32"));
        assertEquals(300, Routes.decision(result, "gold", 0).attributes().localPref());
    }

    @Test
    void malformedAnnotationIsReportedAndTheServiceStillAnnouncedWithDefaults() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("web").externalIp("203.0.113.10").ready("node1")
                .annotation(ServiceAnnotations.LOCAL_PREF, "high")), policy());
        assertEquals(3, pathsOf(result, "203.0.113.10/32").size());
        assertEquals(Set.of(PathAttributes.DEFAULT), attributesOf(result, "203.0.113.10/32"));
        assertEquals(1, result.findings().size());
        final Finding finding = result.findings().get(0);
        assertEquals("default/web", finding.subject());
        assertEquals(ServiceAnnotations.LOCAL_PREF, finding.item());
    }

    @Test
    void twoServicesClaimingAVipGetOnePathPerNodeWithTheOwnersAttributes() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("a-first").loadBalancerIp("203.0.113.10").ready("node1")
                .annotation(ServiceAnnotations.LOCAL_PREF, "111"))
            .add(service("b-second").loadBalancerIp("203.0.113.10").ready("node1")
                .annotation(ServiceAnnotations.LOCAL_PREF, "222")),
            policy(AnnotationLimits.LOCAL_PREF_RANGE, "100-300"));
        // pathsOf fails on two paths from one node; without creation times the first in namespace/name order owns it
        assertEquals(3, pathsOf(result, "203.0.113.10/32").size());
        assertEquals(Set.of(111L), result.paths().stream().filter(path -> path.prefix().equals("203.0.113.10/32"))
            .map(path -> path.attributes().localPref()).collect(Collectors.toSet()));
        assertEquals(1, result.findings().size(), result.findings().toString());
        assertEquals("default/b-second", result.findings().get(0).subject());
        assertTrue(result.findings().get(0).reason().contains("belongs to default/a-first"),
            result.findings().toString());
    }

    @Test
    void aServiceListingItsIpTwiceIsNotAConflict() {
        final RouteComputation result = compute(TestCluster.threeNodes()
            .add(service("a").loadBalancerIp("203.0.113.10").externalIp("203.0.113.10").ready("node1")), policy());
        assertEquals(3, pathsOf(result, "203.0.113.10/32").size());
        assertTrue(result.findings().isEmpty(), result.findings().toString());
    }
}
