/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import io.kubeanycast.bgppolicy.rib.RibWriter;
import io.kubeanycast.source.api.ClusterStateSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the worker last published for status readers (console commands, the operational state writer).
 *
 * <p>Threading: the worker publishes an immutable record through one volatile field; readers on any thread take
 * that reference without locks and never wait for the worker, which may be blocked in a long RIB write. The
 * source's and the writer's health are read live from them (both are thread-safe and non-blocking), because a lost
 * API-server connection changes nothing the worker sees. Memory: one record of references.
 */
final class StatusBoard {
    private final Clock clock;
    private volatile Published published = new Published(null, null, null, null, null);

    StatusBoard(final Clock clock) {
        this.clock = clock;
    }

    /**
     * Worker: publish the current state.
     */
    void publish(final RouteComputation computation, final Optional<ClusterStateSource> source,
            final Optional<RibWriter> writer, final Optional<SpeakerConfig> speaker) {
        published = new Published(clock.instant(), computation, source.orElse(null), writer.orElse(null),
            speaker.orElse(null));
    }

    /**
     * The speaker configuration last published; any thread.
     */
    Optional<SpeakerConfig> speaker() {
        return Optional.ofNullable(published.speaker);
    }

    /**
     * The status without session states; any thread, never blocks.
     */
    StatusSnapshot snapshot() {
        final Published current = published;
        return new StatusSnapshot(
            Optional.ofNullable(current.source).map(ClusterStateSource::status),
            Optional.ofNullable(current.lastChange),
            Optional.ofNullable(current.computation),
            Optional.ofNullable(current.writer).map(RibWriter::status),
            Optional.ofNullable(current.speaker).map(SpeakerConfig::instanceName),
            current.speaker == null ? List.of() : FabricSessionReader.configured(current.speaker));
    }

    private record Published(Instant lastChange, RouteComputation computation, ClusterStateSource source,
            RibWriter writer, SpeakerConfig speaker) {
    }
}
