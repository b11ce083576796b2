/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake Kubernetes API server (k8s-service-source/fake-apiserver) as a separate process:
 * {@code java -jar <jar> --port N --fixtures DIR}. The jar comes from system property {@code fake.apiserver.jar}
 * (the pom points it at {@code k8s-service-source/fake-apiserver/target/k8s-fake-apiserver-<version>.jar}).
 * It is ready when it prints its URL (the first {@code http://} or {@code https://} URL on stdout); its output
 * goes to {@code <workDir>/fake-apiserver.log}. Writes go through plain HTTP like kubectl would: {@link #apply}
 * (POST when the object does not exist yet, else PUT; then PUT of {@code /status} when the object carries a status
 * and its kind has that subresource) and {@link #delete}. Stop/start keep port and fixtures; the server's state
 * after a restart is its fixtures again (an API server outage that comes back "with changed state": change the
 * fixtures, or apply after start). Not thread-safe.
 */
public final class FakeApiServerProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(https?://[^\\s()]+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Kinds with a /status subresource in the Kubernetes API (and in the fake). */
    private static final List<String> STATUS_KINDS = List.of("Service", "Node", "Pod");
    /** Kinds that are not namespaced. */
    private static final List<String> CLUSTER_KINDS = List.of("Node", "Namespace");

    private final Path jar;
    private final int port;
    private final List<Path> fixtures;
    private final Path workDir;
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private Thread shutdownHook;
    private URI url;

    /**
     * A server that is not started yet.
     *
     * @param port the port to listen on (127.0.0.1)
     * @param workDir where its log goes
     * @param fixtures directories of Kubernetes object JSON files to load at every start (may be empty)
     */
    public FakeApiServerProcess(final int port, final Path workDir, final List<Path> fixtures) {
        this.jar = Path.of(System.getProperty("fake.apiserver.jar", Path.of(System.getProperty("e2e.module.dir",
            "."), "../../k8s-service-source/fake-apiserver/target/k8s-fake-apiserver-0.1.0-SNAPSHOT.jar")
            .toString())).toAbsolutePath().normalize();
        this.port = port;
        this.workDir = workDir;
        this.fixtures = List.copyOf(fixtures);
    }

    /**
     * Starts the process and waits until it printed its URL.
     *
     * @return this
     * @throws IllegalStateException when the jar is missing or it does not come up within 60 s
     */
    public FakeApiServerProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("fake API server already runs at " + url);
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no fake API server jar at " + jar
                + ": build k8s-service-source first, or set -Dfake.apiserver.jar=...");
        }
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-jar", jar.toString(), "--port", Integer.toString(port)));
        for (Path dir : fixtures) {
            cmd.add("--fixtures");
            cmd.add(dir.toAbsolutePath().toString());
        }
        try {
            Files.createDirectories(workDir);
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
        // a child process outlives a JVM that exits without close() (a crashed or timed-out test): kill it then
        final Process child = process;
        shutdownHook = new Thread(child::destroyForcibly, "fake-apiserver-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        final CompletableFuture<URI> ready = new CompletableFuture<>();
        final Process started = process;
        final Thread pump = new Thread(() -> pump(started, ready), "fake-apiserver-output");
        pump.setDaemon(true);
        pump.start();
        try {
            url = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting the fake API server", e);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new IllegalStateException("fake API server did not print its URL within " + START_TIMEOUT
                + "; " + log() + " ends with:\n" + logTail(15), e);
        }
        return this;
    }

    private void pump(final Process proc, final CompletableFuture<URI> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(log(), StandardCharsets.UTF_8,
                 java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                final Matcher m = URL.matcher(line);
                if (!ready.isDone() && m.find()) {
                    ready.complete(URI.create(m.group(1).replaceAll("/+$", "")));
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        // no-op when the URL was already seen
        ready.completeExceptionally(new IllegalStateException("fake API server closed its output (exited?)"));
    }

    /**
     * A TCP port that was free on 127.0.0.1 a moment ago (other engineers and CI jobs may run their own fake API
     * server on the same machine: do not hard-code one).
     *
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private String logTail(final int lines) {
        try {
            final List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Its log file.
     *
     * @return workDir/fake-apiserver.log
     */
    public Path log() {
        return workDir.resolve("fake-apiserver.log");
    }

    /**
     * The URL it printed, e.g. http://127.0.0.1:6443; what Karaf's config must name.
     *
     * @return the base URL (no trailing slash)
     */
    public URI url() {
        if (url == null) {
            throw new IllegalStateException("not started");
        }
        return url;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Creates or replaces a Kubernetes object given as JSON (apiVersion, kind, metadata.name and, for namespaced
     * kinds, metadata.namespace are required). When it carries a {@code status} and its kind has the status
     * subresource, the status is written too (as a controller would).
     *
     * @param json the object
     * @return the server's answer to the last write
     * @throws IOException when the server cannot be reached
     * @throws IllegalStateException when the server refuses a write
     */
    public String apply(final String json) throws IOException {
        final JsonObject obj = JsonParser.parseString(json).getAsJsonObject();
        final String kind = obj.get("kind").getAsString();
        final JsonObject metadata = obj.getAsJsonObject("metadata");
        final String namespace = CLUSTER_KINDS.contains(kind) ? null
            : metadata.has("namespace") ? metadata.get("namespace").getAsString() : "default";
        final String name = metadata.get("name").getAsString();
        final String collection = collectionPath(obj.get("apiVersion").getAsString(), kind, namespace);
        final boolean exists = exists(collection + "/" + name);
        HttpResponse<String> response = exists ? send("PUT", collection + "/" + name, json)
            : send("POST", collection, json);
        check(response, "apply " + kind + " " + name);
        if (obj.has("status") && STATUS_KINDS.contains(kind)) {
            response = send("PUT", collection + "/" + name + "/status", json);
            check(response, "apply status of " + kind + " " + name);
        }
        return response.body();
    }

    // GET first, like kubectl apply: the API server answers a PUT of a missing object with 404, not a create
    private boolean exists(final String path) throws IOException {
        return send("GET", path, null).statusCode() == 200;
    }

    /**
     * Deletes an object (404 counts as done).
     *
     * @param kind e.g. "Service", "Node", "EndpointSlice"
     * @param namespace its namespace, or null for cluster-scoped kinds
     * @param name its name
     * @throws IOException when the server cannot be reached
     */
    public void delete(final String kind, final String namespace, final String name) throws IOException {
        final HttpResponse<String> response = send("DELETE",
            collectionPath(apiVersionOf(kind), kind, namespace) + "/" + name, null);
        if (response.statusCode() != 404) {
            check(response, "delete " + kind + " " + name);
        }
    }

    /**
     * Any request against the server, for what apply/delete do not cover (PATCH, GET of a list, ...).
     *
     * @param method HTTP method
     * @param path e.g. "/api/v1/nodes"
     * @param body JSON or null
     * @return the response
     * @throws IOException when the server cannot be reached
     */
    public HttpResponse<String> send(final String method, final String path, final String body)
            throws IOException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "PATCH".equals(method) ? "application/merge-patch+json"
                : "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + path, e);
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s); no-op when it does not run. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook runs anyway
            }
            shutdownHook = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    // ---- REST coordinates ----

    private static final Map<String, String> API_VERSIONS = Map.of("Service", "v1", "Node", "v1", "Pod", "v1",
        "Namespace", "v1", "Endpoints", "v1", "Event", "v1", "EndpointSlice", "discovery.k8s.io/v1");

    private static String apiVersionOf(final String kind) {
        final String apiVersion = API_VERSIONS.get(kind);
        if (apiVersion == null) {
            throw new IllegalArgumentException("unknown kind " + kind + "; use send(...) with an explicit path");
        }
        return apiVersion;
    }

    static String collectionPath(final String apiVersion, final String kind, final String namespace) {
        final String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        final String plural = "Endpoints".equals(kind) ? "endpoints" : kind.toLowerCase(Locale.ROOT) + "s";
        return prefix + (namespace == null || CLUSTER_KINDS.contains(kind) ? "" : "/namespaces/" + namespace)
            + "/" + plural;
    }

    private static void check(final HttpResponse<String> response, final String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": fake API server answered " + response.statusCode() + ": "
                + response.body());
        }
    }
}
