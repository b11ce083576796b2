/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
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
