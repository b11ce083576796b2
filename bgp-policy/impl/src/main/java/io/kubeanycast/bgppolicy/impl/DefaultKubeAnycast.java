/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.bgppolicy.core.NodeLossGuard;
import io.kubeanycast.bgppolicy.core.Policy;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.RouteComputer;
import io.kubeanycast.bgppolicy.impl.api.FabricSession;
import io.kubeanycast.bgppolicy.impl.api.KubeAnycastStatus;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.bgppolicy.impl.api.StatusUnavailableException;
import io.kubeanycast.bgppolicy.impl.speaker.DefaultSpeakerBootstrap;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import io.kubeanycast.bgppolicy.impl.state.OperationalStateWriter;
import io.kubeanycast.bgppolicy.rib.DefaultRibWriter;
import io.kubeanycast.bgppolicy.rib.RibWriter;
import io.kubeanycast.source.api.ClusterStateSourceFactory;
import io.kubeanycast.source.model.ClusterState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-anycast's pipeline: etc/io.kubeanycast.cfg configures the BGP speaker, the Kubernetes source and the
 * route policy; every cluster snapshot is turned into the desired paths (pure {@link RouteComputer}) and written to
 * ODL's application RIB. This class only orders the steps; each job has its own class:
 * <ul>
 * <li>{@link KubeAnycastConfig}: parsing and splitting the configuration (a configuration that does not parse is
 *     refused as a whole, one log line naming the key, and the last good one stays live);</li>
 * <li>{@link SpeakerLifecycle}: the BGP speaker configuration and its retries;</li>
 * <li>{@link SourceLifecycle} and {@link SnapshotMailbox}: the Kubernetes source, its generations, and the
 *     latest-snapshot-wins hand-over;</li>
 * <li>{@link ApplicationRibLifecycle}: the RIB writer of the configured application peer;</li>
 * <li>{@link ComputationReporter}: findings in the log and Kubernetes Events;</li>
 * <li>{@link StatusBoard}, {@link FabricSessionReader} and {@link OperationalStateWriter}: status for the console
 *     and RESTCONF.</li>
 * </ul>
 *
 * <p>Threading: every configuration change, snapshot and retry runs on one private {@link Worker} thread, in
 * arrival order, so the fields below need no locks; public methods only enqueue. Snapshots are coalesced: while
 * the worker is busy (a long RIB write), newer snapshots replace the waiting one, so one computation is in flight
 * and at most one snapshot waits. After {@link #close()} nothing runs any more (no retry, no late snapshot).
 * Status readers never wait for the worker ({@link StatusBoard}); the BGP session state is read on demand on the
 * caller's thread.
 *
 * <p>Memory: the latest snapshot, at most one pending snapshot, the latest computation and the last one Events were
 * recorded for (all immutable), besides the writer's own view of the RIB.
 */
public final class DefaultKubeAnycast implements KubeAnycastStatus, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultKubeAnycast.class);

    private final Timings timings;
    private final Worker worker = new Worker("kube-anycast");
    private final RouteComputer computer = new RouteComputer();
    // worker-confined: remembers the last good nodes, to keep them announced through a mass NotReady
    private final NodeLossGuard nodeLossGuard = new NodeLossGuard(LOG::warn);
    private final SnapshotMailbox mailbox;
    private final SourceLifecycle sources;
    private final SpeakerLifecycle speaker;
    private final ApplicationRibLifecycle rib;
    private final ComputationReporter reporter = new ComputationReporter();
    private final StatusBoard status = new StatusBoard(Clock.systemUTC());
    private final FabricSessionReader sessions;
    private final OperationalStateWriter stateWriter;

    // confined to the worker thread
    private KubeAnycastConfig config;
    private ClusterState state;
    private RouteComputation computation;
    private ScheduledFuture<?> retry;

    public DefaultKubeAnycast(final DOMDataBroker domDataBroker, final DOMSchemaService schemaService,
            final DataBroker dataBroker, final ClusterStateSourceFactory sourceFactory) {
        this(new DefaultSpeakerBootstrap(domDataBroker, schemaService)::apply, dataBroker,
            ribId -> new DefaultRibWriter(dataBroker, ribId), sourceFactory, Timings.DEFAULT);
    }

    DefaultKubeAnycast(final SpeakerApplier speakerApplier, final DataBroker dataBroker,
            final Function<String, RibWriter> writers, final ClusterStateSourceFactory sourceFactory,
            final Timings timings) {
        this.timings = requireNonNull(timings);
        mailbox = new SnapshotMailbox(worker, this::onClusterState);
        sources = new SourceLifecycle(sourceFactory, mailbox);
        speaker = new SpeakerLifecycle(speakerApplier, worker, timings.retryDelay());
        rib = new ApplicationRibLifecycle(writers, timings.writeTimeout());
        sessions = new FabricSessionReader(dataBroker);
        stateWriter = new OperationalStateWriter(dataBroker);
        worker.scheduleWithFixedDelay(() -> stateWriter.updateQuietly(snapshot()), timings.stateRefresh());
    }

    /**
     * A new content of etc/io.kubeanycast.cfg.
     */
    public void configurationChanged(final Map<String, String> newConfig) {
        final Map<String, String> copy = Map.copyOf(newConfig);
        worker.execute(() -> applyConfiguration(copy));
    }

    /**
     * There is no etc/io.kubeanycast.cfg: at start every key has its default; once a configuration was applied,
     * a deleted file is not a request for the defaults (AS 64512, router-id 127.0.0.1, no neighbors), which would
     * tear down every session, so the last good configuration stays live.
     */
    public void configurationDeleted() {
        worker.execute(() -> {
            if (config == null) {
                LOG.info("No {}: every key has its default", KubeAnycastConfig.FILE);
                applyConfiguration(Map.of());
            } else {
                LOG.warn("{} was deleted: the last good configuration stays live (BGP instance {}, AS {}, {} fabric"
                    + " neighbor(s)); restore the file to change it", KubeAnycastConfig.FILE,
                    config.speaker().instanceName(), config.speaker().localAs(), config.speaker().neighbors().size());
            }
        });
    }

    private void applyConfiguration(final Map<String, String> raw) {
        final KubeAnycastConfig next;
        SourceLifecycle.Started newSource = null;
        try {
            next = KubeAnycastConfig.parse(raw);
            if (sources.needsRestart(next.sourceSettings())) {
                // started before anything else changes, so a bad k8s.* value refuses the whole file
                newSource = sources.start(raw, next.sourceSettings());
            }
        } catch (IllegalArgumentException e) {
            LOG.error("{} refused, the last good configuration stays live: {}", KubeAnycastConfig.FILE,
                e.getMessage());
            return;
        }
        final KubeAnycastConfig previous = config;
        config = next;
        boolean republish = previous == null || !previous.policy().equals(next.policy());
        if (previous == null || !previous.speaker().equals(next.speaker())) {
            if (previous != null) {
                warnAboutSessionResets(previous.speaker(), next.speaker());
            }
            speaker.apply(next.speaker());
            republish |= rib.switchTo(next.speaker().applicationPeerId());
        }
        if (newSource != null) {
            sources.activate(newSource);
        }
        if (republish) {
            publish();
        }
        publishStatus();
    }

    private static void warnAboutSessionResets(final SpeakerConfig before, final SpeakerConfig after) {
        final List<String> keys = KubeAnycastConfig.sessionResettingChanges(before, after);
        if (!keys.isEmpty()) {
            LOG.warn("{} changed: every fabric BGP session resets, and the fabric withdraws the VIPs until the sessions"
                + " are re-established (graceful restart does not cover a configuration change)", keys);
        }
    }

    private void onClusterState(final ClusterState newState) {
        state = newState;
        publish();
    }

    /**
     * Computes the desired paths and writes the difference. Runs only once the source has synced (the first
     * snapshot), so a restart never withdraws good routes from a half-listed cluster.
     */
    private void publish() {
        cancelRetry();
        if (state == null || config == null || !rib.hasWriter()) {
            return;
        }
        computation = compute(state, config.policy());
        // visible before the write, which may take long: the commands show what is being written
        publishStatus();
        stateWriter.updateQuietly(snapshot());
        reporter.reportFindings(computation);
        if (rib.write(computation.paths()).isPresent()) {
            reporter.recordEvents(computation, sources.events());
        } else {
            // the writer re-reads the RIB before its next diff, so a retry converges from what the RIB really holds
            LOG.error("The application RIB does not hold the desired {} paths; retrying in {}",
                computation.paths().size(), timings.retryDelay());
            retry = worker.schedule(this::publish, timings.retryDelay()).orElse(null);
        }
    }

    /**
     * The one place where a snapshot and the policy become routes: the mass node-loss guard (stateful, worker-confined)
     * wraps the pure computation.
     */
    private RouteComputation compute(final ClusterState snapshot, final Policy policy) {
        return nodeLossGuard.compute(computer, snapshot, policy, Instant.now());
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void publishStatus() {
        status.publish(computation, sources.source(), rib.writer(), speaker.wanted());
    }

    @Override
    public StatusSnapshot snapshot() {
        return status.snapshot();
    }

    @Override
    public List<FabricSession> fabricSessions(final Duration timeout) throws StatusUnavailableException {
        final Optional<SpeakerConfig> current = status.speaker();
        return current.isEmpty() ? List.of() : sessions.read(current.orElseThrow(), timeout);
    }

    /**
     * Stop for a restart (Karaf shutting down, a new pod): the source, the writer and the state writer are closed
     * on the worker after the step in progress; queued steps and scheduled retries never run. Routes stay in the
     * application RIB: with graceful restart the fabric keeps forwarding, and the next start reconciles.
     */
    @Override
    public void close() {
        shutdown(false);
    }

    /**
     * Stop for good (the feature is uninstalled while Karaf keeps running): like {@link #close()}, but the
     * application RIB is deleted first, which withdraws every route kube-anycast announced.
     */
    public void closeAndWithdraw() {
        shutdown(true);
    }

    private void shutdown(final boolean withdraw) {
        worker.close(() -> {
            sources.close();
            if (withdraw) {
                LOG.info("kube-anycast stops for good: withdrawing its routes and removing its application RIB");
            }
            rib.close(withdraw);
            stateWriter.close();
        }, timings.closeTimeout());
    }

    /**
     * Tests: wait until the worker has run everything queued before this call, and the snapshot hand-overs those
     * steps queued (a snapshot delivered during a step queues its hand-over behind a marker queued meanwhile).
     */
    boolean awaitIdle(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        do {
            final CountDownLatch done = new CountDownLatch(1);
            worker.execute(done::countDown);
            if (!done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } while (mailbox.queuedHandOvers() > 0);
        return true;
    }

    /**
     * Tests: tasks waiting on the worker (delayed and periodic ones included).
     */
    int queuedTasks() {
        return worker.queuedTasks();
    }

    /**
     * Tests: the mailbox's counters.
     */
    SnapshotMailbox mailbox() {
        return mailbox;
    }
}
