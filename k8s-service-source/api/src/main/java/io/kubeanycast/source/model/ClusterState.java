/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
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
