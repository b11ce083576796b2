/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubeanycast.e2e.FabricBed.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code anycast:*} console commands through the real SSH console of the distribution, watching the sample
 * cluster (k8s-service-source/fake-apiserver/src/main/resources/sample-cluster) with FRR as the fabric. Commands
 * are polled until their output matches: the cluster sync, the BGP session and ODL's openconfig state (refreshed
 * on a timer) all settle at their own pace after boot. The last tests check that kube-anycast's RESTCONF state
 * (YANG module kube-anycast, operational datastore) says per Service what {@code anycast:explain} says.
 */
@ExtendWith(FabricBedExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnycastConsoleTest {
    private static final Logger LOG = LoggerFactory.getLogger(AnycastConsoleTest.class);
    private static final Duration SESSION = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofSeconds(1);
    // where bgp-openconfig-state publishes the neighbors of our BGP instance (bgp.instance, default kube-anycast)
    private static final String NEIGHBORS_STATE = "/data/openconfig-network-instance:network-instances"
        + "/network-instance=global-bgp/protocols/protocol=openconfig-policy-types%3ABGP,kube-anycast"
        + "/bgp-openconfig-extensions:bgp/neighbors?content=nonconfig";

    // kube-anycast's own state (bgp-policy/model), one Service of it
    private static final String STATE = "/data/kube-anycast:kube-anycast-state";
    private static final String PROBE_STATE = STATE + "/service=demo,state-probe?content=nonconfig";

    private static FakeApiServerProcess cluster;
    private static KarafInstance karaf;
    private static FabricBed bed;
    private static final KarafConsole CONSOLE = new KarafConsole();

    @BeforeAll
    static void startClusterAndKaraf(final FabricBed fabricBed) {
        bed = fabricBed;
        cluster = SampleCluster.start("AnycastConsoleTest");
        karaf = KarafInstance.create("AnycastConsoleTest", SampleCluster.config(cluster.url().getPort(),
            Router.FABRIC)).start();
        bed.awaitEstablished(Router.FABRIC, Router.FABRIC.odlAddress(), SESSION);
    }

    @AfterAll
    static void stopAll() {
        if (karaf != null) {
            karaf.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void openconfigNeighborStateIsWhereTheStatusCommandReadsIt() {
        // pins the operational path DefaultKubeAnycast.fabricSessions reads, against the real bgpcep
        final AtomicReference<String> last = new AtomicReference<>("");
        pollUntil(() -> {
            final Restconf.Response response;
            try {
                response = karaf.restconf().get(NEIGHBORS_STATE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            last.set(response.status() + " " + response.body());
            return response.status() == 200 && response.body().contains("\"198.18.0.1\"")
                && response.body().contains("ESTABLISHED");
        }, () -> "openconfig neighbor state at " + NEIGHBORS_STATE + ": " + last.get());
        LOG.info("openconfig neighbor state: {}", last.get());
    }

    @Test
    @Order(2)
    void statusShowsTheApiServerSyncedAndTheFabricSessionEstablished() {
        final String out = awaitOutput("anycast:status",
            "(?m)^  connected +yes$",
            "(?m)^  synced +yes$",
            "(?m)^VIPs +\\d+ \\(\\d+ announced\\)$",
            "(?m)^Paths +[1-9]\\d*$",
            "(?m)^RIB writer +in sync",
            "(?m)^fabric +198\\.18\\.0\\.1 +65000 +ESTABLISHED$");
        assertTrue(out.contains("API server"), out);
    }

    @Test
    @Order(3)
    void routesListTheEtpLocalVipFromItsEndpointNodes() {
        awaitOutput("anycast:routes",
            "(?m)^203\\.0\\.113\\.10/32 +198\\.51\\.100\\.11 +node1 +200 .*demo/web-local$",
            "(?m)^203\\.0\\.113\\.10/32 +198\\.51\\.100\\.13 +node3 +200 .*demo/web-local$",
            "(?m)^10\\.96\\.0\\.0/16 +198\\.51\\.100\\.12 +node2 ");
        final String filtered = awaitOutput("anycast:routes --service demo/web-local",
            "(?m)^203\\.0\\.113\\.10/32 +198\\.51\\.100\\.11 ",
            "(?m)^203\\.0\\.113\\.10/32 +198\\.51\\.100\\.13 ");
        assertTrue(!filtered.contains("198.51.100.12") && !filtered.contains("10.96.0.0/16"), filtered);
        final String byPrefix = awaitOutput("anycast:routes --prefix 203.0.113.10/32", "(?m)^203\\.0\\.113\\.10/32 ");
        assertTrue(byPrefix.lines().skip(1).allMatch(line -> line.startsWith("203.0.113.10/32 ")), byPrefix);
    }

    @Test
    @Order(4)
    void explainSaysNode2HasNoReadyEndpoint() {
        awaitOutput("anycast:explain demo/web-local",
            "(?m)^Service demo/web-local$",
            "(?m)^VIP 203\\.0\\.113\\.10 \\(LoadBalancer IP\\): announced as 203\\.0\\.113\\.10/32 from 2 node",
            "(?m)^  node1 +yes +next hop 198\\.51\\.100\\.11$",
            "(?m)^  node2 +no +no ready endpoint of the Service on this node$",
            "(?m)^  node3 +yes +next hop 198\\.51\\.100\\.13$");
    }

    @Test
    @Order(5)
    void explainOfAnUnknownServiceSaysNotFound() {
        awaitOutput("anycast:explain demo/no-such-service",
            "(?m)^Service demo/no-such-service not found");
    }

    @Test
    @Order(6)
    void restconfStateOfAServiceSaysWhatExplainSays() throws IOException {
        // one Service with every kind of answer: a LoadBalancer IP and a ClusterIP announced from node1 (ready
        // endpoint), node2 left out because it is NotReady, node3 because it has no endpoint; an external IP
        // outside announce.external-cidrs (refused); a local-pref annotation that does not parse (a problem)
        cluster.apply("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"state-probe","namespace":"demo",
               "annotations":{"kube-anycast.io/local-pref":"high"}},
             "spec":{"type":"LoadBalancer","externalTrafficPolicy":"Local","clusterIP":"10.96.0.81",
                     "clusterIPs":["10.96.0.81"],"externalIPs":["198.18.8.8"],
                     "ports":[{"port":80,"protocol":"TCP"}],"selector":{"app":"state-probe"}},
             "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.81"}]}}}
            """);
        cluster.apply("""
            {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","addressType":"IPv4",
             "metadata":{"name":"state-probe-1","namespace":"demo",
               "labels":{"kubernetes.io/service-name":"state-probe"}},
             "endpoints":[{"addresses":["10.244.1.81"],"nodeName":"node1","conditions":{"ready":true}},
                          {"addresses":["10.244.2.81"],"nodeName":"node2","conditions":{"ready":true}}],
             "ports":[{"port":80,"protocol":"TCP"}]}
            """);
        cluster.apply("""
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"node2","labels":{"kubernetes.io/hostname":"node2"}},
             "spec":{},
             "status":{"conditions":[{"type":"Ready","status":"False","reason":"KubeletNotReady"}],
                       "addresses":[{"type":"InternalIP","address":"198.51.100.12"},
                                    {"type":"InternalIP","address":"2001:db8:0:100::12"},
                                    {"type":"Hostname","address":"node2"}]}}
            """);
        final String explain = awaitOutput("anycast:explain demo/state-probe",
            "(?m)^VIP 203\\.0\\.113\\.81 \\(LoadBalancer IP\\): announced as 203\\.0\\.113\\.81/32 from 1 node",
            "(?m)^  node1 +yes +next hop 198\\.51\\.100\\.11$",
            "(?m)^  node2 +no +node is not Ready$",
            "(?m)^  node3 +no +no ready endpoint of the Service on this node$",
            "(?m)^VIP 198\\.18\\.8\\.8 \\(external IP\\): not announced: outside the allow-list",
            "(?m)^  kube-anycast\\.io/local-pref: ");
        final ExplainText expected = ExplainText.parse(explain);
        assertEquals(3, expected.vips().size(), explain);

        // the state is written right after the computation explain shows; poll for the same answer
        final AtomicReference<String> last = new AtomicReference<>("");
        pollUntil(() -> {
            final Restconf.Response response = restconfGet(PROBE_STATE);
            last.set(response.status() + " " + response.body());
            return response.status() == 200 && expected.equals(ExplainText.fromRestconf(response.json()));
        }, () -> "RESTCONF " + PROBE_STATE + " does not say what explain says.\nexplain:\n" + explain
            + "\nparsed: " + expected + "\nRESTCONF: " + last.get());
        LOG.info("RESTCONF state of demo/state-probe: {}", last.get());

        // and the machine-readable parts explain words as sentences
        final JsonObject service = restconfGet(PROBE_STATE).json().getAsJsonObject()
            .getAsJsonArray("kube-anycast:service").get(0).getAsJsonObject();
        final String json = service.toString();
        assertTrue(json.contains("\"reason\":\"not-ready\"") && json.contains("\"reason\":\"no-ready-endpoint\"")
            && json.contains("\"refusal-reason\":\"outside-allow-list\"")
            && json.contains("\"next-hop\":\"198.51.100.11\"") && json.contains("\"kind\":\"load-balancer-ip\""),
            json);
        // nodes in name order, as explain lists them
        assertTrue(json.indexOf("\"node\":\"node2\"") < json.indexOf("\"node\":\"node3\""), json);

        // the summary: the source is connected and synced, and the counts are there
        final JsonObject state = restconfGet("/data/kube-anycast:kube-anycast-state/source?content=nonconfig")
            .orThrow().json().getAsJsonObject().getAsJsonObject("kube-anycast:source");
        assertTrue(state.get("connected").getAsBoolean() && state.get("synced").getAsBoolean(), state.toString());
    }

    @Test
    @Order(7)
    void restconfStateOfADeletedServiceIsGone() throws IOException {
        cluster.delete("Service", "demo", "state-probe");
        final AtomicReference<String> last = new AtomicReference<>("");
        pollUntil(() -> {
            final Restconf.Response response = restconfGet(PROBE_STATE);
            last.set(response.status() + " " + response.body());
            // RESTCONF of netconf 7.0.7 answers a missing list entry with 409 data-missing (RFC 8040 says 404)
            return response.status() == 404
                || response.status() == 409 && response.body().contains("\"data-missing\"");
        }, () -> "demo/state-probe still in the RESTCONF state after its deletion: " + last.get());
        awaitOutput("anycast:explain demo/state-probe", "(?m)^Service demo/state-probe not found");
    }

    private static Restconf.Response restconfGet(final String path) {
        try {
            return karaf.restconf().get(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a console command every second until its output matches every pattern; returns that output.
     */
    private static String awaitOutput(final String command, final String... patterns) {
        final AtomicReference<String> last = new AtomicReference<>("");
        pollUntil(() -> {
            final String out;
            try {
                out = CONSOLE.execute(command, Duration.ofSeconds(30));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            last.set(out);
            for (String pattern : patterns) {
                if (!Pattern.compile(pattern).matcher(out).find()) {
                    return false;
                }
            }
            return true;
        }, () -> "'" + command + "' output does not match " + List.of(patterns) + ":\n" + last.get());
        LOG.info("{}:\n{}", command, last.get());
        return last.get();
    }

    private static void pollUntil(final BooleanSupplier condition, final Supplier<String> failure) {
        Await.until(SETTLE, () -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            Await.sleep(POLL);
            return false;
        }, failure);
    }
}
