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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The container image built by karaf-distribution (image/build-image.sh, OCI archive
 * {@code target/image/kube-anycast-image.tar}): its config (user 1000, entry point, working directory, exposed
 * ports 8181/8101, JAVA_HOME), and a real boot without a container runtime: {@code umoci unpack}, then the image's
 * entry point in a chroot as uid 1000, in its own PID and mount namespaces (so Java is PID 1, as in a pod), on the
 * host network (8181/8101 on loopback, like the other Karaf tests). It must refuse to start without a password,
 * answer 401 to no credentials and admin/admin, 200 to admin/&lt;secret&gt; (SSH: karaf/&lt;secret&gt;, not
 * karaf/karaf), apply KUBE_ANYCAST_CFG_* variables (and refuse an unknown key before Karaf starts), pass its
 * readiness check, and stop on SIGTERM to its PID 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImageTest {
    private static final String HOME = "/opt/kube-anycast";
    private static final String ENTRYPOINT = HOME + "/bin/kube-anycast-entrypoint";
    private static final String PROBE = "/data/network-topology:network-topology";
    private static final String SECRET = "image-Secret_7";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(240);

    private static Path work;
    private static Path layout;
    private static JsonObject config;

    @BeforeAll
    static void unpackArchive() throws IOException {
        final Path moduleDir = Path.of(System.getProperty("e2e.module.dir", ".")).toAbsolutePath().normalize();
        final Path archive = Path.of(System.getProperty("image.archive", moduleDir.resolve(
            "../../karaf-distribution/target/image/kube-anycast-image.tar").toString())).normalize();
        assertTrue(Files.isRegularFile(archive), "no image at " + archive
            + ": build karaf-distribution with -Pe2e or -Pimage first");
        work = moduleDir.resolve("target/image-test");
        Cmd.run(Duration.ofSeconds(120), List.of("rm", "-rf", work.toString())).orThrow();
        layout = Files.createDirectories(work.resolve("oci"));
        Cmd.run(Duration.ofSeconds(120), List.of("tar", "-C", layout.toString(), "-xf", archive.toString()))
            .orThrow();

        // an OCI archive is an image layout: index.json -> manifest -> config, all blobs by digest
        final JsonObject index = json(layout.resolve("index.json"));
        final JsonArray manifests = index.getAsJsonArray("manifests");
        assertEquals(1, manifests.size(), index::toString);
        final JsonObject manifest = blob(manifests.get(0).getAsJsonObject().get("digest").getAsString());
        assertEquals(3, manifest.getAsJsonArray("layers").size(), "Debian, Java, distribution: " + manifest);
        config = blob(manifest.getAsJsonObject("config").get("digest").getAsString());
    }

    @Test
    @Order(1)
    void configRunsTheEntryPointAsUid1000WithRestconfAndSshPorts() {
        final JsonObject c = config.getAsJsonObject("config");
        assertEquals("amd64", config.get("architecture").getAsString());
        assertEquals("linux", config.get("os").getAsString());
        assertEquals("1000:1000", c.get("User").getAsString());
        assertEquals(HOME, c.get("WorkingDir").getAsString());
        assertEquals(List.of(ENTRYPOINT), strings(c.getAsJsonArray("Entrypoint")));
        assertEquals(Set.of("8181/tcp", "8101/tcp"), c.getAsJsonObject("ExposedPorts").keySet());
        assertTrue(strings(c.getAsJsonArray("Env")).contains("JAVA_HOME=/opt/java"), c::toString);
    }

    @Test
    @Order(2)
    void refusesToStartWithoutPassword() throws IOException {
        final Path rootfs = unpack();
        final Cmd.Result result = Cmd.run(Duration.ofSeconds(60), containerCommand(rootfs, Map.of()));
        assertEquals(64, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("refusing to start without a RESTCONF password"), result::describe);
        assertFalse(Files.exists(rootfs.resolve("opt/kube-anycast/data/idmlight.db.mv.db")));
    }

    @Test
    @Order(3)
    void refusesAnUnknownConfigKeyNamingTheClosestOne() throws IOException {
        final Path rootfs = unpack();
        final Cmd.Result result = Cmd.run(Duration.ofSeconds(60), containerCommand(rootfs, Map.of(
            "KUBE_ANYCAST_RESTCONF_PASSWORD", SECRET,
            "KUBE_ANYCAST_CFG_ANNOUNCE_CLUSTR_CIDRS", "10.96.0.0/12")));
        assertEquals(64, result.exitCode(), result::describe);
        final List<String> lines = result.stderr().lines().toList();
        assertEquals(1, lines.size(), result::describe);
        assertTrue(lines.get(0).contains("KUBE_ANYCAST_CFG_ANNOUNCE_CLUSTR_CIDRS sets \"announce.clustr.cidrs\"")
            && lines.get(0).contains("closest known key is announce.cluster-cidrs"), result::describe);
        assertFalse(Files.exists(rootfs.resolve("opt/kube-anycast/data/log")), "Karaf must not have started");
    }

    @Test
    @Order(4)
    void bootsAsUid1000WithOnlyTheSecretAcceptedAndStopsOnSigterm() throws Exception {
        Path rootfs = unpack();
        final Map<String, String> env = new TreeMap<>(Map.of(
            "KUBE_ANYCAST_RESTCONF_PASSWORD", SECRET,
            // config from the environment: an API server URL on loopback where nothing listens, no neighbors
            "KUBE_ANYCAST_CFG_K8S_MODE", "url",
            "KUBE_ANYCAST_CFG_K8S_URL", "http://127.0.0.1:1",
            // the natural spelling ("_" for "-") and the "__" one
            "KUBE_ANYCAST_CFG_BGP_LOCAL_AS", "64513",
            "KUBE_ANYCAST_CFG_ANNOUNCE_CLUSTER_CIDRS", "10.96.0.0/12",
            "KUBE_ANYCAST_CFG_BGP_ROUTER__ID", "127.0.0.1"));
        for (int port : new int[] {KarafInstance.HTTP_PORT, KarafInstance.SSH_PORT, KarafInstance.CLUSTER_PORT}) {
            assertFalse(Cmd.run("ss", "-Hltn", "sport = :" + port).stdout().contains(":" + port),
                "port " + port + " is taken: another Karaf runs (only one at a time)");
        }
        Path output = work.resolve("container-output-1.log");
        Process container = boot(rootfs, env, output);
        if (container == null) {
            // ODL AAA 0.19.5's race (see KarafInstance): once more on a fresh root filesystem
            rootfs = unpack();
            output = work.resolve("container-output-2.log");
            container = boot(rootfs, env, output);
            assertTrue(container != null, "ODL AAA never initialised, twice\n" + tail(output));
        }
        final Process running = container;
        final Path log = output;
        final Path root = rootfs;
        try {
            assertEquals(401, status(null, null), "no credentials");
            assertEquals(401, status("admin", "admin"), "the default admin/admin");
            assertTrue(new KarafConsole("127.0.0.1", KarafInstance.SSH_PORT, "karaf", SECRET).isAvailable(),
                "SSH console karaf/<secret>");
            assertFalse(new KarafConsole().isAvailable(), "SSH console karaf/karaf");

            final String cfg = Files.readString(root.resolve("opt/kube-anycast/etc/io.kubeanycast.cfg"),
                StandardCharsets.UTF_8);
            assertTrue(cfg.contains("bgp.local-as = 64513"), cfg);
            assertTrue(cfg.contains("k8s.url = http://127.0.0.1:1"), cfg);
            assertTrue(cfg.contains("announce.cluster-cidrs = 10.96.0.0/12"), cfg);

            // the image's readiness check (the Deployment's exec probe): the configuration was applied
            final Path check = root.resolve("opt/kube-anycast/bin/kube-anycast-ready");
            Await.until(Duration.ofSeconds(60), () -> Cmd.run(Duration.ofSeconds(30),
                List.of("bash", check.toString()), Map.of("KUBE_ANYCAST_RESTCONF_PASSWORD", SECRET)).ok(),
                () -> "the image's readiness check never passed\n" + tail(log));
            assertFalse(cfg.matches("(?ms).*^bgp\\.local-as\\s*=\\s*64512.*"), "the old value was replaced: " + cfg);

            // Java runs as uid 1000 and is PID 1 of the container's PID namespace (the entry point exec'ed it)
            final ProcessHandle java = running.descendants()
                .filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst()
                .orElseThrow(() -> new AssertionError("no java process in the container"));
            final String status = Files.readString(Path.of("/proc", Long.toString(java.pid()), "status"));
            assertTrue(status.matches("(?s).*\\nUid:\\s+1000\\s+1000\\s+1000\\s+1000\\n.*"), status);
            assertTrue(status.matches("(?s).*\\nNSpid:\\s+\\d+\\s+1\\n.*"), "java is not PID 1: " + status);
            final String printed = Files.readString(log, StandardCharsets.UTF_8);
            assertFalse(printed.contains(SECRET), "the password was printed");
            assertTrue(printed.contains("RESTCONF user 'admin' created"), printed);

            // SIGTERM to the container's PID 1 (what the kubelet sends): Karaf shuts down cleanly
            Cmd.run("kill", "-TERM", Long.toString(java.pid())).orThrow();
            Await.until(Duration.ofSeconds(90), () -> !running.isAlive(),
                () -> "the container did not stop on SIGTERM\n" + tail(log));
        } finally {
            stop(running);
        }
    }

    /**
     * Starts the container and waits until admin/&lt;secret&gt; gets a RESTCONF answer
     * ({@link Restconf.Response#servedByRestconf()}).
     *
     * @return the running container, or null (stopped) when ODL AAA's password service never started
     */
    private static Process boot(final Path rootfs, final Map<String, String> env, final Path output)
            throws IOException {
        final Process container = new ProcessBuilder(containerCommand(rootfs, env))
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        final long started = System.nanoTime();
        final boolean[] aaaStuck = {false};
        final String[] lastAnswer = {"(none)"};
        boolean up = false;
        try {
            Await.until(BOOT_TIMEOUT, () -> {
                if (!container.isAlive()) {
                    throw new AssertionError("the container exited (" + container.exitValue() + ")\n"
                        + tail(output));
                }
                final Restconf.Response answer = get("admin", SECRET);
                lastAnswer[0] = answer.status() + " " + answer.body().substring(0, Math.min(200,
                    answer.body().length()));
                if (answer.status() == 401 && System.nanoTime() - started > Duration.ofSeconds(90).toNanos()) {
                    final String log = read(output);
                    aaaStuck[0] = log.contains("Listening for password service configuration")
                        && !log.contains("DefaultPasswordHashService");
                }
                return aaaStuck[0] || answer.servedByRestconf();
            }, () -> "RESTCONF of the image not up with admin/<secret> (last answer: " + lastAnswer[0] + ")\n"
                + tail(output));
            up = true;
        } finally {
            if (!up) {
                // never leave a container holding 8181/8101/2550 behind for the next test
                stop(container);
            }
        }
        if (aaaStuck[0]) {
            stop(container);
            return null;
        }
        return container;
    }

    private static void stop(final Process container) {
        container.descendants().forEach(ProcessHandle::destroyForcibly);
        container.destroyForcibly();
        Await.until(Duration.ofSeconds(30), () -> !container.isAlive()
            && !Cmd.run("ss", "-Hltn", "sport = :8181").stdout().contains(":8181"), () -> "container still runs");
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    // a fresh root filesystem of the image (umoci applies the layers in order, owners as in the image)
    private static Path unpack() {
        final Path bundle = work.resolve("bundle-" + System.nanoTime());
        final JsonObject index = json(layout.resolve("index.json"));
        final JsonElement annotations = index.getAsJsonArray("manifests").get(0).getAsJsonObject()
            .get("annotations");
        final String ref = annotations.getAsJsonObject().get("org.opencontainers.image.ref.name").getAsString();
        Cmd.run(Duration.ofSeconds(300), List.of("umoci", "unpack", "--image", layout + ":" + ref,
            bundle.toString())).orThrow();
        return bundle.resolve("rootfs");
    }

    // like a container runtime, minus the network namespace: own mount and PID namespaces, /proc and /dev,
    // chroot into the image, its Env plus ours, its user, working directory and entry point
    private static List<String> containerCommand(final Path rootfs, final Map<String, String> extraEnv) {
        final JsonObject c = config.getAsJsonObject("config");
        final List<String> env = new ArrayList<>(strings(c.getAsJsonArray("Env")));
        extraEnv.forEach((k, v) -> env.add(k + "=" + v));
        final String script = "set -e; r=\"$1\"; shift; mount -t proc proc \"$r/proc\"; mkdir -p \"$r/dev\";"
            + " mount --rbind /dev \"$r/dev\"; exec chroot --userspec=" + c.get("User").getAsString()
            + " \"$r\" /usr/bin/env -i \"$@\" /bin/sh -c 'cd \"$0\" && exec \"$@\"' "
            + c.get("WorkingDir").getAsString() + " " + String.join(" ", strings(c.getAsJsonArray("Entrypoint")));
        final List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork",
            "--kill-child", "sh", "-c", script, "container", rootfs.toString()));
        command.addAll(env);
        return command;
    }

    // the answer to a GET as this user (null: no credentials)
    private static Restconf.Response get(final String user, final String password) {
        return Restconf.getAs(user, password, PROBE);
    }

    private static int status(final String user, final String password) {
        return get(user, password).status();
    }

    private static String tail(final Path file) {
        try {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static JsonObject blob(final String digest) {
        return json(layout.resolve("blobs").resolve(digest.replace(':', '/')));
    }

    private static JsonObject json(final Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static List<String> strings(final JsonArray array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsString)
            .collect(Collectors.toList());
    }
}
