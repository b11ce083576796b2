/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.bgppolicy.core.Community;
import io.kubeanycast.bgppolicy.core.Finding;
import io.kubeanycast.bgppolicy.core.NodeExclusion;
import io.kubeanycast.bgppolicy.core.NodeSelection;
import io.kubeanycast.bgppolicy.core.PathAttributes;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.VipDecision;
import io.kubeanycast.bgppolicy.core.VipRefusal;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.bgppolicy.rib.RibWriterStatus;
import io.kubeanycast.source.api.SourceStatus;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.KubeAnycastState;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.RefusalReason;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.Service;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.Problem;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.vip.AnnouncedFrom;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.vip.LeftOut;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * {@link OperationalStateWriter} against ODL's real in-memory data broker (with the generated bindings of the
 * kube-anycast YANG module): what a Service's subtree says, and that only changed Services are written.
 */
class OperationalStateWriterTest extends AbstractConcurrentDataBrokerTest {
    private static final ServiceId WEB = new ServiceId("demo", "web");
    private static final ServiceId API = new ServiceId("demo", "api");
    private static final ServiceId DB = new ServiceId("prod", "db");
    private static final PathAttributes LOCAL_PREF_200 = new PathAttributes(200, OptionalLong.of(7),
        new TreeSet<>(List.of(new Community(64512, 100))));
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private OperationalStateWriter writer;

    OperationalStateWriterTest() {
        // commits run on the broker's own threads, as in ODL: the tests wait for them (awaitLastCommit)
        super(true);
    }

    @BeforeEach
    void startBroker() throws Exception {
        // mdsal's base class is JUnit 4 (@Before); JUnit 5 needs the call made explicitly
        setup();
        writer = new OperationalStateWriter(getDataBroker());
    }

    @Test
    void nothingIsWrittenBeforeAValidConfiguration() throws Exception {
        // every configuration so far refused: no BGP instance, no source, no writer
        assertEquals(0, update(writer, StatusSnapshot.EMPTY));
        assertTrue(read(OperationalStateWriter.STATE).isEmpty());
    }

    @Test
    void configurationAppliedIsWrittenBeforeTheSourceSynced() throws Exception {
        // a valid configuration, but the API server has not answered: readiness must not wait for it
        final StatusSnapshot applied = new StatusSnapshot(
            Optional.of(new SourceStatus("http://127.0.0.1:1", false, false, Optional.empty(), 0,
                Optional.of("Connection refused"))),
            Optional.of(T0), Optional.empty(), Optional.of(new RibWriterStatus(0, 0, false, "")),
            Optional.of("kube-anycast"), List.of());
        assertTrue(applied.configurationApplied());
        assertEquals(0, update(writer, applied));
        final KubeAnycastState state = read(OperationalStateWriter.STATE).orElseThrow();
        assertEquals(Boolean.TRUE, state.getConfigurationApplied());
        assertFalse(state.getSource().getSynced());
        assertEquals(0, state.getVipCount().longValue());
        assertTrue(state.nonnullService().isEmpty());

        // the first computation then adds the Services to the same container
        final RouteComputation computation = computation(Map.of(WEB, webDecisions(true)), List.of());
        assertEquals(1, update(writer, snapshot(computation, T0.plusSeconds(1))));
        final KubeAnycastState synced = read(OperationalStateWriter.STATE).orElseThrow();
        assertEquals(Boolean.TRUE, synced.getConfigurationApplied());
        assertEquals(2, synced.getVipCount().longValue());
        assertTrue(read(OperationalStateWriter.servicePath(WEB)).isPresent());
    }

