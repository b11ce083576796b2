/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.bgppolicy.rib.ApplicationPeerMirror.TableChange;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.bgp.rib.rib.peer.adj.rib.in.tables.routes.Ipv4RoutesCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.bgp.rib.rib.peer.adj.rib.in.tables.routes.Ipv6RoutesCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.Ipv4Routes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.Ipv6Routes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.BgpRib;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.PeerId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.PeerRole;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.RibId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.bgp.rib.Rib;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.bgp.rib.RibKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.bgp.rib.rib.Peer;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.bgp.rib.rib.PeerBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.bgp.rib.rib.PeerKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.bgp.rib.rib.peer.AdjRibIn;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.bgp.rib.rib.peer.AdjRibInBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.rib.Tables;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.rib.TablesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.rib.TablesKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.Ipv4AddressFamily;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.Ipv6AddressFamily;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.UnicastSubsequentAddressFamily;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;

/**
 * bgpcep 0.21.7's ApplicationPeer copies application RIB changes into its adj-rib-in only when the routes
 * container is WRITE, DELETE or SUBTREE_MODIFIED; it ignores APPEARED and DISAPPEARED, which per-route writes cause
 * when a table goes from empty to non-empty or back. These tests listen as ApplicationPeer does and check both the
 * shape of every change and, through {@link ApplicationPeerMirror}, what the application peer ends up holding.
 */
class ApplicationPeerVisibilityTest extends RibTestSupport {
    private static final String VIP6_1 = "::ffff:127.1.0.1/128";
    private static final String VIP6_2 = "::ffff:127.1.0.2/128";
    private static final String HOP6 = "::1";
    private static final TablesKey IPV4 = new TablesKey(Ipv4AddressFamily.VALUE, UnicastSubsequentAddressFamily.VALUE);
    private static final TablesKey IPV6 = new TablesKey(Ipv6AddressFamily.VALUE, UnicastSubsequentAddressFamily.VALUE);
    private static final InstanceIdentifier<Peer> PEER = InstanceIdentifier.builder(BgpRib.class)
        .child(Rib.class, new RibKey(new RibId(ApplicationPeerMirror.MIRROR_RIB)))
        .child(Peer.class, new PeerKey(new PeerId(ApplicationPeerMirror.MIRROR_PEER)))
        .build();
    private static final InstanceIdentifier<AdjRibIn> ADJ_RIB_IN = PEER.child(AdjRibIn.class);

    private ApplicationPeerMirror peer;
    private CountingDataBroker counting;
    private DefaultRibWriter writer;

