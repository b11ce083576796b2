/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static io.kubeanycast.bgppolicy.core.TestCluster.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.model.ClusterState;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Route computation at scale: 10,000 Services on 3 nodes give exactly the expected paths. The time is logged, not
 * asserted (timing targets belong to benchmarks on a quiet machine, not to unit tests on a shared one); something
 * quadratic would still show up here as minutes of test time.
 */
class RouteScaleTest {
    private static final System.Logger LOG = System.getLogger(RouteScaleTest.class.getName());
    private static final int SERVICES = 10_000;

    @Test
    void tenThousandServicesOnThreeNodesComputeExactlyTheExpectedPaths() {
        final TestCluster cluster = TestCluster.threeNodes();
        for (int i = 0; i < SERVICES; i++) {
            // Every VIP unique, so the result's size is exact: no two Services share a path.
            final String ext = "100.64." + i / 256 + "." + i % 256;
            final String clusterIp = "10.96." + i / 256 + "." + i % 256;
            final TestCluster.ServiceBuilder svc = service("svc" + i).clusterIp(clusterIp).ready("node" + (1 + i % 3));
            switch (i % 4) {
                case 0 -> svc.loadBalancerIp(ext);
                case 1 -> svc.externalLocal().loadBalancerIp(ext)
                    .loadBalancerIp("2001:db8:ff::" + Integer.toHexString(i)).ready6("node1");
                case 2 -> svc.internalLocal();
                default -> svc.externalIp(ext).annotation(ServiceAnnotations.LOCAL_PREF, "" + i);
            }
            cluster.add(svc);
        }
        final ClusterState state = cluster.build();
        final Policy policy = Routes.policy(Policy.EXTERNAL_CIDRS, "100.64.0.0/16,2001:db8:ff::/64",
            AnnotationLimits.LOCAL_PREF_RANGE, "0-" + SERVICES);
        final RouteComputer computer = new RouteComputer();

        RouteComputation result = null;
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            final long start = System.nanoTime();
            result = computer.compute(state, policy);
            best = Math.min(best, System.nanoTime() - start);
        }
        final long bestMillis = TimeUnit.NANOSECONDS.toMillis(best);
        LOG.log(System.Logger.Level.INFO, "{0} Services x 3 nodes -> {1} paths in {2} ms (best of 5)", SERVICES,
            result.paths().size(), bestMillis);
        assertEquals(SERVICES, result.services().size());
        // Per 4 Services: eTP Cluster LB from 3 nodes; eTP Local LB v4 and v6 from 1 node each, plus its ClusterIP
        // (eTP Local) from 1; an iTP Local ClusterIP from 1; an external IP from 3. Plus 2 cluster CIDRs x 3.
        assertEquals(SERVICES / 4 * (3 + 3 + 1 + 3) + 6, result.paths().size());
        assertTrue(result.findings().isEmpty(), result.findings().toString());
    }
}
