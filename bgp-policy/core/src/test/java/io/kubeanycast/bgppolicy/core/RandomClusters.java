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
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Random but reproducible cluster states and policies for property tests, including the awkward corners:
 * ineligible nodes, missing and malformed addresses, VIPs outside every CIDR, bad annotations, endpoints on
 * unknown nodes, terminating endpoints. Not thread-safe (one Random).
 */
final class RandomClusters {
    private static final ServiceType[] TYPES = ServiceType.values();
    private static final TrafficPolicy[] POLICIES = TrafficPolicy.values();

    private final Random random;

    RandomClusters(final long seed) {
        random = new Random(seed);
    }

    List<NodeInfo> nodes() {
        final List<NodeInfo> nodes = new ArrayList<>();
        final int count = random.nextInt(6);
        for (int i = 1; i <= count; i++) {
            final List<NodeAddress> addresses = new ArrayList<>();
            if (chance(5)) {
                addresses.add(new NodeAddress(NodeAddress.INTERNAL_IP, "198.51.100." + (200 + i * 10)));
            }
            if (chance(90)) {
                addresses.add(new NodeAddress(NodeAddress.INTERNAL_IP, "198.51.100." + i));
            }
            if (chance(60)) {
                addresses.add(new NodeAddress(NodeAddress.INTERNAL_IP, "2001:db8:1::" + Integer.toHexString(i)));
            }
            if (chance(30)) {
                addresses.add(new NodeAddress(NodeAddress.EXTERNAL_IP, "192.0.2." + (100 + i)));
            }
            nodes.add(new NodeInfo("node" + i, !chance(15), chance(10), chance(20), chance(10), addresses));
        }
        return nodes;
    }

    List<ServiceInfo> services(final int nodeCount) {
        final List<ServiceInfo> services = new ArrayList<>();
        final int count = random.nextInt(16);
        for (int i = 0; i < count; i++) {
            final List<Vip> vips = new ArrayList<>();
            if (chance(80)) {
                vips.add(Vip.of(chance(90) ? "10.96." + random.nextInt(3) + "." + random.nextInt(256)
                    : "172.16.0." + random.nextInt(256), VipKind.CLUSTER_IP));
            }
            if (chance(30)) {
                vips.add(Vip.of("2001:db8:96::" + Integer.toHexString(random.nextInt(65_536)), VipKind.CLUSTER_IP));
            }
            for (int e = random.nextInt(3); e > 0; e--) {
                vips.add(Vip.of(externalAddress(), VipKind.EXTERNAL_IP));
            }
            for (int e = random.nextInt(3); e > 0; e--) {
                vips.add(Vip.of(externalAddress(), VipKind.LOAD_BALANCER_IP));
            }
            if (chance(15) && !vips.isEmpty()) {
                // one address twice under two kinds, as when externalIPs repeats the load balancer's IP
                final Vip twice = vips.get(random.nextInt(vips.size()));
                vips.add(new Vip(twice.address(), twice.family(), twice.kind() == VipKind.EXTERNAL_IP
                    ? VipKind.LOAD_BALANCER_IP : VipKind.EXTERNAL_IP));
            }
            final Map<String, String> annotations = new HashMap<>();
            if (chance(20)) {
                annotations.put(ServiceAnnotations.LOCAL_PREF, chance(70) ? "" + random.nextInt(500) : "x");
            }
            if (chance(20)) {
                annotations.put(ServiceAnnotations.COMMUNITIES, chance(70) ? "65000:" + random.nextInt(5) : "1:2:3");
            }
            final Map<IpFamily, Map<String, EndpointCounts>> endpoints = new EnumMap<>(IpFamily.class);
            for (IpFamily family : IpFamily.values()) {
                final Map<String, EndpointCounts> byNode = new HashMap<>();
                for (int n = 1; n <= nodeCount + 1; n++) {
                    if (chance(50)) {
                        final int ready = random.nextInt(3);
                        final int terminatingServing = random.nextInt(2);
                        byNode.put("node" + n, new EndpointCounts(ready, ready + terminatingServing,
                            terminatingServing + random.nextInt(2)));
                    }
                }
                endpoints.put(family, byNode);
            }
            final Map<IpFamily, EndpointCounts> withoutNode = chance(10)
                ? Map.of(IpFamily.IPV4, new EndpointCounts(1, 1, 0)) : Map.of();
            services.add(new ServiceInfo(new ServiceId(chance(50) ? "a" : "b", "svc" + i),
                TYPES[random.nextInt(TYPES.length)], chance(10), POLICIES[random.nextInt(2)],
                POLICIES[random.nextInt(2)], vips, annotations, endpoints, withoutNode,
                // few distinct seconds, so that equal creation times (ties) are common
                chance(80) ? Optional.of(Instant.ofEpochSecond(random.nextInt(5))) : Optional.empty(),
                Optional.empty(), List.of()));
        }
        return services;
    }

