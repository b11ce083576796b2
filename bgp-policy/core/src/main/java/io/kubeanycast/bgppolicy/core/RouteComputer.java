/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.source.model.ClusterState;

/**
 * The pure route computation: from a cluster snapshot and the policy to the paths kube-anycast wants in the
 * application RIB (docs/operations.md, section 1), with the reason for every VIP and every node left out.
 *
 * <p>The contract, per address family (next hop = the node's InternalIP of the prefix's family, or its ExternalIP
 * when {@code nodes.next-hop-fallback-external} allows; a node without one announces nothing of that family):
 * <ul>
 * <li>Eligible node: not being deleted ({@code deletionTimestamp}, {@code ToBeDeletedByClusterAutoscaler}
 *     taint), Ready, not NetworkUnavailable, no {@code node.kubernetes.io/exclude-from-external-load-
 *     balancers} label, and not cordoned when {@code nodes.exclude-cordoned}.</li>
 * <li>Each {@code announce.cluster-cidrs} entry: from every eligible node.</li>
 * <li>External and load-balancer IPs (if their kind is enabled and they lie inside {@code announce.external-cidrs};
 *     otherwise refused: the hijack guard): externalTrafficPolicy Local as /32 or /128 from the eligible nodes
 *     with a ready endpoint of the family; Cluster from every eligible node, withdrawn when the Service has no
 *     ready or serving endpoint of the family anywhere ({@code announce.withdraw-without-endpoints}), and
 *     aggregated when {@code route.aggregate-length-v4/-v6} is set (rules in {@link Aggregates}).</li>
 * <li>ClusterIPs ({@code announce.cluster-ip = local}): only of Services with internalTrafficPolicy or
 *     externalTrafficPolicy Local, only inside {@code announce.cluster-cidrs}, like externalTrafficPolicy Local.</li>
 * <li>Graceful drain: when no eligible node has a ready endpoint of a Local VIP's family, the eligible nodes with
 *     serving, terminating endpoints announce it until those stop serving.</li>
 * <li>Load-balancer IPs: only of Services of {@code announce.load-balancer-class} (or of no class, when
 *     {@code announce.class-less-load-balancers}), never with ingress {@code ipMode: Proxy}; a hostname-only
 *     ingress entry is reported.</li>
 * <li>Local VIPs whose ready endpoints have no {@code nodeName}: reported, and the nodes are left out for that
 *     reason rather than for having no endpoint.</li>
 * <li>Headless and ExternalName Services: nothing.</li>
 * <li>One external or load-balancer IP belongs to one Service, the oldest claim ({@link VipOwners}); the
 *     others are refused. A namespace with {@code announce.external-cidrs.<namespace>} is held to that list
 *     too.</li>
 * <li>Attributes: {@code route.*} plus the Service's valid annotations within {@code annotations.*}
 *     ({@link ServiceAnnotations}, {@link AnnotationLimits}).</li>
 * </ul>
 *
 * <p>Deterministic: equal inputs give equal results, whatever order the state's maps were filled in. The cost
 * is linear in VIPs times nodes. Stateless and thread-safe: one instance may serve concurrent computations.
 */
public final class RouteComputer {

    /**
     * Compute the desired paths and the decisions behind them.
     *
     * @param state the cluster snapshot
     * @param policy the route policy
     * @return the paths, per-VIP decisions and findings
     */
    public RouteComputation compute(final ClusterState state, final Policy policy) {
        return new ComputationRun(requireNonNull(state), requireNonNull(policy)).compute();
    }
}
