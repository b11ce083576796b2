/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.api;

import io.kubeanycast.source.model.ClusterState;
import java.util.Optional;

/**
 * A running watch of one cluster. Closing it stops the informers; no snapshot is delivered after close returns.
 */
public interface ClusterStateSource extends AutoCloseable {
    /**
     * The last published snapshot; empty until all informers have synced.
     */
    Optional<ClusterState> current();

    SourceStatus status();

    /**
     * Where to record Kubernetes Events on the watched cluster's Services. Valid until {@link #close()}; Events
     * recorded after that are dropped.
     *
     * @return the recorder; {@link ServiceEventRecorder#DISCARD} unless the source can write Events
     */
    default ServiceEventRecorder events() {
        return ServiceEventRecorder.DISCARD;
    }

    @Override
    void close();
}
