/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import com.google.common.util.concurrent.AbstractFuture;
import com.google.common.util.concurrent.FluentFuture;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.spi.ForwardingDataBroker;
import org.opendaylight.mdsal.binding.spi.ForwardingReadTransaction;
import org.opendaylight.mdsal.binding.spi.ForwardingWriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * The real data broker with commits that land late, as a clustered datastore's can after the writer's commit
 * timeout: while {@link #hold} is set, a committed write transaction is neither applied nor completed. Once
 * {@link #armed}, the held commits are applied at the first of two moments: right after the writer issued a read
 * (so that read does not see them, as a read racing a late commit would not) or as soon as the writer waits for
 * them (so a writer that waits sees them). Which one comes first is exactly what the test checks. Thread-safe.
 */
final class LateCommitDataBroker extends ForwardingDataBroker {
    volatile boolean hold;
    volatile boolean armed;

    private final DataBroker delegate;
    private final List<HeldCommit> held = new CopyOnWriteArrayList<>();

    LateCommitDataBroker(final DataBroker delegate) {
        this.delegate = delegate;
    }

    int heldCommits() {
        return (int) held.stream().filter(commit -> !commit.isDone()).count();
    }

    void release() {
        for (HeldCommit commit : held) {
            commit.land();
        }
    }

    @Override
    protected DataBroker delegate() {
        return delegate;
    }

    @Override
    public ReadTransaction newReadOnlyTransaction() {
        return new ReleasingRead(delegate.newReadOnlyTransaction());
    }

    @Override
    public ReadWriteTransaction newReadWriteTransaction() {
        throw new UnsupportedOperationException("the writer uses write-only transactions on a chain");
    }

    @Override
    public TransactionChain createTransactionChain() {
        return new Chain(delegate.createTransactionChain());
    }

    @Override
    public TransactionChain createMergingTransactionChain() {
        return new Chain(delegate.createMergingTransactionChain());
    }

    private final class Chain extends ForwardingTransactionChain {
        private final TransactionChain chain;

        Chain(final TransactionChain chain) {
            this.chain = chain;
        }

        @Override
        protected TransactionChain delegate() {
            return chain;
        }

        @Override
        public ReadTransaction newReadOnlyTransaction() {
            return new ReleasingRead(chain.newReadOnlyTransaction());
        }

        @Override
        public WriteTransaction newWriteOnlyTransaction() {
            // a held transaction is a standalone one, so the chain is free for the writer's next transactions
            return hold ? new HeldWrite(delegate.newWriteOnlyTransaction()) : chain.newWriteOnlyTransaction();
        }

        @Override
        public ReadWriteTransaction newReadWriteTransaction() {
            throw new UnsupportedOperationException("the writer uses write-only transactions");
        }
    }

    private final class ReleasingRead extends ForwardingReadTransaction {
        ReleasingRead(final ReadTransaction tx) {
            super(tx);
        }

        @Override
        public <T extends DataObject> FluentFuture<Optional<T>> read(final LogicalDatastoreType store,
                final InstanceIdentifier<T> path) {
            // the read's snapshot is taken by this call: commits released now are not in it
            final FluentFuture<Optional<T>> result = super.read(store, path);
            if (armed) {
                release();
            }
            return result;
        }
    }

    private final class HeldWrite extends ForwardingWriteTransaction {
        HeldWrite(final WriteTransaction tx) {
            super(tx);
        }

        @Override
        public FluentFuture<? extends CommitInfo> commit() {
            final HeldCommit commit = new HeldCommit(delegate());
            held.add(commit);
            return FluentFuture.from(commit);
        }
    }

    private final class HeldCommit extends AbstractFuture<CommitInfo> {
        private final WriteTransaction tx;
        private boolean landed;

        HeldCommit(final WriteTransaction tx) {
            this.tx = tx;
        }

        synchronized void land() {
            if (!landed) {
                landed = true;
                setFuture(tx.commit());
            }
        }

        @Override
        public void addListener(final Runnable listener, final Executor executor) {
            // someone waits for this commit: an armed broker lets it land now
            if (armed) {
                release();
            }
            super.addListener(listener, executor);
        }
    }
}
