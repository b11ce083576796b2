/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

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
import io.kubernetes.client.openapi.models.V1Endpoint;
import io.kubernetes.client.openapi.models.V1EndpointConditions;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1LoadBalancerIngress;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAddress;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.openapi.models.V1Taint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the informers' Services, EndpointSlices and Nodes into a {@link ClusterState}. Pure: no I/O, no state;
 * the result only depends on the arguments, so equal caches give equal snapshots (a relist that changed nothing
 * publishes nothing). Thread-safe.
 */
public final class ClusterStateMapper {
    /** The label by which an EndpointSlice names its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private static final String NONE = "None";

    private ClusterStateMapper() {
        // utility
    }

    /**
     * Build a snapshot. EndpointSlices of Services that do not exist (yet) are ignored, as are FQDN slices.
     */
    public static ClusterState map(final Collection<V1Service> services, final Collection<V1EndpointSlice> slices,
            final Collection<V1Node> nodes) {
        final Map<ServiceId, List<V1EndpointSlice>> slicesByService = new HashMap<>();
        for (V1EndpointSlice slice : slices) {
            final V1ObjectMeta meta = slice.getMetadata();
            final String serviceName = meta == null || meta.getLabels() == null ? null
                : meta.getLabels().get(SERVICE_NAME_LABEL);
            if (serviceName != null && meta.getNamespace() != null) {
                slicesByService.computeIfAbsent(new ServiceId(meta.getNamespace(), serviceName),
                    id -> new ArrayList<>()).add(slice);
            }
        }
        final Map<ServiceId, ServiceInfo> serviceInfos = new TreeMap<>();
        for (V1Service service : services) {
            final V1ObjectMeta meta = service.getMetadata();
            if (meta == null || meta.getName() == null || meta.getNamespace() == null) {
                continue;
            }
            final ServiceId id = new ServiceId(meta.getNamespace(), meta.getName());
            serviceInfos.put(id, service(id, service, slicesByService.getOrDefault(id, List.of())));
        }
        final Map<String, NodeInfo> nodeInfos = new TreeMap<>();
        for (V1Node node : nodes) {
            if (node.getMetadata() != null && node.getMetadata().getName() != null) {
                nodeInfos.put(node.getMetadata().getName(), node(node));
            }
        }
        return ClusterState.of(serviceInfos, nodeInfos);
    }

    static ServiceInfo service(final ServiceId id, final V1Service service, final List<V1EndpointSlice> slices) {
        final V1ServiceSpec spec = service.getSpec() != null ? service.getSpec() : new V1ServiceSpec();
        final List<String> clusterIps = spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()
            ? spec.getClusterIPs() : spec.getClusterIP() == null ? List.of() : List.of(spec.getClusterIP());
        final boolean headless = NONE.equals(spec.getClusterIP()) || clusterIps.contains(NONE);

        final List<Vip> vips = new ArrayList<>();
        clusterIps.stream().filter(ip -> ip != null && !ip.isEmpty() && !NONE.equals(ip))
            .forEach(ip -> vips.add(Vip.of(ip, VipKind.CLUSTER_IP)));
        if (spec.getExternalIPs() != null) {
            spec.getExternalIPs().stream().filter(Objects::nonNull).filter(ip -> !ip.isEmpty())
                .forEach(ip -> vips.add(Vip.of(ip, VipKind.EXTERNAL_IP)));
        }
        // every ingress entry is kept as given (ipMode, hostname-only): the core decides and reports, not the mapper
        final List<LoadBalancerIngress> ingress = new ArrayList<>();
        if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null) {
            for (V1LoadBalancerIngress entry : service.getStatus().getLoadBalancer().getIngress()) {
                if (entry != null) {
                    ingress.add(LoadBalancerIngress.of(entry.getIp(), entry.getHostname(), entry.getIpMode()));
                }
            }
            ingress.stream().flatMap(entry -> entry.ip().stream())
                .forEach(ip -> vips.add(Vip.of(ip, VipKind.LOAD_BALANCER_IP)));
        }
        final Optional<String> loadBalancerClass = Optional.ofNullable(spec.getLoadBalancerClass())
            .filter(name -> !name.isEmpty());

        final Map<String, String> annotations = new TreeMap<>();
        if (service.getMetadata().getAnnotations() != null) {
            service.getMetadata().getAnnotations().forEach((key, value) -> {
                if (key.startsWith(ServiceInfo.ANNOTATION_PREFIX) && value != null) {
                    annotations.put(key, value);
                }
            });
        }

