/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import com.google.common.util.concurrent.FluentFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.spi.ForwardingDataBroker;
import org.opendaylight.mdsal.binding.spi.ForwardingWriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * A pass-through decorator of the real data broker that counts what the writer does through its transaction
 * chains: puts, merges, deletes and commits. It changes nothing, so the test still runs against the real broker;
 * it only gives the test an independent count instead of trusting the writer's own statistics.
 */
final class CountingDataBroker extends ForwardingDataBroker {
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
    protected DataBroker delegate() {
        return delegate;
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

    private final class CountingChain extends ForwardingTransactionChain {
        private final TransactionChain chain;

        CountingChain(final TransactionChain chain) {
            this.chain = chain;
        }

        @Override
        protected TransactionChain delegate() {
            return chain;
        }

        @Override
        public WriteTransaction newWriteOnlyTransaction() {
            return new CountingWriteTransaction(chain.newWriteOnlyTransaction());
        }

        @Override
        public ReadWriteTransaction newReadWriteTransaction() {
            throw new UnsupportedOperationException("the writer uses write-only transactions");
        }
    }

    private final class CountingWriteTransaction extends ForwardingWriteTransaction {
        CountingWriteTransaction(final WriteTransaction tx) {
            super(tx);
        }

        @Override
        public <T extends DataObject> void put(final LogicalDatastoreType store, final InstanceIdentifier<T> path,
                final T data) {
            puts.incrementAndGet();
            super.put(store, path, data);
        }

        @Override
        public <T extends DataObject> void mergeParentStructurePut(final LogicalDatastoreType store,
                final InstanceIdentifier<T> path, final T data) {
            puts.incrementAndGet();
            super.mergeParentStructurePut(store, path, data);
        }

        @Override
        public <T extends DataObject> void merge(final LogicalDatastoreType store, final InstanceIdentifier<T> path,
                final T data) {
            merges.incrementAndGet();
            super.merge(store, path, data);
        }

        @Override
        public <T extends DataObject> void mergeParentStructureMerge(final LogicalDatastoreType store,
                final InstanceIdentifier<T> path, final T data) {
            merges.incrementAndGet();
            super.mergeParentStructureMerge(store, path, data);
        }

        @Override
        public void delete(final LogicalDatastoreType store, final InstanceIdentifier<?> path) {
            deletes.incrementAndGet();
            super.delete(store, path);
        }

        @Override
        public FluentFuture<? extends CommitInfo> commit() {
            commits.incrementAndGet();
            return super.commit();
        }
    }
}
