/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.LoadBalancerIngress;
import io.kubeanycast.source.model.NodeAddress;
import io.kubeanycast.source.model.NodeInfo;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import io.kubeanycast.source.model.ServiceType;
import io.kubeanycast.source.model.TrafficPolicy;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test data builder for cluster states: nodes and Services in a few readable lines. Mutable, single-threaded.
 */
final class TestCluster {
    static final String NODE1_V4 = "198.51.100.1";
    static final String NODE2_V4 = "198.51.100.2";
    static final String NODE3_V4 = "198.51.100.3";
    static final String NODE1_V6 = "2001:db8:1::1";
    static final String NODE2_V6 = "2001:db8:1::2";
    static final String NODE3_V6 = "2001:db8:1::3";

    private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    private final Map<ServiceId, ServiceInfo> services = new LinkedHashMap<>();

    /**
     * Three ready dual-stack nodes node1..node3.
     */
    static TestCluster threeNodes() {
        return new TestCluster()
            .add(node("node1").internal(NODE1_V4).internal(NODE1_V6))
            .add(node("node2").internal(NODE2_V4).internal(NODE2_V6))
            .add(node("node3").internal(NODE3_V4).internal(NODE3_V6));
    }

    TestCluster add(final NodeBuilder node) {
        final NodeInfo info = node.build();
        nodes.put(info.name(), info);
        return this;
    }

    TestCluster add(final ServiceBuilder service) {
        final ServiceInfo info = service.build();
        services.put(info.id(), info);
        return this;
    }

    ClusterState build() {
        return ClusterState.of(services, nodes);
    }

    static NodeBuilder node(final String name) {
        return new NodeBuilder(name);
    }

    /**
     * A ClusterIP Service {@code default/<name>}, traffic policies Cluster, no VIP, no endpoint.
     */
    static ServiceBuilder service(final String name) {
        return new ServiceBuilder(new ServiceId("default", name));
    }

    /**
     * A ClusterIP Service {@code <namespace>/<name>}, otherwise like {@link #service(String)}.
     */
    static ServiceBuilder service(final String namespace, final String name) {
        return new ServiceBuilder(new ServiceId(namespace, name));
    }

    static final class NodeBuilder {
        private final String name;
        private final List<NodeAddress> addresses = new ArrayList<>();
        private boolean ready = true;
        private boolean networkUnavailable;
        private boolean unschedulable;
        private boolean excluded;
        private boolean beingDeleted;

        NodeBuilder(final String name) {
            this.name = name;
        }

        NodeBuilder internal(final String address) {
            addresses.add(new NodeAddress(NodeAddress.INTERNAL_IP, address));
            return this;
        }

        NodeBuilder external(final String address) {
            addresses.add(new NodeAddress(NodeAddress.EXTERNAL_IP, address));
            return this;
        }

        NodeBuilder hostname(final String hostname) {
            addresses.add(new NodeAddress("Hostname", hostname));
            return this;
        }

        NodeBuilder notReady() {
            ready = false;
            return this;
        }

        NodeBuilder networkUnavailable() {
            networkUnavailable = true;
            return this;
        }

        NodeBuilder cordoned() {
            unschedulable = true;
            return this;
        }

        NodeBuilder excludeLabel() {
            excluded = true;
            return this;
        }

        /** deletionTimestamp set, or the cluster autoscaler's ToBeDeletedByClusterAutoscaler taint. */
        NodeBuilder beingDeleted() {
            beingDeleted = true;
            return this;
        }

        NodeInfo build() {
            return new NodeInfo(name, ready, networkUnavailable, unschedulable, excluded, addresses, beingDeleted);
        }
    }