        final Map<IpFamily, Map<String, EndpointCounts>> endpoints = new EnumMap<>(IpFamily.class);
        final Map<IpFamily, EndpointCounts> withoutNode = new EnumMap<>(IpFamily.class);
        for (V1EndpointSlice slice : slices) {
            final IpFamily family = familyOf(slice.getAddressType());
            if (family == null || slice.getEndpoints() == null) {
                continue;
            }
            for (V1Endpoint endpoint : slice.getEndpoints()) {
                if (endpoint == null) {
                    continue;
                }
                final EndpointCounts counts = countsOf(endpoint.getConditions());
                if (endpoint.getNodeName() == null || endpoint.getNodeName().isEmpty()) {
                    withoutNode.merge(family, counts, EndpointCounts::plus);
                } else {
                    endpoints.computeIfAbsent(family, fam -> new TreeMap<>())
                        .merge(endpoint.getNodeName(), counts, EndpointCounts::plus);
                }
            }
        }
        // the creation time decides who owns an external IP two Services claim (the older one)
        final Optional<Instant> created = Optional.ofNullable(service.getMetadata().getCreationTimestamp())
            .map(OffsetDateTime::toInstant);
        return new ServiceInfo(id, typeOf(spec.getType()), headless, policyOf(spec.getExternalTrafficPolicy()),
            policyOf(spec.getInternalTrafficPolicy()), vips, annotations, endpoints, withoutNode, created,
            loadBalancerClass, ingress);
    }

    static NodeInfo node(final V1Node node) {
        final V1ObjectMeta meta = node.getMetadata();
        boolean ready = false;
        boolean networkUnavailable = false;
        final List<NodeAddress> addresses = new ArrayList<>();
        if (node.getStatus() != null) {
            if (node.getStatus().getConditions() != null) {
                for (V1NodeCondition condition : node.getStatus().getConditions()) {
                    if (condition == null) {
                        continue;
                    }
                    final boolean isTrue = "True".equals(condition.getStatus());
                    if ("Ready".equals(condition.getType())) {
                        ready = isTrue;
                    } else if ("NetworkUnavailable".equals(condition.getType())) {
                        networkUnavailable = isTrue;
                    }
                }
            }
            if (node.getStatus().getAddresses() != null) {
                for (V1NodeAddress address : node.getStatus().getAddresses()) {
                    if (address != null && address.getType() != null && address.getAddress() != null) {
                        addresses.add(new NodeAddress(address.getType(), address.getAddress()));
                    }
                }
            }
        }
        final boolean unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        final boolean excluded = meta.getLabels() != null && meta.getLabels().containsKey(NodeInfo.EXCLUDE_LABEL);
        return new NodeInfo(meta.getName(), ready, networkUnavailable, unschedulable, excluded, addresses,
            beingDeleted(node));
    }

    /**
     * Deleted (a finalizer still holds the object) or marked by cluster-autoscaler for scale-down: the node is
     * leaving on purpose, whatever its Ready condition still says.
     */
    private static boolean beingDeleted(final V1Node node) {
        if (node.getMetadata().getDeletionTimestamp() != null) {
            return true;
        }
        final List<V1Taint> taints = node.getSpec() == null ? null : node.getSpec().getTaints();
        return taints != null && taints.stream()
            .anyMatch(taint -> taint != null && NodeInfo.TO_BE_DELETED_TAINT.equals(taint.getKey()));
    }

    // unset conditions: ready means true, serving follows ready, terminating means false (EndpointSlice API)
    private static EndpointCounts countsOf(final V1EndpointConditions conditions) {
        final Boolean readyCondition = conditions == null ? null : conditions.getReady();
        final Boolean servingCondition = conditions == null ? null : conditions.getServing();
        final Boolean terminatingCondition = conditions == null ? null : conditions.getTerminating();
        final boolean ready = readyCondition == null || readyCondition;
        final boolean serving = servingCondition == null ? ready : servingCondition;
        final boolean terminating = terminatingCondition != null && terminatingCondition;
        return new EndpointCounts(ready ? 1 : 0, serving ? 1 : 0, terminating ? 1 : 0);
    }

    private static IpFamily familyOf(final String addressType) {
        if ("IPv4".equals(addressType)) {
            return IpFamily.IPV4;
        }
        if ("IPv6".equals(addressType)) {
            return IpFamily.IPV6;
        }
        // FQDN slices name no address a route could point at
        return null;
    }

    private static ServiceType typeOf(final String type) {
        if (type == null) {
            return ServiceType.CLUSTER_IP;
        }
        return switch (type) {
            case "NodePort" -> ServiceType.NODE_PORT;
            case "LoadBalancer" -> ServiceType.LOAD_BALANCER;
            case "ExternalName" -> ServiceType.EXTERNAL_NAME;
            default -> ServiceType.CLUSTER_IP;
        };
    }

    private static TrafficPolicy policyOf(final String policy) {
        return "Local".equals(policy) ? TrafficPolicy.LOCAL : TrafficPolicy.CLUSTER;
    }
}
