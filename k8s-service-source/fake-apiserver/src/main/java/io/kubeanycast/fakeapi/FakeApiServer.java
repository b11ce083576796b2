/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.fakeapi;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small, faithful Kubernetes API server over plain HTTP for tests and the demo: see {@link ApiHandler} for the
 * REST semantics and {@link ObjectStore} for resourceVersion, history and 410 Gone. It can be stopped and started
 * again on the same port while keeping its objects, to simulate an API server outage.
 *
 * <p>Thread-safe: start, stop and restart are synchronized; requests run on a cached thread pool, because each
 * open watch holds a thread.
 */
public final class FakeApiServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FakeApiServer.class.getName());

    private final ObjectStore store;
    private final InetAddress bindAddress;
    private final ApiHandler handler;
    private int port;
    // null while stopped
    private Listening listening;
    private volatile boolean running;

    /**
     * A server that is not started yet.
     *
     * @param bindAddress where to listen (tests: the loopback address)
     * @param port the port, 0 for any free one (kept across restarts)
     * @param historyLimit how many changes watches can resume from
     * @param bookmarkMillis how often an idle watch that allows bookmarks gets one
     */
    public FakeApiServer(final InetAddress bindAddress, final int port, final int historyLimit,
            final long bookmarkMillis) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.store = new ObjectStore(historyLimit);
        this.handler = new ApiHandler(store, this, bookmarkMillis);
    }

    /**
     * A loopback server on a free port with a history of 1000 changes and a bookmark every minute.
     */
    public static FakeApiServer onLoopback() {
        return new FakeApiServer(InetAddress.getLoopbackAddress(), 0, 1000, TimeUnit.MINUTES.toMillis(1));
    }

    public ObjectStore store() {
        return store;
    }

    /**
     * Start listening; after a {@link #stop()}, listen again on the same port.
     *
     * @return this
     */
    public synchronized FakeApiServer start() {
        if (running) {
            return this;
        }
        final HttpServer httpServer;
        try {
            httpServer = HttpServer.create(new InetSocketAddress(bindAddress, port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress.getHostAddress() + ":" + port, e);
        }
        port = httpServer.getAddress().getPort();
        final ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads());
        httpServer.setExecutor(executor);
        httpServer.createContext("/", handler);
        listening = new Listening(httpServer, executor);
        running = true;
        httpServer.start();
        return this;
    }

    /**
     * Stop listening and drop every connection, open watches included; the objects are kept.
     */
    public synchronized void stop() {
        final Listening current = listening;
        if (current == null) {
            return;
        }
        listening = null;
        running = false;
        store.closeWatches();
        current.httpServer().stop(0);
        current.executor().shutdownNow();
    }

    /**
     * Stop now and start again after the given time, in the background: an API server outage for clients.
     */
    public void outage(final long seconds) {
        final Thread restarter = new Thread(() -> {
            stop();
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            start();
            LOG.log(Level.INFO, "restarted after an outage of {0} s", seconds);
        }, "fake-apiserver-outage");
        restarter.setDaemon(true);
        restarter.start();
    }

    public boolean isRunning() {
        return running;
    }

    public synchronized int port() {
        return port;
    }

    /**
     * The base URL clients use, e.g. {@code http://127.0.0.1:6443}.
     */
    public synchronized String url() {
        final String host = bindAddress.getHostAddress();
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * How many list requests (not watches) were served since start.
     */
    public long listRequests() {
        return handler.listRequests();
    }

    /**
     * Answer list requests of one kind only after a delay (a slow API server), e.g. to test sync gating.
     */
    public void delayLists(final ResourceType type, final java.time.Duration delay) {
        handler.delayLists(type, delay.toMillis());
    }

    /**
     * How many watch requests were received since start.
     */
    public long watchRequests() {
        return handler.watchRequests();
    }

    @Override
    public void close() {
        stop();
    }

    private record Listening(HttpServer httpServer, ExecutorService executor) {
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable runnable) {
            final Thread thread = new Thread(runnable, "fake-apiserver-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
