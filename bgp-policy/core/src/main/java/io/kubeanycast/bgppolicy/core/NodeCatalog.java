/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.NodeAddress;
import io.kubeanycast.source.model.NodeInfo;
import io.kubeanycast.source.model.ServiceInfo;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The nodes of one computation with their eligibility and next hops, worked out once so that each VIP costs
 * only a look-up per node. Built and used by one computation on one thread; not thread-safe.
 */
final class NodeCatalog {
    /**
     * One node as route computation sees it.
     *
     * @param name the node name
     * @param exclusion the node-wide reason it announces nothing, if any
     * @param nextHops its canonical next hop per family (absent: no usable address of that family)
     */
    private record Entry(String name, Optional<NodeExclusion> exclusion, Map<IpFamily, String> nextHops) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> entriesByName = new HashMap<>();
    private final Map<IpFamily, NodeSelection> everyEligible = new EnumMap<>(IpFamily.class);

    NodeCatalog(final Map<String, NodeInfo> nodes, final Policy policy, final List<Finding> findings) {
        // The caller passes the state's sorted map, so entries, and hence every selection, are in name order.
        for (NodeInfo node : nodes.values()) {
            final Map<IpFamily, String> nextHops = new EnumMap<>(IpFamily.class);
            for (IpFamily family : IpFamily.values()) {
                nextHop(node, family, policy.nextHopFallbackExternal(), findings)
                    .ifPresent(hop -> nextHops.put(family, hop));
            }
            final Entry entry = new Entry(node.name(), exclusion(node, policy), nextHops);
            entries.add(entry);
            entriesByName.put(entry.name(), entry);
        }
        for (IpFamily family : IpFamily.values()) {
            everyEligible.put(family, select(family, null));
        }
    }

    /**
     * Every eligible node with a next hop of the family: where the cluster CIDRs and externalTrafficPolicy
     * Cluster VIPs are announced from. The same instance for every call.
     */
    NodeSelection everyEligible(final IpFamily family) {
        return everyEligible.get(family);
    }

    /**
     * The eligible nodes with a ready endpoint of the Service and family (externalTrafficPolicy or
     * internalTrafficPolicy Local). When no eligible node has one, the nodes whose endpoints still serve while
     * terminating are selected instead, so established traffic drains (then {@link SelectedNodes#draining()}).
     */
    SelectedNodes withLocalEndpoints(final ServiceInfo service, final IpFamily family) {
        final NodeSelection ready = select(family, service);
        if (!ready.isEmpty()) {
            return new SelectedNodes(ready, false);
        }
        // Nobody has a ready endpoint: reconsider the nodes that only have serving, terminating ones.
        final SortedMap<String, String> draining = new TreeMap<>();
        final SortedMap<String, NodeExclusion> leftOut = new TreeMap<>(ready.leftOut());
        ready.leftOut().forEach((node, reason) -> {
            if (reason == NodeExclusion.ONLY_TERMINATING_ENDPOINTS) {
                draining.put(node, entriesByName.get(node).nextHops().get(family));
                leftOut.remove(node);
            }
        });
        return draining.isEmpty() ? new SelectedNodes(ready, false)
            : new SelectedNodes(new NodeSelection(draining, leftOut), true);
    }

    /**
     * The nodes chosen for a VIP.
     *
     * @param nodes the nodes
     * @param draining they were chosen for their serving, terminating endpoints (graceful drain)
     */
    record SelectedNodes(NodeSelection nodes, boolean draining) {
    }

    /** Node by node; with a Service, a node also needs a ready endpoint of it (null: no endpoint needed). */
    private NodeSelection select(final IpFamily family, final ServiceInfo service) {
        final SortedMap<String, String> announced = new TreeMap<>();
        final SortedMap<String, NodeExclusion> leftOut = new TreeMap<>();
        for (Entry entry : entries) {
            final String hop = entry.nextHops().get(family);
            if (entry.exclusion().isPresent()) {
                leftOut.put(entry.name(), entry.exclusion().orElseThrow());
            } else if (hop == null) {
                leftOut.put(entry.name(), NodeExclusion.NO_ADDRESS_OF_FAMILY);
            } else if (service == null || service.endpointsOn(entry.name(), family).hasReady()) {
                announced.put(entry.name(), hop);
            } else if (service.endpointsOn(entry.name(), family).hasServingNotReady()) {
                leftOut.put(entry.name(), NodeExclusion.ONLY_TERMINATING_ENDPOINTS);
            } else if (hasReadyWithoutNode(service, family)) {
                // not this node's fault: the Service's ready endpoints do not say where they run
                leftOut.put(entry.name(), NodeExclusion.ENDPOINT_WITHOUT_NODE);
            } else {
                leftOut.put(entry.name(), NodeExclusion.NO_READY_ENDPOINT);
            }
        }
        return new NodeSelection(announced, leftOut);
    }

    /**
     * Whether the Service has ready endpoints of the family whose {@code nodeName} is unset.
     */
    static boolean hasReadyWithoutNode(final ServiceInfo service, final IpFamily family) {
        return service.endpointsWithoutNode().getOrDefault(family, EndpointCounts.NONE).hasReady();
    }

    /**
     * The node-wide reason a node announces nothing, if any; the first that applies in {@link NodeExclusion}
     * order.
     */
    static Optional<NodeExclusion> exclusion(final NodeInfo node, final Policy policy) {
        if (node.beingDeleted()) {
            return Optional.of(NodeExclusion.BEING_DELETED);
        }
        if (!node.ready()) {
            return Optional.of(NodeExclusion.NOT_READY);
        }
        if (node.networkUnavailable()) {
            return Optional.of(NodeExclusion.NETWORK_UNAVAILABLE);
        }
        if (node.excludedFromExternalLoadBalancers()) {
            return Optional.of(NodeExclusion.EXCLUDED_BY_LABEL);
        }
        if (policy.excludeCordoned() && node.unschedulable()) {
            return Optional.of(NodeExclusion.CORDONED);
        }
        return Optional.empty();
    }

    /**
     * The first valid InternalIP of the family, else (if allowed) the first valid ExternalIP. An address that does
     * not parse is reported and skipped, so one bad entry cannot take a node's other addresses down with it.
     */
    private static Optional<String> nextHop(final NodeInfo node, final IpFamily family,
            final boolean fallbackExternal, final List<Finding> findings) {
        final Optional<String> internal = firstValid(node, NodeAddress.INTERNAL_IP, family, findings);
        if (internal.isPresent() || !fallbackExternal) {
            return internal;
        }
        return firstValid(node, NodeAddress.EXTERNAL_IP, family, findings);
    }

    private static Optional<String> firstValid(final NodeInfo node, final String type, final IpFamily family,
            final List<Finding> findings) {
        for (NodeAddress address : node.addresses()) {
            if (type.equals(address.type()) && address.isIp(family)) {
                final Optional<IpAddress> parsed = IpAddress.tryParse(address.address());
                if (parsed.isPresent() && parsed.orElseThrow().family() == family) {
                    return Optional.of(parsed.orElseThrow().toString());
                }
                findings.add(Finding.node(node.name(), type + " " + address.address(),
                    "not a valid " + family + " address; not used as next hop"));
            }
        }
        return Optional.empty();
    }
}
