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
import java.util.ArrayList;
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
 *     ODL re-announces: each prefix may drop out of the FIB once, only after ODL was restarted, and must be back
 *     within {@link #MAX_GAP}.</li>
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
            assertBoundedChurn(acrossRestart, restartedAt);
        }
    }

    /**
     * Per destination of a BGP route: at most one removal, none before the restart, and back within
     * {@link #MAX_GAP}.
     */
    private static void assertBoundedChurn(final List<RouteMonitor.RouteEvent> events,
            final LocalDateTime restartedAt) {
        final Map<String, List<RouteMonitor.RouteEvent>> byDestination = new LinkedHashMap<>();
        events.stream().filter(event -> event.line().contains("proto bgp"))
            .forEach(event -> byDestination.computeIfAbsent(event.destination(), key -> new ArrayList<>())
                .add(event));
        Duration longestGap = Duration.ZERO;
        int removed = 0;
        for (Map.Entry<String, List<RouteMonitor.RouteEvent>> entry : byDestination.entrySet()) {
            final String destination = entry.getKey();
            final List<RouteMonitor.RouteEvent> history = entry.getValue();
            final List<RouteMonitor.RouteEvent> removals = history.stream().filter(RouteMonitor.RouteEvent::removed)
                .toList();
            if (removals.isEmpty()) {
                continue;
            }
            removed++;
            assertEquals(1, removals.size(), () -> destination + " left the FIB more than once: " + history);
            final RouteMonitor.RouteEvent removal = removals.get(0);
            assertFalse(removal.at().isBefore(restartedAt),
                () -> destination + " left the FIB before ODL was restarted: " + removal.line());
            final RouteMonitor.RouteEvent back = history.stream()
                .filter(event -> !event.removed() && event.at().isAfter(removal.at())).findFirst()
                .orElseThrow(() -> new AssertionError(destination + " left the FIB and never came back: " + history));
            final Duration gap = Duration.between(removal.at(), back.at());
            assertTrue(gap.compareTo(MAX_GAP) <= 0,
                () -> destination + " was missing from the FIB for " + gap.toMillis() + " ms: " + history);
            longestGap = gap.compareTo(longestGap) > 0 ? gap : longestGap;
        }
        LOG.info("GRACEFUL RESTART: {} of {} BGP destinations left ka-fabric's FIB once when the session came back"
            + " (F bit clear); longest gap {} ms; events: {}", removed, byDestination.size(), longestGap.toMillis(),
            events.stream().map(RouteMonitor.RouteEvent::line).toList());
    }
}
