/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.bgppolicy.core.Policy;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.RouteComputer;
import io.kubeanycast.bgppolicy.impl.api.FabricSession;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link StatusBoard} and {@link FabricSessionReader} on the real in-memory data broker.
 */
class StatusBoardTest extends PipelineTestSupport {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final SpeakerConfig SPEAKER = SpeakerConfig.parse(Map.of(
        "bgp.neighbors", "tor1",
        "bgp.neighbor.tor1.address", "127.0.0.2",
        "bgp.neighbor.tor1.as", "65000"));

    private final StatusBoard board = new StatusBoard(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void nothingPublishedIsAnEmptyStatus() {
        final StatusSnapshot snapshot = board.snapshot();
        assertEquals(Optional.empty(), snapshot.lastChange());
        assertEquals(List.of(), snapshot.neighbors());
        assertTrue(board.speaker().isEmpty());
    }

    @Test
    void publishedComputationAndNeighborsAreWhatReadersSee() {
        final RouteComputation computation = new RouteComputer().compute(nodes(2),
            Policy.parse(Map.of("announce.cluster-cidrs", CLUSTER_CIDR)));
        board.publish(computation, Optional.empty(), Optional.empty(), Optional.of(SPEAKER));
        final StatusSnapshot snapshot = board.snapshot();
        assertEquals(Optional.of(NOW), snapshot.lastChange());
        assertEquals(2, snapshot.pathCount());
        assertEquals(List.of(new FabricSession("tor1", "127.0.0.2", 65_000, Optional.empty())),
            snapshot.neighbors());
    }

    @Test
    void neighborWithoutStateInTheOperationalDatastoreIsNotReported() throws Exception {
        final List<FabricSession> sessions = new FabricSessionReader(getDataBroker()).read(SPEAKER,
            Duration.ofSeconds(10));
        assertEquals(List.of(new FabricSession("tor1", "127.0.0.2", 65_000, Optional.empty())), sessions);
        assertEquals(List.of(), new FabricSessionReader(getDataBroker()).read(SpeakerConfig.parse(Map.of()),
            Duration.ofSeconds(10)));
    }
}
