/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What route computation needs of one Node. Immutable.
 *
 * @param name node name, as EndpointSlices refer to it in {@code nodeName}
 * @param ready the Ready condition is True
 * @param networkUnavailable the NetworkUnavailable condition is True
 * @param unschedulable {@code spec.unschedulable} (cordoned)
 * @param excludedFromExternalLoadBalancers the label
 *     {@code node.kubernetes.io/exclude-from-external-load-balancers} is present
 * @param addresses {@code status.addresses} in API order
 * @param beingDeleted the node is on its way out: {@code metadata.deletionTimestamp} is set, or it carries the
 *     cluster autoscaler's {@value #TO_BE_DELETED_TAINT} taint (scale-down has begun)
 */
public record NodeInfo(
        String name,
        boolean ready,
        boolean networkUnavailable,
        boolean unschedulable,
        boolean excludedFromExternalLoadBalancers,
        List<NodeAddress> addresses,
        boolean beingDeleted) {

    public static final String EXCLUDE_LABEL = "node.kubernetes.io/exclude-from-external-load-balancers";
    /** The taint cluster-autoscaler puts on a node it is about to delete. */
    public static final String TO_BE_DELETED_TAINT = "ToBeDeletedByClusterAutoscaler";

    public NodeInfo {
        requireNonNull(name);
        addresses = List.copyOf(addresses);
    }

    /**
     * A node that is not being deleted.
     */
    public NodeInfo(final String name, final boolean ready, final boolean networkUnavailable,
            final boolean unschedulable, final boolean excludedFromExternalLoadBalancers,
            final List<NodeAddress> addresses) {
        this(name, ready, networkUnavailable, unschedulable, excludedFromExternalLoadBalancers, addresses, false);
    }

    /**
     * The first InternalIP of a family: the next hop the fabric reaches this node at.
     */
    public Optional<String> internalIp(final IpFamily family) {
        return addresses.stream()
            .filter(addr -> NodeAddress.INTERNAL_IP.equals(addr.type()) && addr.isIp(family))
            .map(NodeAddress::address)
            .findFirst();
    }
}
