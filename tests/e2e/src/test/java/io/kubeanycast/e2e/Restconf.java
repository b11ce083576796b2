/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A tiny RESTCONF client for ODL's northbound: JSON in and out, basic auth admin:admin, base
 * {@code http://127.0.0.1:8181/rests}. Paths are relative to the base, e.g.
 * {@code get("/data/bgp-rib:bgp-rib/rib=kube-anycast?content=nonconfig")}. Thread-safe.
 */
public final class Restconf {
    /** ODL's default RESTCONF base. */
    public static final URI DEFAULT_BASE = URI.create("http://127.0.0.1:8181/rests");
    private static final String JSON = "application/yang-data+json";

    /**
     * A response.
     *
     * @param status the HTTP status
     * @param body the body as text (may be empty)
     */
    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /**
         * The body parsed as JSON.
         *
         * @return the JSON
         */
        public JsonElement json() {
            return JsonParser.parseString(body);
        }

        /**
         * Whether RESTCONF itself answered past authentication: 200, or its own error document (e.g. 400/404/409
         * for a path without model or data). Not 401/403, and not Jetty's bare 404/503 while RESTCONF's servlet is
         * not registered yet during boot.
         *
         * @return true when the request was authenticated and served by RESTCONF
         */
        public boolean servedByRestconf() {
            return status == 200 || status >= 400 && status != 401 && status != 403 && status != 503
                && body.contains("errors");
        }

        /**
         * Returns this response when 2xx, else throws with status and body.
         *
         * @return this
         */
        public Response orThrow() {
            if (!ok()) {
                throw new IllegalStateException("RESTCONF answered " + status + ": " + body);
            }
            return this;
        }
    }

    /**
     * A client with no credentials at all (no Authorization header).
     *
     * @return the client
     */
    public static Restconf anonymous() {
        return new Restconf(DEFAULT_BASE, null, null);
    }

    /**
     * The answer to one GET on {@link #DEFAULT_BASE} as this user, for credential checks: an I/O failure becomes
     * status -1 with the exception as body, so a test can wait for or assert on it like on any answer.
     *
     * @param user the user, or null for no credentials at all
     * @param password its password (ignored without a user)
     * @param path the path below the base, e.g. "/data/network-topology:network-topology"
     * @return the answer
     */
    public static Response getAs(final String user, final String password, final String path) {
        try {
            return (user == null ? anonymous() : new Restconf(DEFAULT_BASE, user, password)).get(path);
        } catch (IOException e) {
            return new Response(-1, e.toString());
        }
    }

    private final URI base;
    private final String authorization;
    private final HttpClient client;

    /** A client for {@link #DEFAULT_BASE} with admin:admin. */
    public Restconf() {
        this(DEFAULT_BASE, "admin", "admin");
    }

    /**
     * A client for another base or user.
     *
     * @param base e.g. http://127.0.0.1:8181/rests
     * @param user basic-auth user
     * @param password basic-auth password
     */
    public Restconf(final URI base, final String user, final String password) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Response get(final String path) throws IOException {
        return send("GET", path, null);
    }

    public Response put(final String path, final String json) throws IOException {
        return send("PUT", path, json);
    }

    public Response post(final String path, final String json) throws IOException {
        return send("POST", path, json);
    }

    public Response patch(final String path, final String json) throws IOException {
        return send("PATCH", path, json);
    }

    public Response delete(final String path) throws IOException {
        return send("DELETE", path, null);
    }

    /**
     * Sends one request.
     *
     * @param method HTTP method
     * @param path path below the base, starting with "/"
     * @param json body, or null for none
     * @return the response, whatever its status
     * @throws IOException when the server cannot be reached (connection refused while Karaf starts, ...)
     */
    public Response send(final String method, final String path, final String json) throws IOException {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", JSON + ", application/json")
            .header("Content-Type", JSON)
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        final HttpRequest request = builder.build();
        try {
            final HttpResponse<String> response = client.send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + path, e);
        }
    }
}