    Policy policy() {
        final Map<String, String> config = new HashMap<>();
        config.put(Policy.CLUSTER_CIDRS, chance(80) ? Routes.CLUSTER_CIDRS : "");
        config.put(Policy.EXTERNAL_CIDRS, chance(90) ? Routes.EXTERNAL_CIDRS : "203.0.113.128/25");
        config.put(Policy.CLUSTER_IP, chance(80) ? "local" : "none");
        config.put(Policy.WITHDRAW_WITHOUT_ENDPOINTS, "" + chance(70));
        config.put(Policy.EXCLUDE_CORDONED, "" + chance(50));
        config.put(Policy.NEXT_HOP_FALLBACK_EXTERNAL, "" + chance(30));
        config.put(Policy.EXTERNAL_IPS, "" + chance(90));
        config.put(Policy.COMMUNITIES, chance(50) ? "64512:7" : "");
        config.put(AnnotationLimits.ALLOWED_COMMUNITIES, chance(50) ? "65000:0-65000:2" : "");
        config.put(AnnotationLimits.LOCAL_PREF_RANGE, chance(50) ? "0-300" : "");
        if (chance(30)) {
            config.put(NamespaceAllowLists.KEY_PREFIX + "a", chance(70) ? "203.0.113.0/25" : "none");
        }
        if (chance(30)) {
            config.put(Policy.AGGREGATE_LENGTH_V4, chance(70) ? "28" : "16");
            config.put(Policy.AGGREGATE_LENGTH_V6, "120");
        }
        return Policy.parse(config);
    }

    private String externalAddress() {
        final int pick = random.nextInt(10);
        if (pick < 6) {
            return "203.0.113." + random.nextInt(256);
        }
        if (pick < 8) {
            return "2001:db8:ff::" + Integer.toHexString(random.nextInt(300));
        }
        return pick == 8 ? "8.8." + random.nextInt(3) + ".8" : "203.0.113.999";
    }

    private boolean chance(final int percent) {
        return random.nextInt(100) < percent;
    }

    /**
     * The same Services with what {@link ClusterState} does not sort shuffled: each Service's VIP list, and the
     * insertion order of its annotation and endpoint maps. (Node address order is not shuffled: the first
     * InternalIP of a family is the next hop, by contract.)
     */
    List<ServiceInfo> permuted(final List<ServiceInfo> services) {
        final List<ServiceInfo> result = new ArrayList<>();
        for (ServiceInfo service : services) {
            final Map<IpFamily, Map<String, EndpointCounts>> endpoints = new LinkedHashMap<>();
            shuffled(List.copyOf(service.endpoints().entrySet())).forEach(entry ->
                endpoints.put(entry.getKey(), shuffledMap(entry.getValue())));
            result.add(new ServiceInfo(service.id(), service.type(), service.headless(),
                service.externalTrafficPolicy(), service.internalTrafficPolicy(), shuffled(service.vips()),
                shuffledMap(service.annotations()), endpoints, shuffledMap(service.endpointsWithoutNode()),
                service.creationTimestamp(), service.loadBalancerClass(), service.loadBalancerIngress()));
        }
        return result;
    }

    static ClusterState inOrder(final List<ServiceInfo> services, final List<NodeInfo> nodes) {
        final Map<ServiceId, ServiceInfo> serviceMap = new LinkedHashMap<>();
        services.forEach(service -> serviceMap.put(service.id(), service));
        final Map<String, NodeInfo> nodeMap = new LinkedHashMap<>();
        nodes.forEach(node -> nodeMap.put(node.name(), node));
        return ClusterState.of(serviceMap, nodeMap);
    }

    private <T> List<T> shuffled(final List<T> list) {
        final List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }

    private <K, V> Map<K, V> shuffledMap(final Map<K, V> map) {
        final Map<K, V> result = new LinkedHashMap<>();
        shuffled(List.copyOf(map.entrySet())).forEach(entry -> result.put(entry.getKey(), entry.getValue()));
        return result;
    }
}
