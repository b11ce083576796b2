/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeanycast.source.api.EventType;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which Kubernetes Events a change of VIP decisions calls for: one row per case, the decisions before (none:
 * first computation), after, and the Events expected.
 */
class ServiceEventsTest {
    private static final ServiceId WEB = new ServiceId("shop", "web");
    private static final ServiceId API = new ServiceId("shop", "api");
    private static final Vip LB = Vip.of("203.0.113.10", VipKind.LOAD_BALANCER_IP);
    private static final Vip OUTSIDE = Vip.of("198.51.100.99", VipKind.EXTERNAL_IP);
    private static final Vip API_LB = Vip.of("203.0.113.20", VipKind.LOAD_BALANCER_IP);
    private static final Finding BAD_LOCAL_PREF = new Finding(Finding.SubjectKind.SERVICE, "shop/web",
        ServiceAnnotations.LOCAL_PREF, "'high' is not an integer 0..4294967295; ignored, route.local-pref applies");
    private static final Finding BAD_NODE_ADDRESS = new Finding(Finding.SubjectKind.NODE, "node1",
        "InternalIP 10.0.0.x", "not an address");
    private static final Finding OUTSIDE_FINDING = new Finding(Finding.SubjectKind.SERVICE, "shop/web",
        "EXTERNAL_IP 198.51.100.99", "outside");

    private static VipDecision announced(final ServiceId service, final Vip vip, final String prefix,
            final String... nodes) {
        final Map<String, String> from = new TreeMap<>();
        Arrays.stream(nodes).forEach(node -> from.put(node, "192.0.2." + node.substring(4)));
        final Map<String, NodeExclusion> leftOut = new TreeMap<>();
        for (String node : List.of("node1", "node2", "node3")) {
            if (!from.containsKey(node)) {
                leftOut.put(node, NodeExclusion.NO_READY_ENDPOINT);
            }
        }
        return new VipDecision(service, vip, Optional.of(prefix), Optional.empty(),
            new NodeSelection(new TreeMap<>(from), new TreeMap<>(leftOut)), false, PathAttributes.DEFAULT);
    }

    private static VipDecision nowhere(final ServiceId service, final Vip vip, final NodeExclusion why) {
        return new VipDecision(service, vip, Optional.of(vip.address() + "/32"), Optional.empty(),
            new NodeSelection(new TreeMap<>(), new TreeMap<>(Map.of("node1", why, "node2", why,
                "node3", NodeExclusion.NOT_READY))), false, PathAttributes.DEFAULT);
    }

    private static VipDecision refused(final ServiceId service, final Vip vip, final VipRefusal.Reason reason,
            final String detail) {
        return VipDecision.refused(service, vip, reason, detail, PathAttributes.DEFAULT);
    }

    private static RouteComputation computation(final List<Finding> findings, final VipDecision... decisions) {
        final Map<ServiceId, List<VipDecision>> services = new TreeMap<>();
        for (VipDecision decision : decisions) {
            services.computeIfAbsent(decision.service(), id -> new java.util.ArrayList<>()).add(decision);
        }
        return new RouteComputation(Set.of(), List.of(), new TreeMap<>(services), findings);
    }

    private static RouteComputation computation(final VipDecision... decisions) {
        return computation(List.of(), decisions);
    }

    private static ServiceEvent normal(final ServiceId service, final String reason, final String message) {
        return new ServiceEvent(service, EventType.NORMAL, reason, message);
    }

    private static ServiceEvent warning(final ServiceId service, final String reason, final String message) {
        return new ServiceEvent(service, EventType.WARNING, reason, message);
    }

    private static final String OUTSIDE_DETAIL =
        "198.51.100.99 is outside every announce.external-cidrs entry [203.0.113.0/24]; never announced";

