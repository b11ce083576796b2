/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import io.kubeanycast.e2e.FabricBed.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster the scenario tests run against: the fake API server loaded with the demo's sample cluster
 * (k8s-service-source/fake-apiserver/src/main/resources/sample-cluster: node1..3 with InternalIPs
 * 198.51.100.11-13 and 2001:db8:0:100::11-13, Services of every kind in namespace demo), and the
 * etc/io.kubeanycast.cfg that points kube-anycast at it and at the bed's fabric routers.
 */
final class SampleCluster {
    static final Path DIR = Path.of(System.getProperty("e2e.module.dir", "."),
        "../../k8s-service-source/fake-apiserver/src/main/resources/sample-cluster").toAbsolutePath().normalize();

    private SampleCluster() {
        // constants and factories only
    }

    /**
     * Starts a fake API server with the sample cluster on a free loopback port.
     *
     * @param testName names its work directory under target/
     * @return the running server
     */
    static FakeApiServerProcess start(final String testName) {
        return new FakeApiServerProcess(FakeApiServerProcess.freePort(), Path.of("target", testName), List.of(DIR))
            .start();
    }

    /**
     * The kube-anycast configuration for a test: the API server, the sample's cluster and allowed external CIDRs,
     * the LOCAL_PREF range that lets demo/web-local's annotation (200) through, and the given fabric routers as
     * eBGP neighbors (named "fabric" and "fabric2" after the bed's routers).
     *
     * @param apiPort the fake API server's port
     * @param neighbors the routers to peer with, in order
     * @return the content of etc/io.kubeanycast.cfg
     */
    static String config(final int apiPort, final Router... neighbors) {
        final StringBuilder cfg = new StringBuilder("""
            k8s.mode = url
            k8s.url = http://127.0.0.1:%d
            announce.cluster-cidrs = 10.96.0.0/16, fd00:10:96::/112
            announce.external-cidrs = 203.0.113.0/24, 2001:db8:0:200::/64
            annotations.local-pref-range = 50-200
            bgp.local-as = %d
            bgp.router-id = 198.18.0.2
            """.formatted(apiPort, FabricBed.ODL_AS));
        final List<String> names = new ArrayList<>();
        for (Router router : neighbors) {
            final String name = router == Router.FABRIC ? "fabric" : "fabric2";
            names.add(name);
            cfg.append("bgp.neighbor.").append(name).append(".address = ").append(router.address()).append('\n')
                .append("bgp.neighbor.").append(name).append(".as = ").append(router.asNumber()).append('\n')
                .append("bgp.neighbor.").append(name).append(".hold-time = 9\n");
        }
        return cfg.append("bgp.neighbors = ").append(String.join(", ", names)).append('\n').toString();
    }
}
