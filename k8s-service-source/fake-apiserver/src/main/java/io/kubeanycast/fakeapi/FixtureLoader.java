/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.fakeapi;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Loads Kubernetes objects as {@code kubectl get -o json} prints them (a single object or a {@code List} of them)
 * into an {@link ObjectStore}. Kinds the fake server does not serve are skipped with a warning. Stateless.
 */
public final class FixtureLoader {
    /** The bundled demo cluster, as classpath resources. */
    public static final List<String> SAMPLE_CLUSTER = List.of(
        "sample-cluster/nodes.json", "sample-cluster/services.json", "sample-cluster/endpointslices.json");

    private static final Logger LOG = Logger.getLogger(FixtureLoader.class.getName());

    private FixtureLoader() {
        // utility
    }

    /**
     * Load every {@code *.json} file of a directory, in file name order.
     *
     * @return the number of objects loaded
     */
    public static int loadDirectory(final ObjectStore store, final Path directory) throws IOException {
        final List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        int count = 0;
        for (Path file : files) {
            count += load(store, JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)),
                file.toString());
        }
        return count;
    }

    /**
     * Load classpath resources, e.g. {@link #SAMPLE_CLUSTER}.
     *
     * @return the number of objects loaded
     */
    public static int loadResources(final ObjectStore store, final List<String> resources) {
        int count = 0;
        for (String resource : resources) {
            try (InputStream in = FixtureLoader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no resource " + resource);
                }
                count += load(store, JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                    resource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return count;
    }

    /**
     * Load one parsed document: an object or a List.
     *
     * @return the number of objects loaded
     */
    public static int load(final ObjectStore store, final JsonElement document, final String origin) {
        final JsonObject object = document.getAsJsonObject();
        final String kind = object.has("kind") ? object.get("kind").getAsString() : "";
        if (object.has("items") && kind.endsWith("List")) {
            int count = 0;
            for (JsonElement item : object.getAsJsonArray("items")) {
                count += load(store, item, origin);
            }
            return count;
        }
        final String apiVersion = object.has("apiVersion") ? object.get("apiVersion").getAsString() : "";
        if (ResourceType.forKind(apiVersion, kind).isEmpty()) {
            LOG.log(Level.WARNING, "{0}: skipping unsupported kind {1} {2}", new Object[] {origin, apiVersion, kind});
            return 0;
        }
        store.apply(object);
        return 1;
    }
}
