/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What route computation needs of one Service and its EndpointSlices. Immutable.
 *
 * @param id namespace and name
 * @param type {@code spec.type}
 * @param headless {@code spec.clusterIP: None}
 * @param externalTrafficPolicy {@code spec.externalTrafficPolicy}, Cluster when unset
 * @param internalTrafficPolicy {@code spec.internalTrafficPolicy}, Cluster when unset
 * @param vips every VIP of the Service in API order: clusterIPs, then externalIPs, then load-balancer IPs
 * @param annotations the Service's annotations whose key starts with {@code kube-anycast.io/}
 * @param endpoints per address family, per node name, the counts of that node's endpoints
 * @param endpointsWithoutNode per address family, endpoints whose {@code nodeName} is unset
 * @param creationTimestamp {@code metadata.creationTimestamp}: when two Services claim one external or
 *     load-balancer IP, the older claim wins; empty when unknown (the API server always sets it)
 * @param loadBalancerClass {@code spec.loadBalancerClass}, absent when unset: which load-balancer implementation
 *     owns the Service's {@code status.loadBalancer}
 * @param loadBalancerIngress every {@code status.loadBalancer.ingress} entry in API order, IP or not (the IPs are
 *     also in {@code vips} as {@link VipKind#LOAD_BALANCER_IP})
 */
public record ServiceInfo(
        ServiceId id,
        ServiceType type,
        boolean headless,
        TrafficPolicy externalTrafficPolicy,
        TrafficPolicy internalTrafficPolicy,
        List<Vip> vips,
        Map<String, String> annotations,
        Map<IpFamily, Map<String, EndpointCounts>> endpoints,
        Map<IpFamily, EndpointCounts> endpointsWithoutNode,
        Optional<Instant> creationTimestamp,
        Optional<String> loadBalancerClass,
        List<LoadBalancerIngress> loadBalancerIngress) {

    public static final String ANNOTATION_PREFIX = "kube-anycast.io/";

    public ServiceInfo {
        requireNonNull(id);
        requireNonNull(type);
        requireNonNull(externalTrafficPolicy);
        requireNonNull(internalTrafficPolicy);
        vips = List.copyOf(vips);
        annotations = Map.copyOf(annotations);
        endpoints = endpoints.entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> Map.copyOf(entry.getValue())));
        endpointsWithoutNode = Map.copyOf(endpointsWithoutNode);
        requireNonNull(creationTimestamp);
        requireNonNull(loadBalancerClass);
        loadBalancerIngress = List.copyOf(loadBalancerIngress);
    }

    /**
     * A Service without a known creation time and without {@code spec.loadBalancerClass}, whose load-balancer IPs,
     * if any, carry no {@code ipMode}.
     */
    public ServiceInfo(final ServiceId id, final ServiceType type, final boolean headless,
            final TrafficPolicy externalTrafficPolicy, final TrafficPolicy internalTrafficPolicy, final List<Vip> vips,
            final Map<String, String> annotations, final Map<IpFamily, Map<String, EndpointCounts>> endpoints,
            final Map<IpFamily, EndpointCounts> endpointsWithoutNode) {
        this(id, type, headless, externalTrafficPolicy, internalTrafficPolicy, vips, annotations, endpoints,
            endpointsWithoutNode, Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * Counts of this Service's endpoints of one family on one node; {@link EndpointCounts#NONE} when there are none.
     */
    public EndpointCounts endpointsOn(final String nodeName, final IpFamily family) {
        return endpoints.getOrDefault(family, Map.of()).getOrDefault(nodeName, EndpointCounts.NONE);
    }

    /**
     * Per node name, the endpoint counts of one family.
     */
    public Map<String, EndpointCounts> endpointsByNode(final IpFamily family) {
        return endpoints.getOrDefault(family, Map.of());
    }
}
