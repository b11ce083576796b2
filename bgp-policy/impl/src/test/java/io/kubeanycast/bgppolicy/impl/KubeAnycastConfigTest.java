/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeAnycastConfigTest {
    @Test
    void splitsTheFileByOwner() {
        final KubeAnycastConfig config = KubeAnycastConfig.parse(PipelineTestSupport.CONFIG);
        assertEquals(PipelineTestSupport.APP_PEER, config.speaker().applicationPeerId());
        assertEquals(1, config.policy().clusterCidrs().size());
        assertEquals(Map.of("k8s.url", "http://127.0.0.1:1"), config.sourceSettings());
    }

    @Test
    void aChangeShowsInTheOwningPartOnly() {
        final KubeAnycastConfig before = KubeAnycastConfig.parse(PipelineTestSupport.CONFIG);
        final KubeAnycastConfig after = KubeAnycastConfig.parse(
            PipelineTestSupport.with(PipelineTestSupport.CONFIG, "k8s.url", "http://127.0.0.1:2"));
        assertEquals(before.speaker(), after.speaker());
        assertEquals(before.policy(), after.policy());
        assertNotEquals(before.sourceSettings(), after.sourceSettings());
    }

    @Test
    void aBadValueRefusesTheWholeFileNamingTheKey() {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> KubeAnycastConfig.parse(PipelineTestSupport.with(PipelineTestSupport.CONFIG, "bgp.local-as", "x")));
        assertTrue(refused.getMessage().startsWith("bgp.local-as"), refused.getMessage());
    }

    /**
     * Issue 11 item 11: which speaker changes reset every session (and are logged as such).
     */
    @Test
    void globalSpeakerChangesResetEverySessionNeighborChangesDoNot() {
        final Map<String, String> base = Map.of("bgp.neighbors", "tor1", "bgp.neighbor.tor1.address", "127.0.0.2",
            "bgp.neighbor.tor1.as", "65000");
        final KubeAnycastConfig before = KubeAnycastConfig.parse(base);
        assertEquals(List.of("bgp.local-as", "bgp.router-id"), KubeAnycastConfig.sessionResettingChanges(
            before.speaker(), KubeAnycastConfig.parse(PipelineTestSupport.with(PipelineTestSupport.with(base,
                "bgp.local-as", "65001"), "bgp.router-id", "127.0.0.9")).speaker()));
        assertEquals(List.of("bgp.graceful-restart.restart-time"), KubeAnycastConfig.sessionResettingChanges(
            before.speaker(), KubeAnycastConfig.parse(PipelineTestSupport.with(base,
                "bgp.graceful-restart.restart-time", "30")).speaker()));
        assertEquals(List.of(), KubeAnycastConfig.sessionResettingChanges(before.speaker(), KubeAnycastConfig.parse(
            PipelineTestSupport.with(base, "bgp.neighbor.tor1.as", "65002")).speaker()));
        assertEquals(List.of(), KubeAnycastConfig.sessionResettingChanges(before.speaker(), KubeAnycastConfig.parse(
            PipelineTestSupport.with(base, "bgp.application-peer", "127.0.0.12")).speaker()));
    }
}
