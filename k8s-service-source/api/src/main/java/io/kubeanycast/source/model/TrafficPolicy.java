/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.model;

/**
 * {@code spec.externalTrafficPolicy} or {@code spec.internalTrafficPolicy}; Kubernetes defaults both to Cluster.
 */
public enum TrafficPolicy {
    CLUSTER,
    LOCAL
}
