/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubeanycast.e2e.Cmd;
import io.kubeanycast.e2e.FabricBed;
import io.kubeanycast.e2e.FakeApiServerProcess;
import io.kubeanycast.e2e.KarafInstance;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark run (issue 6): for each cluster size, kube-anycast in Karaf and then GoBGP on the same bed, same FRR,
 * same FIB check. Writes results.json and results.md into the output directory. Options:
 * {@code --out DIR}, {@code --work DIR}, {@code --sizes 1000x3,10000x3,100000x1}, {@code --reps N} (initial-sync
 * repetitions per size and announcer), {@code --p1-cycles N} (4 changes per cycle), {@code --smoke}
 * (1000x3, 2 reps, 5 cycles), {@code --keep-bed}, {@code --jfr} (a JFR recording of Karaf during the syncs, in the
 * work directory), {@code --p1-debounce 50,0} (P1 again with these k8s.debounce-ms values; empty: none).
 */
public final class BenchMain {
    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);
    private static final String FABRIC_NS = "ka-fabric";
    private static final String ODL_ADDRESS = "198.18.0.2";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
        .create();

    private final Path out;
    private final Path work;
    private final List<BenchCluster> sizes;
    private final int reps;
    private final int p1Cycles;
    private boolean jfr;
    // --no-persistence: ODL's config datastore without its journal (the application RIB is not persisted)
    private boolean noPersistence;
    // P1 again with these k8s.debounce-ms values (P1 with the shipped default always runs first)
    private final List<Integer> p1Debounces = new ArrayList<>();
    private final FabricBed bed = new FabricBed();
    private final JsonObject results = new JsonObject();
    private final JsonArray sizeResults = new JsonArray();
    private FibWatch fib;
    // P1: {API accepted, FIB event} of every change, for the stage split
    private final List<long[]> samples = new ArrayList<>();

    private BenchMain(final Path out, final Path work, final List<BenchCluster> sizes, final int reps,
            final int p1Cycles) {
        this.out = out;
        this.work = work;
        this.sizes = sizes;
        this.reps = reps;
        this.p1Cycles = p1Cycles;
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception when a stage fails (the run stops: a half-measured table is worse than none)
     */
    @SuppressWarnings("checkstyle:IllegalThrows")
    public static void main(final String[] args) throws Exception {
        Path out = Path.of("docs/benchmarks");
        Path work = Path.of("bench/target/work");
        String sizeList = "1000x3,10000x3,100000x1";
        int reps = 3;
        int cycles = 30;
        boolean keepBed = false;
        boolean jfr = false;
        boolean noPersistence = false;
        String debounces = "50,0";
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--sizes" -> sizeList = args[++i];
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--p1-cycles" -> cycles = Integer.parseInt(args[++i]);
                case "--keep-bed" -> keepBed = true;
                case "--jfr" -> jfr = true;
                case "--no-persistence" -> noPersistence = true;
                case "--p1-debounce" -> debounces = args[++i];
                case "--smoke" -> {
                    smoke = true;
                    sizeList = "1000x3";
                    reps = 2;
                    cycles = 5;
                    debounces = "";
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final List<BenchCluster> sizes = new ArrayList<>();
        for (String size : sizeList.split(",")) {
            final String[] parts = size.trim().split("x");
            sizes.add(BenchCluster.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        }
        final BenchMain bench = new BenchMain(out.toAbsolutePath(), work.toAbsolutePath(), sizes, reps, cycles);
        bench.jfr = jfr;
        bench.noPersistence = noPersistence;
        bench.results.addProperty("datastore_persistent", !noPersistence);
        for (String value : debounces.split(",")) {
            if (!value.isBlank()) {
                bench.p1Debounces.add(Integer.parseInt(value.trim()));
            }
        }
        bench.results.addProperty("smoke", smoke);
        bench.run(keepBed);
    }

    private void run(final boolean keepBed) throws Exception {
        FabricBed.requirePrerequisites();
        Files.createDirectories(work);
        Files.createDirectories(out);
        results.addProperty("started", Instant.now().toString());
        results.add("machine", machine());
        results.add("loadavg_before", loadavg());
        bed.up();
        try (FibWatch watch = new FibWatch(FABRIC_NS, BenchCluster.RANGE_PREFIX)) {
            fib = watch;
            boolean p1Done = false;
            for (BenchCluster cluster : sizes) {
                // P1 runs once, on the first size with ~1,000 Services in the background
                final boolean p1 = !p1Done && cluster.vips() <= 1000 * cluster.vipsPerService() + 1;
                sizeResults.add(runSize(cluster, p1));
                p1Done |= p1;
                results.add("sizes", sizeResults);
                write();
            }
        } finally {
            if (!keepBed) {
                bed.down();
            }
        }
        results.add("loadavg_after", loadavg());
        results.addProperty("finished", Instant.now().toString());
        write();
    }

    // ---- one size: kube-anycast, then GoBGP ----

    private JsonObject runSize(final BenchCluster cluster, final boolean p1) throws Exception {
        LOG.info("=== size {} ({} routes, {} next hops expected) ===", cluster.label(), cluster.expectedRoutes(),
            cluster.expectedHops());
        final JsonObject result = new JsonObject();
        result.addProperty("size", cluster.label());
        result.addProperty("vips", cluster.vips());
        result.addProperty("paths_per_vip", cluster.paths());
        result.addProperty("vips_per_service", cluster.vipsPerService());
        result.addProperty("routes", cluster.expectedRoutes());
        result.addProperty("next_hops", cluster.expectedHops());
        final Path sample = Path.of(System.getProperty("e2e.module.dir", "tests/e2e"),
            "../../k8s-service-source/fake-apiserver/src/main/resources/sample-cluster/nodes.json").normalize();
        final Path fullDir = work.resolve("clusters/" + cluster.label());
        final Path emptyDir = work.resolve("clusters/empty");
        cluster.write(fullDir, sample);
        Files.createDirectories(emptyDir);
        Files.copy(sample, emptyDir.resolve("nodes.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (FakeApiServerProcess full = new FakeApiServerProcess(FakeApiServerProcess.freePort(),
                 work.resolve("api-" + cluster.label()), List.of(fullDir)).start();
             FakeApiServerProcess empty = new FakeApiServerProcess(FakeApiServerProcess.freePort(),
                 work.resolve("api-empty"), List.of(emptyDir)).start()) {
            result.add("ours", runOurs(cluster, full, empty, p1, result));
        }
        awaitFib(0, 0, Duration.ofMinutes(5), 0);
        result.add("gobgp", runGoBgp(cluster));
        return result;
    }

    private static String config(final FakeApiServerProcess api, final String extra) {
        return "k8s.mode = url\n"
            + "k8s.url = " + api.url() + "\n"
            + "announce.external-cidrs = " + BenchCluster.EXTERNAL_CIDR + "\n"
            + "bgp.local-as = " + FabricBed.ODL_AS + "\n"
            + "bgp.router-id = " + ODL_ADDRESS + "\n"
            + "bgp.neighbor.fabric.address = 198.18.0.1\n"
            + "bgp.neighbor.fabric.as = 65000\n"
            + "bgp.neighbor.fabric.hold-time = 9\n"
            + "bgp.neighbors = fabric\n"
            + extra;
    }

    private JsonObject runOurs(final BenchCluster cluster, final FakeApiServerProcess full,
            final FakeApiServerProcess empty, final boolean p1, final JsonObject sizeResult) throws Exception {
        final JsonObject ours = new JsonObject();
        final JsonArray syncs = new JsonArray();
        try (KarafInstance karaf = KarafInstance.create("bench-" + cluster.label(), config(empty, ""))) {
            if (noPersistence) {
                Files.writeString(karaf.home().resolve("etc/org.opendaylight.controller.cluster.datastore.cfg"),
                    "persistent=false\n", StandardCharsets.UTF_8);
            }
            awaitPortsFree();
            karaf.start();
            bed.awaitEstablished(FabricBed.Router.FABRIC, ODL_ADDRESS, Duration.ofMinutes(3));
            ours.addProperty("karaf_rss_idle_mib", rssMib(karaf.pids()));
            if (jfr) {
                jcmd(karaf, "JFR.start", "name=bench", "settings=profile",
                    "filename=" + work.resolve("karaf-" + cluster.label() + ".jfr"));
            }
            for (int rep = 1; rep <= reps; rep++) {
                final JsonObject sync = new JsonObject();
                final int offset = karaf.log().length();
                final long written = Clock.nowMicros();
                // the plugin's Kubernetes source restarts against a cluster that is already complete ("synced")
                karaf.updateConfig(config(full, ""));
                final long complete = awaitFib(cluster.expectedRoutes(), cluster.expectedHops(),
                    Duration.ofMinutes(15), written);
                final String log = karaf.log().substring(offset);
                final long started = KarafLog.sourceStart(log);
                sync.addProperty("rep", rep);
                sync.addProperty("source_start_to_fib_ms", ms(complete - (started > 0 ? started : written)));
                sync.addProperty("config_write_to_fib_ms", ms(complete - written));
                sync.add("writes", GSON.toJsonTree(KarafLog.writes(log)));
                sync.addProperty("karaf_rss_mib", rssMib(karaf.pids()));
                LOG.info("ours {} rep {}: source start -> FIB complete {} ms", cluster.label(), rep,
                    sync.get("source_start_to_fib_ms"));
                if (rep == reps) {
                    syncs.add(sync);
                    break;
                }
                final long withdrawStart = Clock.nowMicros();
                karaf.updateConfig(config(empty, ""));
                final long gone = awaitFib(0, 0, Duration.ofMinutes(15), withdrawStart);
                sync.addProperty("withdraw_all_ms", ms(gone - withdrawStart));
                syncs.add(sync);
            }
            ours.add("sync", syncs);
            if (jfr) {
                jcmd(karaf, "JFR.stop", "name=bench");
            }
            ours.add("steady", steadyState(karaf, full, cluster));
            ours.addProperty("karaf_rss_synced_mib", rssMib(karaf.pids()));
            ours.addProperty("karaf_live_heap_mib", liveHeapMib(karaf));
            if (p1) {
                sizeResult.add("p1", convergence(karaf, full));
                for (int debounce : p1Debounces) {
                    // the source restarts with the new setting against the unchanged cluster (P3: no writes)
                    karaf.updateConfig(config(full, "k8s.debounce-ms = " + debounce + "\n"));
                    Thread.sleep(8000);
                    final JsonObject variant = convergence(karaf, full);
                    variant.addProperty("debounce_ms", debounce);
                    sizeResult.add("p1_debounce_" + debounce, variant);
                }
            }
        }
        return ours;
    }

    /**
     * ODL's cluster port 2550 (and 8181/8101) must be free: a Karaf started elsewhere on the machine (e.g. a Pax Exam
     * feature test, which does not take the bed lock) makes ODL's datastore fail to start, and every number with it.
     */
    private static void awaitPortsFree() throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        boolean warned = false;
        while (true) {
            final String taken = Cmd.run("ss", "-Hltnp", "( sport = :2550 or sport = :8181 or sport = :8101 )")
                .stdout().trim();
            if (taken.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ports 2550/8181/8101 still taken after 15 min: " + taken);
            }
            if (!warned) {
                LOG.warn("waiting for another process to free ODL's ports: {}", taken);
                warned = true;
            }
            Thread.sleep(2000);
        }
    }

    // a Java Flight Recorder command to Karaf's JVM (--jfr): where the initial sync spends its CPU
    private static void jcmd(final KarafInstance karaf, final String... command) {
        for (long pid : karaf.pids()) {
            final List<String> argv = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
            argv.addAll(List.of(command));
            final Cmd.Result result = Cmd.run(Duration.ofSeconds(60), argv);
            LOG.info("jcmd {}: {}", pid, result.stdout().trim());
        }
    }

    /**
     * The live Java heap after a full collection ({@code jcmd GC.class_histogram} forces one, even with
     * -XX:+DisableExplicitGC): what the routes really cost, unlike RSS, which follows the heap's high-water mark.
     */
    private static double liveHeapMib(final KarafInstance karaf) {
        double mib = 0;
        for (long pid : karaf.pids()) {
            final String[] lines = Cmd.run(Duration.ofSeconds(120), List.of("jcmd", Long.toString(pid),
                "GC.class_histogram")).stdout().trim().split("\n");
            final String[] total = lines[lines.length - 1].trim().split("\\s+");
            if (total.length == 3 && "Total".equals(total[0])) {
                mib += Math.round(Long.parseLong(total[2]) / 1024.0 / 102.4) / 10.0;
            }
        }
        return mib;
    }

    // ---- P3: a relist and a source restart against an unchanged cluster must write nothing ----

    private JsonObject steadyState(final KarafInstance karaf, final FakeApiServerProcess api,
            final BenchCluster cluster) throws Exception {
        final JsonObject steady = new JsonObject();
        // 1. the watches lose their history (410 Gone on reconnect) and every informer relists
        steady.add("relist", observe(karaf, Duration.ofSeconds(8), () -> {
            check(api.send("POST", "/fake/compact", null));
            check(api.send("POST", "/fake/close-watches", null));
        }));
        // 2. the source restarts (a k8s.* setting changed) with periodic informer resyncs every second
        steady.add("restart_and_resync", observe(karaf, Duration.ofSeconds(10),
            () -> karaf.updateConfig(config(api, "k8s.resync-seconds = 1\n"))));
        final long[] counts = FibWatch.count(FABRIC_NS, BenchCluster.RANGE_PREFIX);
        steady.addProperty("fib_intact", counts[0] == cluster.expectedRoutes() && counts[1] == cluster.expectedHops());
        LOG.info("steady state {}: {}", cluster.label(), steady);
        return steady;
    }

    /** Something done to the plugin or the API server in a steady state. */
    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    private JsonObject observe(final KarafInstance karaf, final Duration settle, final Step step)
            throws IOException, InterruptedException {
        final int offset = karaf.log().length();
        final long events = fib.events();
        step.run();
        Thread.sleep(settle.toMillis());
        return steadyResult(karaf.log().substring(offset), fib.events() - events);
    }

    private static JsonObject steadyResult(final String log, final long fibEvents) {
        final JsonObject r = new JsonObject();
        r.addProperty("source_restarts", log.split("Watching Services, EndpointSlices and Nodes", -1).length - 1);
        // client-java's reflector logs this when a watch got 410 Gone: the evidence that the informer relisted
        r.addProperty("informer_relists", log.split("will re-list-watch", -1).length - 1);
        r.addProperty("paths_written", KarafLog.writes(log).stream().mapToInt(KarafLog.Write::operations).sum());
        r.addProperty("fib_events", fibEvents);
        return r;
    }

    // ---- P1: one Service's endpoints change, 4 kinds of change per cycle ----

    private JsonObject convergence(final KarafInstance karaf, final FakeApiServerProcess api) throws Exception {
        final String target = BenchCluster.TARGET_VIP;
        final JsonObject node2 = sampleNode("node2");
        final String slicePath = "/apis/discovery.k8s.io/v1/namespaces/" + BenchCluster.NAMESPACE
            + "/endpointslices/" + BenchCluster.TARGET_SLICE;
        final Map<String, List<Double>> latency = new LinkedHashMap<>();
        final List<Double> all = new ArrayList<>();
        samples.clear();
        final int offset = karaf.log().length();
        awaitTarget(Set.of("198.51.100.11", "198.51.100.12"));
        fib.watch(target);
        for (int cycle = 0; cycle < p1Cycles; cycle++) {
            measure(latency, all, "endpoint_added_on_new_node", api, "PUT", slicePath,
                BenchCluster.slice("target", BenchCluster.TARGET_SLICE, List.of("node1", "node2", "node3")),
                Set.of("198.51.100.11", "198.51.100.12", "198.51.100.13"));
            measure(latency, all, "endpoint_removed", api, "PUT", slicePath,
                BenchCluster.slice("target", BenchCluster.TARGET_SLICE, List.of("node1", "node2")),
                Set.of("198.51.100.11", "198.51.100.12"));
            measure(latency, all, "node_not_ready", api, "PUT", "/api/v1/nodes/node2/status", ready(node2, false),
                Set.of("198.51.100.11"));
            measure(latency, all, "node_ready_again", api, "PUT", "/api/v1/nodes/node2/status", ready(node2, true),
                Set.of("198.51.100.11", "198.51.100.12"));
        }
        fib.watch("");
        final JsonObject p1 = new JsonObject();
        p1.add("all", GSON.toJsonTree(Stats.summary(all)));
        final JsonObject kinds = new JsonObject();
        latency.forEach((kind, values) -> kinds.add(kind, GSON.toJsonTree(Stats.summary(values))));
        p1.add("by_change", kinds);
        p1.add("samples_ms", GSON.toJsonTree(latency));
        final List<Double> writerMs = new ArrayList<>();
        final List<Double> writeMs = new ArrayList<>();
        for (KarafLog.Write w : KarafLog.writes(karaf.log().substring(offset))) {
            writerMs.add((double) w.totalMs());
            writeMs.add((double) w.writeMs());
        }
        p1.add("writer_total_ms", GSON.toJsonTree(Stats.summary(writerMs)));
        p1.add("stages", stages(KarafLog.writes(karaf.log().substring(offset))));
        p1.add("writer_commit_ms", GSON.toJsonTree(Stats.summary(writeMs)));
        LOG.info("P1: {}", p1.get("all"));
        return p1;
    }

    /**
     * Splits each P1 change at the RIB writer's log line (logged when the application-RIB commit completed,
     * millisecond resolution): before = Kubernetes watch + debounce + snapshot + route computation + diff + commit
     * (ours); after = ODL's pipeline to the UPDATE, FRR and the kernel.
     */
    private JsonObject stages(final List<KarafLog.Write> writes) {
        final List<Double> ours = new ArrayList<>();
        final List<Double> downstream = new ArrayList<>();
        for (long[] sample : samples) {
            for (KarafLog.Write write : writes) {
                if (write.micros() >= sample[0] - 1000 && write.micros() <= sample[1] + 1000) {
                    ours.add((write.micros() - sample[0]) / 1000.0);
                    downstream.add((sample[1] - write.micros()) / 1000.0);
                    break;
                }
            }
        }
        final JsonObject split = new JsonObject();
        split.add("api_to_rib_committed_ms", GSON.toJsonTree(Stats.summary(ours)));
        split.add("rib_committed_to_fib_ms", GSON.toJsonTree(Stats.summary(downstream)));
        return split;
    }

    private void measure(final Map<String, List<Double>> latency, final List<Double> all, final String kind,
            final FakeApiServerProcess api, final String method, final String path, final JsonObject body,
            final Set<String> expected) throws Exception {
        fib.clearWatched();
        final HttpResponse<String> response = api.send(method, path, body.toString());
        final long accepted = Clock.nowMicros();
        check(response);
        final FibWatch.Event event = fib.nextWatched(Duration.ofSeconds(10));
        if (event == null) {
            throw new IllegalStateException(kind + ": no FIB change of " + BenchCluster.TARGET_VIP + " within 10 s");
        }
        final double ms = (event.micros() - accepted) / 1000.0;
        samples.add(new long[] {accepted, event.micros()});
        latency.computeIfAbsent(kind, k -> new ArrayList<>()).add(ms);
        all.add(ms);
        awaitTarget(expected);
        // let the rest of the change (other VIPs, FRR's own follow-ups) settle so it does not bleed into the next
        awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(30));
    }

    private void awaitTarget(final Set<String> expected) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Set<String> now = Set.of();
        while (System.nanoTime() < deadline) {
            now = new TreeSet<>(bed.fibRoute(FABRIC_NS, BenchCluster.TARGET_VIP + "/32"));
            if (now.equals(new TreeSet<>(expected))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(BenchCluster.TARGET_VIP + " has next hops " + now + ", expected " + expected);
    }

    private void awaitQuiet(final Duration quiet, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Clock.nowMicros() - fib.lastEventMicros() >= quiet.toNanos() / 1000) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static JsonObject sampleNode(final String name) throws IOException {
        final Path nodes = Path.of(System.getProperty("e2e.module.dir", "tests/e2e"),
            "../../k8s-service-source/fake-apiserver/src/main/resources/sample-cluster/nodes.json").normalize();
        for (var item : JsonParser.parseString(Files.readString(nodes, StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonArray("items")) {
            final JsonObject node = item.getAsJsonObject();
            if (name.equals(node.getAsJsonObject("metadata").get("name").getAsString())) {
                node.getAsJsonObject("metadata").remove("resourceVersion");
                return node;
            }
        }
        throw new IllegalStateException("no node " + name + " in " + nodes);
    }

    private static JsonObject ready(final JsonObject node, final boolean ready) {
        final JsonObject copy = node.deepCopy();
        for (var condition : copy.getAsJsonObject("status").getAsJsonArray("conditions")) {
            final JsonObject c = condition.getAsJsonObject();
            if ("Ready".equals(c.get("type").getAsString())) {
                c.addProperty("status", ready ? "True" : "False");
            }
        }
        return copy;
    }

    // ---- GoBGP on the same bed ----

    private JsonObject runGoBgp(final BenchCluster cluster)
            throws InterruptedException, ExecutionException, TimeoutException {
        final JsonObject result = new JsonObject();
        final JsonArray syncs = new JsonArray();
        try (GoBgp gobgp = GoBgp.start(work.resolve("gobgp"))) {
            bed.awaitEstablished(FabricBed.Router.FABRIC, ODL_ADDRESS, Duration.ofMinutes(2));
            for (int rep = 1; rep <= reps; rep++) {
                final JsonObject sync = new JsonObject();
                final long start = Clock.nowMicros();
                gobgp.inject(cluster);
                final long injected = Clock.nowMicros();
                final long complete = awaitFib(cluster.expectedRoutes(), cluster.expectedHops(),
                    Duration.ofMinutes(15), start);
                sync.addProperty("rep", rep);
                sync.addProperty("inject_to_fib_ms", ms(complete - start));
                sync.addProperty("api_call_ms", ms(injected - start));
                sync.addProperty("gobgpd_rss_mib", rssMib(List.of(gobgp.pid())));
                LOG.info("gobgp {} rep {}: inject -> FIB complete {} ms", cluster.label(), rep,
                    sync.get("inject_to_fib_ms"));
                final long withdrawStart = Clock.nowMicros();
                gobgp.deleteAll();
                final long gone = awaitFib(0, 0, Duration.ofMinutes(15), withdrawStart);
                sync.addProperty("withdraw_all_ms", ms(gone - withdrawStart));
                syncs.add(sync);
            }
            result.add("single_path_floor", floor(gobgp));
        }
        result.add("sync", syncs);
        return result;
    }

    /**
     * The bed's own floor for P1: GoBGP adds and withdraws one path of the target VIP (unary gRPC); API call
     * returned -> first kernel route event. Whatever kube-anycast takes beyond this is ours or ODL's.
     */
    private JsonObject floor(final GoBgp gobgp) throws InterruptedException {
        final List<Double> add = new ArrayList<>();
        final List<Double> withdraw = new ArrayList<>();
        fib.watch(BenchCluster.TARGET_VIP);
        for (int i = 0; i < Math.max(5, p1Cycles); i++) {
            for (boolean adding : new boolean[] {true, false}) {
                fib.clearWatched();
                gobgp.single(BenchCluster.TARGET_VIP, BenchCluster.NODE_IPS.get(0), adding);
                final long accepted = Clock.nowMicros();
                final FibWatch.Event event = fib.nextWatched(Duration.ofSeconds(10));
                if (event == null) {
                    throw new IllegalStateException("GoBGP single path: no FIB change within 10 s");
                }
                (adding ? add : withdraw).add((event.micros() - accepted) / 1000.0);
                awaitQuiet(Duration.ofMillis(300), Duration.ofSeconds(10));
            }
        }
        fib.watch("");
        final JsonObject result = new JsonObject();
        result.add("add_ms", GSON.toJsonTree(Stats.summary(add)));
        result.add("withdraw_ms", GSON.toJsonTree(Stats.summary(withdraw)));
        LOG.info("GoBGP single-path floor: {}", result);
        return result;
    }

    // ---- FIB completion ----

    /**
     * Waits until the fabric's FIB holds exactly the given counts (polled only to know when to stop), then for 1 s
     * without route events, and returns the time of the last route event: the moment the FIB became complete.
     */
    private long awaitFib(final long routes, final long hops, final Duration timeout, final long notBefore)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        long[] counts = {-1, -1};
        while (System.nanoTime() < deadline) {
            counts = FibWatch.count(FABRIC_NS, BenchCluster.RANGE_PREFIX);
            if (counts[0] == routes && counts[1] == hops) {
                awaitQuiet(Duration.ofSeconds(1), Duration.ofMinutes(2));
                final long[] again = FibWatch.count(FABRIC_NS, BenchCluster.RANGE_PREFIX);
                if (again[0] == routes && again[1] == hops) {
                    return Math.max(fib.lastEventMicros(), notBefore);
                }
            }
            Thread.sleep(routes > 20_000 ? 1000 : 200);
        }
        throw new IllegalStateException("FIB of " + FABRIC_NS + " has " + counts[0] + " routes / " + counts[1]
            + " next hops, expected " + routes + " / " + hops + " after " + timeout);
    }

    // ---- machine, memory, output ----

    private static double ms(final long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    private static double rssMib(final List<Long> pids) {
        long kib = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
                    if (line.startsWith("VmRSS:")) {
                        kib += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException e) {
                LOG.warn("no /proc/{}/status: {}", pid, e.getMessage());
            }
        }
        return Math.round(kib / 102.4) / 10.0;
    }

    private static void check(final HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("fake API server answered " + response.statusCode() + ": "
                + response.body());
        }
    }

    private static JsonArray loadavg() throws IOException {
        final JsonArray load = new JsonArray();
        for (String value : Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split(" ")) {
            load.add(value);
        }
        return load;
    }

    private static JsonObject machine() throws IOException {
        final JsonObject m = new JsonObject();
        m.addProperty("cpus", Runtime.getRuntime().availableProcessors());
        String cpuModel = "";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
            if (line.startsWith("model name")) {
                cpuModel = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        m.addProperty("cpu_model", cpuModel);
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
            if (line.startsWith("MemTotal:")) {
                m.addProperty("mem_total_mib", Long.parseLong(line.replaceAll("\\D", "")) / 1024);
            }
        }
        m.addProperty("kernel", Cmd.run("uname", "-r").stdout().trim());
        m.addProperty("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        // Karaf 4.4's unix scripts ignore JAVA_MAX_MEM; EXTRA_JAVA_OPTS reaches the JVM (run.sh: -Xmx1024m)
        m.addProperty("karaf_extra_java_opts", System.getenv().getOrDefault("EXTRA_JAVA_OPTS", "(none)"));
        m.addProperty("frr", Cmd.run("sh", "-c", "dpkg-query -W -f '${Version}' frr").stdout().trim());
        m.addProperty("gobgpd", Cmd.run("sh", "-c", "dpkg-query -W -f '${Version}' gobgpd").stdout().trim());
        m.addProperty("iproute2", Cmd.run("sh", "-c", "dpkg-query -W -f '${Version}' iproute2").stdout().trim());
        return m;
    }

    private void write() throws IOException {
        Files.writeString(out.resolve("results.json"), GSON.toJson(results) + "\n", StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.md"), Report.markdown(results), StandardCharsets.UTF_8);
    }
}
