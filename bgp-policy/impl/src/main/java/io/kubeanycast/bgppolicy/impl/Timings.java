/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.bgppolicy.rib.RibWriterSettings;
import java.time.Duration;

/**
 * The pipeline's delays and timeouts; tests shorten them.
 *
 * @param retryDelay wait before a failed speaker or RIB write is tried again
 * @param stateRefresh period of the operational state refresh (the source's connection changes without a snapshot)
 * @param writeTimeout how long the worker waits for one RIB write; must exceed the writer's worst case
 * @param closeTimeout how long close waits for the worker to finish the step in progress
 */
record Timings(Duration retryDelay, Duration stateRefresh, Duration writeTimeout, Duration closeTimeout) {
    /**
     * Retries after 5 s; the worker waits for a RIB write longer than the writer can take with its own retries, so
     * it never gives up on a change set the writer is still working on (and then queues another behind it).
     */
    static final Timings DEFAULT = new Timings(Duration.ofSeconds(5), Duration.ofSeconds(5),
        RibWriterSettings.DEFAULT.worstCase().plusSeconds(30), Duration.ofSeconds(120));

    Timings {
        requireNonNull(retryDelay);
        requireNonNull(stateRefresh);
        requireNonNull(writeTimeout);
        requireNonNull(closeTimeout);
    }
}
