/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
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

    @Override
    void close();
}
