/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
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
