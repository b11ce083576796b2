/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bench;

import java.time.Instant;

/** Wall-clock time in microseconds: the clock {@code ip -ts monitor} and Karaf's log use too. */
final class Clock {
    private Clock() {
        // static helpers only
    }

    static long nowMicros() {
        return micros(Instant.now());
    }

    static long micros(final Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
