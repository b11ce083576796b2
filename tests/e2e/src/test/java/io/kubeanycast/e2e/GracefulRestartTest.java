/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.e2e.FabricBed.Router;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Karaf crash with BGP graceful restart on both sides (the bed's FRR is a GR helper; kube-anycast enables GR by
 * default). What can be promised, and is asserted (docs/operations.md, section 7):
 * <ul>
 * <li>While ODL is down the fabric keeps every VIP in its FIB: no removal at all (counted event-driven with
 *     {@code ip -ts monitor route}), although the down time exceeds FRR's hold time.</li>
 * <li>When the session comes back, bgpcep 0.21.7's first OPEN says "forwarding state not preserved" (the F bit is
 *     clear after a cold start), so FRR flushes the stale paths (RFC 4724 section 4.2) and installs them again as
 *     ODL re-announces: a prefix may drop out of the FIB, only after ODL was restarted, a bounded number of times,
 *     and must be back within {@link #MAX_GAP} each time.</li>
 * <li>After the restart the fabric converges to exactly the cluster's state, including a change made while
 *     kube-anycast was down.</li>
 * </ul>
 */
@ExtendWith(FabricBedExtension.class)
class GracefulRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulRestartTest.class);
    private static final Duration SESSION = Duration.ofSeconds(120);
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final Duration DOWN_TIME = Duration.ofSeconds(15);
    /** Longest time a prefix may be missing from the FIB when the session comes back. */
    private static final Duration MAX_GAP = Duration.ofSeconds(10);
    /**
     * Removals per prefix and per re-established session: one per node path of the bed (ADD-PATH, withdrawn one by
     * one) plus the last.
     */
    private static final int MAX_REMOVALS = FabricBed.NODE_V4.size() + 1;
    private static final String NODE1 = "198.51.100.11";
    private static final String NODE2 = "198.51.100.12";
    private static final String NODE3 = "198.51.100.13";

    @Test
    void crashRestartKeepsTheFibAndConvergesToTheNewState(final FabricBed bed) throws IOException {
        try (FakeApiServerProcess cluster = SampleCluster.start("GracefulRestartTest");
             KarafInstance karaf = KarafInstance.create("GracefulRestartTest",
                 SampleCluster.config(cluster.url().getPort(), Router.FABRIC)).start()) {
            final String odl = Router.FABRIC.odlAddress();
            bed.awaitEstablished(Router.FABRIC, odl, SESSION);
            bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1, NODE3), CONVERGE);
            bed.awaitFib(Router.FABRIC, "203.0.113.20", Set.of(NODE1, NODE2, NODE3), CONVERGE);

            final List<String> whileDown;
            final List<RouteMonitor.RouteEvent> acrossRestart;
            final LocalDateTime restartedAt;
            final long establishedBefore = bed.bgpNeighbors(Router.FABRIC).sessionCounters(odl).established();
            try (RouteMonitor monitor = RouteMonitor.start(Router.FABRIC.netns())) {
                karaf.kill9();
                // while kube-anycast is down, web-local loses its endpoint on node3
                cluster.apply("""
                    {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","addressType":"IPv4",
                     "metadata":{"name":"web-local-x7k2p","namespace":"demo",
                                 "labels":{"kubernetes.io/service-name":"web-local"}},
                     "endpoints":[{"addresses":["10.244.1.7"],"nodeName":"node1","conditions":{"ready":true}}],
                     "ports":[{"name":"http","port":8080,"protocol":"TCP"}]}
                    """);
                // longer than FRR's hold time (9 s): without graceful restart the routes would be gone by now
                Await.sleep(DOWN_TIME);
                assertEquals(Set.of(NODE1, NODE3), bed.fibRoute(Router.FABRIC.netns(), "203.0.113.10"));
                assertEquals(Set.of(NODE1, NODE2, NODE3), bed.fibRoute(Router.FABRIC.netns(), "203.0.113.20"));
                whileDown = monitor.removals("");
                restartedAt = LocalDateTime.now();
                karaf.start();
                bed.awaitEstablished(Router.FABRIC, odl, SESSION);
                bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1), CONVERGE);
                bed.awaitFib(Router.FABRIC, "203.0.113.20", Set.of(NODE1, NODE2, NODE3), CONVERGE);
                bed.awaitFib(Router.FABRIC, "10.96.0.0/16", Set.of(NODE1, NODE2, NODE3), CONVERGE);
                acrossRestart = monitor.events();
            }
            assertEquals(List.of(), whileDown, "graceful restart must keep every route in the fabric's FIB");
            // each time the session comes back, the cleared F bit makes FRR flush and re-learn (once, unless the
            // harness had to crash-restart Karaf again for ODL AAA's password-service race)
            final long reconnects = bed.bgpNeighbors(Router.FABRIC).sessionCounters(odl).established()
                - establishedBefore;
            assertTrue(reconnects >= 1, "the session with the fabric never came back");
            assertBoundedChurn(acrossRestart, restartedAt, MAX_REMOVALS * reconnects);
        }
    }

    /**
     * Per destination of a BGP route, from the crash until converged after the restart: no removal before the
     * restart, at most {@link #MAX_REMOVALS} removals per re-established session, never absent from the FIB longer
     * than {@link #MAX_GAP}, and present at the end. (The kernel reports a changed IPv6 multipath route as a
     * removal and an addition microseconds apart, and FRR may drop ODL's ADD-PATH paths one by one before the last
     * one: hence several removals, but each absence is what matters for traffic.)
     */
    private static void assertBoundedChurn(final List<RouteMonitor.RouteEvent> events,
            final LocalDateTime restartedAt, final long maxRemovals) {
        final Map<String, Churn> churn = new LinkedHashMap<>();
        events.stream().filter(event -> event.line().contains("proto bgp"))
            .forEach(event -> churn.computeIfAbsent(event.destination(), Churn::new).add(event));
        LOG.info("GRACEFUL RESTART: FIB churn in ka-fabric per BGP destination after the restart: {}; events: {}",
            churn.values(), events.stream().map(RouteMonitor.RouteEvent::line).toList());
        for (Churn destination : churn.values()) {
            if (destination.removals == 0) {
                continue;
            }
            assertFalse(destination.firstRemoval.isBefore(restartedAt),
                () -> destination + ": left the FIB before ODL was restarted");
            assertTrue(destination.removals <= maxRemovals, () -> destination + ": more than " + maxRemovals
                + " removals");
            assertTrue(destination.absentSince == null, () -> destination + ": never came back");
            assertTrue(destination.longestAbsence.compareTo(MAX_GAP) <= 0,
                () -> destination + ": missing from the FIB for longer than " + MAX_GAP);
        }
    }

    /** What the FIB did to one destination. Used by one thread. */
    private static final class Churn {
        private final String destination;
        private int removals;
        private LocalDateTime firstRemoval;
        private LocalDateTime absentSince;
        private Duration longestAbsence = Duration.ZERO;

        Churn(final String destination) {
            this.destination = destination;
        }

        void add(final RouteMonitor.RouteEvent event) {
            if (event.removed()) {
                removals++;
                if (firstRemoval == null) {
                    firstRemoval = event.at();
                }
                if (absentSince == null) {
                    absentSince = event.at();
                }
            } else if (absentSince != null) {
                final Duration absence = Duration.between(absentSince, event.at());
                longestAbsence = absence.compareTo(longestAbsence) > 0 ? absence : longestAbsence;
                absentSince = null;
            }
        }

        @Override
        public String toString() {
            return destination + " (removals " + removals + ", longest absence " + longestAbsence.toMillis() + " ms"
                + (absentSince != null ? ", absent at the end" : "") + ")";
        }
    }
}
