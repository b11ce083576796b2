/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the mass node-loss guard ({@link NodeLossGuard}) did for one computation: whether it is engaged, and which
 * nodes it keeps announcing from their last good state although they lost readiness. Immutable.
 *
 * @param engaged the guard is engaged: the nodes in {@code held} are announced as they were before
 * @param since when it engaged; empty when not engaged
 * @param held node name to the reason it would be left out without the guard (not Ready, NetworkUnavailable);
 *     empty when not engaged
 * @param lost the nodes counted as lost: lost readiness within the window, or since the guard engaged
 * @param considered the nodes the share is taken of: those eligible now plus {@code lost}
 * @param thresholdPercent {@code nodes.mass-loss-threshold-percent}
 * @param window {@code nodes.mass-loss-window-ms}; zero when the guard is off
 */
public record NodeLossStatus(
        boolean engaged,
        Optional<Instant> since,
        SortedMap<String, NodeExclusion> held,
        int lost,
        int considered,
        int thresholdPercent,
        Duration window) {

    /** Not engaged, nothing lost: what a computation without the guard carries. */
    public static final NodeLossStatus NONE = new NodeLossStatus(false, Optional.empty(), new TreeMap<>(), 0, 0,
        Policy.DEFAULT_MASS_LOSS_THRESHOLD_PERCENT, Duration.ZERO);

    public NodeLossStatus {
        requireNonNull(since);
        held = Collections.unmodifiableSortedMap(new TreeMap<>(held));
        requireNonNull(window);
        if (engaged != since.isPresent() || !engaged && !held.isEmpty()) {
            throw new IllegalArgumentException("only an engaged guard has a start and held nodes");
        }
    }

    /**
     * One line for {@code anycast:status} and the log.
     */
    public String summary() {
        if (window.isZero()) {
            return "off (" + Policy.MASS_LOSS_WINDOW_MS + " is 0)";
        }
        final String counts = lost + " of " + considered + " nodes lost readiness within " + window.toMillis()
            + " ms (threshold " + thresholdPercent + " %)";
        if (!engaged) {
            return "armed: " + counts;
        }
        return "ENGAGED since " + since.orElseThrow() + ": " + counts + "; still announced from their last good"
            + " state: " + NodeLossGuard.names(held.keySet());
    }
}
