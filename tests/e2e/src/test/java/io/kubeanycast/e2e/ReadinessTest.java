/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness means "a valid configuration has been applied": the image's readiness check
 * ({@code karaf-distribution/image/kube-anycast-ready}, the Deployment's exec probe) against a real Karaf whose
 * first etc/io.kubeanycast.cfg is refused. RESTCONF answers, yet the check fails and {@code anycast:status} says
 * so; once a valid file is applied it passes, and a later refused file leaves it passing (the last good
 * configuration stays live).
 */
class ReadinessTest {
    private static final String REFUSED = """
        bgp.local-as = 64512
        bgp.router-id = 127.0.0.1
        k8s.mode = url
        k8s.url = http://127.0.0.1:1
        announce.cluster.cidrs = 10.96.0.0/12
        """;
    private static final String VALID = REFUSED.replace("announce.cluster.cidrs", "announce.cluster-cidrs");
    // longer than the operational state's refresh period (5 s): a "not ready" is not just "not written yet"
    private static final Duration SETTLE = Duration.ofSeconds(8);

    @Test
    void readyOnlyOnceAValidConfigurationWasApplied() throws Exception {
        try (KarafInstance karaf = KarafInstance.create("ReadinessTest", REFUSED)) {
            karaf.start();
            Thread.sleep(SETTLE.toMillis());
            assertEquals(1, check(), "ready although the only configuration was refused");
            assertTrue(karaf.log().contains("refused, the last good configuration stays live"), karaf.logTail(40));
            final String status = new KarafConsole().executeChecked("anycast:status");
            assertTrue(status.contains("NONE VALID YET"), status);

            karaf.updateConfig(VALID);
            Await.until(Duration.ofSeconds(60), () -> check() == 0,
                () -> "not ready after a valid configuration\n" + karaf.logTail(40));
            final String applied = new KarafConsole().executeChecked("anycast:status");
            assertTrue(applied.matches("(?s).*Configuration +applied \\(ready\\).*"), applied);

            karaf.updateConfig(REFUSED);
            Thread.sleep(SETTLE.toMillis());
            assertEquals(0, check(), "a refused change keeps the last good configuration, and readiness");
        }
    }

    // the image's check, run here against the local Karaf (admin/admin: no password is set)
    private static int check() {
        final Path script = Path.of(System.getProperty("e2e.module.dir", ".")).toAbsolutePath().normalize()
            .resolve("../../karaf-distribution/image/kube-anycast-ready").normalize();
        assertTrue(Files.isRegularFile(script), script.toString());
        return Cmd.run(Duration.ofSeconds(30), List.of("bash", script.toString()),
            Map.of("KUBE_ANYCAST_RESTCONF_PASSWORD", "")).exitCode();
    }
}
