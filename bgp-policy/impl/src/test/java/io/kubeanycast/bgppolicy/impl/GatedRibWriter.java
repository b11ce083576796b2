/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.bgppolicy.rib.RibWriter;
import io.kubeanycast.bgppolicy.rib.RibWriterStatus;
import io.kubeanycast.bgppolicy.rib.WriteStats;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendaylight.yangtools.yang.common.Empty;

/**
 * Our own {@link RibWriter} around the real one: counts the change sets it is given and holds them until the
 * test opens the gate, like a long RIB write; or fails every change set (a RIB that refuses writes). Thread-safe.
 */
final class GatedRibWriter implements RibWriter {
    final AtomicInteger changeSets = new AtomicInteger();
    final Semaphore calls = new Semaphore(0);
    final SettableFuture<Empty> gate = SettableFuture.create();
    private final RibWriter delegate;
    private final boolean failing;

    GatedRibWriter(final RibWriter delegate, final boolean open, final boolean failing) {
        this.delegate = delegate;
        this.failing = failing;
        if (open) {
            gate.set(Empty.value());
        }
    }

    @Override
    public ListenableFuture<Empty> start() {
        return delegate.start();
    }

    @Override
    public ListenableFuture<WriteStats> apply(final Set<AdvertisedPath> desired) {
        return held(() -> delegate.apply(desired));
    }

    @Override
    public ListenableFuture<WriteStats> reconcile(final Set<AdvertisedPath> desired) {
        return held(() -> delegate.reconcile(desired));
    }

    private ListenableFuture<WriteStats> held(final java.util.function.Supplier<ListenableFuture<WriteStats>> write) {
        changeSets.incrementAndGet();
        calls.release();
        if (failing) {
            return Futures.immediateFailedFuture(new IllegalStateException("refused by the test"));
        }
        return Futures.transformAsync(gate, ignored -> write.get(), MoreExecutors.directExecutor());
    }

    @Override
    public ListenableFuture<Empty> remove() {
        return delegate.remove();
    }

    @Override
    public RibWriterStatus status() {
        return delegate.status();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
