/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 */
package io.kubeanycast.source.model;

/**
 * Where in the Service a VIP came from.
 */
public enum VipKind {
    /** {@code spec.clusterIPs}. */
    CLUSTER_IP,
    /** {@code spec.externalIPs}. */
    EXTERNAL_IP,
    /** {@code status.loadBalancer.ingress[].ip}. */
    LOAD_BALANCER_IP
}
