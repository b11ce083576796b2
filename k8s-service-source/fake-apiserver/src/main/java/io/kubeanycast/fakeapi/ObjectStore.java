/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.fakeapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * The fake cluster's storage, playing etcd plus the API server's watch cache: objects by kind and key, one global
 * monotonically increasing resourceVersion, and a bounded history of changes from which watches resume. A watch
 * from a resourceVersion older than the history is refused with 410 Gone, as the real API server does once etcd
 * compacted. It outlives {@link FakeApiServer#stop()}, so a test can change the cluster while the server is down.
 *
 * <p>Thread-safe: every operation holds one lock, so changes are totally ordered and each watcher receives its
 * events in resourceVersion order. Stored objects are private copies; callers get copies.
 */
public final class ObjectStore {
    private final Object lock = new Object();
    private final Map<ResourceType, TreeMap<String, JsonObject>> objects = new EnumMap<>(ResourceType.class);
    private final Deque<WatchEvent> history = new ArrayDeque<>();
    private final List<Watcher> watchers = new ArrayList<>();
    private final int historyLimit;
    private long resourceVersion;
    // a watch must start at or after this version: the events before it were dropped from the history
    private long compactedVersion;

    public ObjectStore(final int historyLimit) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("history limit must be positive");
        }
        this.historyLimit = historyLimit;
        for (ResourceType type : ResourceType.values()) {
            objects.put(type, new TreeMap<>());
        }
    }

    public long resourceVersion() {
        synchronized (lock) {
            return resourceVersion;
        }
    }

    /**
     * A List object of every matching object; namespace null means all namespaces.
     */
    public JsonObject list(final ResourceType type, final String namespace, final Selector selector) {
        synchronized (lock) {
            final JsonArray items = new JsonArray();
            for (JsonObject object : objects.get(type).values()) {
                if ((namespace == null || namespace.equals(namespaceOf(object))) && selector.test(object)) {
                    final JsonObject item = object.deepCopy();
                    // the real API server leaves kind and apiVersion out of list items
                    item.remove("kind");
                    item.remove("apiVersion");
                    items.add(item);
                }
            }
            final JsonObject list = new JsonObject();
            list.addProperty("kind", type.kind() + "List");
            list.addProperty("apiVersion", type.apiVersion());
            final JsonObject metadata = new JsonObject();
            metadata.addProperty("resourceVersion", Long.toString(resourceVersion));
            list.add("metadata", metadata);
            list.add("items", items);
            return list;
        }
    }

    public Optional<JsonObject> get(final ResourceType type, final String namespace, final String name) {
        synchronized (lock) {
            final JsonObject object = objects.get(type).get(key(type, namespace, name));
            return Optional.ofNullable(object).map(JsonObject::deepCopy);
        }
    }

    /**
     * Create an object (POST). Assigns uid, creationTimestamp and resourceVersion; a missing name is generated
     * from {@code metadata.generateName}.
     *
     * @throws ApiError 409 AlreadyExists
     */
    public JsonObject create(final ResourceType type, final String namespace, final JsonObject body) {
        synchronized (lock) {
            final JsonObject object = body.deepCopy();
            final JsonObject metadata = metadata(object);
            if (!metadata.has("name")) {
                if (!metadata.has("generateName")) {
                    throw ApiError.badRequest("metadata.name or metadata.generateName is required");
                }
                metadata.addProperty("name", metadata.get("generateName").getAsString() + randomSuffix());
            }
            final String name = metadata.get("name").getAsString();
            final String ns = type.namespaced() ? namespaceOr(namespace, metadata) : null;
            if (ns != null) {
                metadata.addProperty("namespace", ns);
            }
            final String key = key(type, ns, name);
            if (objects.get(type).containsKey(key)) {
                throw ApiError.alreadyExists(type, name);
            }
            metadata.addProperty("uid", UUID.randomUUID().toString());
            metadata.addProperty("creationTimestamp", now());
            return store(type, key, object, WatchEvent.ADDED);
        }
    }

    /**
     * Change an existing object (PUT, PATCH). When {@code expectedVersion} is given it must equal the stored one.
     *
     * @param change computes the new object from a copy of the stored one
     * @throws ApiError 404 NotFound, 409 Conflict
     */
    public JsonObject update(final ResourceType type, final String namespace, final String name,
            final String expectedVersion, final UnaryOperator<JsonObject> change) {
        synchronized (lock) {
            final String key = key(type, namespace, name);
            final JsonObject current = objects.get(type).get(key);
            if (current == null) {
                throw ApiError.notFound(type, name);
            }
            final JsonObject currentMeta = metadata(current);
            if (expectedVersion != null && !expectedVersion.isEmpty()
                    && !expectedVersion.equals(currentMeta.get("resourceVersion").getAsString())) {
                throw ApiError.conflict(type, name);
            }
            final JsonObject updated = change.apply(current.deepCopy());
            final JsonObject metadata = metadata(updated);
            // identity fields are the server's, whatever the client sent
            for (String field : List.of("name", "namespace", "uid", "creationTimestamp")) {
                if (currentMeta.has(field)) {
                    metadata.add(field, currentMeta.get(field));
                } else {
                    metadata.remove(field);
                }
            }
            return store(type, key, updated, WatchEvent.MODIFIED);
        }
    }

    /**
     * Create or replace an object as a whole, including its status, without preconditions: a direct write to
     * the cluster's storage, for fixtures and tests.
     */
    public JsonObject apply(final JsonObject object) {
        final ResourceType type = typeOf(object);
        final JsonObject metadata = metadata(object);
        final String name = metadata.get("name").getAsString();
        final String namespace = type.namespaced() ? namespaceOr(null, metadata) : null;
        synchronized (lock) {
            if (objects.get(type).containsKey(key(type, namespace, name))) {
                return update(type, namespace, name, null, current -> object.deepCopy());
            }
            final JsonObject copy = object.deepCopy();
            final JsonObject copyMeta = metadata(copy);
            if (!copyMeta.has("uid")) {
                copyMeta.addProperty("uid", UUID.randomUUID().toString());
            }
            if (!copyMeta.has("creationTimestamp")) {
                copyMeta.addProperty("creationTimestamp", now());
            }
            if (namespace != null) {
                copyMeta.addProperty("namespace", namespace);
            }
            return store(type, key(type, namespace, name), copy, WatchEvent.ADDED);
        }
    }

    /**
     * {@link #apply(JsonObject)} for a JSON text, so callers need no JSON library of their own.
     */
    public void applyJson(final String json) {
        apply(com.google.gson.JsonParser.parseString(json).getAsJsonObject());
    }

    /**
     * Apply a JSON merge patch to an object as a whole (status included), without preconditions.
     */
    public void patchJson(final ResourceType type, final String namespace, final String name, final String patch) {
        final JsonElement parsed = com.google.gson.JsonParser.parseString(patch);
        update(type, namespace, name, null, current -> JsonMergePatch.apply(current, parsed).getAsJsonObject());
    }

    /**
     * Delete an object and tell watchers with a DELETED event.
     *
     * @return the object's last state
     * @throws ApiError 404 NotFound
     */
    public JsonObject delete(final ResourceType type, final String namespace, final String name) {
        synchronized (lock) {
            final String key = key(type, namespace, name);
            final JsonObject removed = objects.get(type).remove(key);
            if (removed == null) {
                throw ApiError.notFound(type, name);
            }
            metadata(removed).addProperty("resourceVersion", Long.toString(++resourceVersion));
            record(new WatchEvent(resourceVersion, WatchEvent.DELETED, type, removed));
            return removed.deepCopy();
        }
    }

    /**
     * Open a watch. Without a resourceVersion (or with "0") it starts with a synthetic ADDED event for every
     * existing object, like the real API server; with one, it replays the changes after it from the history.
     *
     * @throws ApiError 410 Gone when the resourceVersion is older than the history
     */
    public Watcher watch(final ResourceType type, final String namespace, final Selector selector,
            final String fromVersion) {
        synchronized (lock) {
            final Watcher watcher = new Watcher(this, type, namespace, selector);
            if (fromVersion == null || fromVersion.isEmpty() || "0".equals(fromVersion)) {
                for (JsonObject object : objects.get(type).values()) {
                    final WatchEvent event = new WatchEvent(resourceVersion, WatchEvent.ADDED, type, object);
                    if (watcher.matches(event)) {
                        watcher.offer(event);
                    }
                }
            } else {
                final long from;
                try {
                    from = Long.parseLong(fromVersion);
                } catch (NumberFormatException e) {
                    throw new ApiError(400, "BadRequest", "invalid resourceVersion: " + fromVersion, e);
                }
                if (from < compactedVersion) {
                    throw ApiError.gone(from);
                }
                for (WatchEvent event : history) {
                    if (event.resourceVersion() > from && watcher.matches(event)) {
                        watcher.offer(event);
                    }
                }
            }
            watchers.add(watcher);
            return watcher;
        }
    }

    /**
     * Forget the whole change history, like an etcd compaction, and advance the resourceVersion past every version
     * handed out so far: every watch resuming from any of them then gets 410 Gone and its client must relist.
     */
    public void compact() {
        synchronized (lock) {
            history.clear();
            compactedVersion = ++resourceVersion;
        }
    }

    /**
     * Close every open watch; their HTTP streams end and the clients reconnect.
     */
    public void closeWatches() {
        final List<Watcher> open;
        synchronized (lock) {
            open = new ArrayList<>(watchers);
        }
        open.forEach(Watcher::close);
    }

    public int openWatches() {
        synchronized (lock) {
            return watchers.size();
        }
    }

    void unregister(final Watcher watcher) {
        synchronized (lock) {
            watchers.remove(watcher);
        }
    }

    Optional<JsonObject> bookmarkFor(final Watcher watcher) {
        synchronized (lock) {
            if (!watcher.isIdle()) {
                return Optional.empty();
            }
            final JsonObject object = new JsonObject();
            object.addProperty("kind", watcher.resource().kind());
            object.addProperty("apiVersion", watcher.resource().apiVersion());
            final JsonObject metadata = new JsonObject();
            metadata.addProperty("resourceVersion", Long.toString(resourceVersion));
            object.add("metadata", metadata);
            return Optional.of(object);
        }
    }

    private JsonObject store(final ResourceType type, final String key, final JsonObject object,
            final String eventType) {
        object.addProperty("kind", type.kind());
        object.addProperty("apiVersion", type.apiVersion());
        metadata(object).addProperty("resourceVersion", Long.toString(++resourceVersion));
        objects.get(type).put(key, object);
        record(new WatchEvent(resourceVersion, eventType, type, object.deepCopy()));
        return object.deepCopy();
    }

    private void record(final WatchEvent event) {
        history.addLast(event);
        while (history.size() > historyLimit) {
            compactedVersion = history.removeFirst().resourceVersion();
        }
        for (Watcher watcher : watchers) {
            if (watcher.matches(event)) {
                watcher.offer(event);
            }
        }
    }

    static ResourceType typeOf(final JsonObject object) {
        final JsonElement apiVersion = object.get("apiVersion");
        final JsonElement kind = object.get("kind");
        if (apiVersion == null || kind == null) {
            throw ApiError.badRequest("object without apiVersion or kind");
        }
        return ResourceType.forKind(apiVersion.getAsString(), kind.getAsString())
            .orElseThrow(() -> ApiError.badRequest("unsupported kind " + apiVersion.getAsString() + " "
                + kind.getAsString()));
    }

    static String namespaceOf(final JsonObject object) {
        final JsonElement metadata = object.get("metadata");
        if (metadata == null || !metadata.isJsonObject()) {
            return null;
        }
        final JsonElement namespace = metadata.getAsJsonObject().get("namespace");
        return namespace == null || namespace.isJsonNull() ? null : namespace.getAsString();
    }

    private static JsonObject metadata(final JsonObject object) {
        JsonElement metadata = object.get("metadata");
        if (metadata == null || !metadata.isJsonObject()) {
            metadata = new JsonObject();
            object.add("metadata", metadata);
        }
        return metadata.getAsJsonObject();
    }

    private static String namespaceOr(final String namespace, final JsonObject metadata) {
        if (namespace != null) {
            return namespace;
        }
        final JsonElement given = metadata.get("namespace");
        return given == null || given.isJsonNull() ? "default" : given.getAsString();
    }

    private static String key(final ResourceType type, final String namespace, final String name) {
        return type.namespaced() ? namespace + "/" + name : name;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String randomSuffix() {
        final String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        final StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return suffix.toString();
    }
}
