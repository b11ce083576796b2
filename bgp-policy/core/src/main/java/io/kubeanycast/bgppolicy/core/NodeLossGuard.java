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
import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.NodeInfo;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The mass node-loss guard, a panic threshold like Envoy's and like the node lifecycle controller's full-disruption
 * mode: when the API server loses its kubelets (a control-plane partition, an overloaded API server), every node
 * turns Unknown at once although the data plane still works, and following readiness would withdraw every VIP and
 * cluster CIDR. When more than {@code nodes.mass-loss-threshold-percent} of the eligible nodes lose readiness within
 * {@code nodes.mass-loss-window-ms}, or all of them do, the guard engages and the lost nodes are announced from
 * their last good state (their node facts and their endpoints as in the last snapshot in which they were
 * eligible) until the lost share is back at or below the threshold; then the nodes still lost are withdrawn.
 *
 * <p>What counts as a loss: Ready turning False or Unknown, or NetworkUnavailable turning True, on a node that was
 * eligible in the previous snapshot. A node that leaves on purpose never counts and is never held: deleted from the
 * API, being deleted ({@code deletionTimestamp}, cluster-autoscaler's {@code ToBeDeletedByClusterAutoscaler}
 * taint), cordoned (a drain for maintenance, whether or not {@code nodes.exclude-cordoned}) or labelled
 * {@code node.kubernetes.io/exclude-from-external-load-balancers}. A loss older than the window while the guard is
 * not engaged is settled: that node is withdrawn as usual and no longer counted. Below the threshold every lost node
 * is withdrawn at once, as without the guard. The share is taken of the nodes eligible now plus those counted as
 * lost. Without a previous snapshot (the first one after a start) nothing is held.
 *
 * <p>Changes to Services while engaged still apply (a new Service is announced from the eligible nodes and the
 * held nodes it had endpoints on then, which is none for a new one); only the held nodes' own facts are frozen.
 *
 * <p>Pure apart from its own memory, and deterministic: time is the caller's {@code now}. Threading: not
 * thread-safe; one instance per pipeline, used by its single worker thread. Memory: a reference to the previous
 * snapshot, and per node counted as lost its last good node facts and per-Service endpoint counts (so at most one
 * snapshot's worth of endpoint counts).
 */
public final class NodeLossGuard {
    private static final int NAMES_SHOWN = 10;

    /** The facts a lost node is announced with while held. */
    private record LastGood(NodeInfo node, Map<ServiceId, Map<IpFamily, EndpointCounts>> endpoints) {
    }

    private enum Health {
        ELIGIBLE,
        /** Lost readiness or network: counted and held. */
        LOST,
        /** Ineligible for a reason someone chose: never counted, never held. */
        LEAVING
    }

    private final Consumer<String> transitions;
    private final Map<String, Instant> lostSince = new HashMap<>();
    private final Map<String, LastGood> lastGood = new HashMap<>();
    private ClusterState previous = ClusterState.EMPTY;
    private Set<String> eligibleBefore = Set.of();
    // null while not engaged
    private Instant engagedSince;

    /**
     * A guard that reports each engagement and release as one sentence.
     *
     * @param transitions receives a sentence when the guard engages or releases (the caller logs it)
     */
    public NodeLossGuard(final Consumer<String> transitions) {
        this.transitions = requireNonNull(transitions);
    }

    /**
     * Compute the routes of a snapshot, with the lost nodes held while the guard is engaged.
     *
     * @param computer the route computation
     * @param state the new snapshot (or the last one again, for a retry)
     * @param policy the route policy, which holds the guard's threshold and window
     * @param now the time of this computation
     * @return the computation, with {@link RouteComputation#nodeLoss()} saying what the guard did
     */
    public RouteComputation compute(final RouteComputer computer, final ClusterState state, final Policy policy,
            final Instant now) {
        final NodeLossStatus status = update(requireNonNull(state), requireNonNull(policy), requireNonNull(now));
        final RouteComputation result = computer.compute(status.engaged() ? withHeldNodes(state) : state, policy);
        return new RouteComputation(result.paths(), result.clusterCidrs(), result.services(), result.findings(),
            status);
    }

    private NodeLossStatus update(final ClusterState state, final Policy policy, final Instant now) {
        final Map<String, Health> health = new HashMap<>();
        final Set<String> eligibleNow = new HashSet<>();
        for (NodeInfo node : state.nodes().values()) {
            final Health nodeHealth = health(node, policy);
            health.put(node.name(), nodeHealth);
            if (nodeHealth == Health.ELIGIBLE) {
                eligibleNow.add(node.name());
            }
        }
        final Duration window = policy.massLossWindow();
        if (window.isZero()) {
            if (engagedSince != null) {
                transitions.accept("Mass node-loss guard switched off (" + Policy.MASS_LOSS_WINDOW_MS + " is 0): "
                    + "nodes are announced by their own readiness again");
            }
            forget(state, eligibleNow);
            return new NodeLossStatus(false, Optional.empty(), new TreeMap<>(), 0, eligibleNow.size(),
                policy.massLossThresholdPercent(), window);
        }
        for (String name : eligibleBefore) {
            if (health.get(name) == Health.LOST && !lostSince.containsKey(name)) {
                lostSince.put(name, now);
                lastGood.put(name, lastGood(previous, name));
            }
        }
        // back, leaving on purpose or deleted: no longer counted
        lostSince.keySet().removeIf(name -> health.get(name) != Health.LOST);
        if (engagedSince == null) {
            lostSince.values().removeIf(since -> Duration.between(since, now).compareTo(window) > 0);
        }
        lastGood.keySet().retainAll(lostSince.keySet());

        final int lost = lostSince.size();
        final int considered = eligibleNow.size() + lost;
        final boolean over = lost > 0
            && (lost == considered || lost * 100L > (long) policy.massLossThresholdPercent() * considered);
        final String counts = lost + " of " + considered + " nodes lost readiness within " + window.toMillis()
            + " ms (threshold " + policy.massLossThresholdPercent() + " %)";
        if (engagedSince == null && over) {
            engagedSince = now;
            transitions.accept("Mass node-loss guard engaged: " + counts + "; still announcing from their last"
                + " good state: " + names(new TreeSet<>(lostSince.keySet())));
        } else if (engagedSince != null && !over) {
            transitions.accept("Mass node-loss guard released after " + Duration.between(engagedSince, now).toSeconds()
                + " s: " + counts + "; nodes are announced by their own readiness again"
                + (lost == 0 ? "" : ", withdrawing " + names(new TreeSet<>(lostSince.keySet()))));
            engagedSince = null;
            lostSince.clear();
            lastGood.clear();
        }
        previous = state;
        eligibleBefore = eligibleNow;

        final SortedMap<String, NodeExclusion> held = new TreeMap<>();
        if (engagedSince != null) {
            lostSince.keySet().forEach(name -> held.put(name,
                NodeCatalog.exclusion(state.nodes().get(name), policy).orElseThrow()));
        }
        return new NodeLossStatus(engagedSince != null, Optional.ofNullable(engagedSince), held, lostSince.size(),
            eligibleNow.size() + lostSince.size(), policy.massLossThresholdPercent(), window);
    }

    private void forget(final ClusterState state, final Set<String> eligibleNow) {
        engagedSince = null;
        lostSince.clear();
        lastGood.clear();
        previous = state;
        eligibleBefore = eligibleNow;
    }

    private static Health health(final NodeInfo node, final Policy policy) {
        if (NodeCatalog.exclusion(node, policy).isEmpty()) {
            return Health.ELIGIBLE;
        }
        if (node.beingDeleted() || node.unschedulable() || node.excludedFromExternalLoadBalancers()) {
            return Health.LEAVING;
        }
        return Health.LOST;
    }

    /** The node as the snapshot it was last eligible in knew it, with its endpoint counts per Service. */
    private static LastGood lastGood(final ClusterState state, final String name) {
        final Map<ServiceId, Map<IpFamily, EndpointCounts>> endpoints = new HashMap<>();
        for (ServiceInfo service : state.services().values()) {
            final Map<IpFamily, EndpointCounts> counts = new EnumMap<>(IpFamily.class);
            for (IpFamily family : IpFamily.values()) {
                final EndpointCounts onNode = service.endpointsOn(name, family);
                if (!onNode.isEmpty()) {
                    counts.put(family, onNode);
                }
            }
            if (!counts.isEmpty()) {
                endpoints.put(service.id(), counts);
            }
        }
        return new LastGood(state.nodes().get(name), endpoints);
    }

    /** The snapshot with every held node, and its endpoints, as they were when it was last eligible. */
    private ClusterState withHeldNodes(final ClusterState state) {
        final Map<String, NodeInfo> nodes = new TreeMap<>(state.nodes());
        lastGood.forEach((name, good) -> nodes.put(name, good.node()));
        final Map<ServiceId, ServiceInfo> services = new TreeMap<>();
        for (ServiceInfo service : state.services().values()) {
            services.put(service.id(), withHeldEndpoints(service));
        }
        return ClusterState.of(services, nodes);
    }

    private ServiceInfo withHeldEndpoints(final ServiceInfo service) {
        final Map<IpFamily, Map<String, EndpointCounts>> endpoints = new EnumMap<>(IpFamily.class);
        service.endpoints().forEach((family, byNode) -> endpoints.put(family, new HashMap<>(byNode)));
        boolean changed = false;
        for (Map.Entry<String, LastGood> held : lastGood.entrySet()) {
            final Map<IpFamily, EndpointCounts> then = held.getValue().endpoints().getOrDefault(service.id(), Map.of());
            for (IpFamily family : IpFamily.values()) {
                final EndpointCounts good = then.getOrDefault(family, EndpointCounts.NONE);
                if (!good.equals(service.endpointsOn(held.getKey(), family))) {
                    changed = true;
                    final Map<String, EndpointCounts> byNode = endpoints.computeIfAbsent(family,
                        ignored -> new HashMap<>());
                    if (good.isEmpty()) {
                        byNode.remove(held.getKey());
                    } else {
                        byNode.put(held.getKey(), good);
                    }
                }
            }
        }
        if (!changed) {
            return service;
        }
        return new ServiceInfo(service.id(), service.type(), service.headless(), service.externalTrafficPolicy(),
            service.internalTrafficPolicy(), service.vips(), service.annotations(), endpoints,
            service.endpointsWithoutNode(), service.creationTimestamp(), service.loadBalancerClass(),
            service.loadBalancerIngress());
    }

    /** Node names for a log line: the first few, then how many more. */
    static String names(final Collection<String> names) {
        final List<String> sorted = List.copyOf(new TreeSet<>(names));
        if (sorted.size() <= NAMES_SHOWN) {
            return String.join(", ", sorted);
        }
        return String.join(", ", sorted.subList(0, NAMES_SHOWN)) + " and " + (sorted.size() - NAMES_SHOWN) + " more";
    }
}
