/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import static io.kubeanycast.source.impl.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.fakeapi.FakeApiServer;
import io.kubeanycast.fakeapi.FixtureLoader;
import io.kubeanycast.fakeapi.ResourceType;
import io.kubeanycast.fakeapi.Selector;
import io.kubeanycast.fakeapi.shaded.gson.JsonElement;
import io.kubeanycast.fakeapi.shaded.gson.JsonObject;
import io.kubeanycast.source.api.ClusterStateSource;
import io.kubeanycast.source.api.EventType;
import io.kubeanycast.source.api.ServiceEventRecorder;
import io.kubeanycast.source.model.ServiceId;
import io.kubernetes.client.util.ClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes Events written through client-java to the fake API server (loopback only): the Event's fields,
 * aggregation of repeats into one Event with a count, and the per-Service rate limit.
 */
class KubernetesEventRecorderTest {
    private static final ServiceId WEB_LOCAL = new ServiceId("demo", "web-local");
    private static final ServiceId WEB_CLUSTER = new ServiceId("demo", "web-cluster");

    private final RecordingListener listener = new RecordingListener();
    private FakeApiServer server;
    private ClusterStateSource source;
    private KubernetesEventRecorder recorder;

    @BeforeEach
    void startServer() {
        server = FakeApiServer.onLoopback();
        FixtureLoader.loadResources(server.store(), FixtureLoader.SAMPLE_CLUSTER);
        server.start();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (recorder != null) {
            recorder.close();
        }
        server.stop();
    }

    private ServiceEventRecorder startSource() {
        source = new DefaultClusterStateSourceFactory().start(Map.of("k8s.mode", "url", "k8s.url", server.url(),
            "k8s.debounce-ms", "20", "k8s.retry-max-seconds", "1"), listener);
        listener.awaitState("initial snapshot", state -> state.services().size() == 7);
        return source.events();
    }

    private List<JsonObject> eventsOf(final ServiceId service) {
        final List<JsonObject> found = new ArrayList<>();
        for (JsonElement item : server.store().list(ResourceType.CORE_EVENTS, service.namespace(), Selector.ALL)
                .getAsJsonArray("items")) {
            final JsonObject involved = item.getAsJsonObject().getAsJsonObject("involvedObject");
            if (service.name().equals(involved.get("name").getAsString())) {
                found.add(item.getAsJsonObject());
            }
        }
        return found;
    }

    private static String text(final JsonObject object, final String member) {
        return object.get(member).getAsString();
    }

    @Test
    void eventNamesTheServiceAsInvolvedObject() {
        final ServiceEventRecorder events = startSource();
        events.record(WEB_LOCAL, EventType.NORMAL, "Announced", "203.0.113.10/32 announced from node1, node3");
        events.record(WEB_CLUSTER, EventType.WARNING, "Refused", "203.0.113.99 is outside announce.external-cidrs");
        await("two events", () -> eventsOf(WEB_LOCAL).size() == 1 && eventsOf(WEB_CLUSTER).size() == 1);

        final JsonObject event = eventsOf(WEB_LOCAL).get(0);
        final JsonObject involved = event.getAsJsonObject("involvedObject");
        assertEquals("Service", text(involved, "kind"));
        assertEquals("v1", text(involved, "apiVersion"));
        assertEquals("demo", text(involved, "namespace"));
        assertEquals("web-local", text(involved, "name"));
        final String uid = server.store().get(ResourceType.SERVICES, "demo", "web-local").orElseThrow()
            .getAsJsonObject("metadata").get("uid").getAsString();
        assertEquals(uid, text(involved, "uid"));
        assertEquals("Announced", text(event, "reason"));
        assertEquals("Normal", text(event, "type"));
        assertEquals("203.0.113.10/32 announced from node1, node3", text(event, "message"));
        assertEquals("kube-anycast", text(event.getAsJsonObject("source"), "component"));
        assertEquals("demo", text(event.getAsJsonObject("metadata"), "namespace"));
        assertEquals(1, event.get("count").getAsInt());
        assertTrue(event.has("firstTimestamp") && event.has("lastTimestamp"));

        final JsonObject warning = eventsOf(WEB_CLUSTER).get(0);
        assertEquals("Warning", text(warning, "type"));
        assertEquals("Refused", text(warning, "reason"));
    }

