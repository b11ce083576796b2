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

    private final List<Finding> findings = new ArrayList<>();

    @Test
    void noAnnotationKeepsTheConfiguredInstance() {
        assertSame(CONFIGURED, ServiceAnnotations.attributesFor(WEB, Map.of("other", "x"), CONFIGURED, findings));
        assertTrue(findings.isEmpty());
    }

    @Test
    void validAnnotationsAddCommunitiesAndReplaceLocalPref() {
        final PathAttributes result = ServiceAnnotations.attributesFor(WEB, Map.of(
            ServiceAnnotations.COMMUNITIES, "65000:10, 65000:20", ServiceAnnotations.LOCAL_PREF, "4294967295"),
            CONFIGURED, findings);
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
            CONFIGURED, findings);
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
            findings);
        assertEquals(CONFIGURED.communities(), result.communities());
        assertEquals(300, result.localPref());
        assertOneFinding(ServiceAnnotations.COMMUNITIES);
    }

    @Test
    void annotationsEqualToTheConfigurationKeepTheConfiguredInstance() {
        assertSame(CONFIGURED, ServiceAnnotations.attributesFor(WEB, Map.of(ServiceAnnotations.COMMUNITIES,
            "64512:1", ServiceAnnotations.LOCAL_PREF, "150"), CONFIGURED, findings));
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
