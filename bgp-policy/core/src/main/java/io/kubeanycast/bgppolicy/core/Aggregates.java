/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns externalTrafficPolicy Cluster external and load-balancer VIPs into covering prefixes
 * ({@code route.aggregate-length-v4/-v6}). The rules that keep an aggregate safe:
 * <ol>
 * <li>An aggregate must lie inside one {@code announce.external-cidrs} entry, because it attracts traffic for
 *     every address it covers; otherwise its VIPs are announced as host routes and a finding says why.</li>
 * <li>It is announced from a node only if that node announces every VIP it covers (the intersection of their
 *     node sets), so no node attracts traffic for a VIP it would not announce on its own.</li>
 * <li>It exists only while at least one VIP it covers is announced; refused and withdrawn VIPs do not count.</li>
 * <li>Only VIPs whose paths carry the configured attributes are aggregated (the caller's job): one aggregate
 *     path per node cannot carry several Services' annotations.</li>
 * </ol>
 * Used by one computation on one thread; not thread-safe.
 */
final class Aggregates {
    /**
     * A VIP waiting for its aggregate to be resolved.
     *
     * @param hostRoute the decision if it were announced as a host route
     * @param decisions the Service's decision list, where {@code index} holds a placeholder
     * @param index the position of this VIP's decision
     */
    private record Member(VipDecision hostRoute, List<VipDecision> decisions, int index) {
    }

    private final Map<IpPrefix, List<Member>> groups = new LinkedHashMap<>();

    /**
     * Put a VIP into its aggregate and reserve its place in the Service's decision list.
     */
    void add(final IpPrefix aggregate, final VipDecision hostRoute, final List<VipDecision> decisions) {
        groups.computeIfAbsent(aggregate, key -> new ArrayList<>()).add(
            new Member(hostRoute, decisions, decisions.size()));
        decisions.add(null);
    }

    /**
     * Decide every aggregate, add its paths and fill in the reserved decisions.
     */
    void resolve(final Policy policy, final PathCollector paths, final List<Finding> findings) {
        groups.forEach((aggregate, members) -> {
            if (policy.externalCidrs().stream().anyMatch(allowed -> allowed.contains(aggregate))) {
                announceAggregate(aggregate, members, policy, paths);
            } else {
                findings.add(Finding.prefix(aggregate.toString(), Policy.EXTERNAL_CIDRS,
                    "aggregate not inside one allowed external CIDR; its " + members.size()
                        + " VIP(s) are announced as host routes"));
                for (Member member : members) {
                    final VipDecision host = member.hostRoute();
                    member.decisions().set(member.index(), host);
                    paths.add(host.prefix().orElseThrow(), aggregate.family(), host.nodes(), host.attributes(),
                        "service " + host.service());
                }
            }
        });
    }

    private static void announceAggregate(final IpPrefix aggregate, final List<Member> members,
            final Policy policy, final PathCollector paths) {
        final SortedMap<String, String> common = new TreeMap<>(members.get(0).hostRoute().nodes().announcedFrom());
        for (Member member : members) {
            common.keySet().retainAll(member.hostRoute().nodes().announcedFrom().keySet());
        }
        final NodeSelection commonNodes = new NodeSelection(common, new TreeMap<>());
        for (Member member : members) {
            final VipDecision host = member.hostRoute();
            final SortedMap<String, NodeExclusion> leftOut = new TreeMap<>(host.nodes().leftOut());
            host.nodes().announcedFrom().keySet().stream()
                .filter(node -> !common.containsKey(node))
                .forEach(node -> leftOut.put(node, NodeExclusion.NOT_COMMON_TO_AGGREGATE));
            member.decisions().set(member.index(), new VipDecision(host.service(), host.vip(),
                Optional.of(aggregate.toString()), Optional.empty(), new NodeSelection(common, leftOut),
                false, host.attributes()));
        }
        paths.add(aggregate.toString(), aggregate.family(), commonNodes, policy.attributes(),
            "aggregate " + aggregate);
    }
}
