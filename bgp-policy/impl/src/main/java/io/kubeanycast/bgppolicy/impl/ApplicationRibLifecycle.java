/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.bgppolicy.rib.RibWriter;
import io.kubeanycast.bgppolicy.rib.WriteStats;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the {@link RibWriter} of the application RIB named by {@code bgp.application-peer}: creates it, replaces it
 * when the id changes, and writes the desired paths through it. The first write of every writer reconciles with
 * what the RIB already holds (it survives restarts in the config datastore); after a failed write the next one
 * re-reads as well (the writer does that itself).
 *
 * <p>Threading: worker thread only, except {@link #writer()}, which status readers may call. Each write blocks the
 * worker until the writer finished or the write timeout passed. Memory: the writer (see its own Javadoc).
 */
final class ApplicationRibLifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationRibLifecycle.class);

    private final Function<String, RibWriter> writers;
    private final Duration writeTimeout;

    // written by the worker, read by status readers
    private volatile RibWriter writer;
    private String applicationRibId;
    private boolean reconcileNeeded;

    ApplicationRibLifecycle(final Function<String, RibWriter> writers, final Duration writeTimeout) {
        this.writers = requireNonNull(writers);
        this.writeTimeout = requireNonNull(writeTimeout);
    }

    /**
     * Write into the application RIB {@code ribId} from now on.
     *
     * @return whether the RIB changed (the caller then writes the paths)
     */
    boolean switchTo(final String ribId) {
        if (ribId.equals(applicationRibId)) {
            return false;
        }
        final RibWriter old = writer;
        if (old != null) {
            // the old application peer is gone from the BGP configuration: its RIB would stay in the datastore
            LOG.info("bgp.application-peer changed from {} to {}: removing application RIB {}", applicationRibId,
                ribId, applicationRibId);
            await(old.remove(), "removing application RIB " + applicationRibId);
            old.close();
        }
        final RibWriter created = writers.apply(ribId);
        writer = created;
        applicationRibId = ribId;
        await(created.start(), "creating application RIB " + ribId);
        // the application RIB survives restarts in the config datastore: the first write reconciles with it
        reconcileNeeded = true;
        return true;
    }

    /**
     * Make the RIB hold exactly these paths.
     *
     * @return what was written; empty when there is no writer yet or the write failed (logged)
     */
    Optional<WriteStats> write(final Set<AdvertisedPath> paths) {
        final RibWriter current = writer;
        if (current == null) {
            return Optional.empty();
        }
        final Optional<WriteStats> stats = await(reconcileNeeded ? current.reconcile(paths) : current.apply(paths),
            "writing " + paths.size() + " paths to application RIB " + applicationRibId);
        stats.ifPresent(written -> {
            if (reconcileNeeded) {
                LOG.info("Application RIB reconciled with the cluster: {}", written);
                reconcileNeeded = false;
            } else {
                LOG.debug("Application RIB updated: {}", written);
            }
        });
        return stats;
    }

    boolean hasWriter() {
        return writer != null;
    }

    /**
     * The current writer, for status readers; any thread.
     */
    Optional<RibWriter> writer() {
        return Optional.ofNullable(writer);
    }

    Duration writeTimeout() {
        return writeTimeout;
    }

    /**
     * Close the writer; the routes stay in the RIB.
     */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Close the writer.
     *
     * @param removeRib whether to delete the application RIB first, withdrawing every route (uninstall)
     */
    void close(final boolean removeRib) {
        final RibWriter current = writer;
        if (current != null) {
            if (removeRib) {
                await(current.remove(), "removing application RIB " + applicationRibId);
            }
            current.close();
        }
    }

    private <T> Optional<T> await(final Future<T> future, final String what) {
        try {
            return Optional.of(future.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("Failed {}; it will be retried", what, e);
        }
        return Optional.empty();
    }
}
