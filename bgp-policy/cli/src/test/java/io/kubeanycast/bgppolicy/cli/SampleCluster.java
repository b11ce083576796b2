/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import io.kubeanycast.bgppolicy.core.AnnotationLimits;
import io.kubeanycast.bgppolicy.core.Policy;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.RouteComputer;
import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.NodeAddress;
import io.kubeanycast.source.model.NodeInfo;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import io.kubeanycast.source.model.ServiceType;
import io.kubeanycast.source.model.TrafficPolicy;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A hand-made cluster like the e2e sample cluster, run through the real {@link RouteComputer}: three nodes
 * (node3 cordoned is still eligible by default), and Services that exercise every part of the formatters.
 */
final class SampleCluster {
    static final ServiceId WEB_LOCAL = new ServiceId("demo", "web-local");
    static final ServiceId WEB_CLUSTER = new ServiceId("demo", "web-cluster");
    static final ServiceId OUTSIDE = new ServiceId("demo", "outside");
    static final ServiceId BAD_ANNOTATION = new ServiceId("demo", "bad-annotation");

    private SampleCluster() {
        // test data
    }

    static RouteComputation compute() {
        final Map<String, NodeInfo> nodes = List.of(
                node("node1", "198.51.100.11", true),
                node("node2", "198.51.100.12", true),
                node("node3", "198.51.100.13", true),
                node("node4", "198.51.100.14", false))
            .stream().collect(Collectors.toMap(NodeInfo::name, Function.identity()));
        final Map<ServiceId, ServiceInfo> services = new HashMap<>();
        // eTP Local, ready endpoints on node1 and node3, local-pref from its annotation
        services.put(WEB_LOCAL, service(WEB_LOCAL, TrafficPolicy.LOCAL, "203.0.113.10",
            Map.of("kube-anycast.io/local-pref", "200"), "node1", "node3"));
        services.put(WEB_CLUSTER, service(WEB_CLUSTER, TrafficPolicy.CLUSTER, "203.0.113.20", Map.of(), "node2"));
        // the hijack guard: not inside announce.external-cidrs
        services.put(OUTSIDE, service(OUTSIDE, TrafficPolicy.CLUSTER, "192.0.2.50", Map.of(), "node1"));
        services.put(BAD_ANNOTATION, service(BAD_ANNOTATION, TrafficPolicy.CLUSTER, "203.0.113.30",
            Map.of("kube-anycast.io/communities", "65000:x"), "node1"));
        return new RouteComputer().compute(ClusterState.of(services, nodes), Policy.parse(Map.of(
            Policy.CLUSTER_CIDRS, "10.96.0.0/16",
            Policy.EXTERNAL_CIDRS, "203.0.113.0/24",
            Policy.COMMUNITIES, "64512:100",
            AnnotationLimits.LOCAL_PREF_RANGE, "100-200")));
    }

    private static NodeInfo node(final String name, final String address, final boolean ready) {
        return new NodeInfo(name, ready, false, false, false,
            List.of(new NodeAddress(NodeAddress.INTERNAL_IP, address)));
    }

    private static ServiceInfo service(final ServiceId id, final TrafficPolicy externalPolicy,
            final String loadBalancerIp, final Map<String, String> annotations, final String... readyNodes) {
        final Map<String, EndpointCounts> endpoints = Arrays.stream(readyNodes)
            .collect(Collectors.toMap(Function.identity(), node -> new EndpointCounts(1, 1, 0)));
        return new ServiceInfo(id, ServiceType.LOAD_BALANCER, false, externalPolicy, TrafficPolicy.CLUSTER,
            List.of(Vip.of(loadBalancerIp, VipKind.LOAD_BALANCER_IP)), annotations,
            Map.of(IpFamily.IPV4, endpoints), Map.of(), Optional.empty(), Optional.empty(), List.of());
    }
}