    @BeforeEach
    void startPeerAndWriter() throws Exception {
        // the peer with its adj-rib-in tables, as the real peer's AdjRibInWriter creates them before it listens
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.OPERATIONAL, PEER, new PeerBuilder()
            .setPeerId(new PeerId(ApplicationPeerMirror.MIRROR_PEER))
            .setPeerRole(PeerRole.Internal)
            .setAdjRibIn(new AdjRibInBuilder().setTables(BindingMap.of(
                new TablesBuilder().withKey(IPV4).build(), new TablesBuilder().withKey(IPV6).build())).build())
            .build());
        tx.commit().get(10, TimeUnit.SECONDS);
        peer = new ApplicationPeerMirror(getDomBroker(), RIB_ID);
        startWriter(RibWriterSettings.DEFAULT);
    }

    private void startWriter(final RibWriterSettings settings) throws Exception {
        counting = new CountingDataBroker(getDataBroker());
        writer = new DefaultRibWriter(counting, RIB_ID, settings);
        done(writer.start());
        awaitMirror();
        // the notification of start's structure merge is delivered asynchronously: let it arrive before clearing
        awaitQuiet();
        peer.clearChanges();
        counting.reset();
    }

    @AfterEach
    void stop() {
        writer.close();
        peer.close();
    }

    @Test
    void firstPathsIntoEmptyTablesArriveAsAWriteOfTheRoutesContainer() throws Exception {
        final WriteStats stats = done(writer.apply(Set.of(path(vip(1), NODE_A), path(vip(1), NODE_B),
            path(vip(2), NODE_A), path(VIP6_1, HOP6))));

        assertEquals(new WriteStats(4, 0, 0, 0, 1, 1), stats);
        // one container put per table, nothing route by route
        assertEquals(2, counting.puts.get());
        final List<TableChange> changes = awaitChanges(2);
        assertContainer(changes, true, ModificationType.WRITE);
        assertContainer(changes, false, ModificationType.WRITE);
        assertNoAppearedOrDisappeared(changes);
        assertMirrorHoldsTheRib();
        assertEquals(3, adjRibInIpv4().size());
        assertEquals(1, adjRibInIpv6().size());
    }

    @Test
    void withdrawingTheLastPathsArrivesAsADeleteOfTheRoutesContainer() throws Exception {
        done(writer.apply(Set.of(path(vip(1), NODE_A), path(vip(2), NODE_A), path(VIP6_1, HOP6),
            path(VIP6_2, HOP6))));
        awaitMirror();
        peer.clearChanges();
        counting.reset();

        // IPv4 keeps one path (per-route delete), IPv6 loses its last two (one container delete)
        final WriteStats stats = done(writer.apply(Set.of(path(vip(1), NODE_A))));

        assertEquals(new WriteStats(0, 0, 3, 1, 1, 1), stats);
        assertEquals(2, counting.deletes.get());
        final List<TableChange> changes = awaitChanges(2);
        assertContainer(changes, false, ModificationType.DELETE);
        assertPerRoute(changes, true, Map.of(ModificationType.DELETE, 1));
        assertMirrorHoldsTheRib();

        // and the last IPv4 path
        peer.clearChanges();
        assertEquals(1, done(writer.apply(Set.of())).removed());
        assertContainer(awaitChanges(1), true, ModificationType.DELETE);
        assertNoAppearedOrDisappeared(peer.changes());
        assertMirrorHoldsTheRib();
        assertTrue(adjRibInIpv4().isEmpty());
        assertTrue(adjRibInIpv6().isEmpty());
    }

    @Test
    void changesInANonEmptyTableStayPerRoute() throws Exception {
        done(writer.apply(Set.of(path(vip(1), NODE_A), path(vip(2), NODE_A), path(VIP6_1, HOP6))));
        awaitMirror();
        peer.clearChanges();
        counting.reset();

        // VIP 1 moves from A to B, VIP 2 changes attributes, VIP 3 is new; IPv6 gains a path
        final WriteStats stats = done(writer.apply(Set.of(path(vip(1), NODE_B), path(vip(2), NODE_A, attrs(200)),
            path(vip(3), NODE_A), path(VIP6_1, HOP6), path(VIP6_2, HOP6))));

        assertEquals(new WriteStats(3, 1, 1, 1, 1, 1), stats);
        assertEquals(4, counting.puts.get());
        assertEquals(1, counting.deletes.get());
        final List<TableChange> changes = awaitChanges(2);
        assertPerRoute(changes, true, Map.of(ModificationType.WRITE, 3, ModificationType.DELETE, 1));
        assertPerRoute(changes, false, Map.of(ModificationType.WRITE, 1));
        assertMirrorHoldsTheRib();
    }

    @Test
    void batchedFirstFillWritesTheContainerOnceThenPerRoute() throws Exception {
        writer.close();
        startWriter(RibWriterSettings.DEFAULT.withBatchSize(4));
        final Set<AdvertisedPath> desired = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            desired.add(path(vip(i), NODE_A));
        }

        final WriteStats stats = done(writer.apply(desired));

        // 10 routes in batches of 4, 4, 2: the first one fills the table, the others add to it
        assertEquals(new WriteStats(10, 0, 0, 0, 3, 1), stats);
        assertEquals(3, counting.commits.get());
        assertEquals(1 + 6, counting.puts.get());
        // the merging chain may coalesce consecutive batches into one data tree commit: the first change the
        // listener sees writes the container, every later one adds routes to it
        assertMirrorHoldsTheRib();
        final List<TableChange> changes = peer.changes();
        assertEquals(ModificationType.WRITE, changes.get(0).container(), changes::toString);
        for (TableChange later : changes.subList(1, changes.size())) {
            assertEquals(ModificationType.SUBTREE_MODIFIED, later.routes(), changes::toString);
            assertEquals(ModificationType.SUBTREE_MODIFIED, later.container(), changes::toString);
            assertEquals(Set.of(ModificationType.WRITE), later.entries().keySet(), changes::toString);
        }
        assertEquals(10, changes.stream().mapToInt(change -> change.entries().values().stream()
            .mapToInt(Integer::intValue).sum()).sum(), changes::toString);
        assertNoAppearedOrDisappeared(changes);
        assertMirrorHoldsTheRib();
        assertEquals(10, adjRibInIpv4().size());

        // emptying in batches: one container delete, one commit
        peer.clearChanges();
        counting.reset();
        assertEquals(10, done(writer.apply(Set.of())).removed());
        assertEquals(1, counting.deletes.get());
        assertEquals(1, counting.commits.get());
        assertContainer(awaitChanges(1), true, ModificationType.DELETE);
        assertMirrorHoldsTheRib();
    }

    @Test
    void applicationPeerHoldsWhatTheRibHoldsThroughFillChangeEmptyRefillAndReconcile() throws Exception {
        writer.close();
        startWriter(RibWriterSettings.DEFAULT.withBatchSize(3));
        final Set<AdvertisedPath> desired = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            desired.add(path(vip(i), NODE_A));
            desired.add(path(vip(i), NODE_B));
        }
        desired.add(path(VIP6_1, HOP6));

        // fill both tables (batched)
        done(writer.apply(desired));
        assertMirrorHoldsTheRib();
        assertEquals(16, adjRibInIpv4().size());

        // change: a node leaves, attributes change, IPv6 emptied
        desired.removeIf(p -> p.nextHop().equals(NODE_B) || p.prefix().equals(VIP6_1));
        desired.remove(path(vip(0), NODE_A));
        desired.add(path(vip(0), NODE_A, attrs(300)));
        done(writer.apply(desired));
        assertMirrorHoldsTheRib();
        assertTrue(adjRibInIpv6().isEmpty());

        // empty both, then refill both
        done(writer.apply(Set.of()));
        assertMirrorHoldsTheRib();
        assertTrue(adjRibInIpv4().isEmpty());
        done(writer.apply(Set.of(path(vip(5), NODE_C), path(VIP6_2, HOP6))));
        assertMirrorHoldsTheRib();
        assertEquals(1, adjRibInIpv4().size());

        // a restarted writer reconciles: IPv6 emptied, IPv4 changed, then a reconcile refills IPv6
        writer.close();
        startWriter(RibWriterSettings.DEFAULT.withBatchSize(3));
        done(writer.reconcile(Set.of(path(vip(5), NODE_C), path(vip(6), NODE_C))));
        assertMirrorHoldsTheRib();
        assertTrue(adjRibInIpv6().isEmpty());
        done(writer.reconcile(Set.of(path(vip(6), NODE_C), path(VIP6_1, HOP6), path(VIP6_2, HOP6))));
        assertMirrorHoldsTheRib();
        assertEquals(2, adjRibInIpv6().size());
        assertEquals(1, adjRibInIpv4().size());

        assertNoAppearedOrDisappeared(peer.changes());
        assertTrue(peer.failures().isEmpty(), () -> peer.failures().toString());
    }

    private static <T> T done(final com.google.common.util.concurrent.ListenableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private void awaitQuiet() throws InterruptedException {
        int seen = -1;
        for (int i = 0; i < 40 && peer.changes().size() != seen; i++) {
            seen = peer.changes().size();
            Thread.sleep(50);
        }
    }

    private List<TableChange> awaitChanges(final int count) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (peer.changes().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // a moment more, so that a change too many shows up as a failure
        Thread.sleep(50);
        final List<TableChange> changes = peer.changes();
        assertEquals(count, changes.size(), changes::toString);
        return changes;
    }

    private static TableChange of(final List<TableChange> changes, final boolean ipv4) {
        final List<TableChange> table = changes.stream().filter(change -> change.ipv4() == ipv4).toList();
        assertEquals(1, table.size(), changes::toString);
        return table.get(0);
    }

    /**
     * The routes container itself was written or deleted. The {@code routes} choice around it is SUBTREE_MODIFIED
     * when it existed before and after (ApplicationPeer then walks into it, where only WRITE and DELETE count), or
     * APPEARED or DISAPPEARED itself when it did not (ApplicationPeer copies or deletes the whole choice then).
     */
    private static void assertContainer(final List<TableChange> changes, final boolean ipv4,
            final ModificationType expected) {
        final TableChange change = of(changes, ipv4);
        assertTrue(change.routes() == ModificationType.SUBTREE_MODIFIED
            || change.routes() == (expected == ModificationType.WRITE ? ModificationType.APPEARED
                : ModificationType.DISAPPEARED), changes::toString);
        assertEquals(expected, change.container(), changes::toString);
    }

    private static void assertPerRoute(final List<TableChange> changes, final boolean ipv4,
            final Map<ModificationType, Integer> entries) {
        assertEquals(new TableChange(ipv4, ModificationType.SUBTREE_MODIFIED, ModificationType.SUBTREE_MODIFIED,
            entries), of(changes, ipv4), changes::toString);
    }

    /** No routes container APPEARED or DISAPPEARED: ApplicationPeer.processRoutesTable would drop it. */
    private static void assertNoAppearedOrDisappeared(final List<TableChange> changes) {
        assertFalse(changes.stream().anyMatch(change -> change.container() == ModificationType.APPEARED
            || change.container() == ModificationType.DISAPPEARED), changes::toString);
    }

    /** Wait until the mirror caught up with the application RIB (both tables), failing after 10 seconds. */
    private void assertMirrorHoldsTheRib() throws Exception {
        awaitMirror();
        assertEquals(byKey(ipv4Routes()), adjRibInIpv4(), "IPv4 adj-rib-in of the application peer");
        assertEquals(byKey(ipv6Routes()), adjRibInIpv6(), "IPv6 adj-rib-in of the application peer");
        assertTrue(peer.failures().isEmpty(), () -> peer.failures().toString());
    }

    private void awaitMirror() throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !(byKey(ipv4Routes()).equals(adjRibInIpv4())
                && byKey(ipv6Routes()).equals(adjRibInIpv6()))) {
            Thread.sleep(10);
        }
    }

    private static Map<String, Object> byKey(final Map<String, ?> routes) {
        return new HashMap<>(routes);
    }

    private <T extends DataObject> Optional<T> readOperational(final InstanceIdentifier<T> path) throws Exception {
        try (ReadTransaction tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.OPERATIONAL, path).get(10, TimeUnit.SECONDS);
        }
    }

    private Map<String, Object> adjRibInIpv4() throws Exception {
        final Map<String, Object> result = new HashMap<>();
        readOperational(ADJ_RIB_IN.child(Tables.class, IPV4).child(Ipv4RoutesCase.class, Ipv4Routes.class))
            .map(Ipv4Routes::nonnullIpv4Route).orElse(Map.of()).values()
            .forEach(route -> result.put(route.getRouteKey() + "#" + route.getPathId().getValue(), route));
        return result;
    }

    private Map<String, Object> adjRibInIpv6() throws Exception {
        final Map<String, Object> result = new HashMap<>();
        readOperational(ADJ_RIB_IN.child(Tables.class, IPV6).child(Ipv6RoutesCase.class, Ipv6Routes.class))
            .map(Ipv6Routes::nonnullIpv6Route).orElse(Map.of()).values()
            .forEach(route -> result.put(route.getRouteKey() + "#" + route.getPathId().getValue(), route));
        return result;
    }
}
