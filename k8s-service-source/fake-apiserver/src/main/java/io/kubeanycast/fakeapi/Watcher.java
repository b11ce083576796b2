/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.fakeapi;

import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open watch: the {@link ObjectStore} queues matching events (under its lock, so in resourceVersion
 * order); the HTTP thread serving the watch takes them. Thread-safe.
 */
public final class Watcher implements AutoCloseable {
    private final ResourceType resource;
    private final String namespace;
    private final Selector selector;
    private final BlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();
    private final ObjectStore store;
    private volatile boolean closed;

    Watcher(final ObjectStore store, final ResourceType resource, final String namespace, final Selector selector) {
        this.store = store;
        this.resource = resource;
        this.namespace = namespace;
        this.selector = selector;
    }

    boolean matches(final WatchEvent event) {
        if (event.resource() != resource) {
            return false;
        }
        if (namespace != null && !namespace.equals(ObjectStore.namespaceOf(event.object()))) {
            return false;
        }
        return selector.test(event.object());
    }

    void offer(final WatchEvent event) {
        queue.add(event);
    }

    boolean isIdle() {
        return queue.isEmpty();
    }

    public ResourceType resource() {
        return resource;
    }

    /**
     * The next event, waiting up to the timeout; empty on timeout or once closed.
     */
    public Optional<WatchEvent> poll(final long timeout, final TimeUnit unit) throws InterruptedException {
        if (closed) {
            return Optional.empty();
        }
        return Optional.ofNullable(queue.poll(timeout, unit));
    }

    /**
     * A BOOKMARK object at the current resourceVersion, if every event up to it has been taken from this watch.
     */
    public Optional<JsonObject> bookmark() {
        return store.bookmarkFor(this);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        store.unregister(this);
    }
}
