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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * A rebuild of karaf-distribution without {@code clean} gives a distribution that boots (users and IDEs rebuild
 * without it). The earlier build is the one this suite runs after (its {@code target/}, unpack markers included,
 * is copied with the module); the test runs Maven again on that copy ({@code package}, offline, with this build's
 * local repository), then checks the files ODL's Karaf resources bring and boots the result.
 *
 * <p>Before the fix, the second build kept Karaf's own {@code etc/custom.properties} (karaf-maven-plugin writes it
 * on every build, odlparent's unpack of ODL's version skipped itself once its marker existed), and the boot
 * features failed to resolve.
 */
class IncrementalBuildTest {
    private static final String ODL_RESOURCES = "org/opendaylight/odlparent/opendaylight-karaf-resources/13.1.3/"
        + "opendaylight-karaf-resources-13.1.3.jar";
    // a valid configuration: the speaker and the source start (the API server is not needed for this check)
    private static final String CFG = """
        bgp.local-as = 64512
        bgp.router-id = 127.0.0.1
        k8s.mode = url
        k8s.url = http://127.0.0.1:1
        """;

    @Test
    void rebuildWithoutCleanBoots() throws IOException {
        final Path moduleDir = Path.of(System.getProperty("e2e.module.dir", ".")).toAbsolutePath().normalize();
        final Path distribution = moduleDir.resolve("../../karaf-distribution").normalize();
        final Path markers = distribution.resolve("target/dependency-maven-plugin-markers");
        assertTrue(Files.isDirectory(markers), "no earlier build of " + distribution + " (" + markers + ")");

        // the module with its earlier build's target/: pom, assembly sources, image scripts
        final Path copy = moduleDir.resolve("target/incremental-build/karaf-distribution");
        Cmd.run(Duration.ofSeconds(120), List.of("rm", "-rf", copy.toString())).orThrow();
        Files.createDirectories(copy);
        for (String part : List.of("pom.xml", "src", "image", "target")) {
            Cmd.run(Duration.ofSeconds(300), List.of("cp", "-a", distribution.resolve(part).toString(),
                copy.toString())).orThrow();
        }
        final Path assembly = copy.resolve("target/assembly");

        final Path repo = Path.of(System.getProperty("e2e.maven.repo",
            System.getProperty("user.home") + "/.m2/repository"));
        // offline: the earlier build resolved everything this one needs into that repository
        final List<String> mvn = List.of(mavenExecutable(), "-B", "-q", "-o", "-Dmaven.repo.local=" + repo,
            "-DskipTests", "package");
        final Cmd.Result rebuilt = Cmd.run(Duration.ofMinutes(20), withDirectory(copy, mvn));
        assertTrue(rebuilt.ok(), rebuilt::describe);

        // ODL's custom.properties (Equinox, the extra system packages, BouncyCastle as security provider)
        assertEquals(zipEntry(repo.resolve(ODL_RESOURCES), "etc/custom.properties"),
            Files.readString(assembly.resolve("etc/custom.properties"), StandardCharsets.UTF_8),
            "etc/custom.properties after a rebuild without clean");
        final String config = Files.readString(assembly.resolve("etc/config.properties"), StandardCharsets.UTF_8);
        assertTrue(config.contains("org.osgi.framework.system.packages.extra"), config);

        try (KarafInstance karaf = KarafInstance.create("IncrementalBuildTest", CFG, assembly)) {
            karaf.start();
            final String log = karaf.log();
            assertFalse(log.contains("missing requirement"), karaf.logTail(80));
            // odl-kube-anycast booted and applied the configuration: its operational state is there
            Await.until(Duration.ofSeconds(60), () -> {
                try {
                    return karaf.restconf().get("/data/kube-anycast:kube-anycast-state/configuration-applied"
                        + "?content=nonconfig").ok();
                } catch (IOException e) {
                    return false;
                }
            }, () -> "kube-anycast's state never appeared\n" + karaf.logTail(80));
        }
    }

    private static List<String> withDirectory(final Path dir, final List<String> command) {
        final List<String> full = new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", dir.toString()));
        full.addAll(command);
        return full;
    }

    // the mvn of the Maven running this build (surefire passes maven.home), else the one on the PATH
    private static String mavenExecutable() {
        final String home = System.getProperty("e2e.maven.home", "");
        final Path mvn = Path.of(home, "bin", "mvn");
        return !home.isEmpty() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }

    private static String zipEntry(final Path zip, final String name) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            final ZipEntry entry = file.getEntry(name);
            assertTrue(entry != null, name + " not in " + zip);
            try (InputStream in = file.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