    @Test
    void serviceSubtreeSaysWhatExplainSays() throws Exception {
        final RouteComputation computation = computation(Map.of(WEB, webDecisions(true)),
            List.of(new Finding(Finding.SubjectKind.SERVICE, WEB.toString(), "kube-anycast.io/communities",
                "'x' is not asn:value; ignored")));
        assertEquals(1, update(writer, snapshot(computation, T0)));

        final KubeAnycastState state = read(OperationalStateWriter.STATE).orElseThrow();
        assertEquals(2, state.getVipCount().longValue());
        assertEquals(1, state.getAnnouncedVipCount().longValue());
        assertEquals(1, state.getPathCount().longValue());
        assertEquals("2026-11-26T09:00:00Z", state.getLastChange().getValue());
        assertEquals("http://127.0.0.1:6443", state.getSource().getApiServer());
        assertTrue(state.getSource().getConnected());
        assertTrue(state.getSource().getSynced());
        assertTrue(state.getRibWriter().getInSync());
        assertNull(state.getRibWriter().getLastFailure());

        final Service web = read(OperationalStateWriter.servicePath(WEB)).orElseThrow();
        assertEquals("demo", web.getNamespace());
        assertEquals("web", web.getName());
        final var announcedVip = web.getVip().get(0);
        assertEquals("203.0.113.10", announcedVip.getAddress());
        assertEquals("load-balancer-ip", announcedVip.getKind().getName());
        assertEquals("ipv4", announcedVip.getFamily().getName());
        assertTrue(announcedVip.getAnnounced());
        assertFalse(announcedVip.getDraining());
        assertEquals("203.0.113.10/32", announcedVip.getPrefix().stringValue());
        assertEquals(200, announcedVip.getLocalPref().longValue());
        assertEquals(7, announcedVip.getMed().longValue());
        assertEquals(Set.of("64512:100"), announcedVip.getCommunity());
        assertNull(announcedVip.getRefusalReason());
        final AnnouncedFrom node1 = announcedVip.nonnullAnnouncedFrom().get(0);
        assertEquals("node1", node1.getNode());
        assertEquals("198.51.100.11", node1.getNextHop().stringValue());
        final LeftOut node2 = announcedVip.nonnullLeftOut().get(0);
        assertEquals("node2", node2.getNode());
        assertEquals("not-ready", node2.getReason().getName());
        assertEquals(NodeExclusion.NOT_READY.description(), node2.getDetail());

        final var refusedVip = web.getVip().get(1);
        assertEquals("198.51.100.99", refusedVip.getAddress());
        assertFalse(refusedVip.getAnnounced());
        assertEquals(RefusalReason.OutsideAllowList, refusedVip.getRefusalReason());
        assertEquals("198.51.100.99 is outside every announce.external-cidrs entry", refusedVip.getRefusalDetail());
        assertNull(refusedVip.getPrefix());
        assertTrue(refusedVip.nonnullAnnouncedFrom().isEmpty());

        final Problem problem = web.nonnullProblem().values().iterator().next();
        assertEquals("kube-anycast.io/communities", problem.getItem());
        assertEquals("'x' is not asn:value; ignored", problem.getReason());
    }

    @Test
    void onlyChangedServicesAreWrittenAndGoneOnesRemoved() throws Exception {
        final List<VipDecision> api = List.of(announced(API, "10.96.0.20", "node1", "198.51.100.11"));
        final List<VipDecision> db = List.of(announced(DB, "10.96.0.30", "node2", "198.51.100.12"));
        assertEquals(3, update(writer, snapshot(computation(Map.of(WEB, webDecisions(true), API, api, DB, db),
            List.of()), T0)));
        final Service apiBefore = read(OperationalStateWriter.servicePath(API)).orElseThrow();

        // web: node2 becomes Ready and announces too; db is deleted; api is unchanged
        final Instant t1 = T0.plusSeconds(1);
        assertEquals(2, update(writer, snapshot(computation(Map.of(WEB, webDecisions(false), API, api),
            List.of()), t1)));
        assertEquals(Set.of(WEB, API), writer.writtenServices());
        final Service web = read(OperationalStateWriter.servicePath(WEB)).orElseThrow();
        assertEquals(2, web.getVip().get(0).nonnullAnnouncedFrom().size());
        assertTrue(web.getVip().get(0).nonnullLeftOut().isEmpty());
        assertEquals(apiBefore, read(OperationalStateWriter.servicePath(API)).orElseThrow());
        assertTrue(read(OperationalStateWriter.servicePath(DB)).isEmpty());
        final KubeAnycastState state = read(OperationalStateWriter.STATE).orElseThrow();
        assertEquals("2026-11-26T09:00:01Z", state.getLastChange().getValue());
        assertEquals(2, state.nonnullService().size());

        // the same computation again (the periodic refresh): nothing at all is written
        final RouteComputation same = computation(Map.of(WEB, webDecisions(false), API, api), List.of());
        assertEquals(0, update(writer, snapshot(same, t1)));
    }

    @Test
    void sourceLosingItsConnectionRewritesTheSummaryOnly() throws Exception {
        final RouteComputation computation = computation(Map.of(WEB, webDecisions(true)), List.of());
        update(writer, snapshot(computation, T0));
        final StatusSnapshot disconnected = new StatusSnapshot(
            Optional.of(new SourceStatus("http://127.0.0.1:6443", false, true, Optional.of(T0), 3,
                Optional.of("connection refused"))),
            Optional.of(T0), Optional.of(computation),
            Optional.of(new RibWriterStatus(4, 1, false, "commit failed")), Optional.of("kube-anycast"), List.of());
        assertEquals(0, update(writer, disconnected));
        final KubeAnycastState state = read(OperationalStateWriter.STATE).orElseThrow();
        assertFalse(state.getSource().getConnected());
        assertEquals("connection refused", state.getSource().getLastError());
        assertFalse(state.getRibWriter().getInSync());
        assertEquals(1, state.getRibWriter().getChangeSetsFailed().longValue());
        assertEquals("commit failed", state.getRibWriter().getLastFailure());
        assertEquals(1, state.nonnullService().size());
    }

