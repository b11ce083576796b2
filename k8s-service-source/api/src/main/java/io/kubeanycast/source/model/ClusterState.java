/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.model;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable, consistent snapshot of everything route computation needs from a cluster. It carries no
 * client-java types, so the pure core can be tested without a cluster.
 *
 * @param services every Service (including headless and ExternalName ones, which route computation ignores)
 * @param nodes every Node by name
 */
public record ClusterState(SortedMap<ServiceId, ServiceInfo> services, SortedMap<String, NodeInfo> nodes) {
    public static final ClusterState EMPTY = new ClusterState(new TreeMap<>(), new TreeMap<>());

    public ClusterState {
        services = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(services));
        nodes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
    }

    public static ClusterState of(final Map<ServiceId, ServiceInfo> services, final Map<String, NodeInfo> nodes) {
        return new ClusterState(new TreeMap<>(services), new TreeMap<>(nodes));
    }
}
