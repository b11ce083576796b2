/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.fakeapi;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the Kubernetes REST paths of {@link ResourceType} on an {@link ObjectStore}: list, get, create, replace,
 * patch, delete and streaming watch, plus the discovery documents clients ask for. Stateless apart from request
 * counters; each request runs on its own thread of the HTTP server's pool (a watch holds its thread while open).
 */
final class ApiHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private static final Gson GSON = new Gson();
    private static final long POLL_MILLIS = 200;

    private final ObjectStore store;
    private final FakeApiServer server;
    private final long bookmarkMillis;
    private final AtomicLong listRequests = new AtomicLong();
    private final AtomicLong watchRequests = new AtomicLong();
    private final Map<ResourceType, Long> listDelayMillis = new java.util.concurrent.ConcurrentHashMap<>();

    ApiHandler(final ObjectStore store, final FakeApiServer server, final long bookmarkMillis) {
        this.store = store;
        this.server = server;
        this.bookmarkMillis = bookmarkMillis;
    }

    long listRequests() {
        return listRequests.get();
    }

    void delayLists(final ResourceType type, final long millis) {
        listDelayMillis.put(type, millis);
    }

    long watchRequests() {
        return watchRequests.get();
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void handle(final HttpExchange exchange) throws IOException {
        // not try-with-resources: that would close the exchange (dropping the connection without a reply) before
        // the catch clauses get to send the error Status
        try {
            route(exchange);
        } catch (ApiError e) {
            sendError(exchange, e);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            // gson: unparsable JSON, or a field of the wrong JSON type (e.g. an object where a string belongs)
            sendError(exchange, ApiError.badRequest("invalid body: " + e.getMessage(), e));
        } catch (IOException e) {
            // the client went away (a watch it closed, or the server stopping under it): nothing to answer
            LOG.log(Level.FINE, "connection closed", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "request " + exchange.getRequestMethod() + " "
                + exchange.getRequestURI() + " failed");
            sendError(exchange, ApiError.internalError(e));
        } finally {
            exchange.close();
        }
    }

    // every failed request gets a Status unless its response has already begun (a watch stream): then the
    // connection just ends, which is what a watch client sees from the real API server too
    private static void sendError(final HttpExchange exchange, final ApiError error) {
        if (exchange.getResponseCode() != -1) {
            LOG.log(Level.FINE, error, () -> "request " + exchange.getRequestMethod() + " "
                + exchange.getRequestURI() + " failed after its response began");
            return;
        }
        try {
            send(exchange, error.code(), error.toStatus());
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection closed before the error could be sent", e);
        }
    }

    private void route(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getRawPath();
        final List<String> segments = Arrays.stream(path.split("/"))
            .filter(segment -> !segment.isEmpty())
            .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8))
            .toList();
        if (segments.isEmpty()) {
            throw ApiError.pathNotFound();
        }
        switch (segments.get(0)) {
            case "version" -> send(exchange, 200, Discovery.version());
            case "healthz", "readyz", "livez" -> sendText(exchange, 200, "ok");
            case "fake" -> admin(exchange, segments);
            case "api" -> {
                if (segments.size() == 1) {
                    send(exchange, 200, Discovery.coreVersions());
                } else if (segments.size() == 2) {
                    send(exchange, 200, Discovery.resources("", segments.get(1)));
                } else {
                    resource(exchange, "", segments.get(1), segments.subList(2, segments.size()));
                }
            }
            case "apis" -> {
                if (segments.size() == 1) {
                    send(exchange, 200, Discovery.groups());
                } else if (segments.size() == 3) {
                    send(exchange, 200, Discovery.resources(segments.get(1), segments.get(2)));
                } else if (segments.size() > 3) {
                    resource(exchange, segments.get(1), segments.get(2), segments.subList(3, segments.size()));
                } else {
                    throw ApiError.pathNotFound();
                }
            }
            default -> throw ApiError.pathNotFound();
        }
    }

    private void admin(final HttpExchange exchange, final List<String> segments) throws IOException {
        final Map<String, String> query = query(exchange);
        final String action = segments.size() > 1 ? segments.get(1) : "";
        switch (action) {
            case "compact" -> store.compact();
            case "close-watches" -> store.closeWatches();
            case "outage" -> server.outage(longParameter(query, "seconds", 3));
            default -> throw new ApiError(404, "NotFound", "unknown admin action " + action);
        }
        sendText(exchange, 200, "ok");
    }

    private void resource(final HttpExchange exchange, final String group, final String version,
            final List<String> rest) throws IOException {
        String namespace = null;
        List<String> tail = rest;
        if (rest.size() >= 3 && "namespaces".equals(rest.get(0))) {
            namespace = rest.get(1);
            tail = rest.subList(2, rest.size());
        }
        final ResourceType type = ResourceType.find(group, version, tail.get(0))
            .orElseThrow(ApiError::pathNotFound);
        if (namespace != null && !type.namespaced()) {
            throw new ApiError(404, "NotFound", type.plural() + " are not namespaced");
        }
        final String name = tail.size() > 1 ? tail.get(1) : null;
        final boolean status = tail.size() > 2 && "status".equals(tail.get(2));
        if (tail.size() > 3 || tail.size() > 2 && (!status || !type.hasStatusSubresource())) {
            throw ApiError.pathNotFound();
        }
        final String ns = namespace;
        final String method = exchange.getRequestMethod();
        if (name == null) {
            switch (method) {
                case "GET" -> collection(exchange, type, ns);
                case "POST" -> {
                    if (type.namespaced() && ns == null) {
                        throw new ApiError(405, "MethodNotAllowed", "create needs a namespace in the path");
                    }
                    send(exchange, 201, store.create(type, ns, body(exchange)));
                }
                default -> throw ApiError.methodNotAllowed();
            }
            return;
        }
        if (type.namespaced() && ns == null) {
            throw ApiError.pathNotFound();
        }
        switch (method) {
            case "GET" -> send(exchange, 200,
                store.get(type, ns, name).orElseThrow(() -> ApiError.notFound(type, name)));
            case "PUT" -> {
                final JsonObject body = body(exchange);
                send(exchange, 200, store.update(type, ns, name, resourceVersionOf(body),
                    current -> merge(type, status, current, body)));
            }
            case "PATCH" -> {
                final JsonObject patch = body(exchange);
                send(exchange, 200, store.update(type, ns, name, resourceVersionOf(patch),
                    current -> merge(type, status, current,
                        JsonMergePatch.apply(current, patch).getAsJsonObject())));
            }
            case "DELETE" -> {
                if (status) {
                    throw ApiError.methodNotAllowed();
                }
                send(exchange, 200, store.delete(type, ns, name));
            }
            default -> throw ApiError.methodNotAllowed();
        }
    }

    // a write to the main resource keeps the stored status, a write to /status keeps everything else (spec and
    // metadata)
    private static JsonObject merge(final ResourceType type, final boolean statusWrite, final JsonObject current,
            final JsonObject written) {
        if (!type.hasStatusSubresource()) {
            return written;
        }
        final JsonObject result = (statusWrite ? current : written).deepCopy();
        final JsonElement status = (statusWrite ? written : current).get("status");
        if (status == null) {
            result.remove("status");
        } else {
            result.add("status", status.deepCopy());
        }
        // a status write keeps the stored metadata too (labels, annotations); its resourceVersion precondition
        // was checked before, and the store assigns the new one
        return result;
    }

    private void collection(final HttpExchange exchange, final ResourceType type, final String namespace)
            throws IOException {
        final Map<String, String> query = query(exchange);
        final Selector selector = Selector.labels(query.get("labelSelector"))
            .and(Selector.fields(query.get("fieldSelector")));
        if (!"true".equals(query.get("watch")) && !"1".equals(query.get("watch"))) {
            listRequests.incrementAndGet();
            final long delay = listDelayMillis.getOrDefault(type, 0L);
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            send(exchange, 200, store.list(type, namespace, selector));
            return;
        }
        watchRequests.incrementAndGet();
        final long timeoutMillis = query.containsKey("timeoutSeconds")
            ? TimeUnit.SECONDS.toMillis(longParameter(query, "timeoutSeconds", 0)) : Long.MAX_VALUE;
        final boolean bookmarks = "true".equals(query.get("allowWatchBookmarks"));
        final Watcher watcher;
        try {
            watcher = store.watch(type, namespace, selector, query.get("resourceVersion"));
        } catch (ApiError e) {
            if (e.code() != 410) {
                throw e;
            }
            // the real API server answers an expired watch with 200 and a single ERROR event
            final JsonObject event = new JsonObject();
            event.addProperty("type", "ERROR");
            event.add("object", e.toStatus());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write((GSON.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        try (watcher) {
            stream(exchange, watcher, timeoutMillis, bookmarks);
        }
    }

    private void stream(final HttpExchange exchange, final Watcher watcher, final long timeoutMillis,
            final boolean bookmarks) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        final OutputStream out = exchange.getResponseBody();
        out.flush();
        final long start = System.nanoTime();
        long lastWrite = start;
        while (!watcher.isClosed() && server.isRunning()) {
            final long now = System.nanoTime();
            if (TimeUnit.NANOSECONDS.toMillis(now - start) >= timeoutMillis) {
                break;
            }
            final Optional<WatchEvent> event;
            try {
                event = watcher.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            JsonObject line = event.map(WatchEvent::toJson).orElse(null);
            if (line == null && bookmarks && TimeUnit.NANOSECONDS.toMillis(now - lastWrite) >= bookmarkMillis) {
                line = watcher.bookmark().map(object -> {
                    final JsonObject bookmark = new JsonObject();
                    bookmark.addProperty("type", "BOOKMARK");
                    bookmark.add("object", object);
                    return bookmark;
                }).orElse(null);
            }
            if (line != null) {
                out.write((GSON.toJson(line) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                lastWrite = System.nanoTime();
            }
        }
        out.close();
    }

    private static JsonObject body(final HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            final JsonElement body = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!body.isJsonObject()) {
                throw ApiError.badRequest("body must be a JSON object");
            }
            return body.getAsJsonObject();
        }
    }

    private static String resourceVersionOf(final JsonObject body) {
        final JsonElement metadata = body.get("metadata");
        if (metadata == null || !metadata.isJsonObject()) {
            return null;
        }
        final JsonElement version = metadata.getAsJsonObject().get("resourceVersion");
        return version == null || version.isJsonNull() ? null : version.getAsString();
    }

    private static long longParameter(final Map<String, String> query, final String key, final long otherwise) {
        final String value = query.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid " + key + ": " + value, e);
        }
    }

    private static Map<String, String> query(final HttpExchange exchange) {
        final Map<String, String> result = new HashMap<>();
        final String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return result;
        }
        for (String pair : raw.split("&")) {
            final int eq = pair.indexOf('=');
            final String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            final String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.put(key, value);
        }
        return result;
    }

    private static void send(final HttpExchange exchange, final int code, final JsonElement body) throws IOException {
        sendBytes(exchange, code, "application/json", GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void sendText(final HttpExchange exchange, final int code, final String text) throws IOException {
        sendBytes(exchange, code, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(final HttpExchange exchange, final int code, final String contentType,
            final byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            // the JDK server refuses body bytes on a HEAD response
            exchange.sendResponseHeaders(code, -1);
            return;
        }
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * The discovery documents clients read before they talk to a resource.
     */
    private static final class Discovery {
        private Discovery() {
            // utility
        }

        static JsonObject version() {
            final JsonObject version = new JsonObject();
            version.addProperty("major", "1");
            version.addProperty("minor", "34");
            version.addProperty("gitVersion", "v1.34.0-kube-anycast-fake");
            version.addProperty("platform", "linux/amd64");
            return version;
        }

        static JsonObject coreVersions() {
            final JsonObject versions = new JsonObject();
            versions.addProperty("kind", "APIVersions");
            final JsonArray list = new JsonArray();
            list.add("v1");
            versions.add("versions", list);
            return versions;
        }

        static JsonObject groups() {
            final JsonObject groups = new JsonObject();
            groups.addProperty("kind", "APIGroupList");
            groups.addProperty("apiVersion", "v1");
            final JsonArray list = new JsonArray();
            for (String name : List.of("discovery.k8s.io", "events.k8s.io")) {
                final JsonObject group = new JsonObject();
                group.addProperty("name", name);
                final JsonObject version = new JsonObject();
                version.addProperty("groupVersion", name + "/v1");
                version.addProperty("version", "v1");
                final JsonArray versions = new JsonArray();
                versions.add(version);
                group.add("versions", versions);
                group.add("preferredVersion", version);
                list.add(group);
            }
            groups.add("groups", list);
            return groups;
        }

        static JsonObject resources(final String group, final String version) {
            final JsonArray list = new JsonArray();
            for (ResourceType type : ResourceType.values()) {
                if (type.group().equals(group) && type.version().equals(version)) {
                    final JsonObject resource = new JsonObject();
                    resource.addProperty("name", type.plural());
                    resource.addProperty("singularName", type.kind().toLowerCase(java.util.Locale.ROOT));
                    resource.addProperty("namespaced", type.namespaced());
                    resource.addProperty("kind", type.kind());
                    final JsonArray verbs = new JsonArray();
                    List.of("create", "delete", "get", "list", "patch", "update", "watch").forEach(verbs::add);
                    resource.add("verbs", verbs);
                    list.add(resource);
                }
            }
            if (list.isEmpty()) {
                throw ApiError.pathNotFound();
            }
            final JsonObject resources = new JsonObject();
            resources.addProperty("kind", "APIResourceList");
            resources.addProperty("apiVersion", "v1");
            resources.addProperty("groupVersion", group.isEmpty() ? version : group + "/" + version);
            resources.add("resources", list);
            return resources;
        }
    }
}
