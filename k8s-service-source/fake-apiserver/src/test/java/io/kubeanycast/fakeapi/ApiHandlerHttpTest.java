/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.fakeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake API server over real HTTP: status codes and {@code Status} bodies as the real API server sends them, in
 * particular that no request, failed or not, is answered by a dropped connection.
 */
class ApiHandlerHttpTest {
    private static final String SERVICES = "/api/v1/namespaces/default/services";
    private static final String NODES = "/api/v1/nodes";

    private FakeApiServer server;
    private HttpClient client;

    @BeforeEach
    void start() {
        // loopback, port 0: a free port, never the ones a running Karaf or e2e suite uses
        server = FakeApiServer.onLoopback().start();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createAnswers201AndGetReturnsTheObject() throws Exception {
        final HttpResponse<String> created = send("POST", SERVICES, service("web", "1.2.3.4"));
        assertEquals(201, created.statusCode(), created.body());
        final JsonObject object = json(created);
        final JsonObject metadata = object.getAsJsonObject("metadata");
        assertEquals("web", metadata.get("name").getAsString());
        assertEquals("default", metadata.get("namespace").getAsString());
        assertNotNull(metadata.get("uid"));
        assertNotNull(metadata.get("resourceVersion"));
        assertEquals("Service", object.get("kind").getAsString());

        final HttpResponse<String> got = send("GET", SERVICES + "/web", null);
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(object, json(got));
    }

    @Test
    void createOfAnExistingObjectIs409AlreadyExists() throws Exception {
        assertEquals(201, send("POST", SERVICES, service("web", "1.2.3.4")).statusCode());
        final HttpResponse<String> again = send("POST", SERVICES, service("web", "5.6.7.8"));
        assertStatus(again, 409, "AlreadyExists", "services \"web\" already exists");
        assertEquals(details("web", "services"), json(again).get("details"));
        // the stored object is unchanged
        assertEquals("1.2.3.4", json(send("GET", SERVICES + "/web", null))
            .getAsJsonObject("spec").get("clusterIP").getAsString());
    }

    @Test
    void replaceWithAStaleResourceVersionIs409Conflict() throws Exception {
        final JsonObject created = json(send("POST", SERVICES, service("web", "1.2.3.4")));
        final String version = resourceVersion(created);

        final JsonObject first = created.deepCopy();
        first.getAsJsonObject("spec").addProperty("clusterIP", "5.6.7.8");
        final HttpResponse<String> replaced = send("PUT", SERVICES + "/web", first.toString());
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertNotEquals(version, resourceVersion(json(replaced)));

        // the same resourceVersion again: someone else (the PUT above) changed the object since
        final JsonObject stale = created.deepCopy();
        stale.getAsJsonObject("spec").addProperty("clusterIP", "9.9.9.9");
        final HttpResponse<String> conflict = send("PUT", SERVICES + "/web", stale.toString());
        assertStatus(conflict, 409, "Conflict", "Operation cannot be fulfilled on services \"web\": the object has "
            + "been modified; please apply your changes to the latest version and try again");
        assertEquals("5.6.7.8", json(send("GET", SERVICES + "/web", null))
            .getAsJsonObject("spec").get("clusterIP").getAsString());
    }

    @Test
    void mergePatchChangesOnlyThePatchedFields() throws Exception {
        final JsonObject created = json(send("POST", SERVICES, service("web", "1.2.3.4")));
        final HttpResponse<String> patched = send("PATCH", SERVICES + "/web",
            "{\"metadata\":{\"labels\":{\"tier\":\"front\"}},\"spec\":{\"type\":\"LoadBalancer\"}}",
            "application/merge-patch+json");
        assertEquals(200, patched.statusCode(), patched.body());
        final JsonObject object = json(patched);
        assertEquals("front", object.getAsJsonObject("metadata").getAsJsonObject("labels").get("tier")
            .getAsString());
        assertEquals("LoadBalancer", object.getAsJsonObject("spec").get("type").getAsString());
        assertEquals("1.2.3.4", object.getAsJsonObject("spec").get("clusterIP").getAsString());
        assertNotEquals(resourceVersion(created), resourceVersion(object));
        assertEquals(object, json(send("GET", SERVICES + "/web", null)));
    }

    @Test
    void deleteAnswers200ThenGetIs404NotFoundWithTheStatusObject() throws Exception {
        assertEquals(201, send("POST", SERVICES, service("x", "1.2.3.4")).statusCode());
        final HttpResponse<String> deleted = send("DELETE", SERVICES + "/x", null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("x", json(deleted).getAsJsonObject("metadata").get("name").getAsString());

        final HttpResponse<String> got = send("GET", SERVICES + "/x", null);
        assertEquals(404, got.statusCode(), got.body());
        assertEquals("application/json", got.headers().firstValue("Content-Type").orElse(""));
        // the real API server's answer, field for field
        assertEquals(JsonParser.parseString("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"services \\\"x\\\" not found\",\"reason\":\"NotFound\","
            + "\"details\":{\"name\":\"x\",\"kind\":\"services\"},\"code\":404}"), json(got));
    }

    @Test
    void deleteOfAMissingObjectIs404() throws Exception {
        assertStatus(send("DELETE", SERVICES + "/missing", null), 404, "NotFound", "services \"missing\" not found");
        assertStatus(send("DELETE", NODES + "/missing", null), 404, "NotFound", "nodes \"missing\" not found");
    }

    @Test
    void replaceOrPatchOfAMissingObjectIs404AndCreatesNothing() throws Exception {
        final HttpResponse<String> put = send("PUT", SERVICES + "/missing", service("missing", "1.2.3.4"));
        assertStatus(put, 404, "NotFound", "services \"missing\" not found");
        assertEquals(details("missing", "services"), json(put).get("details"));
        assertStatus(send("PATCH", SERVICES + "/missing", "{\"spec\":{}}", "application/merge-patch+json"), 404,
            "NotFound", "services \"missing\" not found");
        assertStatus(send("PUT", SERVICES + "/missing/status", service("missing", "1.2.3.4")), 404, "NotFound",
            "services \"missing\" not found");
        assertStatus(send("GET", SERVICES + "/missing", null), 404, "NotFound", "services \"missing\" not found");
    }

    @Test
    void notFoundDetailsNameTheApiGroup() throws Exception {
        final HttpResponse<String> got = send("GET", "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/e",
            null);
        assertStatus(got, 404, "NotFound", "endpointslices \"e\" not found");
        assertEquals(JsonParser.parseString("{\"name\":\"e\",\"group\":\"discovery.k8s.io\","
            + "\"kind\":\"endpointslices\"}"), json(got).get("details"));
    }

    @Test
    void unknownPathsAre404() throws Exception {
        for (String path : List.of("/", "/nope", "/api/v1/widgets", "/apis/example.com/v1/widgets/w",
                SERVICES + "/web/scale", "/api/v1/namespaces/default/nodes/n", "/apis/discovery.k8s.io")) {
            assertStatus(send("GET", path, null), 404, "NotFound", null);
        }
    }

    @Test
    void unsupportedMethodsAre405() throws Exception {
        assertStatus(send("PUT", SERVICES, service("web", "1.2.3.4")), 405, "MethodNotAllowed", null);
        assertStatus(send("DELETE", SERVICES, null), 405, "MethodNotAllowed", null);
        assertStatus(send("POST", SERVICES + "/web", service("web", "1.2.3.4")), 405, "MethodNotAllowed", null);
        assertStatus(send("DELETE", NODES + "/n/status", null), 405, "MethodNotAllowed", null);
    }

    @Test
    void unparsableBodiesAre400() throws Exception {
        assertStatus(send("POST", SERVICES, "{\"metadata\": {\"name\": "), 400, "BadRequest", null);
        assertStatus(send("POST", SERVICES, "[1, 2]"), 400, "BadRequest", null);
        assertStatus(send("POST", SERVICES, ""), 400, "BadRequest", null);
        assertStatus(send("POST", SERVICES, "{\"metadata\":{\"name\":{\"not\":\"a string\"}}}"), 400, "BadRequest",
            null);
        assertEquals(201, send("POST", SERVICES, service("web", "1.2.3.4")).statusCode());
        assertStatus(send("PUT", SERVICES + "/web", "not json"), 400, "BadRequest", null);
        assertStatus(send("PATCH", SERVICES + "/web", "{", "application/merge-patch+json"), 400, "BadRequest", null);
        assertStatus(send("GET", SERVICES + "?labelSelector=tier%20in%20front", null), 400, "BadRequest", null);
        assertStatus(send("GET", SERVICES + "?watch=true&timeoutSeconds=soon", null), 400, "BadRequest", null);
    }

    @Test
    void headIsAnsweredWithoutABody() throws Exception {
        // HEAD is not served (405); the point is that the error reply carries no body, which the JDK server
        // would refuse, and so is not dropped
        final HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri(SERVICES + "/missing"))
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(405, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void statusWriteOfANodeChangesOnlyItsStatus() throws Exception {
        final HttpResponse<String> created = send("POST", NODES, "{\"apiVersion\":\"v1\",\"kind\":\"Node\","
            + "\"metadata\":{\"name\":\"n1\",\"labels\":{\"zone\":\"a\"}},\"spec\":{\"podCIDR\":\"10.0.1.0/24\"}}");
        assertEquals(201, created.statusCode(), created.body());
        final JsonObject node = json(created);

        final JsonObject written = node.deepCopy();
        written.getAsJsonObject("metadata").getAsJsonObject("labels").addProperty("zone", "b");
        written.getAsJsonObject("spec").addProperty("podCIDR", "10.0.9.0/24");
        written.getAsJsonObject("spec").addProperty("unschedulable", true);
        written.add("status", JsonParser.parseString("{\"addresses\":[{\"type\":\"InternalIP\","
            + "\"address\":\"192.0.2.1\"}]}"));
        final HttpResponse<String> put = send("PUT", NODES + "/n1/status", written.toString());
        assertEquals(200, put.statusCode(), put.body());

        final JsonObject stored = json(send("GET", NODES + "/n1", null));
        assertEquals(written.get("status"), stored.get("status"));
        assertEquals(node.get("spec"), stored.get("spec"));
        assertEquals("a", stored.getAsJsonObject("metadata").getAsJsonObject("labels").get("zone").getAsString());
        assertEquals(node.getAsJsonObject("metadata").get("uid"), stored.getAsJsonObject("metadata").get("uid"));
        assertNotEquals(resourceVersion(node), resourceVersion(stored));

        // and the other way round: a write to the node itself keeps the stored status
        final JsonObject main = stored.deepCopy();
        main.remove("status");
        main.getAsJsonObject("spec").addProperty("podCIDR", "10.0.2.0/24");
        assertEquals(200, send("PUT", NODES + "/n1", main.toString()).statusCode());
        final JsonObject after = json(send("GET", NODES + "/n1", null));
        assertEquals("10.0.2.0/24", after.getAsJsonObject("spec").get("podCIDR").getAsString());
        assertEquals(written.get("status"), after.get("status"));

        // a stale resourceVersion is refused on /status too
        assertStatus(send("PUT", NODES + "/n1/status", written.toString()), 409, "Conflict", null);
    }

    @Test
    void listFiltersByLabelSelector() throws Exception {
        for (String[] service : List.of(new String[] {"a", "front"}, new String[] {"b", "back"},
                new String[] {"c", "front"})) {
            final JsonObject object = JsonParser.parseString(service(service[0], "10.0.0.1")).getAsJsonObject();
            object.getAsJsonObject("metadata").add("labels",
                JsonParser.parseString("{\"tier\":\"" + service[1] + "\"}"));
            assertEquals(201, send("POST", SERVICES, object.toString()).statusCode());
        }
        assertEquals(201, send("POST", "/api/v1/namespaces/other/services", service("d", "10.0.0.2")).statusCode());

        assertEquals(List.of("a", "c"), names(send("GET", SERVICES + "?labelSelector=tier%3Dfront", null)));
        assertEquals(List.of("b"), names(send("GET", SERVICES + "?labelSelector=tier!%3Dfront", null)));
        assertEquals(List.of("a", "b", "c"), names(send("GET", SERVICES + "?labelSelector=tier", null)));
        assertEquals(List.of("a", "b", "c"), names(send("GET", SERVICES, null)));
        assertEquals(List.of("a", "b", "c", "d"), names(send("GET", "/api/v1/services", null)));
        assertEquals(List.of(), names(send("GET", SERVICES + "?labelSelector=tier%3Dnone", null)));
    }

    @Test
    void applyAsTheE2eHarnessDoesIt() throws Exception {
        // tests/e2e FakeApiServerProcess.apply: GET to decide, then POST or PUT, then PUT of /status
        final String json = "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"n2\"},"
            + "\"spec\":{},\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}";
        for (int round = 0; round < 2; round++) {
            final boolean exists = send("GET", NODES + "/n2", null).statusCode() == 200;
            assertEquals(round == 1, exists);
            final HttpResponse<String> write = exists ? send("PUT", NODES + "/n2", json) : send("POST", NODES, json);
            assertTrue(write.statusCode() / 100 == 2, write.body());
            final HttpResponse<String> status = send("PUT", NODES + "/n2/status", json);
            assertEquals(200, status.statusCode(), status.body());
        }
        assertEquals(JsonParser.parseString(json).getAsJsonObject().get("status"),
            json(send("GET", NODES + "/n2", null)).get("status"));
    }

    @Test
    void everyErrorLeavesTheServerServing() throws Exception {
        // many failing requests on the client's kept-alive connections, then a normal one
        for (int i = 0; i < 20; i++) {
            assertEquals(404, send("GET", SERVICES + "/missing-" + i, null).statusCode());
        }
        assertEquals(200, send("GET", "/version", null).statusCode());
        assertFalse(names(send("GET", SERVICES, null)).contains("missing-0"));
    }

    private HttpResponse<String> send(final String method, final String path, final String body)
            throws IOException, InterruptedException {
        return send(method, path, body, "application/json");
    }

    private HttpResponse<String> send(final String method, final String path, final String body,
            final String contentType) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        // an empty reply (connection closed) fails here with an IOException, which is the bug this test guards
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(final String path) {
        return URI.create(server.url() + path);
    }

    private static void assertStatus(final HttpResponse<String> response, final int code, final String reason,
            final String message) {
        assertEquals(code, response.statusCode(), response.body());
        final JsonObject status = json(response);
        assertEquals("Status", status.get("kind").getAsString());
        assertEquals("v1", status.get("apiVersion").getAsString());
        assertEquals("Failure", status.get("status").getAsString());
        assertEquals(reason, status.get("reason").getAsString());
        assertEquals(code, status.get("code").getAsInt());
        if (message != null) {
            assertEquals(message, status.get("message").getAsString());
        }
    }

    private static JsonObject json(final HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static JsonObject details(final String name, final String kind) {
        final JsonObject details = new JsonObject();
        details.addProperty("name", name);
        details.addProperty("kind", kind);
        return details;
    }

    private static String resourceVersion(final JsonObject object) {
        return object.getAsJsonObject("metadata").get("resourceVersion").getAsString();
    }

    private static List<String> names(final HttpResponse<String> list) {
        assertEquals(200, list.statusCode(), list.body());
        final JsonArray items = json(list).getAsJsonArray("items");
        final List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.getAsJsonObject().getAsJsonObject("metadata").get("name")
            .getAsString()));
        return names;
    }

    private static String service(final String name, final String clusterIp) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},"
            + "\"spec\":{\"clusterIP\":\"" + clusterIp + "\",\"ports\":[{\"port\":80}]}}";
    }
}
