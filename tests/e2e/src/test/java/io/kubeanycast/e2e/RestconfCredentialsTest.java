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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No default credentials: with {@code KUBE_ANYCAST_RESTCONF_PASSWORD} set, the distribution's launcher
 * (bin/setenv, restconf-password module) gives RESTCONF's admin that password before Karaf starts, so requests
 * without credentials and with admin/admin get 401 and admin/&lt;secret&gt; gets 200; the SSH console's user
 * karaf takes the same password instead of "karaf". Also: the password from
 * a file replaces it on restart, and Karaf refuses to start with the password "admin".
 *
 * <p>ODL AAA 0.19.5 sometimes answers 401 to everything after boot (a race in its password service);
 * {@link KarafInstance#start()} only returns once admin/&lt;secret&gt; got a RESTCONF answer (it restarts once
 * on that race), so every 401 asserted after it is a rejected credential, not the race.
 */
class RestconfCredentialsTest {
    // no neighbors and an API server URL on loopback where nothing listens: only RESTCONF matters here
    private static final String CFG = """
        bgp.local-as = 64512
        bgp.router-id = 127.0.0.1
        k8s.mode = url
        k8s.url = http://127.0.0.1:1
        """;
    private static final String PROBE = "/data/network-topology:network-topology";
    private static final String SECRET = "e2e-Secret_42!";
    private static final String ROTATED = "rotated-from-file";

    @Test
    void onlyTheConfiguredPasswordIsAccepted() throws IOException {
        try (KarafInstance karaf = KarafInstance.create("RestconfCredentialsTest", CFG)
                .withRestconfPassword(SECRET)) {
            karaf.start();
            assertEquals(401, status(null, null), "no credentials");
            assertEquals(401, status("admin", "admin"), "the default admin/admin");
            assertEquals(401, status("admin", "wrong"), "a wrong password");
            assertServed(get("admin", SECRET), "admin with the configured password");
            // the SSH console's user karaf: the same password, not karaf/karaf
            assertTrue(console(SECRET).isAvailable(), "SSH karaf/<secret>");
            assertFalse(console("karaf").isAvailable(), "SSH karaf/karaf");
            final String log = Files.readString(karaf.home().resolve(
                "data/log/kube-anycast-restconf-password.log"), StandardCharsets.UTF_8);
            assertTrue(log.contains("RESTCONF user 'admin' created"), log);
            assertNeverLogged(karaf, SECRET);

            // restart on the same data directory with the password from a file (a mounted Secret): it replaces
            // the stored one
            karaf.stop();
            final Path file = karaf.home().resolve("restconf-password");
            Files.writeString(file, ROTATED + "\n", StandardCharsets.UTF_8);
            karaf.withoutEnv(KarafInstance.PASSWORD_ENV)
                .withEnv("KUBE_ANYCAST_RESTCONF_PASSWORD_FILE", file.toString())
                .withRestconfClientPassword(ROTATED);
            karaf.start();
            assertEquals(401, status("admin", SECRET), "the previous password");
            assertEquals(401, status("admin", "admin"), "the default admin/admin");
            assertServed(get("admin", ROTATED), "admin with the password from the file");
            assertTrue(console(ROTATED).isAvailable(), "SSH karaf/<new password>");
            assertFalse(console(SECRET).isAvailable(), "SSH karaf/<previous password>");
            assertNeverLogged(karaf, ROTATED);
        }
    }

    @Test
    void refusesToStartWithTheDefaultPassword() {
        final KarafInstance karaf = KarafInstance.create("RestconfCredentialsTest-refused", CFG)
            .withRestconfPassword("admin");
        // foreground (bin/karaf run): the launcher must exit before any JVM of Karaf starts
        final Cmd.Result result = Cmd.run(Duration.ofSeconds(60), List.of(karaf.home().resolve("bin/karaf")
            .toString(), "run"), karaf.karafEnv());
        assertEquals(1, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("well-known default"), result::describe);
        assertTrue(result.stderr().contains("not starting Karaf"), result::describe);
        assertTrue(karaf.pids().isEmpty());
        assertFalse(Files.exists(karaf.home().resolve("data/idmlight.db.mv.db")), "no user store was written");
    }

    private static KarafConsole console(final String password) {
        return new KarafConsole("127.0.0.1", KarafInstance.SSH_PORT, "karaf", password);
    }

    private static void assertServed(final Restconf.Response response, final String what) {
        // 200 with data, or RESTCONF's own error document for a path without model or data (network-topology is
        // not installed here): past authentication either way, unlike 401
        assertTrue(response.servedByRestconf(), what + ": got " + response.status() + " " + response.body());
    }

    private static void assertNeverLogged(final KarafInstance karaf, final String password) throws IOException {
        try (var files = Files.walk(karaf.home().resolve("data/log"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(password),
                    "the password appears in " + file);
            }
        }
    }

    // the answer to a GET as this user (null: no credentials)
    private static Restconf.Response get(final String user, final String password) {
        return Restconf.getAs(user, password, PROBE);
    }

    private static int status(final String user, final String password) {
        return get(user, password).status();
    }
}
