/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import io.kubeanycast.source.api.ClusterStateListener;
import io.kubeanycast.source.api.ClusterStateSource;
import io.kubeanycast.source.api.ClusterStateSourceFactory;
import io.kubeanycast.source.api.SourceStatus;
import io.kubeanycast.source.model.ClusterState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A test double of our own {@link ClusterStateSourceFactory}: every started source is kept so the test can deliver
 * snapshots through it, and hooks let a test deliver at the moments that matter (during start, just before close).
 * Thread-safe.
 */
final class FakeSources implements ClusterStateSourceFactory {
    final List<FakeSource> started = new CopyOnWriteArrayList<>();
    // what the next started source does while starting (e.g. deliver its first snapshot at once)
    volatile Consumer<FakeSource> onStart = source -> { };

    @Override
    public ClusterStateSource start(final Map<String, String> config, final ClusterStateListener listener) {
        final String url = config.getOrDefault("k8s.url", "");
        if (url.contains(" ")) {
            throw new IllegalArgumentException("k8s.url = '" + url + "': not a URL");
        }
        final FakeSource source = new FakeSource(url, listener);
        started.add(source);
        onStart.accept(source);
        return source;
    }

    FakeSource last() {
        return started.get(started.size() - 1);
    }

    static final class FakeSource implements ClusterStateSource {
        final String url;
        private final ClusterStateListener listener;
        // what the source delivers while being closed: a snapshot that raced with close
        volatile Consumer<FakeSource> onClose = source -> { };
        volatile boolean closed;

        FakeSource(final String url, final ClusterStateListener listener) {
            this.url = url;
            this.listener = listener;
        }

        void deliver(final ClusterState state) {
            listener.onClusterState(state);
        }

        @Override
        public Optional<ClusterState> current() {
            return Optional.empty();
        }

        @Override
        public SourceStatus status() {
            return new SourceStatus(url, true, true, Optional.empty(), 0, Optional.empty());
        }

        @Override
        public void close() {
            onClose.accept(this);
            closed = true;
        }
    }
}
