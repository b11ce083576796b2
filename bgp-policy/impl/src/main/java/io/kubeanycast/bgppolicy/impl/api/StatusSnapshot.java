/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.api;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.VipDecision;
import io.kubeanycast.bgppolicy.rib.RibWriterStatus;
import io.kubeanycast.source.api.SourceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable picture of kube-anycast for status commands. Every part is optional because the pipeline fills
 * them one by one at start: no valid configuration yet, no source started, no first cluster snapshot yet.
 *
 * @param source the Kubernetes source's connection and sync state; empty before a configuration was applied
 * @param lastChange when the pipeline last applied a change (configuration, cluster snapshot, new writer)
 * @param computation the last route computation; empty until the source synced
 * @param writer the application-RIB writer's health; empty before a configuration was applied
 * @param bgpInstance the name of the BGP protocol instance in ODL; empty before a configuration was applied
 * @param neighbors the configured fabric neighbors, without their session state (see
 *        {@link KubeAnycastStatus#fabricSessions(java.time.Duration)})
 */
public record StatusSnapshot(
        Optional<SourceStatus> source,
        Optional<Instant> lastChange,
        Optional<RouteComputation> computation,
        Optional<RibWriterStatus> writer,
        Optional<String> bgpInstance,
        List<FabricSession> neighbors) {

    public static final StatusSnapshot EMPTY = new StatusSnapshot(Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    public StatusSnapshot {
        requireNonNull(source);
        requireNonNull(lastChange);
        requireNonNull(computation);
        requireNonNull(writer);
        requireNonNull(bgpInstance);
        neighbors = List.copyOf(neighbors);
    }

    /**
     * Whether a valid configuration has been applied since the start; false while every configuration so far was
     * refused (then nothing is announced). This is what readiness means (the image's readiness check reads it over
     * RESTCONF). The BGP instance name comes only from a configuration that parsed as a whole, and a later refused
     * one leaves it in place, so its presence is exactly that.
     */
    public boolean configurationApplied() {
        return bgpInstance.isPresent();
    }

    /**
     * How many VIPs the cluster's Services have (announced or not), 0 before the first computation.
     */
    public long vipCount() {
        return computation.map(result -> result.services().values().stream().mapToLong(List::size).sum())
            .orElse(0L);
    }

    /**
     * How many VIPs are announced from at least one node.
     */
    public long announcedVipCount() {
        return computation.map(result -> result.services().values().stream().flatMap(List::stream)
            .filter(VipDecision::isAnnounced).count()).orElse(0L);
    }

    /**
     * How many paths (prefix, next hop) are written to the application RIB, cluster CIDRs and aggregates included.
     */
    public long pathCount() {
        return computation.map(result -> (long) result.paths().size()).orElse(0L);
    }
}
