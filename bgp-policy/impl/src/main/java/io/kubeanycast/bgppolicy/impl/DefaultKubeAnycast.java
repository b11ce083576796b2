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
import io.kubeanycast.bgppolicy.core.IpAddress;
import io.kubeanycast.bgppolicy.core.Policy;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.RouteComputer;
import io.kubeanycast.bgppolicy.core.ServiceEvent;
import io.kubeanycast.bgppolicy.core.ServiceEvents;
import io.kubeanycast.bgppolicy.impl.api.FabricSession;
import io.kubeanycast.bgppolicy.impl.api.KubeAnycastStatus;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.bgppolicy.impl.api.StatusUnavailableException;
import io.kubeanycast.bgppolicy.impl.speaker.DefaultSpeakerBootstrap;
import io.kubeanycast.bgppolicy.impl.speaker.FabricNeighbor;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerWriteException;
import io.kubeanycast.bgppolicy.impl.state.OperationalStateWriter;
import io.kubeanycast.bgppolicy.rib.DefaultRibWriter;
import io.kubeanycast.bgppolicy.rib.RibWriter;
import io.kubeanycast.bgppolicy.rib.WriteStats;
import io.kubeanycast.source.api.ClusterStateSource;
import io.kubeanycast.source.api.ClusterStateSourceFactory;
import io.kubeanycast.source.api.ServiceEventRecorder;
import io.kubeanycast.source.model.ClusterState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.bgp.operational.rev151009.BgpNeighborState.SessionState;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.bgp.rev151009.bgp.neighbors.Neighbor;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.bgp.rev151009.bgp.top.Bgp;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.bgp.rev151009.bgp.top.bgp.Neighbors;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.OpenconfigNetworkInstanceData;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.NetworkInstances;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.NetworkInstance;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.NetworkInstanceKey;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.network.instance.Protocols;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.network.instance.protocols.Protocol;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.network.instance.protocols.ProtocolKey;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.policy.types.rev151009.BGP;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.openconfig.extensions.rev180329.NetworkInstanceProtocol;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.openconfig.extensions.rev180329.network.instance.protocol.NeighborStateAugmentation;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
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
 * <p>Status ({@link KubeAnycastStatus}): after every change the worker publishes an immutable record of its state
 * through one volatile field; readers on other threads (console commands) take that reference without locks and
 * never wait for the worker, which may be blocked in a long RIB write. The source's and the writer's health are
 * read live from them (both are thread-safe and non-blocking), because a lost API-server connection changes no
 * state the worker sees. The BGP session state is read on demand from ODL's operational datastore on the
 * caller's thread.
 *
 * <p>Kubernetes Events: after every computation whose paths were written, the worker compares the per-Service VIP
 * decisions with those of the last written computation ({@link ServiceEvents}) and hands the changes to the
 * source's {@link ServiceEventRecorder}, which never blocks (it queues, aggregates and rate-limits on a thread of
 * its own). A failed write records nothing: its retry does.
 *
 * <p>Operational state: after every computation (and every {@value #STATE_REFRESH_SECONDS} s for the source's
 * connection, which changes without a computation) the worker hands the status to the
 * {@link OperationalStateWriter}, which writes the changed Services into ODL's operational datastore for RESTCONF
 * ({@code kube-anycast:kube-anycast-state}). It does not wait for those commits, and its failures are only logged.
 *
 * <p>Memory: holds the latest snapshot, the latest computation and the last one Events were recorded for (all
 * immutable), besides the writer's own view of the RIB.
 */
public final class DefaultKubeAnycast implements KubeAnycastStatus, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultKubeAnycast.class);
    private static final String CONFIG_FILE = "etc/io.kubeanycast.cfg";
    private static final String SOURCE_PREFIX = "k8s.";
    private static final long WRITE_TIMEOUT_SECONDS = 120;

    private static final long RETRY_SECONDS = 5;
    static final long STATE_REFRESH_SECONDS = 5;
    // bgpcep's openconfig state lives under this network instance, like the configuration we write
    private static final NetworkInstanceKey GLOBAL_BGP = new NetworkInstanceKey("global-bgp");

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "kube-anycast");
        thread.setDaemon(true);
        return thread;
    });
    private final DefaultSpeakerBootstrap speakerBootstrap;
    private final DataBroker dataBroker;
    private final ClusterStateSourceFactory sourceFactory;
    private final RouteComputer computer = new RouteComputer();
    // used on the worker thread only
    private final OperationalStateWriter stateWriter;

    // confined to the worker thread
    private SpeakerConfig speaker;
    private Policy policy;
    private Map<String, String> sourceConfig;
    private ClusterStateSource source;
    private RibWriter writer;
    private boolean reconcileNeeded;
    private ClusterState state;
    private RouteComputation computation;
    private RouteComputation eventBaseline;
    private Set<Finding> reportedFindings = Set.of();
    private ScheduledFuture<?> retry;

    // written only by the worker thread, read by any thread
    private volatile Published published = Published.NONE;

    public DefaultKubeAnycast(final DOMDataBroker domDataBroker, final DOMSchemaService schemaService,
            final DataBroker dataBroker, final ClusterStateSourceFactory sourceFactory) {
        speakerBootstrap = new DefaultSpeakerBootstrap(domDataBroker, schemaService);
        this.dataBroker = requireNonNull(dataBroker);
        this.sourceFactory = requireNonNull(sourceFactory);
        stateWriter = new OperationalStateWriter(dataBroker);
        worker.scheduleWithFixedDelay(() -> stateWriter.updateQuietly(snapshot()), STATE_REFRESH_SECONDS,
            STATE_REFRESH_SECONDS, TimeUnit.SECONDS);
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
        publishStatus();
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
        // visible before the write, which may take long: the commands show what is being written
        publishStatus();
        stateWriter.updateQuietly(snapshot());
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
            recordEvents(computation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // the writer re-reads the RIB before its next diff, so a retry converges from what the RIB really holds
            LOG.error("Writing {} paths to the application RIB failed; retrying in {} s", computation.paths().size(),
                RETRY_SECONDS, e);
            scheduleRetry();
        }
    }

    /**
     * Records what changed since the last computation Events were recorded for; the first one after a start
     * records the announced state once.
     */
    private void recordEvents(final RouteComputation result) {
        final List<ServiceEvent> events = ServiceEvents.between(Optional.ofNullable(eventBaseline), result);
        eventBaseline = result;
        if (source == null || events.isEmpty()) {
            return;
        }
        final ServiceEventRecorder recorder = source.events();
        for (ServiceEvent event : events) {
            recorder.record(event.service(), event.type(), event.reason(), event.message());
        }
        LOG.debug("Recorded {} Kubernetes Events", events.size());
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

    private void publishStatus() {
        published = new Published(Instant.now(), computation, source, writer, speaker);
    }

    @Override
    public StatusSnapshot snapshot() {
        final Published current = published;
        final SpeakerConfig currentSpeaker = current.speaker;
        return new StatusSnapshot(
            Optional.ofNullable(current.source).map(ClusterStateSource::status),
            Optional.ofNullable(current.lastChange),
            Optional.ofNullable(current.computation),
            Optional.ofNullable(current.writer).map(RibWriter::status),
            Optional.ofNullable(currentSpeaker).map(SpeakerConfig::instanceName),
            currentSpeaker == null ? List.of() : currentSpeaker.neighbors().stream()
                .map(neighbor -> session(neighbor, Optional.empty())).toList());
    }

    @Override
    public List<FabricSession> fabricSessions(final Duration timeout) throws StatusUnavailableException {
        final SpeakerConfig currentSpeaker = published.speaker;
        if (currentSpeaker == null || currentSpeaker.neighbors().isEmpty()) {
            return List.of();
        }
        final InstanceIdentifier<Neighbors> path = InstanceIdentifier
            .builderOfInherited(OpenconfigNetworkInstanceData.class, NetworkInstances.class)
            .child(NetworkInstance.class, GLOBAL_BGP)
            .child(Protocols.class)
            .child(Protocol.class, new ProtocolKey(BGP.VALUE, currentSpeaker.instanceName()))
            .augmentation(NetworkInstanceProtocol.class)
            .child(Bgp.class)
            .child(Neighbors.class)
            .build();
        final Optional<Neighbors> neighbors;
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            neighbors = tx.read(LogicalDatastoreType.OPERATIONAL, path).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusUnavailableException("interrupted while reading the BGP neighbor state", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StatusUnavailableException("BGP neighbor state not readable from the operational datastore"
                + " within " + timeout.toMillis() + " ms", e);
        }
        // keyed by canonical address text: the configured addresses are canonical, ODL's may be written otherwise
        final Map<String, String> stateByAddress = new HashMap<>();
        for (Neighbor neighbor : neighbors.map(Neighbors::nonnullNeighbor).orElse(Map.of()).values()) {
            final String sessionState = sessionState(neighbor);
            if (neighbor.getNeighborAddress() != null && sessionState != null) {
                stateByAddress.put(canonical(neighbor.getNeighborAddress().stringValue()), sessionState);
            }
        }
        return currentSpeaker.neighbors().stream()
            .map(neighbor -> session(neighbor, Optional.ofNullable(stateByAddress.get(neighbor.address()))))
            .toList();
    }

    private static String sessionState(final Neighbor neighbor) {
        final var neighborState = neighbor.getState();
        if (neighborState == null) {
            return null;
        }
        final NeighborStateAugmentation augmentation = neighborState.augmentation(NeighborStateAugmentation.class);
        final SessionState sessionState = augmentation == null ? null : augmentation.getSessionState();
        return sessionState == null ? null : sessionState.getName();
    }

    private static String canonical(final String address) {
        return IpAddress.canonical(address);
    }

    private static FabricSession session(final FabricNeighbor neighbor, final Optional<String> state) {
        return new FabricSession(neighbor.name(), neighbor.address(), neighbor.peerAs(), state);
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
            stateWriter.close();
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

    /**
     * What the worker last published for status readers. Immutable; the source and the writer are thread-safe.
     */
    private static final class Published {
        static final Published NONE = new Published(null, null, null, null, null);

        final Instant lastChange;
        final RouteComputation computation;
        final ClusterStateSource source;
        final RibWriter writer;
        final SpeakerConfig speaker;

        Published(final Instant lastChange, final RouteComputation computation, final ClusterStateSource source,
                final RibWriter writer, final SpeakerConfig speaker) {
            this.lastChange = lastChange;
            this.computation = computation;
            this.source = source;
            this.writer = writer;
            this.speaker = speaker;
        }
    }
}
