/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes watches that delivered nothing, not even a bookmark, for longer than the timeout. After long network
 * failures a watch connection can stay open but dead; closing it makes the reflector relist and watch again.
 * Thread-safe: watches are tracked in a concurrent set and checked from one scheduler thread.
 */
final class WatchWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchWatchdog.class);

    private final long timeoutNanos;
    private final Set<TrackedWatch<?>> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;
    private final AtomicLong restarts = new AtomicLong();

    WatchWatchdog(final Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("k8s-source-watchdog"));
        final long period = Math.max(100, timeout.toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Track a new watch until it is closed.
     */
    <T> Watchable<T> track(final String resource, final Watch<T> watch, final ConnectionState connection) {
        final TrackedWatch<T> tracked = new TrackedWatch<>(resource, watch, connection);
        watches.add(tracked);
        return tracked;
    }

    /**
     * How many silent watches were closed so far.
     */
    long restarts() {
        return restarts.get();
    }

    private void check() {
        final long now = System.nanoTime();
        for (TrackedWatch<?> watch : watches) {
            if (now - watch.lastActivity > timeoutNanos) {
                LOG.warn("Watch of {} delivered nothing for {} s; restarting it", watch.resource,
                    TimeUnit.NANOSECONDS.toSeconds(timeoutNanos));
                restarts.incrementAndGet();
                watch.abandon();
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /**
     * A watch that records when it last delivered an event. Used by one reflector thread; the watchdog thread
     * only reads the timestamp and may close it.
     */
    private final class TrackedWatch<T> implements Watchable<T> {
        private final String resource;
        private final Watch<T> delegate;
        private final ConnectionState connection;
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean closing;

        TrackedWatch(final String resource, final Watch<T> delegate, final ConnectionState connection) {
            this.resource = resource;
            this.delegate = delegate;
            this.connection = connection;
        }

        @Override
        @SuppressWarnings("checkstyle:IllegalCatch")
        public boolean hasNext() {
            try {
                return delegate.hasNext();
            } catch (RuntimeException e) {
                // Watch wraps the IOException of a broken stream in a plain RuntimeException
                failed(e);
                throw e;
            }
        }

        private void failed(final RuntimeException cause) {
            if (!closing) {
                connection.failed("watch of " + resource, cause);
            }
        }

        @Override
        public Watch.Response<T> next() {
            final Watch.Response<T> response = delegate.next();
            lastActivity = System.nanoTime();
            return response;
        }

        @Override
        public java.util.Iterator<Watch.Response<T>> iterator() {
            return this;
        }

        void abandon() {
            closing = true;
            try {
                close();
            } catch (IOException e) {
                LOG.debug("Closing the silent watch of {} failed", resource, e);
            }
        }

        @Override
        public void close() throws IOException {
            closing = true;
            watches.remove(this);
            delegate.close();
        }
    }
}
