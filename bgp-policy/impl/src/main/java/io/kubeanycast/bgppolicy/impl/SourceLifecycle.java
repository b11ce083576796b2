/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.source.api.ClusterStateSource;
import io.kubeanycast.source.api.ClusterStateSourceFactory;
import io.kubeanycast.source.api.ServiceEventRecorder;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the running Kubernetes source: starts one for the {@code k8s.*} settings, replaces it when they change and
 * closes it. Each source gets a new generation in the {@link SnapshotMailbox}, so snapshots of a replaced source
 * that arrive late are dropped instead of overwriting the new source's state.
 *
 * <p>Replacing is two steps, so that a bad {@code k8s.*} value can refuse the whole configuration before anything
 * changed: {@link #start(Map, Map)} starts the new source (it throws for bad values), {@link #activate(Started)}
 * makes it the live one and closes the old one. Until the new source's first snapshot, the last state of the old
 * one stays in use: routes are never withdrawn because a source is still listing.
 *
 * <p>Threading: worker thread only, except {@link #source()}, which other threads may read. Memory: the source.
 */
final class SourceLifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceLifecycle.class);

    private final ClusterStateSourceFactory factory;
    private final SnapshotMailbox mailbox;

    // worker thread only
    private long lastGeneration;
    private Map<String, String> settings;
    // written by the worker, read by status readers
    private volatile ClusterStateSource source;

    SourceLifecycle(final ClusterStateSourceFactory factory, final SnapshotMailbox mailbox) {
        this.factory = requireNonNull(factory);
        this.mailbox = requireNonNull(mailbox);
    }

    /**
     * Whether these {@code k8s.*} settings differ from the live source's.
     */
    boolean needsRestart(final Map<String, String> sourceSettings) {
        return !sourceSettings.equals(settings);
    }

    /**
     * Start a source for new settings; it is not live until {@link #activate(Started)}.
     *
     * @param config the whole configuration (the factory reads the {@code k8s.*} keys)
     * @param sourceSettings its {@code k8s.*} keys
     * @throws IllegalArgumentException when a {@code k8s.*} value cannot be parsed
     */
    Started start(final Map<String, String> config, final Map<String, String> sourceSettings) {
        final long generation = ++lastGeneration;
        return new Started(generation, factory.start(config, mailbox.listener(generation)), Map.copyOf(sourceSettings));
    }

    void activate(final Started started) {
        mailbox.acceptFrom(started.generation);
        final ClusterStateSource old = source;
        source = started.source;
        settings = started.settings;
        if (old != null) {
            old.close();
            LOG.info("Kubernetes source restarted with new k8s.* settings");
        }
    }

    /**
     * The live source, for status readers; any thread.
     */
    Optional<ClusterStateSource> source() {
        return Optional.ofNullable(source);
    }

    /**
     * Where to record Kubernetes Events: the live source's recorder.
     */
    ServiceEventRecorder events() {
        final ClusterStateSource current = source;
        return current == null ? ServiceEventRecorder.DISCARD : current.events();
    }

    @Override
    public void close() {
        final ClusterStateSource current = source;
        if (current != null) {
            current.close();
        }
    }

    /**
     * A started source that is not live yet.
     */
    record Started(long generation, ClusterStateSource source, Map<String, String> settings) {
    }
}
