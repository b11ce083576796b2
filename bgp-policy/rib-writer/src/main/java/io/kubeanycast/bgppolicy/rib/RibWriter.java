/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import com.google.common.util.concurrent.ListenableFuture;
import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import java.util.Set;
import org.opendaylight.yangtools.yang.common.Empty;

/**
 * Keeps ODL's application RIB equal to a desired set of paths, writing only the difference.
 *
 * <p>All methods may be called from any thread; the work is done in submission order. The futures fail (never
 * silently) when the RIB could not be brought to the desired state; {@link #status()} keeps the last failure.
 */
public interface RibWriter extends AutoCloseable {
    /**
     * Create the application RIB with its IPv4 and IPv6 unicast tables if missing; never removes routes.
     *
     * @return completes when the structure is committed
     */
    ListenableFuture<Empty> start();

    /**
     * Make the RIB hold exactly {@code desired}, diffing against what this writer knows the RIB holds. The first
     * call (and the first one after a failure) reads the RIB first, so it behaves like {@link #reconcile(Set)}.
     *
     * @param desired every path that should be announced (all families)
     * @return what was written
     */
    ListenableFuture<WriteStats> apply(Set<AdvertisedPath> desired);

    /**
     * Read what the RIB really holds (it survives restarts in the config datastore), adopt the path ids found
     * for desired (prefix, next hop) pairs, remove everything else, add what is missing, leave identical paths
     * untouched.
     *
     * @param desired every path that should be announced (all families)
     * @return what was written
     */
    ListenableFuture<WriteStats> reconcile(Set<AdvertisedPath> desired);

    /**
     * Delete the whole application RIB, which withdraws every route written through it. For an uninstall of
     * kube-anycast and for a changed application peer id; never on a restart (see {@link #close()}).
     *
     * @return completes when the deletion is committed
     */
    ListenableFuture<Empty> remove();

    /**
     * Current health.
     *
     * @return counters and the last permanent failure
     */
    RibWriterStatus status();

    /**
     * Stop accepting work, finish what is queued and release the transaction chain. Routes stay in the RIB on
     * purpose: a bundle restart must not withdraw every VIP; the next writer reconciles them.
     */
    @Override
    void close();
}