    @Test
    void aStateThatCannotBeBuiltIsLoggedNotThrownAndWrittenWholeNextTime() throws Exception {
        final VipDecision broken = new VipDecision(API, Vip.of("10.96.0.20", VipKind.CLUSTER_IP),
            Optional.of("not-a-prefix"), Optional.empty(),
            new NodeSelection(new TreeMap<>(Map.of("node1", "198.51.100.11")), new TreeMap<>()), false,
            PathAttributes.DEFAULT);
        writer.updateQuietly(snapshot(computation(Map.of(WEB, webDecisions(true), API, List.of(broken)),
            List.of()), T0));
        assertEquals(2, update(writer, snapshot(computation(Map.of(WEB, webDecisions(true), API,
            List.of(announced(API, "10.96.0.20", "node1", "198.51.100.11"))), List.of()), T0)));
        assertTrue(read(OperationalStateWriter.servicePath(API)).isPresent());
    }

    @Test
    void closeRemovesTheState() throws Exception {
        update(writer, snapshot(computation(Map.of(WEB, webDecisions(true)), List.of()), T0));
        writer.close();
        assertTrue(read(OperationalStateWriter.STATE).isEmpty());
    }

    @Test
    void aNewWriterReplacesWhatAPreviousRunLeft() throws Exception {
        update(writer, snapshot(computation(Map.of(WEB, webDecisions(true), DB,
            List.of(announced(DB, "10.96.0.30", "node2", "198.51.100.12"))), List.of()), T0));
        final OperationalStateWriter next = new OperationalStateWriter(getDataBroker());
        assertEquals(1, update(next, snapshot(computation(Map.of(WEB, webDecisions(true)), List.of()), T0)));
        assertTrue(read(OperationalStateWriter.servicePath(DB)).isEmpty());
        assertTrue(read(OperationalStateWriter.servicePath(WEB)).isPresent());
    }

    /**
     * demo/web: LoadBalancer IP 203.0.113.10 announced from node1, node2 left out (NotReady) or announcing too;
     * LoadBalancer IP 198.51.100.99 refused by the allow-list.
     */
    private static List<VipDecision> webDecisions(final boolean node2NotReady) {
        final TreeMap<String, String> from = new TreeMap<>(Map.of("node1", "198.51.100.11"));
        final TreeMap<String, NodeExclusion> leftOut = new TreeMap<>();
        if (node2NotReady) {
            leftOut.put("node2", NodeExclusion.NOT_READY);
        } else {
            from.put("node2", "198.51.100.12");
        }
        return List.of(
            new VipDecision(WEB, Vip.of("203.0.113.10", VipKind.LOAD_BALANCER_IP), Optional.of("203.0.113.10/32"),
                Optional.empty(), new NodeSelection(from, leftOut), false, LOCAL_PREF_200),
            new VipDecision(WEB, Vip.of("198.51.100.99", VipKind.LOAD_BALANCER_IP), Optional.empty(),
                Optional.of(new VipRefusal(VipRefusal.Reason.OUTSIDE_ALLOW_LIST,
                    "198.51.100.99 is outside every announce.external-cidrs entry")),
                NodeSelection.NONE, false, LOCAL_PREF_200));
    }

    private static VipDecision announced(final ServiceId service, final String address, final String node,
            final String nextHop) {
        return new VipDecision(service, Vip.of(address, VipKind.CLUSTER_IP), Optional.of(address + "/32"),
            Optional.empty(), new NodeSelection(new TreeMap<>(Map.of(node, nextHop)), new TreeMap<>()), false,
            PathAttributes.DEFAULT);
    }

    private static RouteComputation computation(final Map<ServiceId, List<VipDecision>> services,
            final List<Finding> findings) {
        final List<AdvertisedPath> paths = new ArrayList<>();
        services.values().forEach(decisions -> decisions.forEach(decision -> decision.nodes().announcedFrom()
            .forEach((node, nextHop) -> paths.add(new AdvertisedPath(decision.prefix().orElseThrow(),
                IpFamily.of(nextHop), nextHop, node, decision.attributes())))));
        return new RouteComputation(Set.copyOf(paths), List.of(), new TreeMap<>(services), findings);
    }

    private static StatusSnapshot snapshot(final RouteComputation computation, final Instant lastChange) {
        return new StatusSnapshot(
            Optional.of(new SourceStatus("http://127.0.0.1:6443", true, true, Optional.of(lastChange), 1,
                Optional.empty())),
            Optional.of(lastChange), Optional.of(computation), Optional.of(new RibWriterStatus(1, 0, true, "")),
            Optional.of("kube-anycast"), List.of());
    }

    /** Updates and waits for the commit, so the next read sees it. */
    private static int update(final OperationalStateWriter stateWriter, final StatusSnapshot snapshot)
            throws Exception {
        final int changed = stateWriter.update(snapshot);
        stateWriter.awaitLastCommit();
        return changed;
    }

    private <T extends DataObject> Optional<T> read(final InstanceIdentifier<T> path) throws Exception {
        try (ReadTransaction tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, path).get(10, TimeUnit.SECONDS);
        }
    }
}
