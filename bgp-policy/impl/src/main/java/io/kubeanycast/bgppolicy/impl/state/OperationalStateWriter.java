/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.state;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import io.kubeanycast.bgppolicy.core.Finding;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.VipDecision;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.source.model.ServiceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.KubeAnycastState;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.KubeAnycastStateBuilder;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.RibWriter;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.Service;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.ServiceKey;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.Source;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Empty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes kube-anycast's state in ODL's OPERATIONAL datastore under {@code kube-anycast:kube-anycast-state}
 * (YANG module {@code kube-anycast}), so RESTCONF answers per Service what {@code anycast:explain} answers.
 *
 * <p>Writes only what changed: it remembers the VIP decisions and findings it last wrote per Service and puts a
 * Service only when they differ, deletes the Services that are gone, and rewrites the summary (source, RIB
 * writer, counts) only when it differs. 10,000 Services therefore cost one small transaction per change, not a
 * rewrite of the whole tree. The first write after a start, and the first after a failed commit, put the whole
 * container, which also clears whatever a previous run left behind.
 *
 * <p>Threading: {@link #update(StatusSnapshot)} and {@link #close()} must be called from one thread (kube-anycast's
 * worker). Commits are not waited for: they run on a transaction chain in order, and a failure (reported on the
 * broker's thread) only makes the next update start over with a whole-container write. Nothing thrown here may
 * stop route writing, so callers use {@link #updateQuietly(StatusSnapshot)}.
 */
public final class OperationalStateWriter implements AutoCloseable {
    /** Where the state lives in the operational datastore. */
    public static final InstanceIdentifier<KubeAnycastState> STATE = InstanceIdentifier.create(KubeAnycastState.class);

    private static final Logger LOG = LoggerFactory.getLogger(OperationalStateWriter.class);
    private static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final DataBroker dataBroker;
    // set by commit and chain callbacks on the broker's threads, consumed by the worker
    private final AtomicBoolean failed = new AtomicBoolean();

    // confined to the calling (worker) thread
    private @Nullable TransactionChain chain;
    // null also before the first computation, when only the summary is written
    private @Nullable RouteComputation writtenComputation;
    // what the datastore holds per Service; null: unknown, the next update writes the whole container
    private @Nullable Map<ServiceId, ServiceView> written;
    private @Nullable KubeAnycastState writtenSummary;
    private @Nullable FluentFuture<? extends CommitInfo> lastCommit;

    public OperationalStateWriter(final DataBroker dataBroker) {
        this.dataBroker = requireNonNull(dataBroker);
    }

    /**
     * {@link #update(StatusSnapshot)}, logging instead of throwing: the state is for operators and must never
     * break route writing.
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void updateQuietly(final StatusSnapshot snapshot) {
        try {
            update(snapshot);
        } catch (RuntimeException e) {
            // a binding that does not build or a closed broker: the routes matter more, start over next time
            LOG.warn("Operational state of kube-anycast could not be written; retrying at the next change", e);
            written = null;
        }
    }

    /**
     * Writes what differs from the last update. Does nothing before a valid configuration was applied; until the
     * first route computation it writes the summary alone (configuration applied, source, counts 0), so readiness
     * ({@code configuration-applied}) does not wait for the Kubernetes API server.
     *
     * @return how many Services were written or removed (all of them on a whole-container write)
     */
    public int update(final StatusSnapshot snapshot) {
        if (!snapshot.configurationApplied()) {
            return 0;
        }
        final @Nullable RouteComputation computation = snapshot.computation().orElse(null);
        if (failed.getAndSet(false)) {
            dropChain();
            written = null;
        }
        final KubeAnycastState summary = StateBindings.summary(snapshot);
        final boolean summaryChanged = !summary.equals(writtenSummary);
        if (written != null && computation == writtenComputation && !summaryChanged) {
            return 0;
        }
        // every binding is built before the transaction opens: a value that does not build throws here and
        // leaves the chain usable
        final Map<ServiceId, ServiceView> current = views(computation);
        final Map<ServiceKey, Service> puts = new HashMap<>();
        final List<ServiceId> deletes = new ArrayList<>();
        final boolean whole = written == null;
        if (whole) {
            current.forEach((id, view) -> puts.put(StateBindings.key(id), view.binding(id)));
        } else if (computation != writtenComputation) {
            final Map<ServiceId, ServiceView> before = written;
            current.forEach((id, view) -> {
                if (!view.equals(before.get(id))) {
                    puts.put(StateBindings.key(id), view.binding(id));
                }
            });
            before.keySet().stream().filter(id -> !current.containsKey(id)).forEach(deletes::add);
        }
        if (!whole && !summaryChanged && puts.isEmpty() && deletes.isEmpty()) {
            // a new computation that changed no Service and no count: nothing to commit
            written = current;
            writtenComputation = computation;
            return 0;
        }

        final WriteTransaction tx = chain().newWriteOnlyTransaction();
        boolean committed = false;
        try {
            if (whole) {
                tx.put(LogicalDatastoreType.OPERATIONAL, STATE,
                    new KubeAnycastStateBuilder(summary).setService(puts.isEmpty() ? null : puts).build());
            } else {
                if (summaryChanged) {
                    writeSummary(tx, summary);
                }
                puts.forEach((key, service) ->
                    tx.put(LogicalDatastoreType.OPERATIONAL, STATE.child(Service.class, key), service));
                deletes.forEach(id -> tx.delete(LogicalDatastoreType.OPERATIONAL, servicePath(id)));
            }
            lastCommit = tx.commit();
            committed = true;
        } finally {
            if (!committed) {
                // the binding codec refused a value: an open transaction would block the chain's next one
                tx.cancel();
            }
        }
        lastCommit.addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                // nothing to do: the worker already assumed success
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Operational state of kube-anycast not written; rewriting it at the next change", cause);
                failed.set(true);
            }
        }, MoreExecutors.directExecutor());
        final int changed = puts.size() + deletes.size();
        LOG.debug("Operational state: {} Service(s) written or removed", changed);
        written = current;
        writtenComputation = computation;
        writtenSummary = summary;
        return changed;
    }

    private static void writeSummary(final WriteTransaction tx, final KubeAnycastState summary) {
        // the containers are replaced (a leaf such as last-error may have gone), the top leaves merged: a put
        // of the whole container would drop every Service
        putOrDelete(tx, STATE.child(Source.class), summary.getSource());
        putOrDelete(tx, STATE.child(RibWriter.class), summary.getRibWriter());
        tx.merge(LogicalDatastoreType.OPERATIONAL, STATE, new KubeAnycastStateBuilder()
            .setConfigurationApplied(summary.getConfigurationApplied())
            .setLastChange(summary.getLastChange())
            .setVipCount(summary.getVipCount())
            .setAnnouncedVipCount(summary.getAnnouncedVipCount())
            .setPathCount(summary.getPathCount())
            .build());
    }

    private static <T extends org.opendaylight.yangtools.yang.binding.DataObject> void putOrDelete(
            final WriteTransaction tx, final InstanceIdentifier<T> path, final @Nullable T value) {
        if (value == null) {
            tx.delete(LogicalDatastoreType.OPERATIONAL, path);
        } else {
            tx.put(LogicalDatastoreType.OPERATIONAL, path, value);
        }
    }

    static InstanceIdentifier<Service> servicePath(final ServiceId id) {
        return STATE.child(Service.class, StateBindings.key(id));
    }

    /**
     * Per Service with a VIP: its decisions and the findings about it, as {@code anycast:explain} groups them.
     */
    private static Map<ServiceId, ServiceView> views(final @Nullable RouteComputation computation) {
        if (computation == null) {
            return Map.of();
        }
        final Map<String, List<Finding>> findings = new HashMap<>();
        for (Finding finding : computation.findings()) {
            if (finding.subjectKind() == Finding.SubjectKind.SERVICE) {
                findings.computeIfAbsent(finding.subject(), subject -> new ArrayList<>()).add(finding);
            }
        }
        final Map<ServiceId, ServiceView> views = new HashMap<>();
        computation.services().forEach((id, decisions) ->
            views.put(id, new ServiceView(decisions, findings.getOrDefault(id.toString(), List.of()))));
        return views;
    }

    private TransactionChain chain() {
        TransactionChain current = chain;
        if (current == null) {
            current = dataBroker.createMergingTransactionChain();
            current.addCallback(new FutureCallback<Empty>() {
                @Override
                public void onSuccess(final Empty result) {
                    LOG.debug("Operational state transaction chain closed");
                }

                @Override
                public void onFailure(final Throwable cause) {
                    LOG.debug("Operational state transaction chain failed", cause);
                    failed.set(true);
                }
            });
            chain = current;
        }
        return current;
    }

    private void dropChain() {
        final TransactionChain current = chain;
        chain = null;
        if (current != null) {
            current.close();
        }
    }

    /**
     * Removes the state from the operational datastore (waiting a few seconds at most) and closes the chain.
     */
    @Override
    public void close() {
        if (written != null || writtenSummary != null) {
            final WriteTransaction tx = chain().newWriteOnlyTransaction();
            tx.delete(LogicalDatastoreType.OPERATIONAL, STATE);
            try {
                tx.commit().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Operational state of kube-anycast not removed", e);
            }
        }
        written = null;
        writtenSummary = null;
        writtenComputation = null;
        dropChain();
    }

    /**
     * What one Service's subtree is made of; equal views give equal subtrees.
     */
    private record ServiceView(List<VipDecision> decisions, List<Finding> findings) {
        Service binding(final ServiceId id) {
            return StateBindings.service(id, decisions, findings);
        }
    }

    /** For tests: waits for the last commit (the writer itself never waits for one). */
    void awaitLastCommit() throws InterruptedException, ExecutionException, TimeoutException {
        if (lastCommit != null) {
            lastCommit.get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** For tests: the Services the writer believes the datastore holds. */
    Set<ServiceId> writtenServices() {
        return written == null ? Set.of() : new HashSet<>(written.keySet());
    }
}
