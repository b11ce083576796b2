/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.bgppolicy.core.Finding;
import io.kubeanycast.bgppolicy.core.Policy;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.RouteComputer;
import io.kubeanycast.bgppolicy.impl.speaker.DefaultSpeakerBootstrap;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerWriteException;
import io.kubeanycast.bgppolicy.rib.DefaultRibWriter;
import io.kubeanycast.bgppolicy.rib.RibWriter;
import io.kubeanycast.bgppolicy.rib.WriteStats;
import io.kubeanycast.source.api.ClusterStateSource;
import io.kubeanycast.source.api.ClusterStateSourceFactory;
import io.kubeanycast.source.model.ClusterState;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-anycast's pipeline: etc/io.kubeanycast.cfg configures the BGP speaker, the Kubernetes source and the
 * route policy; every cluster snapshot is turned into the desired paths (pure {@link RouteComputer}) and the
 * {@link RibWriter} applies the difference to ODL's application RIB.
 *
 * <p>Threading: every configuration change and every snapshot is handled on one private thread, in arrival
 * order, so the fields below need no locks. Public methods only enqueue. A configuration that does not parse is
 * refused as a whole (one log line naming the key) and the last good one stays live.
 *
 * <p>Memory: holds the latest snapshot and the latest computation (both immutable), besides the writer's own
 * view of the RIB.
 */
public final class DefaultKubeAnycast implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultKubeAnycast.class);
    private static final String CONFIG_FILE = "etc/io.kubeanycast.cfg";
    private static final String SOURCE_PREFIX = "k8s.";
    private static final long WRITE_TIMEOUT_SECONDS = 120;

    private static final long RETRY_SECONDS = 5;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "kube-anycast");
        thread.setDaemon(true);
        return thread;
    });
    private final DefaultSpeakerBootstrap speakerBootstrap;
    private final DataBroker dataBroker;
    private final ClusterStateSourceFactory sourceFactory;
    private final RouteComputer computer = new RouteComputer();

    // confined to the worker thread
    private SpeakerConfig speaker;
    private Policy policy;
    private Map<String, String> sourceConfig;
    private ClusterStateSource source;
    private RibWriter writer;
    private boolean reconcileNeeded;
    private ClusterState state;
    private RouteComputation computation;
    private Set<Finding> reportedFindings = Set.of();
    private ScheduledFuture<?> retry;

    public DefaultKubeAnycast(final DOMDataBroker domDataBroker, final DOMSchemaService schemaService,
            final DataBroker dataBroker, final ClusterStateSourceFactory sourceFactory) {
        speakerBootstrap = new DefaultSpeakerBootstrap(domDataBroker, schemaService);
        this.dataBroker = requireNonNull(dataBroker);
        this.sourceFactory = requireNonNull(sourceFactory);
    }

    /**
     * A new content of etc/io.kubeanycast.cfg (empty when the file is missing: every key has a default).
     */
    public void configurationChanged(final Map<String, String> config) {
        final Map<String, String> copy = Map.copyOf(config);
        worker.execute(() -> applyConfiguration(copy));
    }

    private void applyConfiguration(final Map<String, String> config) {
        final SpeakerConfig newSpeaker;
        final Policy newPolicy;
        try {
            newSpeaker = SpeakerConfig.parse(config);
            newPolicy = Policy.parse(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{} refused, the last good configuration stays live: {}", CONFIG_FILE, e.getMessage());
            return;
        }
        final Map<String, String> newSourceConfig = new TreeMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(SOURCE_PREFIX)) {
                newSourceConfig.put(key, value);
            }
        });
        ClusterStateSource newSource = null;
        if (!newSourceConfig.equals(sourceConfig)) {
            try {
                // started before anything else changes, so a bad k8s.* value refuses the whole file
                newSource = sourceFactory.start(config, this::onClusterState);
            } catch (IllegalArgumentException e) {
                LOG.error("{} refused, the last good configuration stays live: {}", CONFIG_FILE, e.getMessage());
                return;
            }
        }

        if (!newSpeaker.equals(speaker)) {
            final boolean newApplicationPeer = speaker == null
                || !speaker.applicationPeerId().equals(newSpeaker.applicationPeerId());
            speaker = newSpeaker;
            applySpeaker(newSpeaker);
            if (newApplicationPeer) {
                replaceWriter(newSpeaker.applicationPeerId());
            }
        }
        if (newSource != null) {
            if (source != null) {
                source.close();
                LOG.info("Kubernetes source restarted with new {}* settings", SOURCE_PREFIX);
            }
            source = newSource;
            sourceConfig = newSourceConfig;
        }
        if (!newPolicy.equals(policy)) {
            policy = newPolicy;
            publish();
        }
    }

    /**
     * Writes the speaker configuration; on a datastore failure retries later, unless a newer config came first.
     */
    private void applySpeaker(final SpeakerConfig config) {
        if (!config.equals(speaker)) {
            return;
        }
        try {
            speakerBootstrap.apply(config);
        } catch (SpeakerWriteException e) {
            LOG.error("BGP speaker configuration could not be written; retrying in {} s", RETRY_SECONDS, e);
            worker.schedule(() -> applySpeaker(config), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void replaceWriter(final String applicationRibId) {
        if (writer != null) {
            writer.close();
        }
        writer = new DefaultRibWriter(dataBroker, applicationRibId);
        try {
            writer.start().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.error("Application RIB {} could not be created; writes will retry", applicationRibId, e);
        }
        // the application RIB survives restarts in the config datastore: the first write reconciles with it
        reconcileNeeded = true;
        publish();
    }

    private void onClusterState(final ClusterState newState) {
        worker.execute(() -> {
            state = newState;
            publish();
        });
    }

    /**
     * Computes the desired paths and writes the difference. Runs only once the source has synced (the first
     * snapshot), so a restart never withdraws good routes from a half-listed cluster.
     */
    private void publish() {
        if (state == null || policy == null || writer == null) {
            return;
        }
        computation = computer.compute(state, policy);
        reportFindings(computation);
        try {
            final WriteStats stats = (reconcileNeeded ? writer.reconcile(computation.paths())
                : writer.apply(computation.paths())).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (reconcileNeeded) {
                LOG.info("Application RIB reconciled with the cluster: {}", stats);
                reconcileNeeded = false;
            } else {
                LOG.debug("Application RIB updated: {}", stats);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // the writer re-reads the RIB before its next diff, so a retry converges from what the RIB really holds
            LOG.error("Writing {} paths to the application RIB failed; retrying in {} s", computation.paths().size(),
                RETRY_SECONDS, e);
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        if (retry == null || retry.isDone()) {
            retry = worker.schedule(this::publish, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void reportFindings(final RouteComputation result) {
        final Set<Finding> current = new HashSet<>(result.findings());
        for (Finding finding : current) {
            if (!reportedFindings.contains(finding)) {
                LOG.warn("Not announced as given: {}", finding);
            }
        }
        reportedFindings = current;
    }

    @Override
    public void close() {
        worker.execute(() -> {
            if (source != null) {
                source.close();
            }
            if (writer != null) {
                writer.close();
            }
        });
        worker.shutdown();
        try {
            if (!worker.awaitTermination(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
