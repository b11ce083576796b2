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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.fakeapi.FakeApiServer;
import io.kubeanycast.fakeapi.FixtureLoader;
import io.kubeanycast.fakeapi.ResourceType;
import io.kubeanycast.source.api.ClusterStateSource;
import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real informers of client-java against the fake API server (loopback only), loaded with the sample cluster.
 */
class KubernetesClusterStateSourceTest {
    private static final ServiceId WEB_LOCAL = new ServiceId("demo", "web-local");
    private static final ServiceId WEB_CLUSTER = new ServiceId("demo", "web-cluster");
    private static final ServiceId NEW = new ServiceId("demo", "new-svc");

    private final RecordingListener listener = new RecordingListener();
    private FakeApiServer server;
    private ClusterStateSource source;

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
        server.stop();
    }

    private ClusterStateSource startSource(final Map<String, String> extra) {
        final Map<String, String> config = new HashMap<>(Map.of("k8s.mode", "url", "k8s.url", server.url(),
            "k8s.debounce-ms", "20", "k8s.retry-max-seconds", "1"));
        config.putAll(extra);
        source = new DefaultClusterStateSourceFactory().start(config, listener);
        return source;
    }

    private ClusterState awaitInitialSync() {
        listener.awaitState("initial snapshot", state -> state.services().size() == 7);
        return listener.last();
    }

    private static String service(final String name, final String lbIp) {
        return """
            {"apiVersion": "v1", "kind": "Service",
             "metadata": {"name": "%s", "namespace": "demo", "labels": {"app": "%s"}},
             "spec": {"clusterIP": "10.96.0.99", "clusterIPs": ["10.96.0.99"], "externalTrafficPolicy": "Local",
                      "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                      "ports": [{"name": "http", "port": 80, "protocol": "TCP", "targetPort": 8080}],
                      "selector": {"app": "%s"}, "type": "LoadBalancer"},
             "status": {"loadBalancer": {"ingress": [{"ip": "%s", "ipMode": "VIP"}]}}}
            """.formatted(name, name, name, lbIp);
    }

    private static boolean hasLbIp(final ClusterState state, final ServiceId id, final String ip) {
        return state.services().containsKey(id)
            && state.services().get(id).vips().contains(Vip.of(ip, VipKind.LOAD_BALANCER_IP));
    }

    @Test
    void noSnapshotBeforeEveryInformerHasSynced() {
        // a slow EndpointSlice list: without gating a snapshot without endpoints would go out first
        server.delayLists(ResourceType.ENDPOINT_SLICES, Duration.ofMillis(1500));
        startSource(Map.of());
        final ClusterState first = awaitInitialSync();
        assertEquals(1, listener.count());
        assertEquals(first, listener.states().get(0));
        assertEquals(Map.of("node1", new EndpointCounts(1, 1, 0), "node3", new EndpointCounts(1, 1, 0)),
            first.services().get(WEB_LOCAL).endpointsByNode(IpFamily.IPV4));
        assertEquals(Set.of("node1", "node2", "node3"), first.nodes().keySet());
        assertTrue(source.status().synced());
        assertTrue(source.status().connected());
        assertEquals(server.url(), source.status().cluster());
    }

    @Test
    void addUpdateAndDeleteArriveInOrder() {
        startSource(Map.of());
        awaitInitialSync();
        server.store().applyJson(service("new-svc", "203.0.113.99"));
        final int added = listener.awaitState("added", state -> hasLbIp(state, NEW, "203.0.113.99"));
        server.store().patchJson(ResourceType.SERVICES, "demo", "new-svc",
            "{\"status\": {\"loadBalancer\": {\"ingress\": [{\"ip\": \"203.0.113.98\"}]}}}");
        final int updated = listener.awaitState("updated", state -> hasLbIp(state, NEW, "203.0.113.98"));
        server.store().delete(ResourceType.SERVICES, "demo", "new-svc");
        final int deleted = listener.awaitState("deleted", updated + 1,
            state -> state.services().size() == 7 && !state.services().containsKey(NEW));
        assertTrue(added < updated && updated < deleted, added + " < " + updated + " < " + deleted);
        final List<ClusterState> states = listener.states();
        assertFalse(states.subList(updated, states.size()).stream()
            .anyMatch(state -> hasLbIp(state, NEW, "203.0.113.99")), "the old IP came back after the update");
        assertEquals(listener.last(), source.current().orElseThrow());
    }

    @Test
    void updateImmediatelyFollowedByDeleteIsNotLost() {
        startSource(Map.of());
        awaitInitialSync();
        server.store().applyJson(service("new-svc", "203.0.113.99"));
        listener.awaitState("added", state -> hasLbIp(state, NEW, "203.0.113.99"));
        final int before = listener.count();
        server.store().patchJson(ResourceType.SERVICES, "demo", "new-svc",
            "{\"status\": {\"loadBalancer\": {\"ingress\": [{\"ip\": \"203.0.113.98\"}]}}}");
        server.store().delete(ResourceType.SERVICES, "demo", "new-svc");
        await("the delete", () -> !listener.last().services().containsKey(NEW));
        assertTrue(listener.count() > before);
        assertFalse(source.current().orElseThrow().services().containsKey(NEW));
    }

    @Test
    void goneRelistsWithoutSpuriousSnapshot() {
        startSource(Map.of());
        awaitInitialSync();
        final int before = listener.count();
        final long lists = server.listRequests();
        final long watches = server.watchRequests();
        // etcd compaction plus dropped watches: every informer resumes from a resourceVersion that is gone
        server.store().compact();
        server.store().closeWatches();
        await("three relists", () -> server.listRequests() >= lists + 3);
        // each informer: one watch answered with 410, then a fresh watch after the relist
        await("watches after the relist", () -> server.watchRequests() >= watches + 6);
        server.store().applyJson(service("new-svc", "203.0.113.99"));
        listener.awaitState("a change after the relist", state -> hasLbIp(state, NEW, "203.0.113.99"));
        // the relist itself published nothing: the only new snapshot is the one with the change
        assertEquals(before + 1, listener.count());
    }

    @Test
    void outageKeepsTheSnapshotAndCatchesUpAfter() throws IOException {
        startSource(Map.of());
        final ClusterState synced = awaitInitialSync();
        server.stop();
        // the API server's port accepts connections and drops them at once, counting them: proof that the
        // source keeps trying during the outage (a dead source would keep its snapshot too, but not connect)
        try (DroppingListener dropping = DroppingListener.on(server.port())) {
            await("disconnected status", () -> !source.status().connected()
                && source.status().lastError().isPresent());
            // the cluster changes while its API server is unreachable
            server.store().delete(ResourceType.SERVICES, "demo", "web-cluster");
            server.store().applyJson(service("new-svc", "203.0.113.99"));
            final long attempts = dropping.connections();
            await("three more connection attempts during the outage", () -> dropping.connections() >= attempts + 3);
            // several failed attempts later: the last good snapshot stays, nothing empty or partial went out
            assertEquals(synced, source.current().orElseThrow());
            assertEquals(1, listener.count());
            assertFalse(source.status().connected());
        }
        server.start();
        listener.awaitState("caught up", state -> !state.services().containsKey(WEB_CLUSTER)
            && hasLbIp(state, NEW, "203.0.113.99"));
        await("connected status", () -> source.status().connected() && source.status().lastError().isEmpty());
        // and it keeps watching after the outage: a later change is delivered too
        final ServiceId later = new ServiceId("demo", "later-svc");
        server.store().applyJson(service("later-svc", "203.0.113.97"));
        listener.awaitState("a change after the outage", state -> hasLbIp(state, later, "203.0.113.97"));
    }

    /**
     * A listener on a loopback port that accepts every connection and closes it at once, counting them: a
     * reachable but broken API server, whose clients fail fast and must retry. Closing it frees the port.
     */
    private static final class DroppingListener implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicLong connections = new AtomicLong();
        private final Thread acceptor;

        private DroppingListener(final ServerSocket socket) {
            this.socket = socket;
            acceptor = new Thread(this::acceptAndDrop, "dropping-listener");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static DroppingListener on(final int port) throws IOException {
            final ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return new DroppingListener(socket);
        }

        long connections() {
            return connections.get();
        }

        private void acceptAndDrop() {
            while (!socket.isClosed()) {
                try (Socket accepted = socket.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    // closed: the outage is over
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                acceptor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void watchdogRestartsSilentWatches() {
        final KubernetesClusterStateSource watched =
            (KubernetesClusterStateSource) startSource(Map.of("k8s.watchdog-seconds", "1"));
        awaitInitialSync();
        final long watches = server.watchRequests();
        // nothing changes and the fake server sends no bookmarks within a minute: every watch is silent
        await("watchdog restarts", () -> watched.watchdogRestarts() >= 3);
        await("new watches", () -> server.watchRequests() >= watches + 3);
        assertEquals(1, listener.count());
        server.store().applyJson(service("new-svc", "203.0.113.99"));
        listener.awaitState("a change after the restarts", state -> hasLbIp(state, NEW, "203.0.113.99"));
    }

    @Test
    void missingServiceAccountIsAStatusNotAnException(@TempDir final Path emptyMount) {
        source = new DefaultClusterStateSourceFactory(new ApiClientFactory(Map.of(), emptyMount))
            .start(Map.of("k8s.mode", "in-cluster"), listener);
        await("credential error", () -> source.status().lastError().orElse("").contains("KUBERNETES_SERVICE_HOST"));
        assertFalse(source.status().connected());
        assertTrue(source.current().isEmpty());
    }

    @Test
    void missingTokenFileNamesTheKey(@TempDir final Path dir) {
        startSource(Map.of("k8s.token-file", dir.resolve("token").toString()));
        await("token error", () -> source.status().lastError().orElse("").contains("k8s.token-file"));
        assertTrue(source.current().isEmpty());
    }
}
