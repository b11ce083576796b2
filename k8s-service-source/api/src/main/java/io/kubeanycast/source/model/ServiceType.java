/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 */
package io.kubeanycast.source.model;

/**
 * {@code spec.type} of a Service.
 */
public enum ServiceType {
    CLUSTER_IP,
    NODE_PORT,
    LOAD_BALANCER,
    EXTERNAL_NAME
}
