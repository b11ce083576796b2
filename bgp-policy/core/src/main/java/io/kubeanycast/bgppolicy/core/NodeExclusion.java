/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

/**
 * Why a node does not announce a prefix. When several apply, the first in declaration order is reported:
 * node-wide reasons before per-family and per-Service ones.
 */
public enum NodeExclusion {
    BEING_DELETED("node is being deleted (deletionTimestamp set or ToBeDeletedByClusterAutoscaler taint)"),
    NOT_READY("node is not Ready"),
    NETWORK_UNAVAILABLE("node has NetworkUnavailable=True"),
    EXCLUDED_BY_LABEL("node has label node.kubernetes.io/exclude-from-external-load-balancers"),
    CORDONED("node is cordoned (unschedulable) and nodes.exclude-cordoned is true"),
    NO_ADDRESS_OF_FAMILY("node has no usable address of the prefix's family to use as next hop"),
    NO_READY_ENDPOINT("no ready endpoint of the Service on this node"),
    ENDPOINT_WITHOUT_NODE("no ready endpoint names this node, but the Service has ready endpoints without nodeName:"
        + " where they run is unknown, so no node announces them"),
    ONLY_TERMINATING_ENDPOINTS("only terminating endpoints on this node while other nodes have ready ones"),
    NOT_COMMON_TO_AGGREGATE("the aggregate is announced only from nodes that announce every VIP it covers");

    private final String description;

    NodeExclusion(final String description) {
        this.description = description;
    }

    /**
     * A sentence for operators.
     */
    public String description() {
        return description;
    }
}
