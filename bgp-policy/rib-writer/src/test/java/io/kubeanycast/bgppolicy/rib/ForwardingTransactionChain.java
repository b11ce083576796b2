/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import com.google.common.collect.ForwardingObject;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import java.util.concurrent.Executor;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.ReadWriteTransaction;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.yangtools.yang.common.Empty;

/**
 * A {@link TransactionChain} that forwards every call to {@link #delegate()}, in the style of mdsal-binding-spi's
 * {@code ForwardingDataBroker}, which has no counterpart for chains. The test brokers override only what they change.
 */
abstract class ForwardingTransactionChain extends ForwardingObject implements TransactionChain {
    @Override
    protected abstract TransactionChain delegate();

    @Override
    public ReadTransaction newReadOnlyTransaction() {
        return delegate().newReadOnlyTransaction();
    }

    @Override
    public WriteTransaction newWriteOnlyTransaction() {
        return delegate().newWriteOnlyTransaction();
    }

    @Override
    public ReadWriteTransaction newReadWriteTransaction() {
        return delegate().newReadWriteTransaction();
    }

    @Override
    public void addCallback(final FutureCallback<Empty> callback) {
        delegate().addCallback(callback);
    }

    @Override
    public void addCallback(final FutureCallback<Empty> callback, final Executor executor) {
        delegate().addCallback(callback, executor);
    }

    @Override
    public ListenableFuture<Empty> future() {
        return delegate().future();
    }

    @Override
    public void close() {
        delegate().close();
    }
}
