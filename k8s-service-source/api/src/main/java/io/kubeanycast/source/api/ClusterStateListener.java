/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 */
package io.kubeanycast.source.api;

import io.kubeanycast.source.model.ClusterState;

/**
 * Receives consistent cluster snapshots. Called from one thread of the source at a time, never before all
 * informers have synced, and only when the snapshot differs from the one delivered before.
 */
@FunctionalInterface
public interface ClusterStateListener {
    void onClusterState(ClusterState state);
}