    static Stream<Arguments> cases() {
        final RouteComputation web13 = computation(announced(WEB, LB, "203.0.113.10/32", "node1", "node3"));
        return Stream.of(
            Arguments.of("first computation records the announced state once", null, web13,
                List.of(normal(WEB, "Announced", "203.0.113.10/32 announced from node1, node3"))),
            Arguments.of("announce", computation(nowhere(WEB, LB, NodeExclusion.NO_READY_ENDPOINT)), web13,
                List.of(normal(WEB, "Announced", "203.0.113.10/32 announced from node1, node3"))),
            Arguments.of("unchanged: nothing", web13,
                computation(announced(WEB, LB, "203.0.113.10/32", "node1", "node3")), List.of()),
            Arguments.of("node change", web13, computation(announced(WEB, LB, "203.0.113.10/32", "node1")),
                List.of(normal(WEB, "Announced", "203.0.113.10/32 announced from node1"))),
            Arguments.of("into an aggregate", web13,
                computation(announced(WEB, LB, "203.0.113.0/24", "node1", "node3")),
                List.of(normal(WEB, "Announced", "203.0.113.10 in aggregate 203.0.113.0/24 announced from node1,"
                    + " node3"))),
            Arguments.of("withdraw: no endpoints left", web13,
                computation(nowhere(WEB, LB, NodeExclusion.NO_READY_ENDPOINT)),
                List.of(normal(WEB, "Withdrawn", "203.0.113.10/32 withdrawn: no node announces it (node3: node is"
                    + " not Ready; node1, node2: no ready endpoint of the Service on this node)"))),
            Arguments.of("withdraw: refused now", web13,
                computation(refused(WEB, LB, VipRefusal.Reason.NO_ENDPOINTS, "no endpoint anywhere")),
                List.of(normal(WEB, "Withdrawn", "203.0.113.10/32 withdrawn: no endpoint anywhere"))),
            Arguments.of("withdraw: the VIP left the Service", computation(
                    announced(WEB, LB, "203.0.113.10/32", "node1"), announced(WEB, API_LB, "203.0.113.20/32", "node1")),
                computation(announced(WEB, API_LB, "203.0.113.20/32", "node1")),
                List.of(normal(WEB, "Withdrawn", "203.0.113.10/32 withdrawn: 203.0.113.10 is no longer a VIP of the"
                    + " Service"))),
            Arguments.of("deleted Service: nothing", computation(announced(API, API_LB, "203.0.113.20/32", "node1"),
                    announced(WEB, LB, "203.0.113.10/32", "node1")),
                computation(announced(WEB, LB, "203.0.113.10/32", "node1")), List.of()),
            Arguments.of("refusal outside the allow-list", web13, computation(
                    announced(WEB, LB, "203.0.113.10/32", "node1", "node3"),
                    refused(WEB, OUTSIDE, VipRefusal.Reason.OUTSIDE_ALLOW_LIST, OUTSIDE_DETAIL)),
                List.of(warning(WEB, "Refused", OUTSIDE_DETAIL))),
            Arguments.of("refusal unchanged: nothing",
                computation(refused(WEB, OUTSIDE, VipRefusal.Reason.OUTSIDE_ALLOW_LIST, OUTSIDE_DETAIL)),
                computation(refused(WEB, OUTSIDE, VipRefusal.Reason.OUTSIDE_ALLOW_LIST, OUTSIDE_DETAIL)), List.of()),
            Arguments.of("malformed address", null, computation(refused(WEB, Vip.of("10.0.0.300",
                    VipKind.EXTERNAL_IP), VipRefusal.Reason.MALFORMED_ADDRESS, "'10.0.0.300' is not a valid IPV4"
                    + " address")),
                List.of(warning(WEB, "Refused", "'10.0.0.300' is not a valid IPV4 address; not announced"))),
            Arguments.of("announced VIP moved outside the allow-list: withdrawn and refused",
                computation(announced(WEB, OUTSIDE, "198.51.100.99/32", "node2")),
                computation(refused(WEB, OUTSIDE, VipRefusal.Reason.OUTSIDE_ALLOW_LIST, OUTSIDE_DETAIL)),
                List.of(normal(WEB, "Withdrawn", "198.51.100.99/32 withdrawn: " + OUTSIDE_DETAIL),
                    warning(WEB, "Refused", OUTSIDE_DETAIL))),
            Arguments.of("refusals not worth a warning: nothing", null, computation(
                    refused(WEB, LB, VipRefusal.Reason.KIND_DISABLED, "announce.load-balancer-ips is false")),
                List.of()),
            Arguments.of("new annotation finding; node and VIP findings are not annotation Events", web13,
                computation(List.of(BAD_LOCAL_PREF, BAD_NODE_ADDRESS, OUTSIDE_FINDING),
                    announced(WEB, LB, "203.0.113.10/32", "node1", "node3")),
                List.of(warning(WEB, "InvalidAnnotation", "kube-anycast.io/local-pref: 'high' is not an integer"
                    + " 0..4294967295; ignored, route.local-pref applies"))),
            Arguments.of("annotation finding unchanged: nothing",
                computation(List.of(BAD_LOCAL_PREF), announced(WEB, LB, "203.0.113.10/32", "node1", "node3")),
                computation(List.of(BAD_LOCAL_PREF), announced(WEB, LB, "203.0.113.10/32", "node1", "node3")),
                List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eventsForTheChange(final String name, final RouteComputation before, final RouteComputation after,
            final List<ServiceEvent> expected) {
        assertEquals(expected, ServiceEvents.between(Optional.ofNullable(before), after));
    }
}
