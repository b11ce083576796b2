/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeReadTransaction;
import org.opendaylight.mdsal.dom.api.DOMDataTreeReadWriteTransaction;
import org.opendaylight.mdsal.dom.api.DOMDataTreeWriteTransaction;
import org.opendaylight.mdsal.dom.api.DOMTransactionChain;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;

/**
 * Decorates the real DOM data broker and records, per committed write-only transaction, its operations as
 * {@code "PUT neighbor=10.0.0.2"}: the kind and the last path argument with its key values. Cancelled
 * transactions record nothing. Reads go straight to the real broker.
 */
final class RecordingDomDataBroker implements DOMDataBroker {
    private final DOMDataBroker delegate;
    private final List<List<String>> commits = new ArrayList<>();

    RecordingDomDataBroker(final DOMDataBroker delegate) {
        this.delegate = requireNonNull(delegate);
    }

    /**
     * Returns the operations of the transactions committed since the last call, one list per commit.
     */
    synchronized List<List<String>> takeCommits() {
        final List<List<String>> result = List.copyOf(commits);
        commits.clear();
        return result;
    }

    private synchronized void committed(final List<String> operations) {
        commits.add(List.copyOf(operations));
    }

    @Override
    public DOMDataTreeReadTransaction newReadOnlyTransaction() {
        return delegate.newReadOnlyTransaction();
    }

    @Override
    public DOMDataTreeWriteTransaction newWriteOnlyTransaction() {
        return new RecordingTransaction(delegate.newWriteOnlyTransaction());
    }

    @Override
    public DOMDataTreeReadWriteTransaction newReadWriteTransaction() {
        throw new UnsupportedOperationException("not recorded");
    }

    @Override
    public DOMTransactionChain createTransactionChain() {
        throw new UnsupportedOperationException("not recorded");
    }

    @Override
    public DOMTransactionChain createMergingTransactionChain() {
        throw new UnsupportedOperationException("not recorded");
    }

    @Override
    public Collection<? extends Extension> supportedExtensions() {
        return delegate.supportedExtensions();
    }

    static String describe(final String kind, final YangInstanceIdentifier path) {
        final PathArgument last = path.getLastPathArgument();
        final StringBuilder sb = new StringBuilder(kind).append(' ').append(last.getNodeType().getLocalName());
        if (last instanceof NodeIdentifierWithPredicates keyed) {
            sb.append('=').append(keyed.values().stream()
                .map(value -> value instanceof QName qname ? qname.getLocalName() : String.valueOf(value))
                .collect(Collectors.joining(",")));
        }
        return sb.toString();
    }

    private final class RecordingTransaction implements DOMDataTreeWriteTransaction {
        private final DOMDataTreeWriteTransaction tx;
        private final List<String> operations = new ArrayList<>();

        RecordingTransaction(final DOMDataTreeWriteTransaction tx) {
            this.tx = tx;
        }

        @Override
        public Object getIdentifier() {
            return tx.getIdentifier();
        }

        @Override
        public void put(final LogicalDatastoreType store, final YangInstanceIdentifier path,
                final NormalizedNode data) {
            operations.add(describe("PUT", path));
            tx.put(store, path, data);
        }

        @Override
        public void merge(final LogicalDatastoreType store, final YangInstanceIdentifier path,
                final NormalizedNode data) {
            operations.add(describe("MERGE", path));
            tx.merge(store, path, data);
        }

        @Override
        public void delete(final LogicalDatastoreType store, final YangInstanceIdentifier path) {
            operations.add(describe("DELETE", path));
            tx.delete(store, path);
        }

        @Override
        public FluentFuture<?> completionFuture() {
            return tx.completionFuture();
        }

        @Override
        public FluentFuture<? extends CommitInfo> commit() {
            committed(operations);
            return tx.commit();
        }

        @Override
        public boolean cancel() {
            return tx.cancel();
        }
    }
}
