/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling with a deadline, for conditions that converge (BGP sessions, FIB contents, Karaf readiness).
 */
public final class Await {
    /** Default poll interval: short, since convergence is measured in 100s of milliseconds on this bed. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private Await() {
        // utility class
    }

    /**
     * Polls {@code condition} every {@link #DEFAULT_INTERVAL} until it holds.
     *
     * @param timeout how long to try
     * @param condition what must become true; exceptions it throws count as "not yet"
     * @param failure the message of the {@link AssertionError} on timeout; evaluated once, at the end, so it can
     *     print the state of that moment
     * @throws AssertionError when the condition did not hold in time
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    public static void until(final Duration timeout, final BooleanSupplier condition,
            final Supplier<String> failure) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                final AssertionError error = new AssertionError("not within " + timeout + ": " + failure.get());
                if (last != null) {
                    error.addSuppressed(last);
                }
                throw error;
            }
            sleep(DEFAULT_INTERVAL);
        }
    }

    /**
     * Sleeps, turning an interrupt into an unchecked exception (the interrupt flag stays set).
     *
     * @param duration how long
     */
    public static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