    static final class ServiceBuilder {
        private final ServiceId id;
        private ServiceType type = ServiceType.CLUSTER_IP;
        private boolean headless;
        private TrafficPolicy externalPolicy = TrafficPolicy.CLUSTER;
        private TrafficPolicy internalPolicy = TrafficPolicy.CLUSTER;
        private final List<Vip> vips = new ArrayList<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private final Map<IpFamily, Map<String, EndpointCounts>> endpoints = new EnumMap<>(IpFamily.class);
        private final Map<IpFamily, EndpointCounts> withoutNode = new EnumMap<>(IpFamily.class);
        private Optional<Instant> created = Optional.empty();
        private Optional<String> loadBalancerClass = Optional.empty();
        private final List<LoadBalancerIngress> ingress = new ArrayList<>();

        ServiceBuilder(final ServiceId id) {
            this.id = id;
        }

        ServiceBuilder type(final ServiceType newType) {
            type = newType;
            return this;
        }

        ServiceBuilder headless() {
            headless = true;
            return this;
        }

        ServiceBuilder externalLocal() {
            externalPolicy = TrafficPolicy.LOCAL;
            return this;
        }

        ServiceBuilder internalLocal() {
            internalPolicy = TrafficPolicy.LOCAL;
            return this;
        }

        ServiceBuilder clusterIp(final String address) {
            vips.add(Vip.of(address, VipKind.CLUSTER_IP));
            return this;
        }

        ServiceBuilder externalIp(final String address) {
            vips.add(Vip.of(address, VipKind.EXTERNAL_IP));
            return this;
        }

        ServiceBuilder loadBalancerIp(final String address) {
            type = ServiceType.LOAD_BALANCER;
            vips.add(Vip.of(address, VipKind.LOAD_BALANCER_IP));
            return this;
        }

        /** A status.loadBalancer.ingress entry (null: field unset); its IP, if any, is a VIP as the mapper makes it. */
        ServiceBuilder ingress(final String ip, final String hostname, final String ipMode) {
            type = ServiceType.LOAD_BALANCER;
            final LoadBalancerIngress entry = LoadBalancerIngress.of(ip, hostname, ipMode);
            ingress.add(entry);
            entry.ip().ifPresent(address -> vips.add(Vip.of(address, VipKind.LOAD_BALANCER_IP)));
            return this;
        }

        ServiceBuilder loadBalancerClass(final String name) {
            loadBalancerClass = Optional.of(name);
            return this;
        }

        ServiceBuilder vip(final Vip vip) {
            vips.add(vip);
            return this;
        }

        /** {@code metadata.creationTimestamp}, as an ISO-8601 instant. */
        ServiceBuilder created(final String instant) {
            created = Optional.of(Instant.parse(instant));
            return this;
        }

        ServiceBuilder annotation(final String key, final String value) {
            annotations.put(key, value);
            return this;
        }

        /** One ready IPv4 endpoint on each node named. */
        ServiceBuilder ready(final String... nodeNames) {
            for (String node : nodeNames) {
                endpoints(IpFamily.IPV4, node, new EndpointCounts(1, 1, 0));
            }
            return this;
        }

        /** One ready IPv6 endpoint on each node named. */
        ServiceBuilder ready6(final String... nodeNames) {
            for (String node : nodeNames) {
                endpoints(IpFamily.IPV6, node, new EndpointCounts(1, 1, 0));
            }
            return this;
        }

        /** One IPv4 endpoint that is terminating but still serving, on each node named. */
        ServiceBuilder terminatingServing(final String... nodeNames) {
            for (String node : nodeNames) {
                endpoints(IpFamily.IPV4, node, new EndpointCounts(0, 1, 1));
            }
            return this;
        }

        ServiceBuilder endpoints(final IpFamily family, final String node, final EndpointCounts counts) {
            endpoints.computeIfAbsent(family, key -> new LinkedHashMap<>()).put(node, counts);
            return this;
        }

        ServiceBuilder endpointsWithoutNode(final IpFamily family, final EndpointCounts counts) {
            withoutNode.put(family, counts);
            return this;
        }

        ServiceInfo build() {
            return new ServiceInfo(id, type, headless, externalPolicy, internalPolicy, vips, annotations, endpoints,
                withoutNode, created, loadBalancerClass, ingress);
        }
    }
}
