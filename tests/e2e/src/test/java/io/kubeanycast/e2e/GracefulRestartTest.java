/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeanycast.e2e.FabricBed.Router;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Karaf crash with BGP graceful restart on both sides (the bed's FRR is a GR helper; kube-anycast enables GR by
 * default). While ODL is down the fabric must keep every VIP in its FIB (removals counted event-driven with
 * {@code ip monitor route}); after the restart the fabric converges to exactly the cluster's state, including a
 * change made while kube-anycast was down (the stale path goes with ODL's End-of-RIB). What happens at the moment
 * the session comes back is measured and reported, not asserted: bgpcep 0.21.7 sends its End-of-RIB before the
 * application peer has refilled the Loc-RIB, so FRR briefly drops and re-adds some paths then.
 */
@ExtendWith(FabricBedExtension.class)
class GracefulRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulRestartTest.class);
    private static final Duration SESSION = Duration.ofSeconds(120);
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final Duration DOWN_TIME = Duration.ofSeconds(15);
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
            final List<String> acrossRestart;
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
                karaf.start();
                bed.awaitEstablished(Router.FABRIC, odl, SESSION);
                bed.awaitFib(Router.FABRIC, "203.0.113.10", Set.of(NODE1), CONVERGE);
                bed.awaitFib(Router.FABRIC, "203.0.113.20", Set.of(NODE1, NODE2, NODE3), CONVERGE);
                bed.awaitFib(Router.FABRIC, "10.96.0.0/16", Set.of(NODE1, NODE2, NODE3), CONVERGE);
                acrossRestart = monitor.removals("");
            }
            LOG.info("GRACEFUL RESTART: FIB removals in ka-fabric while ODL was down ({} s): {}; from kill -9 until "
                + "converged after the restart: {} {}", DOWN_TIME.toSeconds(), whileDown.size(), acrossRestart.size(),
                acrossRestart);
            assertEquals(List.of(), whileDown, "graceful restart must keep every route in the fabric's FIB");
        }
    }
}
