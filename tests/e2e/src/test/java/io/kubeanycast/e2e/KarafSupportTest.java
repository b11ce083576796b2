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
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Karaf support classes against the real distribution and the bed: boot without odl-kube-anycast, install it
 * through the real SSH console, RESTCONF answers, ODL's session to ka-fabric comes up with ADD-PATH and both
 * families (FRR's own JSON), and stop / start / kill -9 on the same directory work.
 */
@ExtendWith(FabricBedExtension.class)
class KarafSupportTest {
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(120);
    private static final String CFG = """
        bgp.local-as = 64512
        bgp.router-id = 198.18.0.2
        bgp.neighbors = fabric
        bgp.neighbor.fabric.address = 198.18.0.1
        bgp.neighbor.fabric.as = 65000
        bgp.neighbor.fabric.hold-time = 9
        """;

    @Test
    void consoleInstallRestconfSessionAndRestarts(final FabricBed bed) throws IOException {
        try (KarafInstance karaf = KarafInstance.create("KarafSupportTest", CFG)
                .withoutBootFeatures("odl-restconf", "odl-kube-anycast")) {
            karaf.start(KarafInstance.Ready.CONSOLE);
            final KarafConsole console = new KarafConsole();
            assertFalse(console.isFeatureInstalled("odl-kube-anycast"), "odl-kube-anycast must not boot here");
            console.installFeature("odl-kube-anycast", Duration.ofMinutes(5));
            assertTrue(console.isFeatureInstalled("odl-kube-anycast"), "checked again in a new session");

            bed.awaitEstablished(Router.FABRIC, Router.FABRIC.odlAddress(), SESSION_TIMEOUT);
            final BgpNeighbors neighbors = bed.bgpNeighbors(Router.FABRIC);
            final String odl = Router.FABRIC.odlAddress();
            assertEquals(EnumSet.allOf(Afi.class), neighbors.afiSafisNegotiated(odl), neighbors::toString);
            assertTrue(neighbors.addPathNegotiated(odl, Afi.IPV4), neighbors::toString);
            assertTrue(neighbors.addPathNegotiated(odl, Afi.IPV6), neighbors::toString);
            // RESTCONF was not booted either: installing odl-kube-anycast from the console brings it up
            karaf.awaitRestconf();

            // clean stop: ODL closes the session; then start on the same directory (features persist)
            karaf.stop();
            assertTrue(karaf.pids().isEmpty());
            Await.until(Duration.ofSeconds(30), () -> !bed.bgpNeighbors(Router.FABRIC).isEstablished(odl),
                () -> "session still up after Karaf stopped");
            karaf.start();
            bed.awaitEstablished(Router.FABRIC, odl, SESSION_TIMEOUT);

            // crash
            karaf.kill9();
            assertTrue(karaf.pids().isEmpty());
            karaf.start();
            bed.awaitEstablished(Router.FABRIC, odl, SESSION_TIMEOUT);
        }
    }
}
