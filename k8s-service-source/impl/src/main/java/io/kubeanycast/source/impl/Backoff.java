/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import java.time.Duration;

/**
 * Exponential retry delay: none before the first attempt, then 500 ms doubling up to a cap, back to none after a
 * success. Not thread-safe: each user (one informer's reflector thread, the connect task) has its own.
 */
final class Backoff {
    private static final long INITIAL_MILLIS = 500;

    private final long maxMillis;
    private int failures;

    Backoff(final Duration max) {
        this.maxMillis = max.toMillis();
    }

    void failed() {
        failures = Math.min(failures + 1, 30);
    }

    void succeeded() {
        failures = 0;
    }

    Duration nextDelay() {
        if (failures == 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.min(maxMillis, INITIAL_MILLIS << Math.min(failures - 1, 20)));
    }
}
