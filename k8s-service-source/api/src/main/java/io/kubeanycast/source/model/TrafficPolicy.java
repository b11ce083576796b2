/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 */
package io.kubeanycast.source.model;

/**
 * {@code spec.externalTrafficPolicy} or {@code spec.internalTrafficPolicy}; Kubernetes defaults both to Cluster.
 */
public enum TrafficPolicy {
    CLUSTER,
    LOCAL
}
