/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import io.kubeanycast.source.api.ClusterStateListener;
import io.kubeanycast.source.api.ClusterStateSource;
import io.kubeanycast.source.api.ServiceEventRecorder;
import io.kubeanycast.source.api.SourceStatus;
import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.ServiceId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one cluster and publishes {@link ClusterState} snapshots. Informer events only mark the state dirty;
 * one worker thread rebuilds the snapshot from the listers {@code debounce} after the first event of a burst
 * (later events of the burst coalesce into the same rebuild) and delivers it only when it differs from the last
 * one delivered. Nothing is delivered before all informers have synced. While the API server is unreachable the
 * informers' caches, and so the last snapshot, stay as they were.
 *
 * <p>Threading: informer threads call {@link #markDirty()}; building, delivering and (re)connecting run on the
 * single worker thread; {@link #current()} and {@link #status()} may be called from any thread; delivery and
 * {@link #close()} are serialised by a lock, so nothing is delivered after close returns. Kubernetes Events
 * ({@link #events()}) are written by a {@link KubernetesEventRecorder} with a client of its own, on its own
 * thread.
 */
public final class KubernetesClusterStateSource implements ClusterStateSource {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesClusterStateSource.class);
    private static final Duration SYNC_POLL = Duration.ofMillis(100);
    private static final Duration LISTENER_RETRY = Duration.ofSeconds(1);
    // Event writes, unlike watches, must not hang: a hung write would hold up every later Event
    private static final int EVENT_READ_TIMEOUT_MILLIS = 10_000;

    private final SourceConfig config;
    private final ClusterStateListener listener;
    private final ApiClientFactory clients;
    private final ScheduledExecutorService worker =
        Executors.newSingleThreadScheduledExecutor(new NamedThreads("k8s-source-worker"));
    private final AtomicBoolean rebuildScheduled = new AtomicBoolean();
    private final Backoff connectBackoff;
    private final WatchWatchdog watchdog;
    private final Object deliveryLock = new Object();
    private final KubernetesEventRecorder events;

    private volatile ConnectionState connection;
    // written by the worker thread only
    private volatile ClusterInformers informers;
    // guarded by deliveryLock
    private boolean closed;
    private volatile ClusterState current;
    private volatile Instant lastSnapshot;
    private final AtomicLong snapshots = new AtomicLong();

    KubernetesClusterStateSource(final SourceConfig config, final ClusterStateListener listener,
            final ApiClientFactory clients) {
        this.config = config;
        this.listener = listener;
        this.clients = clients;
        this.connectBackoff = new Backoff(config.maxRetryDelay());
        this.watchdog = new WatchWatchdog(config.watchdog());
        this.connection = new ConnectionState(describe(config));
        this.events = new KubernetesEventRecorder(this::serviceUid);
    }

    KubernetesClusterStateSource start() {
        worker.execute(this::connect);
        return this;
    }

    // worker thread: build the client, start the informers; on a credential problem retry with backoff
    private void connect() {
        final ApiClientFactory.Connection client;
        final ApiClientFactory.Connection eventClient;
        try {
            client = clients.create(config);
            // a client of its own: the watch client has no read timeout
            eventClient = clients.create(config);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            connectBackoff.failed();
            connection.failed("cannot build a client", e);
            schedule(this::connect, connectBackoff.nextDelay());
            return;
        }
        connection = new ConnectionState(client.url());
        eventClient.client().setReadTimeout(EVENT_READ_TIMEOUT_MILLIS);
        events.connect(eventClient.client());
        LOG.info("Watching Services, EndpointSlices and Nodes of the Kubernetes API at {} (k8s.mode {})",
            client.url(), config.mode());
        final ClusterInformers started = new ClusterInformers(client.client(), config, connection, watchdog,
            this::markDirty);
        synchronized (deliveryLock) {
            if (closed) {
                return;
            }
            informers = started;
        }
        started.start();
        markDirty();
    }

    /**
     * Something changed in an informer cache: rebuild soon. Called from informer threads.
     */
    void markDirty() {
        if (rebuildScheduled.compareAndSet(false, true)) {
            schedule(this::rebuild, config.debounce());
        }
    }

    // worker thread
    private void rebuild() {
        rebuildScheduled.set(false);
        final ClusterInformers active = informers;
        if (active == null) {
            return;
        }
        if (!active.hasSynced()) {
            // the first lists are not complete: an empty or partial snapshot would withdraw routes
            if (rebuildScheduled.compareAndSet(false, true)) {
                schedule(this::rebuild, SYNC_POLL);
            }
            return;
        }
        deliver(active.snapshot());
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void deliver(final ClusterState state) {
        synchronized (deliveryLock) {
            if (closed || state.equals(current)) {
                return;
            }
            try {
                listener.onClusterState(state);
            } catch (RuntimeException e) {
                // the consumer's problem; try again with the then current state rather than lose this change
                LOG.error("Cluster state listener failed; retrying in {}", LISTENER_RETRY, e);
                schedule(this::markDirty, LISTENER_RETRY);
                return;
            }
            current = state;
            lastSnapshot = Instant.now();
            snapshots.incrementAndGet();
        }
        LOG.debug("Published cluster state with {} services and {} nodes", state.services().size(),
            state.nodes().size());
    }

    private void schedule(final Runnable task, final Duration delay) {
        try {
            worker.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Source closed, not scheduling", e);
        }
    }

    private Optional<String> serviceUid(final ServiceId service) {
        final ClusterInformers active = informers;
        return active == null ? Optional.empty() : active.serviceUid(service);
    }

    @Override
    public ServiceEventRecorder events() {
        return events;
    }

    @Override
    public Optional<ClusterState> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public SourceStatus status() {
        final ConnectionState state = connection;
        return new SourceStatus(state.cluster(), state.connected(), current != null,
            Optional.ofNullable(lastSnapshot), snapshots.get(), state.lastError());
    }

    /**
     * How many silent watches the watchdog restarted.
     */
    long watchdogRestarts() {
        return watchdog.restarts();
    }

    @Override
    public void close() {
        final ClusterInformers active;
        synchronized (deliveryLock) {
            if (closed) {
                return;
            }
            closed = true;
            active = informers;
        }
        worker.shutdownNow();
        events.close();
        watchdog.close();
        if (active != null) {
            active.close();
        }
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Worker of the Kubernetes source did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Stopped watching {}", connection.cluster());
    }

    private static String describe(final SourceConfig config) {
        return switch (config.mode()) {
            case IN_CLUSTER -> "in-cluster";
            case KUBECONFIG -> "kubeconfig " + config.kubeconfig().orElse("");
            case URL -> config.url().orElse("");
        };
    }
}
