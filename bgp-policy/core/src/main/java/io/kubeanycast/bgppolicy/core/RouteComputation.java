/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.source.model.ServiceId;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The result of one route computation: the paths wanted in the application RIB and why. Immutable; two
 * computations over equal inputs are {@link #equals(Object) equal}.
 *
 * @param paths the desired paths, at most one per {@link AdvertisedPath#key()}
 * @param clusterCidrs one decision per configured service cluster CIDR, in configuration order
 * @param services per Service with at least one VIP, one decision per VIP in the Service's VIP order
 * @param findings what could not be used as given, in a stable order
 * @param nodeLoss what the mass node-loss guard did; {@link NodeLossStatus#NONE} when it was not asked
 */
public record RouteComputation(
        Set<AdvertisedPath> paths,
        List<CidrDecision> clusterCidrs,
        SortedMap<ServiceId, List<VipDecision>> services,
        List<Finding> findings,
        NodeLossStatus nodeLoss) {

    public RouteComputation {
        paths = Set.copyOf(paths);
        clusterCidrs = List.copyOf(clusterCidrs);
        final SortedMap<ServiceId, List<VipDecision>> copy = new TreeMap<>();
        services.forEach((id, decisions) -> copy.put(id, List.copyOf(decisions)));
        services = Collections.unmodifiableSortedMap(copy);
        findings = List.copyOf(findings);
        requireNonNull(nodeLoss);
    }

    /**
     * A computation the node-loss guard had no part in.
     */
    public RouteComputation(final Set<AdvertisedPath> paths, final List<CidrDecision> clusterCidrs,
            final SortedMap<ServiceId, List<VipDecision>> services, final List<Finding> findings) {
        this(paths, clusterCidrs, services, findings, NodeLossStatus.NONE);
    }

    /**
     * The decisions for one Service's VIPs; empty when the Service is unknown or has no VIP.
     */
    public List<VipDecision> decisionsOf(final ServiceId service) {
        return services.getOrDefault(service, List.of());
    }
}
