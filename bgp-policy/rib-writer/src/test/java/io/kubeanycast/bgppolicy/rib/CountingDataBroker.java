/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Empty;

/**
 * A pass-through decorator of the real data broker that counts what the writer does through its transaction
 * chains: puts, merges, deletes and commits. It changes nothing, so the test still runs against the real broker;
 * it only gives the test an independent count instead of trusting the writer's own statistics.
 */
final class CountingDataBroker implements DataBroker {
    final AtomicInteger puts = new AtomicInteger();
    final AtomicInteger merges = new AtomicInteger();
    final AtomicInteger deletes = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();

    private final DataBroker delegate;

    CountingDataBroker(final DataBroker delegate) {
        this.delegate = delegate;
    }

    void reset() {
        puts.set(0);
        merges.set(0);
        deletes.set(0);
        commits.set(0);
    }

    int writes() {
        return puts.get() + merges.get() + deletes.get();
    }

    @Override
    public ReadTransaction newReadOnlyTransaction() {
        return delegate.newReadOnlyTransaction();
    }

    @Override
    public ReadWriteTransaction newReadWriteTransaction() {
        throw new UnsupportedOperationException("the writer uses write-only transactions on a chain");
    }

    @Override
    public WriteTransaction newWriteOnlyTransaction() {
        return new CountingWriteTransaction(delegate.newWriteOnlyTransaction());
    }

    @Override
    public TransactionChain createTransactionChain() {
        return new CountingChain(delegate.createTransactionChain());
    }

    @Override
    public TransactionChain createMergingTransactionChain() {
        return new CountingChain(delegate.createMergingTransactionChain());
    }

    @Override
    public <T extends DataObject> Registration registerTreeChangeListener(final DataTreeIdentifier<T> treeId,
            final DataTreeChangeListener<T> listener) {
        return delegate.registerTreeChangeListener(treeId, listener);
    }

    @Override
    public <T extends DataObject> Registration registerLegacyTreeChangeListener(final DataTreeIdentifier<T> treeId,
            final DataTreeChangeListener<T> listener) {
        return delegate.registerLegacyTreeChangeListener(treeId, listener);
    }

    private final class CountingChain implements TransactionChain {
        private final TransactionChain chain;

        CountingChain(final TransactionChain chain) {
            this.chain = chain;
        }

        @Override
        public ReadTransaction newReadOnlyTransaction() {
            return chain.newReadOnlyTransaction();
        }

        @Override
        public WriteTransaction newWriteOnlyTransaction() {
            return new CountingWriteTransaction(chain.newWriteOnlyTransaction());
        }

        @Override
        public ReadWriteTransaction newReadWriteTransaction() {
            throw new UnsupportedOperationException("the writer uses write-only transactions");
        }

        @Override
        public void addCallback(final FutureCallback<Empty> callback) {
            chain.addCallback(callback);
        }

        @Override
        public void addCallback(final FutureCallback<Empty> callback, final Executor executor) {
            chain.addCallback(callback, executor);
        }

        @Override
        public ListenableFuture<Empty> future() {
            return chain.future();
        }

        @Override
        public void close() {
            chain.close();
        }
    }

    private final class CountingWriteTransaction implements WriteTransaction {
        private final WriteTransaction tx;

        CountingWriteTransaction(final WriteTransaction tx) {
            this.tx = tx;
        }

        @Override
        public Object getIdentifier() {
            return tx.getIdentifier();
        }

        @Override
        public <T extends DataObject> void put(final LogicalDatastoreType store, final InstanceIdentifier<T> path,
                final T data) {
            puts.incrementAndGet();
            tx.put(store, path, data);
        }

        @Override
        public <T extends DataObject> void mergeParentStructurePut(final LogicalDatastoreType store,
                final InstanceIdentifier<T> path, final T data) {
            puts.incrementAndGet();
            tx.mergeParentStructurePut(store, path, data);
        }

        @Override
        public <T extends DataObject> void merge(final LogicalDatastoreType store, final InstanceIdentifier<T> path,
                final T data) {
            merges.incrementAndGet();
            tx.merge(store, path, data);
        }

        @Override
        public <T extends DataObject> void mergeParentStructureMerge(final LogicalDatastoreType store,
                final InstanceIdentifier<T> path, final T data) {
            merges.incrementAndGet();
            tx.mergeParentStructureMerge(store, path, data);
        }

        @Override
        public void delete(final LogicalDatastoreType store, final InstanceIdentifier<?> path) {
            deletes.incrementAndGet();
            tx.delete(store, path);
        }

        @Override
        public FluentFuture<?> completionFuture() {
            return tx.completionFuture();
        }

        @Override
        public boolean cancel() {
            return tx.cancel();
        }

        @Override
        public FluentFuture<? extends CommitInfo> commit() {
            commits.incrementAndGet();
            return tx.commit();
        }
    }
}
