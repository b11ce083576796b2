/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.impl.api.FabricSession;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.bgppolicy.rib.RibWriterStatus;
import io.kubeanycast.source.api.SourceStatus;
import io.kubeanycast.source.model.ServiceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console texts, from a computation of {@link SampleCluster} by the real route computer.
 */
class FormattersTest {
    private static final RouteComputation COMPUTATION = SampleCluster.compute();

    @Test
    void routesListOnePathPerNodeWithAttributesAndOrigin() {
        final String text = RoutesFormatter.format(COMPUTATION, Optional.empty(), Optional.empty());
        assertTrue(Pattern.compile("(?m)^PREFIX +NEXT HOP +NODE +LOCAL-PREF +MED +COMMUNITIES +FROM$")
            .matcher(text).find(), text);
        assertLine(text, "203.0.113.10/32 +198.51.100.11 +node1 +200 +- +64512:100 +demo/web-local");
        assertLine(text, "203.0.113.10/32 +198.51.100.13 +node3 +200 +- +64512:100 +demo/web-local");
        assertFalse(text.contains("198.51.100.12  node2  200"), text);
        // eTP Cluster: every eligible node, node4 is not Ready
        assertLine(text, "203.0.113.20/32 +198.51.100.12 +node2 +100 +- +64512:100 +demo/web-cluster");
        assertFalse(text.contains("node4"), text);
        assertLine(text, "10.96.0.0/16 +198.51.100.11 +node1 +100 +- +64512:100 +cluster CIDR");
        assertFalse(text.contains("192.0.2.50"), text);
        // aligned: every line but the header starts a column at the same offsets as the header
        final List<String> lines = text.lines().toList();
        final int nextHopColumn = lines.get(0).indexOf("NEXT HOP");
        lines.stream().skip(1).forEach(line -> assertTrue(line.charAt(nextHopColumn - 1) == ' '
            && line.charAt(nextHopColumn) != ' ', line));
    }

    @Test
    void routesFilterByServiceAndByPrefix() {
        final String web = RoutesFormatter.format(COMPUTATION, Optional.of(SampleCluster.WEB_LOCAL),
            Optional.empty());
        assertEquals(3, web.lines().count(), web);
        assertTrue(web.lines().skip(1).allMatch(line -> line.startsWith("203.0.113.10/32")), web);

        final String byAddress = RoutesFormatter.format(COMPUTATION, Optional.empty(), Optional.of("203.0.113.20"));
        assertEquals(4, byAddress.lines().count(), byAddress);
        assertEquals(byAddress, RoutesFormatter.format(COMPUTATION, Optional.empty(),
            Optional.of("203.0.113.20/32")));

        assertEquals("No advertised paths for Service demo/nope.\n", RoutesFormatter.format(COMPUTATION,
            Optional.of(new ServiceId("demo", "nope")), Optional.empty()));
    }

    @Test
    void explainSaysWhyEachNodeIsLeftOut() {
        final String text = ExplainFormatter.format(COMPUTATION, SampleCluster.WEB_LOCAL);
        assertTrue(text.startsWith("Service demo/web-local\n"), text);
        assertTrue(text.contains("VIP 203.0.113.10 (LoadBalancer IP): announced as 203.0.113.10/32 from 2 node(s),"
            + " local-pref 200"), text);
        assertLine(text, "  node1 +yes +next hop 198.51.100.11");
        assertLine(text, "  node2 +no +no ready endpoint of the Service on this node");
        assertLine(text, "  node3 +yes +next hop 198.51.100.13");
        assertLine(text, "  node4 +no +node is not Ready");
    }

    @Test
    void explainShowsRefusalsAndBadAnnotations() {
        final String outside = ExplainFormatter.format(COMPUTATION, SampleCluster.OUTSIDE);
        assertTrue(outside.contains("VIP 192.0.2.50 (LoadBalancer IP): not announced: outside the allow-list"),
            outside);

        final String bad = ExplainFormatter.format(COMPUTATION, SampleCluster.BAD_ANNOTATION);
        assertTrue(bad.contains("Problems found:\n  kube-anycast.io/communities: "), bad);
        assertTrue(bad.contains("annotation ignored"), bad);
    }

