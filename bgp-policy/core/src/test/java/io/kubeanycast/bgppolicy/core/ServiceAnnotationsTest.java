/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.model.ServiceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceAnnotationsTest {
    private static final ServiceId WEB = new ServiceId("shop", "web");
    private static final PathAttributes CONFIGURED = new PathAttributes(150, OptionalLong.of(7),
        new TreeSet<>(List.of(new Community(64512, 1))));

    /** Limits that let every non-reserved community and every LOCAL_PREF through. */
    private static final AnnotationLimits OPEN = limits("1:0-65534:65535", "0-4294967295");

    private final List<Finding> findings = new ArrayList<>();

    private static AnnotationLimits limits(final String communities, final String localPrefRange) {
        return AnnotationLimits.parse(Map.of(AnnotationLimits.ALLOWED_COMMUNITIES, communities,
            AnnotationLimits.LOCAL_PREF_RANGE, localPrefRange));
    }

    @Test
    void noAnnotationKeepsTheConfiguredInstance() {
        assertSame(CONFIGURED, ServiceAnnotations.attributesFor(WEB, Map.of("other", "x"), CONFIGURED, OPEN,
            findings));
        assertTrue(findings.isEmpty());
    }

    @Test
    void validAnnotationsAddCommunitiesAndReplaceLocalPref() {
        final PathAttributes result = ServiceAnnotations.attributesFor(WEB, Map.of(
            ServiceAnnotations.COMMUNITIES, "65000:10, 65000:20", ServiceAnnotations.LOCAL_PREF, "4294967295"),
            CONFIGURED, OPEN, findings);
        assertEquals(4_294_967_295L, result.localPref());
        assertEquals(OptionalLong.of(7), result.med());
        assertEquals(new TreeSet<>(List.of(new Community(64512, 1), new Community(65000, 10),
            new Community(65000, 20))), result.communities());
        assertTrue(findings.isEmpty());
    }

    @ParameterizedTest(name = "local-pref ''{0}''")
    @ValueSource(strings = {"-1", "4294967296", "abc", "1.5", "", "+1", "99999999999"})
    void malformedLocalPrefIsReportedAndIgnored(final String value) {
        final PathAttributes result = ServiceAnnotations.attributesFor(WEB,
            Map.of(ServiceAnnotations.LOCAL_PREF, value, ServiceAnnotations.COMMUNITIES, "65000:10"),
            CONFIGURED, OPEN, findings);
        assertEquals(150, result.localPref());
        // The other, valid annotation still applies: only the bad one is ignored.
        assertTrue(result.communities().contains(new Community(65000, 10)));
        assertOneFinding(ServiceAnnotations.LOCAL_PREF);
    }

    @ParameterizedTest(name = "communities ''{0}''")
    @ValueSource(strings = {"65000", "65536:1", "a:b", "1:2,,3:4", "1:2:3", "1:2,", "-1:5"})
    void malformedCommunitiesAreReportedAndIgnoredWhole(final String value) {
        final PathAttributes result = ServiceAnnotations.attributesFor(WEB,
            Map.of(ServiceAnnotations.COMMUNITIES, value, ServiceAnnotations.LOCAL_PREF, "300"), CONFIGURED,
            OPEN, findings);
        assertEquals(CONFIGURED.communities(), result.communities());
        assertEquals(300, result.localPref());
        assertOneFinding(ServiceAnnotations.COMMUNITIES);
    }

    @Test
    void annotationsEqualToTheConfigurationKeepTheConfiguredInstance() {
        assertSame(CONFIGURED, ServiceAnnotations.attributesFor(WEB, Map.of(ServiceAnnotations.COMMUNITIES,
            "64512:1", ServiceAnnotations.LOCAL_PREF, "150"), CONFIGURED, OPEN, findings));
    }

    @ParameterizedTest(name = "community ''{0}''")
    @ValueSource(strings = {"65535:666", "65535:65281", "65535:65282", "65535:0", "65535:65283", "65535:1234",
        "0:100"})
    void reservedAndWellKnownCommunitiesAreRefusedByDefaultAndUnderACoveringRange(final String community) {
        final Map<String, String> annotations = Map.of(ServiceAnnotations.COMMUNITIES, community);
        assertSame(CONFIGURED, ServiceAnnotations.attributesFor(WEB, annotations, CONFIGURED, AnnotationLimits.NONE,
            findings));
        assertOneFinding(ServiceAnnotations.COMMUNITIES);
        findings.clear();
        // a range that covers the reserved blocks is not enough: they must be listed one by one
        assertSame(CONFIGURED, ServiceAnnotations.attributesFor(WEB, annotations, CONFIGURED,
            limits("0:0-65535:65535", ""), findings));
        assertOneFinding(ServiceAnnotations.COMMUNITIES);
        findings.clear();
        final PathAttributes listed = ServiceAnnotations.attributesFor(WEB, annotations, CONFIGURED,
            limits("65000:1," + community, ""), findings);
        assertTrue(listed.communities().contains(Community.parse(community)), listed.toString());
        assertTrue(findings.isEmpty(), findings.toString());
    }

    @Test
    void blackholeIsNamedInTheFinding() {
        ServiceAnnotations.attributesFor(WEB, Map.of(ServiceAnnotations.COMMUNITIES, "65535:666"), CONFIGURED,
            limits("65000:100-65000:199", ""), findings);
        assertOneFinding(ServiceAnnotations.COMMUNITIES);
        assertTrue(findings.get(0).reason().contains("BLACKHOLE"), findings.get(0).reason());
        assertTrue(findings.get(0).reason().contains(AnnotationLimits.ALLOWED_COMMUNITIES), findings.get(0).reason());
    }

    @Test
    void communitiesAreHonouredOnlyWhenEveryOneIsInsideTheAllowedRanges() {
        final AnnotationLimits limits = limits("65000:100-65000:199, 64512:7", "");
        final PathAttributes inside = ServiceAnnotations.attributesFor(WEB,
            Map.of(ServiceAnnotations.COMMUNITIES, "65000:100,65000:199,64512:7"), CONFIGURED, limits, findings);
        assertEquals(new TreeSet<>(List.of(new Community(64512, 1), new Community(64512, 7),
            new Community(65000, 100), new Community(65000, 199))), inside.communities());
        assertTrue(findings.isEmpty(), findings.toString());
        // one community outside: the whole annotation is ignored, the Service keeps the configured attributes
        assertSame(CONFIGURED, ServiceAnnotations.attributesFor(WEB,
            Map.of(ServiceAnnotations.COMMUNITIES, "65000:150,65000:200"), CONFIGURED, limits, findings));
        assertOneFinding(ServiceAnnotations.COMMUNITIES);
        assertTrue(findings.get(0).reason().contains("65000:200 is outside"), findings.get(0).reason());
    }

    @Test
    void localPrefIsHonouredOnlyInsideTheConfiguredRange() {
        final AnnotationLimits limits = limits("", "50-150");
        assertEquals(50, ServiceAnnotations.attributesFor(WEB, Map.of(ServiceAnnotations.LOCAL_PREF, "50"),
            CONFIGURED, limits, findings).localPref());
        assertEquals(120, ServiceAnnotations.attributesFor(WEB, Map.of(ServiceAnnotations.LOCAL_PREF, "120"),
            CONFIGURED, limits, findings).localPref());
        assertTrue(findings.isEmpty(), findings.toString());
        assertSame(CONFIGURED, ServiceAnnotations.attributesFor(WEB, Map.of(ServiceAnnotations.LOCAL_PREF, "151"),
            CONFIGURED, limits, findings));
        assertOneFinding(ServiceAnnotations.LOCAL_PREF);
        assertTrue(findings.get(0).reason().contains("151 is outside annotations.local-pref-range 50-150"),
            findings.get(0).reason());
    }

    @Test
    void withoutLimitsNoAnnotationIsHonoured() {
        assertSame(CONFIGURED, ServiceAnnotations.attributesFor(WEB, Map.of(ServiceAnnotations.LOCAL_PREF, "200",
            ServiceAnnotations.COMMUNITIES, "65000:1"), CONFIGURED, AnnotationLimits.NONE, findings));
        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.stream().allMatch(finding -> finding.reason().contains("ignored")), findings.toString());
    }

    private void assertOneFinding(final String annotation) {
        assertEquals(1, findings.size(), findings.toString());
        final Finding finding = findings.get(0);
        assertEquals(Finding.SubjectKind.SERVICE, finding.subjectKind());
        assertEquals("shop/web", finding.subject());
        assertEquals(annotation, finding.item());
        assertTrue(finding.reason().contains("ignored"), finding.reason());
    }
}
