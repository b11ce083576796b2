/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Karaf distribution (karaf-distribution/target/assembly) run from its own copy under
 * {@code tests/e2e/target/karaf/}, started detached like an operator would ({@code setsid bin/start}),
 * stopped with {@code bin/stop}. Only one may run at a time: ports 8181 (RESTCONF) and 8101 (SSH) are fixed;
 * {@link #start()} refuses to start when they are taken. Not thread-safe.
 *
 * <pre>
 * try (KarafInstance karaf = KarafInstance.create("scenario1", cfg)) {
 *     karaf.start();                       // waits for RESTCONF
 *     ...
 *     karaf.updateConfig(otherCfg);        // fileinstall applies it without restart
 *     karaf.kill9(); karaf.start();        // crash and restart on the same data dir
 * }                                        // close(): stop (kill after a timeout)
 * </pre>
 *
 * <p>The copy stays after the test (its data/log/karaf.log is the first thing to read after a failure).
 */
public final class KarafInstance implements AutoCloseable {
    /** What {@link #start(Ready)} waits for. */
    public enum Ready {
        /** RESTCONF answers on 8181 (needs odl-restconf in the boot features). */
        RESTCONF,
        /** Only the SSH console answers on 8101 (e.g. when the test installs the features by hand). */
        CONSOLE
    }

    private static final Logger LOG = LoggerFactory.getLogger(KarafInstance.class);
    public static final int HTTP_PORT = 8181;
    private static final Duration AAA_PATIENCE = Duration.ofSeconds(45);
    // where this boot's lines start in data/log/karaf.log (earlier boots of the same directory come before)
    private int bootLogOffset;
    public static final int SSH_PORT = 8101;
    /** ODL's Akka cluster port (fixed: only one ODL per machine). */
    public static final int CLUSTER_PORT = 2550;
    /** Our config file, relative to the Karaf home. */
    public static final String CONFIG_FILE = "etc/io.kubeanycast.cfg";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern FEATURES_BOOT =
        Pattern.compile("(?m)^(featuresBoot\\s*=)((?:[^\\n]*\\\\\\n)*[^\\n]*)$");
    private static final AtomicReference<KarafInstance> CURRENT = new AtomicReference<>();

    /** The variable bin/setenv reads to set the RESTCONF admin password before Karaf starts. */
    public static final String PASSWORD_ENV = "KUBE_ANYCAST_RESTCONF_PASSWORD";

    private final Path home;
    private final Map<String, String> extraEnv = new HashMap<>();
    private volatile Restconf restconf = new Restconf();
    private volatile String lastRestconfAnswer = "(not probed)";

    private KarafInstance(final Path home) {
        this.home = home;
    }

    /**
     * Copies the assembly (system property {@code karaf.assembly}, default
     * {@code <module>/../../karaf-distribution/target/assembly}) to a fresh directory and writes our config.
     *
     * @param name a label for the directory name, e.g. the test class
     * @param kubeAnycastCfg the whole content of etc/io.kubeanycast.cfg
     * @return the instance, not started
     * @throws IllegalStateException when the assembly is missing
     */
    public static KarafInstance create(final String name, final String kubeAnycastCfg) {
        final Path moduleDir = Path.of(System.getProperty("e2e.module.dir", ".")).toAbsolutePath().normalize();
        return create(name, kubeAnycastCfg, Path.of(System.getProperty("karaf.assembly",
            moduleDir.resolve("../../karaf-distribution/target/assembly").toString())));
    }

    /**
     * Like {@link #create(String, String)}, from another assembly (e.g. one a test built itself).
     *
     * @param name a label for the directory name
     * @param kubeAnycastCfg the whole content of etc/io.kubeanycast.cfg
     * @param assemblyDir the Karaf assembly to copy
     * @return the instance, not started
     */
    public static KarafInstance create(final String name, final String kubeAnycastCfg, final Path assemblyDir) {
        final Path moduleDir = Path.of(System.getProperty("e2e.module.dir", ".")).toAbsolutePath().normalize();
        final Path assembly = assemblyDir.toAbsolutePath().normalize();
        if (!Files.isExecutable(assembly.resolve("bin/start"))) {
            throw new IllegalStateException("no Karaf assembly at " + assembly
                + ": build karaf-distribution first (mvn -B install from the top), or set -Dkaraf.assembly=...");
        }
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        final Path home = moduleDir.resolve("target/karaf").resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
            + stamp);
        try {
            copyTree(assembly, home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + assembly + " to " + home, e);
        }
        final KarafInstance karaf = new KarafInstance(home);
        karaf.writeConfig(kubeAnycastCfg);
        return karaf;
    }

    /**
     * The instance started last and not yet stopped, for failure diagnostics.
     *
     * @return it, or null
     */
    public static KarafInstance current() {
        return CURRENT.get();
    }

    public Path home() {
        return home;
    }

    public Restconf restconf() {
        return restconf;
    }

    /**
     * Removes features from what Karaf installs at boot (before {@link #start()}), e.g. "odl-kube-anycast" so a
     * test can install it through the console. Handles both forms: plain names in {@code featuresBoot} of
     * etc/org.apache.karaf.features.cfg, and the karaf-maven-plugin form where {@code featuresBoot} names one
     * generated feature (a UUID) whose {@code <feature>} children in etc/UUID-repo.xml are the boot features.
     *
     * @param features feature names to drop
     * @return this
     * @throws IllegalStateException when none of them was found at all
     */
    public KarafInstance withoutBootFeatures(final String... features) {
        final Path cfg = home.resolve("etc/org.apache.karaf.features.cfg");
        final List<String> drop = Arrays.asList(features);
        int removed = 0;
        try {
            final String text = Files.readString(cfg, StandardCharsets.UTF_8);
            // featuresBoot = a, b, \
            //     c        (a property value continued over lines)
            final Matcher m = FEATURES_BOOT.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("no featuresBoot in " + cfg);
            }
            final List<String> boot = Arrays.stream(m.group(2).replace("\\\n", " ").split(","))
                .map(String::trim).filter(f -> !f.isEmpty()).collect(Collectors.toList());
            final List<String> kept = boot.stream().filter(f -> !drop.contains(f.replaceFirst("/.*$", "")))
                .collect(Collectors.toList());
            removed += boot.size() - kept.size();
            replaceAtomically(cfg, text.substring(0, m.start()) + m.group(1) + " " + String.join(", ", kept)
                + text.substring(m.end()));
            // generated boot feature: <feature version="..." ...>NAME</feature> lines in etc/*.xml
            try (Stream<Path> xmls = Files.list(home.resolve("etc"))) {
                for (Path xml : xmls.filter(p -> p.toString().endsWith(".xml")).collect(Collectors.toList())) {
                    final String content = Files.readString(xml, StandardCharsets.UTF_8);
                    String edited = content;
                    for (String feature : drop) {
                        edited = edited.replaceAll("(?m)^[ \\t]*<feature\\b[^>]*>" + Pattern.quote(feature)
                            + "</feature>[ \\t]*\\R", "");
                    }
                    if (!edited.equals(content)) {
                        removed++;
                        replaceAtomically(xml, edited);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (removed == 0) {
            throw new IllegalStateException("none of " + drop + " is a boot feature of " + home);
        }
        return this;
    }

    /**
     * Starts Karaf with an environment variable set (in addition to this JVM's environment), from the next
     * {@link #start()} on.
     *
     * @param name variable
     * @param value its value
     * @return this
     */
    public KarafInstance withEnv(final String name, final String value) {
        extraEnv.put(name, value);
        return this;
    }

    /**
     * Starts Karaf with {@value #PASSWORD_ENV} set, so bin/setenv gives RESTCONF's admin this password, and makes
     * {@link #restconf()} and the readiness probe authenticate as admin with it.
     *
     * @param password the admin password
     * @return this
     */
    public KarafInstance withRestconfPassword(final String password) {
        extraEnv.put(PASSWORD_ENV, password);
        restconf = new Restconf(Restconf.DEFAULT_BASE, "admin", password);
        return this;
    }

    /**
     * Removes an environment variable set by {@link #withEnv} or {@link #withRestconfPassword} (next start).
     *
     * @param name variable
     * @return this
     */
    public KarafInstance withoutEnv(final String name) {
        extraEnv.remove(name);
        return this;
    }

    /**
     * Authenticates {@link #restconf()} and the readiness probe as admin with this password, without changing
     * what Karaf starts with (e.g. when the password comes from a file).
     *
     * @param password the admin password
     * @return this
     */
    public KarafInstance withRestconfClientPassword(final String password) {
        restconf = new Restconf(Restconf.DEFAULT_BASE, "admin", password);
        return this;
    }

    /**
     * The environment Karaf's scripts run with (on top of this JVM's): JAVA_HOME and what the test added.
     *
     * @return a copy
     */
    public Map<String, String> karafEnv() {
        final Map<String, String> env = new HashMap<>(extraEnv);
        env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        return env;
    }

    /**
     * The featuresBoot line(s) as written now, for assertions and logs.
     *
     * @return the property's raw text
     */
    public String featuresBoot() {
        try {
            return Files.readAllLines(home.resolve("etc/org.apache.karaf.features.cfg"), StandardCharsets.UTF_8)
                .stream().dropWhile(l -> !l.startsWith("featuresBoot")).takeWhile(l -> !l.isBlank())
                .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Karaf and waits for RESTCONF.
     *
     * @return this
     */
    public KarafInstance start() {
        return start(Ready.RESTCONF);
    }

    /**
     * Starts Karaf detached ({@code setsid bin/start}, JAVA_HOME of this JVM) and waits up to 180 s.
     *
     * @param ready what to wait for
     * @return this
     * @throws IllegalStateException when 8181/8101 are taken (another Karaf runs) or it does not come up
     */
    public KarafInstance start(final Ready ready) {
        launch();
        return awaitReady(ready);
    }

    /**
     * Waits until RESTCONF serves requests, e.g. after a feature was installed from the console.
     *
     * @return this
     * @throws AssertionError when it does not come up within 180 s
     */
    public KarafInstance awaitRestconf() {
        return awaitReady(Ready.RESTCONF);
    }

    private KarafInstance awaitReady(final Ready ready) {
        try {
            return awaitOnce(ready);
        } catch (AaaNotInitialised e) {
            // ODL AAA 0.19.5 race: its password service waits for a datastore notification that sometimes never
            // comes, and RESTCONF then answers 401 to every request. A restart recovers. A crash, not bin/stop: a
            // clean stop sends the fabric a BGP Cease and it withdraws every route at once, an outage the test did
            // not ask for; after a crash graceful restart keeps them, as for any other restart of the speaker.
            LOG.warn("{}: restarting Karaf once (SIGKILL)", e.getMessage());
            kill9();
            launch();
            return awaitOnce(ready);
        }
    }

    private static final class AaaNotInitialised extends AssertionError {
        private static final long serialVersionUID = 1L;

        AaaNotInitialised(final String message) {
            super(message);
        }
    }

    private boolean aaaStuck(final int logOffset) {
        // only this boot's lines: karaf.log also holds those of earlier boots of this directory
        final String all = log();
        final String log = all.substring(Math.min(logOffset, all.length()));
        return log.contains("Listening for password service configuration")
            && !log.contains("DefaultPasswordHashService");
    }

    private void launch() {
        if (!pids().isEmpty()) {
            throw new IllegalStateException("this Karaf already runs: " + pids());
        }
        // 2550: ODL's cluster (Akka) port; taken by another ODL (e.g. a single-feature test of some build), this
        // one's datastore never starts and RESTCONF answers 401 until the timeout
        for (int port : new int[] {HTTP_PORT, SSH_PORT, CLUSTER_PORT}) {
            if (listening(port)) {
                throw new IllegalStateException("port " + port + " is already in use on 127.0.0.1: another "
                    + "Karaf/ODL runs (only one at a time); stop it first");
            }
        }
        bootLogOffset = log().length();
        final Cmd.Result result = Cmd.run(Duration.ofSeconds(60), List.of("setsid", home.resolve("bin/start")
            .toString()), karafEnv());
        if (!result.ok()) {
            throw new IllegalStateException("bin/start failed\n" + result.describe());
        }
        CURRENT.set(this);
        registerKillOnExit();
    }

    private KarafInstance awaitOnce(final Ready ready) {
        final long started = System.nanoTime();
        final long[] unauthorizedSince = {0};
        final KarafConsole console = new KarafConsole();
        Await.until(START_TIMEOUT, () -> {
            if (System.nanoTime() - started > Duration.ofSeconds(5).toNanos() && pids().isEmpty()) {
                // an Error, so Await does not take it for "not yet": fail now, not after the whole timeout
                throw new AssertionError("Karaf " + home + " exited while starting\n" + logTail(80));
            }
            if (ready != Ready.RESTCONF) {
                return console.isAvailable();
            }
            final boolean up = restconfUp();
            if (lastRestconfAnswer.startsWith("401")) {
                if (unauthorizedSince[0] == 0) {
                    unauthorizedSince[0] = System.nanoTime();
                } else if (System.nanoTime() - unauthorizedSince[0] > AAA_PATIENCE.toNanos()
                        && aaaStuck(bootLogOffset)) {
                    throw new AaaNotInitialised("RESTCONF answered 401 for " + AAA_PATIENCE.toSeconds()
                        + " s and ODL AAA's password hash service never started");
                }
            } else {
                unauthorizedSince[0] = 0;
            }
            return up;
        }, () -> (ready == Ready.RESTCONF ? "RESTCONF (last answer: " + lastRestconfAnswer + ")" : "SSH console")
            + " of " + home + " not up (pids " + pids() + ")\n" + logTail(80));
        requireOwnPorts(ready == Ready.RESTCONF ? new int[] {HTTP_PORT, SSH_PORT} : new int[] {SSH_PORT});
        return this;
    }

    // Karaf runs detached: if the test JVM dies without close() (timeout, crash), the next run would find 8181/8101
    // taken. One hook per JVM kills whatever instance is current at exit.
    private static final AtomicReference<Thread> KILL_ON_EXIT = new AtomicReference<>();

    private static void registerKillOnExit() {
        final Thread hook = new Thread(() -> {
            final KarafInstance karaf = CURRENT.get();
            if (karaf != null) {
                karaf.processes().forEach(ProcessHandle::destroyForcibly);
            }
        }, "karaf-killer");
        if (KILL_ON_EXIT.compareAndSet(null, hook)) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /**
     * Whether RESTCONF answers: 200, or a RESTCONF (not Jetty) 404/409 for a data path that has no data.
     *
     * @return true when RESTCONF serves requests
     */
    public boolean restconfUp() {
        try {
            final Restconf.Response response = restconf.get("/data/network-topology:network-topology");
            lastRestconfAnswer = response.status() + " " + response.body().substring(0,
                Math.min(300, response.body().length()));
            return response.status() == 200 || response.status() >= 400 && response.status() != 401
                && response.status() != 503 && response.body().contains("errors");
        } catch (IOException e) {
            lastRestconfAnswer = e.toString();
            return false;
        }
    }

    /**
     * What the last {@link #restconfUp()} probe got, for failure messages.
     *
     * @return "STATUS BODY-PREFIX" or the exception
     */
    public String lastRestconfAnswer() {
        return lastRestconfAnswer;
    }

    /**
     * {@code bin/stop}, then waits for the JVM to be gone (kills it after 60 s) and the ports to be free.
     */
    public void stop() {
        if (pids().isEmpty()) {
            CURRENT.compareAndSet(this, null);
            return;
        }
        Cmd.run(Duration.ofSeconds(60), List.of(home.resolve("bin/stop").toString()), karafEnv());
        final long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (!pids().isEmpty() && System.nanoTime() < deadline) {
            Await.sleep(Duration.ofMillis(200));
        }
        if (!pids().isEmpty()) {
            LOG.warn("Karaf {} did not stop within {}; killing {}", home, STOP_TIMEOUT, pids());
            kill9();
        }
        awaitPortsFree();
        CURRENT.compareAndSet(this, null);
    }

    /**
     * Kills the Karaf JVM (and its bin/karaf wrapper) with SIGKILL: a crash, no BGP NOTIFICATION is sent.
     */
    public void kill9() {
        for (ProcessHandle process : processes()) {
            process.destroyForcibly();
        }
        Await.until(Duration.ofSeconds(30), () -> pids().isEmpty(), () -> "Karaf still runs: " + pids());
        awaitPortsFree();
        CURRENT.compareAndSet(this, null);
    }

    /**
     * Replaces etc/io.kubeanycast.cfg atomically (write a temp file, then rename over), so fileinstall sees one
     * change with the whole new content.
     *
     * @param kubeAnycastCfg the whole new content
     */
    public void updateConfig(final String kubeAnycastCfg) {
        writeConfig(kubeAnycastCfg);
    }

    private void writeConfig(final String content) {
        try {
            replaceAtomically(home.resolve(CONFIG_FILE), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The last lines of data/log/karaf.log.
     *
     * @param lines how many
     * @return them, or a note when there is no log yet
     */
    public String logTail(final int lines) {
        final Path log = home.resolve("data/log/karaf.log");
        try {
            final List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + log + ": " + e + ")";
        }
    }

    /**
     * The whole of data/log/karaf.log (for searching for a log line).
     *
     * @return its text, empty when absent
     */
    public String log() {
        try {
            return Files.readString(home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The pids of this Karaf's processes (the JVM and its wrapper script), found by their command line naming this
     * home directory, which is unique to this instance.
     *
     * @return pids, empty when it does not run
     */
    public List<Long> pids() {
        return processes().stream().map(ProcessHandle::pid).collect(Collectors.toList());
    }

    private List<ProcessHandle> processes() {
        final String marker = home.toString();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> commandLine(p.pid()).contains(marker))
                .collect(Collectors.toList());
        }
    }

    /** Stops it if it runs; the directory stays for inspection. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "Karaf " + home + " pids " + pids();
    }

    // ---- helpers ----

    private static String commandLine(final long pid) {
        // /proc/PID/cmdline holds the complete argv (ProcessHandle.Info may truncate it)
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Fails when a port is served by some other process than this Karaf. On a shared machine another Karaf can
     * start between our port check and our bind; without this the test would silently talk to the wrong one.
     */
    private void requireOwnPorts(final int... ports) {
        final List<Long> mine = pids();
        for (int port : ports) {
            final String out = Cmd.run("ss", "-Hltnp", "sport = :" + port).stdout();
            final Matcher m = Pattern.compile("pid=(\\d+)").matcher(out);
            while (m.find()) {
                final long pid = Long.parseLong(m.group(1));
                if (!mine.contains(pid)) {
                    throw new IllegalStateException("port " + port + " is served by pid " + pid + " ("
                        + commandLine(pid).replaceAll(".*(-Dkaraf\\.home=\\S+).*", "$1") + "), not by this Karaf "
                        + home + " " + mine + ": another Karaf runs on this machine; only one at a time");
                }
            }
        }
    }

    private static boolean listening(final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitPortsFree() {
        Await.until(Duration.ofSeconds(30), () -> !listening(HTTP_PORT) && !listening(SSH_PORT),
            () -> "ports " + HTTP_PORT + "/" + SSH_PORT + " still in use after Karaf stopped");
    }

    private static void replaceAtomically(final Path file, final String content) throws IOException {
        // ".tmp" does not match fileinstall's filter (.cfg/.config), so only the rename is seen
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // run-time state of an assembly that was started in place: never copy it into a fresh instance
    private static final Set<String> RUNTIME_STATE = Set.of("data/cache", "data/tmp", "data/log",
        "data/generated-bundles", "data/kar", "data/port", "data/karaf.pid", "journal", "snapshots", "instances",
        "lock");

    private static void copyTree(final Path from, final Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
                    throws IOException {
                if (RUNTIME_STATE.contains(from.relativize(dir).toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                if (RUNTIME_STATE.contains(from.relativize(file).toString())) {
                    return FileVisitResult.CONTINUE;
                }
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
