/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import io.kubeanycast.source.api.EventType;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import io.kubeanycast.source.model.Vip;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kubernetes Events one route computation calls for, compared with the one before: what changed for each
 * VIP, never what stayed the same.
 *
 * <ul>
 *   <li>{@value #ANNOUNCED} (Normal): a VIP is announced now and was not, or from another set of nodes, or as
 *       another prefix: {@code 203.0.113.10/32 announced from node1, node3}.</li>
 *   <li>{@value #WITHDRAWN} (Normal): a VIP announced before is announced from no node now, or is no longer a VIP
 *       of its (still existing) Service; the message says why.</li>
 *   <li>{@value #REFUSED} (Warning): a VIP is newly refused as malformed, outside {@code announce.external-cidrs}
 *       (or its namespace's list), outside {@code announce.cluster-cidrs}, claimed by an older Service, or a
 *       load-balancer IP with {@code ipMode: Proxy}, or refused for another detail than before.</li>
 *   <li>{@value #INVALID_ANNOTATION} (Warning): a new finding about a {@code kube-anycast.io/} annotation:
 *       malformed, or outside the administrator's {@link AnnotationLimits}.</li>
 *   <li>{@value #NODE_LOSS_GUARD} (Warning): the mass node-loss guard ({@link NodeLossGuard}) engaged and keeps
 *       announcing VIPs of the Service from nodes that lost readiness; on each such Service.</li>
 *   <li>{@value #NODE_LOSS_GUARD_RELEASED} (Normal): the guard released; on each Service that had such VIPs.</li>
 * </ul>
 *
 * <p>Without a previous computation (the first after a start) every announced VIP, refusal and annotation
 * finding is reported once. Services that disappeared get no Event (there is no object to attach it to).
 *
 * <p>Pure and stateless; thread-safe.
 */
public final class ServiceEvents {
    public static final String ANNOUNCED = "Announced";
    public static final String WITHDRAWN = "Withdrawn";
    public static final String REFUSED = "Refused";
    public static final String INVALID_ANNOTATION = "InvalidAnnotation";
    public static final String NODE_LOSS_GUARD = "NodeLossGuard";
    public static final String NODE_LOSS_GUARD_RELEASED = "NodeLossGuardReleased";

    private static final Set<VipRefusal.Reason> REPORTED_REFUSALS = EnumSet.of(VipRefusal.Reason.MALFORMED_ADDRESS,
        VipRefusal.Reason.OUTSIDE_ALLOW_LIST, VipRefusal.Reason.OUTSIDE_CLUSTER_CIDRS,
        VipRefusal.Reason.CLAIMED_BY_OTHER_SERVICE, VipRefusal.Reason.PROXY_IP_MODE);

    private record VipKey(ServiceId service, Vip vip) {
    }

    private ServiceEvents() {
        // utility class
    }

    /**
     * The Events for the change from {@code before} to {@code after}, Service by Service in the order of
     * {@code after}, then VIPs that disappeared from a Service, then annotation findings.
     *
     * @param before the previous computation; empty for the first one
     * @param after the new computation
     * @return the Events, empty when no decision changed
     */
    public static List<ServiceEvent> between(final Optional<RouteComputation> before, final RouteComputation after) {
        final Map<VipKey, VipDecision> previous = new LinkedHashMap<>();
        before.ifPresent(computation -> computation.services().values()
            .forEach(decisions -> decisions.forEach(decision -> previous.put(key(decision), decision))));
        final List<ServiceEvent> events = new ArrayList<>();
        nodeLossEvents(before, after, events);
        for (List<VipDecision> decisions : after.services().values()) {
            for (VipDecision decision : decisions) {
                compare(previous.remove(key(decision)), decision, events);
            }
        }
        for (VipDecision gone : previous.values()) {
            if (gone.isAnnounced() && after.services().containsKey(gone.service())) {
                events.add(new ServiceEvent(gone.service(), EventType.NORMAL, WITHDRAWN, gone.prefix().orElseThrow()
                    + " withdrawn: " + gone.vip().address() + " is no longer a VIP of the Service"));
            }
        }
        final Set<Finding> known = before.map(computation -> (Set<Finding>) new HashSet<>(computation.findings()))
            .orElse(Set.of());
        for (Finding finding : after.findings()) {
            if (isAnnotationFinding(finding) && !known.contains(finding)) {
                serviceOf(finding).ifPresent(service -> events.add(new ServiceEvent(service, EventType.WARNING,
                    INVALID_ANNOTATION, finding.item() + ": " + finding.reason())));
            }
        }
        return events;
    }

    /**
     * One Event per Service whose announcement the guard's engagement or release concerns: Events go to Services,
     * and a Service's Events are where its users look.
     */
    private static void nodeLossEvents(final Optional<RouteComputation> before, final RouteComputation after,
            final List<ServiceEvent> events) {
        final NodeLossStatus was = before.map(RouteComputation::nodeLoss).orElse(NodeLossStatus.NONE);
        final NodeLossStatus now = after.nodeLoss();
        if (now.engaged() && !was.engaged()) {
            after.services().forEach((service, decisions) -> {
                final Set<String> prefixes = new TreeSet<>();
                final Set<String> held = new TreeSet<>();
                heldPrefixes(decisions, now, prefixes, held);
                if (!prefixes.isEmpty()) {
                    events.add(new ServiceEvent(service, EventType.WARNING, NODE_LOSS_GUARD, "mass node loss: "
                        + now.lost() + " of " + now.considered() + " nodes lost readiness within "
                        + now.window().toMillis() + " ms; " + String.join(", ", prefixes) + " still announced from "
                        + NodeLossGuard.names(held) + " as they were before (mass node-loss guard)"));
                }
            });
        } else if (was.engaged() && !now.engaged()) {
            before.orElseThrow().services().forEach((service, decisions) -> {
                final Set<String> prefixes = new TreeSet<>();
                heldPrefixes(decisions, was, prefixes, new TreeSet<>());
                if (!prefixes.isEmpty() && after.services().containsKey(service)) {
                    events.add(new ServiceEvent(service, EventType.NORMAL, NODE_LOSS_GUARD_RELEASED,
                        "mass node-loss guard released: " + String.join(", ", prefixes)
                            + " announced by node readiness again"));
                }
            });
        }
    }

    private static void heldPrefixes(final List<VipDecision> decisions, final NodeLossStatus status,
            final Set<String> prefixes, final Set<String> held) {
        for (VipDecision decision : decisions) {
            for (String node : decision.nodes().announcedFrom().keySet()) {
                if (status.held().containsKey(node)) {
                    prefixes.add(decision.prefix().orElseThrow());
                    held.add(node);
                }
            }
        }
    }

    private static void compare(final VipDecision previous, final VipDecision current,
            final List<ServiceEvent> events) {
        final boolean wasAnnounced = previous != null && previous.isAnnounced();
        if (current.isAnnounced()) {
            if (!wasAnnounced || !previous.prefix().equals(current.prefix())
                    || !previous.nodes().announcedFrom().keySet().equals(current.nodes().announcedFrom().keySet())) {
                events.add(new ServiceEvent(current.service(), EventType.NORMAL, ANNOUNCED, announced(current)));
            }
            return;
        }
        if (wasAnnounced) {
            events.add(new ServiceEvent(current.service(), EventType.NORMAL, WITHDRAWN,
                previous.prefix().orElseThrow() + " withdrawn: " + whyNotAnnounced(current)));
        }
        final Optional<VipRefusal> refusal = current.refusal();
        if (refusal.isPresent() && REPORTED_REFUSALS.contains(refusal.orElseThrow().reason())
                && (previous == null || !previous.refusal().equals(refusal))) {
            final String detail = refusal.orElseThrow().detail();
            events.add(new ServiceEvent(current.service(), EventType.WARNING, REFUSED,
                detail.contains("announced") ? detail : detail + "; not announced"));
        }
    }

    private static String announced(final VipDecision decision) {
        final String prefix = decision.prefix().orElseThrow();
        final String nodes = String.join(", ", decision.nodes().announcedFrom().keySet());
        final boolean hostRoute = prefix.endsWith("/32") || prefix.endsWith("/128");
        return (hostRoute ? prefix : decision.vip().address() + " in aggregate " + prefix) + " announced from "
            + nodes + (decision.draining() ? " (draining: only terminating endpoints are left)" : "");
    }

    private static String whyNotAnnounced(final VipDecision decision) {
        if (decision.refusal().isPresent()) {
            return decision.refusal().orElseThrow().detail();
        }
        final Map<NodeExclusion, Set<String>> byReason = new EnumMap<>(NodeExclusion.class);
        decision.nodes().leftOut().forEach((node, reason) ->
            byReason.computeIfAbsent(reason, ignored -> new TreeSet<>()).add(node));
        if (byReason.isEmpty()) {
            return "the cluster has no nodes";
        }
        final List<String> parts = new ArrayList<>(byReason.size());
        byReason.forEach((reason, nodes) -> parts.add(String.join(", ", nodes) + ": " + reason.description()));
        return "no node announces it (" + String.join("; ", parts) + ")";
    }

    private static boolean isAnnotationFinding(final Finding finding) {
        return finding.subjectKind() == Finding.SubjectKind.SERVICE
            && finding.item().startsWith(ServiceInfo.ANNOTATION_PREFIX);
    }

    private static Optional<ServiceId> serviceOf(final Finding finding) {
        final int slash = finding.subject().indexOf('/');
        return slash <= 0 ? Optional.empty() : Optional.of(new ServiceId(finding.subject().substring(0, slash),
            finding.subject().substring(slash + 1)));
    }

    private static VipKey key(final VipDecision decision) {
        return new VipKey(decision.service(), decision.vip());
    }
}
