/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.kubeanycast.source.api.ClusterStateListener;
import io.kubeanycast.source.model.ClusterState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Records every delivered snapshot; asserts on the way that no snapshot repeats its predecessor. Thread-safe.
 */
final class RecordingListener implements ClusterStateListener {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final List<ClusterState> states = new CopyOnWriteArrayList<>();
    private final List<AssertionError> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onClusterState(final ClusterState state) {
        if (!states.isEmpty()) {
            try {
                assertNotEquals(states.get(states.size() - 1), state, "a snapshot equal to the previous one");
            } catch (AssertionError e) {
                errors.add(e);
            }
        }
        states.add(state);
    }

    List<ClusterState> states() {
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return List.copyOf(states);
    }

    int count() {
        return states().size();
    }

    ClusterState last() {
        final List<ClusterState> all = states();
        return all.get(all.size() - 1);
    }

    /**
     * Wait until a delivered snapshot matches; returns its index.
     */
    int awaitState(final String what, final Predicate<ClusterState> condition) {
        return awaitState(what, 0, condition);
    }

    /**
     * Wait until a snapshot delivered at or after an index matches; returns its index.
     */
    int awaitState(final String what, final int from, final Predicate<ClusterState> condition) {
        await(what, () -> states().stream().skip(from).anyMatch(condition));
        final List<ClusterState> all = states();
        for (int i = from; i < all.size(); i++) {
            if (condition.test(all.get(i))) {
                return i;
            }
        }
        throw new AssertionError("unreachable");
    }

    static void await(final String what, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
