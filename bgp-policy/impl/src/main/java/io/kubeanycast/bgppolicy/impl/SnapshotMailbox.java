/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.source.api.ClusterStateListener;
import io.kubeanycast.source.model.ClusterState;
import java.util.function.Consumer;

/**
 * Hands cluster snapshots to the worker so that the latest one wins: a snapshot that arrives while the previous
 * one still waits replaces it, and at most one hand-over task is queued. A rollout that produces thousands of
 * snapshots while the worker is busy in a long RIB write therefore costs one pending snapshot, and only the newest
 * state is computed and written, never the outdated ones in between.
 *
 * <p>Generations: every source gets a new, higher generation, and its listener tags its snapshots with it
 * ({@link #listener(long)}). Once the worker switched to a source ({@link #acceptFrom(long)}), snapshots of older
 * generations are dropped, so a late snapshot of a replaced source can never overwrite the new source's state.
 *
 * <p>Threading: {@link #offer} is called on the sources' threads, everything else on the worker; the pending slot
 * is guarded by this object's lock, which is never held while calling out. Memory: one pending snapshot.
 */
final class SnapshotMailbox {
    private final Worker worker;
    private final Consumer<ClusterState> consumer;

    // guarded by this
    private long acceptedGeneration;
    private Tagged pending;
    private boolean handOverQueued;
    private long replaced;
    private long stale;

    SnapshotMailbox(final Worker worker, final Consumer<ClusterState> consumer) {
        this.worker = requireNonNull(worker);
        this.consumer = requireNonNull(consumer);
    }

    /**
     * The listener for the source of one generation.
     */
    ClusterStateListener listener(final long generation) {
        return state -> offer(generation, state);
    }

    void offer(final long generation, final ClusterState state) {
        requireNonNull(state);
        synchronized (this) {
            if (generation < acceptedGeneration || pending != null && generation < pending.generation) {
                stale++;
                return;
            }
            if (pending != null) {
                replaced++;
            }
            pending = new Tagged(generation, state);
            if (handOverQueued) {
                return;
            }
            handOverQueued = true;
        }
        worker.execute(this::handOver);
    }

    /**
     * Worker: the source of {@code generation} is now the live one; older snapshots, pending or late, are dropped.
     */
    synchronized void acceptFrom(final long generation) {
        acceptedGeneration = generation;
        if (pending != null && pending.generation < generation) {
            pending = null;
            stale++;
        }
    }

    /**
     * Hand-over tasks queued on the worker: 0 or 1, however many snapshots arrived.
     */
    synchronized int queuedHandOvers() {
        return handOverQueued ? 1 : 0;
    }

    /**
     * Snapshots replaced by a newer one before the worker took them.
     */
    synchronized long replacedSnapshots() {
        return replaced;
    }

    /**
     * Snapshots of a replaced source that were dropped.
     */
    synchronized long staleSnapshots() {
        return stale;
    }

    private void handOver() {
        final Tagged next;
        synchronized (this) {
            handOverQueued = false;
            next = pending;
            pending = null;
            if (next == null) {
                return;
            }
            if (next.generation != acceptedGeneration) {
                // a source that was started but never became the live one
                stale++;
                return;
            }
        }
        consumer.accept(next.state);
    }

    private record Tagged(long generation, ClusterState state) {
    }
}