    @Test
    void repeatedEventBecomesOneEventWithCount() {
        final ServiceEventRecorder events = startSource();
        for (int i = 0; i < 3; i++) {
            events.record(WEB_LOCAL, EventType.NORMAL, "Withdrawn", "203.0.113.10/32 withdrawn: no ready endpoint");
        }
        await("count 3", () -> eventsOf(WEB_LOCAL).size() == 1
            && eventsOf(WEB_LOCAL).get(0).get("count").getAsInt() == 3);
        // a different message is a different Event
        events.record(WEB_LOCAL, EventType.NORMAL, "Announced", "203.0.113.10/32 announced from node1");
        await("a second event", () -> eventsOf(WEB_LOCAL).size() == 2);
        assertEquals(3, eventsOf(WEB_LOCAL).stream().filter(event -> "Withdrawn".equals(text(event, "reason")))
            .findFirst().orElseThrow().get("count").getAsInt());
    }

    @Test
    void flappingServiceIsRateLimitedWhileOthersStillGetEvents() {
        final ServiceEventRecorder events = startSource();
        final long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            events.record(WEB_LOCAL, EventType.NORMAL, "Announced", "203.0.113.10/32 announced, flap " + i);
        }
        events.record(WEB_CLUSTER, EventType.NORMAL, "Announced", "203.0.113.20/32 announced from node2");
        // one worker writes in order: once the other Service's Event is there, the flapping one's are done
        await("the other Service's event", () -> eventsOf(WEB_CLUSTER).size() == 1);
        final long elapsedRefills = Duration.ofNanos(System.nanoTime() - start).dividedBy(Duration.ofSeconds(30));
        final int written = eventsOf(WEB_LOCAL).size();
        assertTrue(written >= 5 && written <= 5 + elapsedRefills, written + " events for the flapping Service");
    }

    @Test
    void bucketRefillsAfterThePeriod() {
        final AtomicLong nanos = new AtomicLong();
        recorder = new KubernetesEventRecorder(service -> Optional.empty(),
            new KubernetesEventRecorder.Settings(2, Duration.ofSeconds(30), Duration.ofMinutes(10), 100),
            Clock.systemUTC(), nanos::get);
        recorder.connect(new ClientBuilder().setBasePath(server.url()).build());
        for (int i = 0; i < 10; i++) {
            recorder.record(WEB_LOCAL, EventType.WARNING, "Refused", "burst " + i);
        }
        assertEquals(8, recorder.rateLimited());
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        recorder.record(WEB_LOCAL, EventType.WARNING, "Refused", "after refill");
        recorder.record(WEB_LOCAL, EventType.WARNING, "Refused", "too soon again");
        assertEquals(9, recorder.rateLimited());
        await("three events", () -> eventsOf(WEB_LOCAL).size() == 3);
        // without a uid in the cache the reference has none
        assertTrue(!eventsOf(WEB_LOCAL).get(0).getAsJsonObject("involvedObject").has("uid"));
    }

    @Test
    void unreachableApiServerNeverThrows() {
        recorder = new KubernetesEventRecorder(service -> Optional.empty());
        recorder.record(WEB_LOCAL, EventType.NORMAL, "Announced", "before any connection");
        final String url = server.url();
        server.stop();
        recorder.connect(new ClientBuilder().setBasePath(url).build());
        for (int i = 0; i < 3; i++) {
            recorder.record(new ServiceId("demo", "svc" + i), EventType.NORMAL, "Announced", "server is down");
        }
        await("every write failed", () -> recorder.failures() == 4);
        assertEquals(0, recorder.written());
        assertEquals(0, recorder.queueDropped());
    }
}
