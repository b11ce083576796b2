/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.ListeningExecutorService;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.source.model.IpFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.Attributes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.ApplicationRib;
import org.opendaylight.yangtools.yang.common.Empty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes kube-anycast's paths into one ODL application RIB (CONFIGURATION datastore) through the binding
 * {@link DataBroker}, writing only what differs from what the RIB holds. Modelled on bgpcep's
 * {@code AppPeerBenchmark}: a merging transaction chain, batched puts and deletes.
 *
 * <p><b>Threading.</b> Every public method may be called from any thread. The work runs on one private worker
 * thread in submission order, so change sets never interleave; all mutable state ({@link PathTable}, the
 * transaction chain) is confined to that thread. The worker blocks on its own commits, never on a caller. The
 * returned futures complete on the worker thread: callers must not block inside their callbacks for long.
 *
 * <p><b>Consistency and failures.</b> A change set is committed as one transaction, or as consecutive transactions
 * of at most {@link RibWriterSettings#batchSize()} writes on the chain (puts before deletes, so a prefix that
 * changes its next hops never has zero paths in between). The cached table is updated only after every batch
 * committed. When a read or commit fails, the cache and the chain are dropped, and the next try (after a backoff)
 * re-reads the RIB and diffs again; after {@link RibWriterSettings#maxAttempts()} tries the future fails, the
 * failure is logged at ERROR and kept in {@link #status()}, and the next call starts by re-reading the RIB. A commit
 * that timed out may still be applied later, so a re-read waits until every earlier commit settled (succeeded or
 * failed); otherwise the diff would be built on a RIB that lacks those writes and never delete them. The longest a
 * change set can take is {@link RibWriterSettings#worstCase()}: callers that wait for it must wait longer.
 *
 * <p><b>Empty tables.</b> A change set that fills an empty table or empties a table writes the whole routes
 * container (put, respectively delete) instead of single routes, because bgpcep's {@code ApplicationPeer} ignores a
 * routes container that APPEARED or DISAPPEARED; see {@link #commit(ChangeSet)}.
 *
 * <p><b>Path ids.</b> A path, identified by (prefix, next hop), keeps its ADD-PATH path id as long as it stays in the
 * RIB; a new path gets the lowest id of its prefix that no current path uses, starting at 1 (0 is "no path id").
 * A reconcile adopts the ids found in the RIB.
 *
 * <p><b>Memory.</b> One compact {@link PathTable}: about 28 bytes per path plus about 100 bytes per prefix, with next
 * hops and attribute sets shared. A diff temporarily needs the desired set grouped by prefix (about the size of the
 * desired set again) plus the writes it produces.
 *
 * <p>Routes are left in the RIB on {@link #close()} on purpose; see {@link RibWriter#close()}.
 */
public final class DefaultRibWriter implements RibWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultRibWriter.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final DataBroker dataBroker;
    private final String applicationRibId;
    private final RibWriterSettings settings;
    private final RouteCodec codec;
    private final ListeningExecutorService worker;

    // Confined to the worker thread.
    private @Nullable TransactionChain chain;
    // What the RIB holds; null when unknown (at start and after any failure): the next change set re-reads it.
    private @Nullable PathTable table;
    // Commits issued and not known to have settled: a commit that timed out may still land later.
    private final List<ListenableFuture<?>> inFlight = new ArrayList<>();

    private volatile RibWriterStatus status = RibWriterStatus.INITIAL;

    /**
     * Writer with {@link RibWriterSettings#DEFAULT default settings}.
     *
     * @param dataBroker the binding data broker
     * @param applicationRibId the application RIB id, i.e. the application peer's neighbor address (IPv4 text)
     */
    public DefaultRibWriter(final DataBroker dataBroker, final String applicationRibId) {
        this(dataBroker, applicationRibId, RibWriterSettings.DEFAULT);
    }

    /**
     * Writer with explicit settings.
     *
     * @param dataBroker the binding data broker
     * @param applicationRibId the application RIB id, i.e. the application peer's neighbor address (IPv4 text)
     * @param settings batch size, retries and timeouts
     */
    public DefaultRibWriter(final DataBroker dataBroker, final String applicationRibId,
            final RibWriterSettings settings) {
        this.dataBroker = requireNonNull(dataBroker);
        this.applicationRibId = requireNonNull(applicationRibId);
        this.settings = requireNonNull(settings);
        codec = new RouteCodec(applicationRibId);
        worker = MoreExecutors.listeningDecorator(Executors.newSingleThreadExecutor(new ThreadFactoryBuilder()
            .setNameFormat("kube-anycast-rib-writer-" + applicationRibId).setDaemon(true).build()));
    }

    @Override
    public ListenableFuture<Empty> start() {
        return submit("create application RIB " + applicationRibId, () -> {
            retrying("create application RIB", attempt -> {
                final WriteTransaction tx = chain().newWriteOnlyTransaction();
                codec.mergeStructure(tx);
                await(tx.commit());
                return Empty.value();
            });
            LOG.info("Application RIB {} with IPv4 and IPv6 unicast tables is in place", applicationRibId);
            return Empty.value();
        });
    }

    @Override
    public ListenableFuture<WriteStats> apply(final Set<AdvertisedPath> desired) {
        final Set<AdvertisedPath> snapshot = Set.copyOf(desired);
        return submit("apply", () -> writeDesired(snapshot, false));
    }

    @Override
    public ListenableFuture<WriteStats> reconcile(final Set<AdvertisedPath> desired) {
        final Set<AdvertisedPath> snapshot = Set.copyOf(desired);
        return submit("reconcile", () -> writeDesired(snapshot, true));
    }

    @Override
    public ListenableFuture<Empty> remove() {
        return submit("remove application RIB " + applicationRibId, () -> {
            retrying("remove application RIB", attempt -> {
                awaitInFlightCommits();
                final WriteTransaction tx = chain().newWriteOnlyTransaction();
                tx.delete(LogicalDatastoreType.CONFIGURATION, codec.ribPath());
                await(tx.commit());
                return Empty.value();
            });
            // a later change set re-reads (and re-creates the structure)
            table = null;
            LOG.info("Application RIB {} removed: its routes are withdrawn", applicationRibId);
            return Empty.value();
        });
    }

    @Override
    public RibWriterStatus status() {
        return status;
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("RIB writer {} did not finish its queued change sets in {}; abandoning them",
                    applicationRibId, CLOSE_TIMEOUT);
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // the worker has terminated (or was abandoned): nobody else touches the chain any more
        closeChain();
        LOG.info("RIB writer for application RIB {} closed; its routes stay in the RIB", applicationRibId);
    }

    private WriteStats writeDesired(final Set<AdvertisedPath> desired, final boolean reRead)
            throws RibWriteException, InterruptedException {
        if (reRead) {
            table = null;
        }
        final long started = System.nanoTime();
        final long[] committing = new long[1];
        final WriteStats stats = retrying(reRead ? "reconcile" : "apply", attempt -> {
            PathTable known = table;
            final ChangeSet changes;
            if (known == null) {
                awaitInFlightCommits();
                final RouteCodec.RibContent content = codec.decode(readRib());
                known = PathTable.of(content.paths);
                table = known;
                changes = known.diff(desired);
                // entries this writer would never write (path id 0, route-key of the wrong family): delete them
                changes.deletes.addAll(content.foreign);
                changes.removed += content.foreign.size();
                changes.createStructure = content.structureMissing;
                findTableTransitions(known, changes, content.foreign);
            } else {
                changes = known.diff(desired);
                findTableTransitions(known, changes, List.of());
            }
            committing[0] = System.nanoTime();
            final int commits = commit(changes);
            known.commit(changes);
            return changes.stats(commits, attempt);
        });
        final long finished = System.nanoTime();
        if (stats.operations() > 0 || stats.attempts() > 1) {
            LOG.info("Application RIB {}: {} in {} ms ({} ms diff, {} ms write)", applicationRibId, stats,
                TimeUnit.NANOSECONDS.toMillis(finished - started),
                TimeUnit.NANOSECONDS.toMillis(committing[0] - started),
                TimeUnit.NANOSECONDS.toMillis(finished - committing[0]));
        } else {
            LOG.debug("Application RIB {}: {} in {} ms", applicationRibId, stats,
                TimeUnit.NANOSECONDS.toMillis(finished - started));
        }
        return stats;
    }

    /**
     * Wait until every commit issued earlier has succeeded or failed. A commit whose wait timed out may still be
     * applied later: a read before it settled would miss its writes, and the diff built on that read would never
     * delete what it put. If they do not settle within the commit timeout this attempt fails without reading.
     */
    private void awaitInFlightCommits() throws ExecutionException, InterruptedException, TimeoutException {
        inFlight.removeIf(ListenableFuture::isDone);
        if (!inFlight.isEmpty()) {
            LOG.info("Application RIB {}: waiting for {} earlier commit(s) to settle before re-reading",
                applicationRibId, inFlight.size());
            // successfulAsList completes when every input completed, failed ones included
            await(Futures.successfulAsList(List.copyOf(inFlight)));
            inFlight.clear();
        }
    }

    private Optional<ApplicationRib> readRib() throws ExecutionException, InterruptedException, TimeoutException {
        try (ReadTransaction tx = chain().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, codec.ribPath())
                .get(settings.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Mark the tables this change set fills (empty before, routes after) or empties (routes before, none after).
     *
     * @param known the table the change set was computed on, not yet committed
     * @param changes the change set
     * @param foreign entries read from the RIB that are not in {@code known} (all of them are deleted)
     */
    private static void findTableTransitions(final PathTable known, final ChangeSet changes,
            final List<RouteRef> foreign) {
        for (IpFamily family : IpFamily.values()) {
            final long foreignBefore = foreign.stream().filter(ref -> ref.family() == family).count();
            final boolean emptyBefore = known.pathCount(family) == 0 && foreignBefore == 0;
            final boolean emptyAfter = known.pathCountAfter(changes, family) == 0;
            if (emptyBefore && !emptyAfter) {
                changes.filledTables.add(family);
            } else if (!emptyBefore && emptyAfter) {
                changes.emptiedTables.add(family);
            }
        }
    }

    /**
     * Write a change set in batches on the chain and wait for all of them.
     *
     * <p>A table that the change set fills or empties is written as a whole routes container, not route by route:
     * bgpcep 0.21.7's {@code ApplicationPeer.processRoutesTable} copies only WRITE, DELETE and SUBTREE_MODIFIED
     * changes of the routes container into its adj-rib-in and silently drops APPEARED and DISAPPEARED. An empty
     * non-presence {@code ipv4-routes}/{@code ipv6-routes} container does not exist in the data tree, so per-route
     * puts into an empty table make it APPEARED (the routes never reach the Loc-RIB) and per-route deletes of its
     * last routes make it DISAPPEARED (the routes stay announced). So the first transaction that writes into an
     * empty table puts the container with that transaction's routes of the table (WRITE; later batches add to the
     * now non-empty container route by route), and a change set that leaves a table empty deletes the container
     * (DELETE) instead of its routes. Path counts in the statistics stay per path.
     *
     * @return the number of transactions committed
     */
    private int commit(final ChangeSet changes) throws ExecutionException, InterruptedException, TimeoutException {
        if (changes.isEmpty()) {
            return 0;
        }
        // Build every route before the first commit: a path that cannot be encoded (a bug upstream) must fail the
        // change set before any batch of it reaches the RIB.
        final Map<List<Object>, Attributes> built = new HashMap<>();
        final List<RouteCodec.RoutePut> puts = new ArrayList<>(changes.puts.size());
        changes.puts.forEach(put -> puts.add(codec.prepare(put, built)));
        final List<RouteCodec.RouteWrite> deletes = new ArrayList<>(changes.deletes.size());
        for (RouteRef delete : changes.deletes) {
            if (!changes.emptiedTables.contains(delete.family())) {
                deletes.add(codec.prepare(delete));
            }
        }
        changes.emptiedTables.forEach(family -> deletes.add(codec.prepareTableDelete(family)));

        final Batches batches = new Batches(chain(), changes.filledTables);
        if (changes.createStructure) {
            batches.add(codec::mergeStructure);
        }
        // Puts come first: across batch boundaries a prefix must not lose all its paths before its new ones exist.
        puts.forEach(batches::add);
        deletes.forEach(batches::add);
        final List<ListenableFuture<? extends CommitInfo>> commits = batches.finish();
        inFlight.addAll(commits);
        await(Futures.allAsList(commits));
        // all succeeded: nothing of this change set is in flight any more
        inFlight.removeIf(ListenableFuture::isDone);
        return commits.size();
    }

    /**
     * Consecutive transactions on the chain of at most {@link RibWriterSettings#batchSize()} writes each, where
     * the first transaction that puts routes into a table being filled puts them as one routes container.
     */
    private final class Batches {
        private final TransactionChain txChain;
        private final Set<IpFamily> toFill;
        // routes of the current transaction that go into a filling container put at its commit
        private final Map<IpFamily, List<RouteCodec.RoutePut>> filling = new EnumMap<>(IpFamily.class);
        private final List<ListenableFuture<? extends CommitInfo>> commits = new ArrayList<>();
        private WriteTransaction tx;
        private int inTx;

        Batches(final TransactionChain txChain, final Set<IpFamily> filledTables) {
            this.txChain = txChain;
            toFill = EnumSet.noneOf(IpFamily.class);
            toFill.addAll(filledTables);
            tx = txChain.newWriteOnlyTransaction();
        }

        void add(final RouteCodec.RouteWrite write) {
            if (write instanceof RouteCodec.RoutePut put && toFill.contains(put.family())) {
                filling.computeIfAbsent(put.family(), family -> new ArrayList<>()).add(put);
            } else {
                write.writeTo(tx);
            }
            if (++inTx == settings.batchSize()) {
                commitCurrent();
                tx = txChain.newWriteOnlyTransaction();
                inTx = 0;
            }
        }

        List<ListenableFuture<? extends CommitInfo>> finish() {
            if (inTx > 0) {
                commitCurrent();
            } else {
                tx.cancel();
            }
            return commits;
        }

        private void commitCurrent() {
            filling.forEach((family, routes) -> codec.prepareTable(family, routes).writeTo(tx));
            // the table holds routes from this transaction on: later batches write into it route by route
            toFill.removeAll(filling.keySet());
            filling.clear();
            commits.add(tx.commit());
        }
    }

    private void await(final ListenableFuture<?> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        future.get(settings.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Run a datastore step, retrying failed reads and commits with exponential backoff. Before every retry the
     * chain and the cached table are dropped, so the retry starts from what the RIB really holds.
     */
    private <T> T retrying(final String what, final Attempt<T> step) throws RibWriteException, InterruptedException {
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return step.run(attempt);
            } catch (ExecutionException | TimeoutException | IllegalStateException e) {
                // IllegalStateException: the chain was already failed by an earlier commit
                resetAfterFailure();
                if (attempt >= settings.maxAttempts()) {
                    throw new RibWriteException(what + " on application RIB " + applicationRibId + " failed after "
                        + attempt + " attempts", e);
                }
                LOG.warn("{} on application RIB {} failed (attempt {} of {}), retrying in {}", what,
                    applicationRibId, attempt, settings.maxAttempts(), backoff, e);
                Thread.sleep(backoff.toMillis());
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
            }
        }
    }

    private void resetAfterFailure() {
        table = null;
        closeChain();
    }

    private TransactionChain chain() {
        TransactionChain current = chain;
        if (current == null) {
            current = dataBroker.createMergingTransactionChain();
            current.addCallback(new FutureCallback<Empty>() {
                @Override
                public void onSuccess(final Empty result) {
                    LOG.debug("Transaction chain of application RIB {} closed", applicationRibId);
                }

                @Override
                public void onFailure(final Throwable cause) {
                    // the failed commit itself is reported (and retried) by the change set that issued it
                    LOG.debug("Transaction chain of application RIB {} failed", applicationRibId, cause);
                }
            });
            chain = current;
        }
        return current;
    }

    private void closeChain() {
        final TransactionChain current = chain;
        chain = null;
        if (current != null) {
            try {
                current.close();
            } catch (IllegalStateException e) {
                LOG.debug("Closing the failed transaction chain of application RIB {}", applicationRibId, e);
            }
        }
    }

    // Any failure, including a bug surfacing as a RuntimeException, must be logged and recorded in the status
    // before it reaches the caller's future: a failed change set is never silent.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private <T> ListenableFuture<T> submit(final String what, final Task<T> task) {
        try {
            return worker.submit(() -> {
                try {
                    final T result = task.run();
                    status = status.success();
                    return result;
                } catch (RibWriteException | RuntimeException e) {
                    // permanent: retries exhausted, or the input cannot be written at all (a bug upstream)
                    LOG.error("RIB writer for application RIB {}: {} FAILED; the RIB may not match the desired"
                        + " routes until a later change set succeeds", applicationRibId, what, e);
                    status = status.failure(what + ": " + e.getMessage());
                    resetAfterFailure();
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            return Futures.immediateFailedFuture(
                new IllegalStateException("RIB writer for application RIB " + applicationRibId + " is closed", e));
        }
    }

    private static Duration min(final Duration first, final Duration second) {
        return first.compareTo(second) <= 0 ? first : second;
    }

    @FunctionalInterface
    private interface Task<T> {
        T run() throws RibWriteException, InterruptedException;
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run(int attempt) throws ExecutionException, InterruptedException, TimeoutException;
    }
}