    @Test
    void explainOfAnUnknownServiceSaysNotFound() {
        assertEquals("Service demo/nope not found (no such Service, or it has no VIP).\n",
            ExplainFormatter.format(COMPUTATION, new ServiceId("demo", "nope")));
    }

    @Test
    void statusShowsSourceCountsWriterAndSessions() {
        final StatusSnapshot snapshot = new StatusSnapshot(
            Optional.of(new SourceStatus("http://127.0.0.1:16443", true, true,
                Optional.of(Instant.parse("2026-11-26T08:00:00Z")), 3, Optional.empty())),
            Optional.of(Instant.parse("2026-11-26T08:00:01Z")), Optional.of(COMPUTATION),
            Optional.of(new RibWriterStatus(4, 0, true, "")), Optional.of("kube-anycast"), List.of());
        final String text = StatusFormatter.format(snapshot, List.of(
            new FabricSession("fabric", "198.18.0.1", 65_000, Optional.of("ESTABLISHED")),
            new FabricSession("fabric2", "198.18.1.1", 65_001, Optional.empty())), Optional.empty());
        assertTrue(text.startsWith("Configuration"), text);
        assertLine(text, "Configuration +applied \\(ready\\)");
        assertLine(text, "API server +http://127.0.0.1:16443");
        assertLine(text, "  connected +yes");
        assertLine(text, "  synced +yes");
        assertLine(text, "  snapshots +3 \\(last 2026-11-26T08:00:00Z\\)");
        assertLine(text, "Last change +2026-11-26T08:00:01Z");
        // 4 Services with one VIP each; the one outside the allow-list is not announced
        assertLine(text, "VIPs +4 \\(3 announced\\)");
        // web-local 2, web-cluster 3, bad-annotation 3, cluster CIDR 3
        assertLine(text, "Paths +11");
        assertLine(text, "RIB writer +in sync \\(4 change sets applied, 0 failed\\)");
        assertLine(text, "NEIGHBOR +ADDRESS +AS +SESSION");
        assertLine(text, "fabric +198.18.0.1 +65000 +ESTABLISHED");
        assertLine(text, "fabric2 +198.18.1.1 +65001 +NOT REPORTED BY ODL");
    }

    @Test
    void statusBeforeAnythingAndWithoutSessionState() {
        final String text = StatusFormatter.format(StatusSnapshot.EMPTY,
            List.of(new FabricSession("fabric", "198.18.0.1", 65_000, Optional.empty())),
            Optional.of("timed out"));
        assertLine(text, "Configuration +NONE VALID YET: nothing is announced, see the log for the refused key"
            + " \\(not ready\\)");
        assertLine(text, "API server +not started \\(no valid etc/io.kubeanycast.cfg applied yet\\)");
        assertLine(text, "VIPs +- \\(waiting for the first cluster snapshot\\)");
        assertLine(text, "fabric +198.18.0.1 +65000 +unknown");
        assertLine(text, "BGP session state unavailable: timed out");
    }

    @Test
    void serviceIdsParseOnlyNamespaceSlashName() {
        assertEquals(Optional.of(SampleCluster.WEB_LOCAL), CommandTexts.serviceId(" demo/web-local "));
        assertEquals(Optional.empty(), CommandTexts.serviceId("web-local"));
        assertEquals(Optional.empty(), CommandTexts.serviceId("/web-local"));
        assertEquals(Optional.empty(), CommandTexts.serviceId("demo/"));
        assertEquals(Optional.empty(), CommandTexts.serviceId("a/b/c"));
    }

    private static void assertLine(final String text, final String regex) {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(text).find(), () -> "no line /" + regex
            + "/ in:\n" + text);
    }
}
