/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Tuning of {@link DefaultRibWriter}.
 *
 * @param batchSize route writes per committed transaction; a large change set is split so a single commit stays
 *     bounded in memory and time
 * @param maxAttempts tries per change set before it is reported as failed (at least 1)
 * @param initialBackoff wait after the first failed try; doubled after each further failure
 * @param maxBackoff upper bound of the wait between tries
 * @param commitTimeout how long to wait for a read or a commit before treating it as failed
 */
public record RibWriterSettings(int batchSize, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        Duration commitTimeout) {
    /** 10,000 writes per commit, 5 tries with 100 ms .. 5 s backoff, 60 s commit timeout. */
    public static final RibWriterSettings DEFAULT = new RibWriterSettings(10_000, 5, Duration.ofMillis(100),
        Duration.ofSeconds(5), Duration.ofSeconds(60));

    public RibWriterSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive: " + maxAttempts);
        }
        requireNonNull(initialBackoff);
        requireNonNull(maxBackoff);
        requireNonNull(commitTimeout);
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || commitTimeout.isNegative()
            || commitTimeout.isZero()) {
            throw new IllegalArgumentException("durations must not be negative, commitTimeout must be positive");
        }
    }

    /**
     * The longest a change set can take before its future completes: per try a wait for earlier commits to settle,
     * a read and a commit, each bounded by the commit timeout, plus the backoffs between tries.
     *
     * @return the bound
     */
    public Duration worstCase() {
        Duration total = commitTimeout.multipliedBy(3L * maxAttempts);
        Duration backoff = initialBackoff;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            total = total.plus(backoff);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) <= 0 ? backoff.multipliedBy(2) : maxBackoff;
        }
        return total;
    }

    /**
     * Copy with another batch size.
     *
     * @param newBatchSize route writes per commit
     * @return the new settings
     */
    public RibWriterSettings withBatchSize(final int newBatchSize) {
        return new RibWriterSettings(newBatchSize, maxAttempts, initialBackoff, maxBackoff, commitTimeout);
    }

    /**
     * Copy with another retry policy.
     *
     * @param newMaxAttempts tries per change set
     * @param newInitialBackoff wait after the first failure
     * @return the new settings
     */
    public RibWriterSettings withRetries(final int newMaxAttempts, final Duration newInitialBackoff) {
        return new RibWriterSettings(batchSize, newMaxAttempts, newInitialBackoff, maxBackoff, commitTimeout);
    }
}
