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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.bgppolicy.core.Community;
import io.kubeanycast.bgppolicy.core.PathAttributes;
import io.kubeanycast.source.model.IpFamily;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.ipv4.routes.Ipv4Route;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.ipv6.routes.Ipv6Route;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.Attributes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.BgpOrigin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c.next.hop.Ipv6NextHopCase;

class DefaultRibWriterTest extends RibTestSupport {
    private static final String VIP_1 = "127.1.0.1/32";
    private static final String VIP_2 = "127.1.0.2/32";

    private DefaultRibWriter writer;
    private CountingDataBroker counting;

    private DefaultRibWriter newWriter(final RibWriterSettings settings) {
        counting = new CountingDataBroker(getDataBroker());
        writer = new DefaultRibWriter(counting, RIB_ID, settings);
        return writer;
    }

    @AfterEach
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    private static <T> T done(final com.google.common.util.concurrent.ListenableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    @Test
    void startCreatesBothTablesAndKeepsRoutesAlreadyThere() throws Exception {
        newWriter(RibWriterSettings.DEFAULT);
        done(writer.start());
        done(writer.apply(Set.of(path(VIP_1, NODE_A))));

        // a second writer (e.g. after a bundle restart) starting over the existing RIB must not wipe it
        writer.close();
        newWriter(RibWriterSettings.DEFAULT);
        done(writer.start());

        assertEquals(Set.of(VIP_1 + "#1"), ipv4Routes().keySet());
        // both unicast tables exist: ODL's application peer serves the tables it finds
        assertEquals(Set.of("Ipv4AddressFamily", "Ipv6AddressFamily"), read(codec.ribPath()).orElseThrow()
            .nonnullTables().keySet().stream().map(key -> key.getAfi().implementedInterface().getSimpleName())
            .collect(java.util.stream.Collectors.toSet()));
        assertTrue(writer.status().inSync());
    }

    @Test
    void addWritesEveryRouteAsOdlNeedsIt() throws Exception {
        newWriter(RibWriterSettings.DEFAULT);
        done(writer.start());
        final PathAttributes rich = new PathAttributes(200, OptionalLong.of(50),
            new TreeSet<>(List.of(new Community(65000, 2), new Community(65000, 1))));

        final WriteStats stats = done(writer.apply(Set.of(path(VIP_1, NODE_B, rich), path(VIP_1, NODE_A, rich),
            path(VIP_2, NODE_A))));

        assertEquals(new WriteStats(3, 0, 0, 0, 1, 1), stats);
        final Map<String, Ipv4Route> routes = ipv4Routes();
        // ids per prefix from 1, handed out in next-hop order
        assertEquals(Set.of(VIP_1 + "#1", VIP_1 + "#2", VIP_2 + "#1"), routes.keySet());
        assertEquals(NODE_A, nextHopOf(routes.get(VIP_1 + "#1")));
        assertEquals(NODE_B, nextHopOf(routes.get(VIP_1 + "#2")));

        final Ipv4Route route = routes.get(VIP_1 + "#2");
        assertEquals(VIP_1, route.getRouteKey());
        assertEquals(VIP_1, route.getPrefix().getValue());
        final Attributes attributes = route.getAttributes();
        assertEquals(BgpOrigin.Igp, attributes.getOrigin().getValue());
        // without the (empty) AS_PATH container ODL sends no AS_PATH and FRR drops the route
        assertNotNull(attributes.getAsPath());
        assertTrue(attributes.getAsPath().nonnullSegments().isEmpty());
        assertEquals(200L, attributes.getLocalPref().getPref().toJava());
        assertEquals(50L, attributes.getMultiExitDisc().getMed().toJava());
        assertEquals(List.of(1, 2), attributes.getCommunities().stream()
            .map(community -> community.getSemantics().toJava()).toList());
        assertEquals(65000L, attributes.getCommunities().get(0).getAsNumber().getValue().toJava());

        // no MED configured: no MULTI_EXIT_DISC attribute
        assertEquals(null, routes.get(VIP_2 + "#1").getAttributes().getMultiExitDisc());
    }

    @Test
    void changedAttributesRewriteThePathInPlaceWithItsId() throws Exception {
        newWriter(RibWriterSettings.DEFAULT);
        done(writer.apply(Set.of(path(VIP_1, NODE_A), path(VIP_1, NODE_B))));
        counting.reset();

        final WriteStats stats = done(writer.apply(Set.of(path(VIP_1, NODE_A), path(VIP_1, NODE_B, attrs(300)))));

        assertEquals(new WriteStats(0, 1, 0, 1, 1, 1), stats);
        assertEquals(1, counting.puts.get());
        assertEquals(0, counting.deletes.get());
        final Map<String, Ipv4Route> routes = ipv4Routes();
        assertEquals(Set.of(VIP_1 + "#1", VIP_1 + "#2"), routes.keySet());
        assertEquals(NODE_B, nextHopOf(routes.get(VIP_1 + "#2")));
        assertEquals(300L, routes.get(VIP_1 + "#2").getAttributes().getLocalPref().getPref().toJava());
        assertEquals(100L, routes.get(VIP_1 + "#1").getAttributes().getLocalPref().getPref().toJava());
    }

    @Test
    void withdrawDeletesOnlyThatPathAndFreesItsIdForLaterChangeSets() throws Exception {
        newWriter(RibWriterSettings.DEFAULT);
        done(writer.apply(Set.of(path(VIP_1, NODE_A), path(VIP_1, NODE_B), path(VIP_2, NODE_A))));
        counting.reset();

        // node A leaves VIP_1 and node C joins in the same change set: C must not take A's id in that change set
        WriteStats stats = done(writer.apply(Set.of(path(VIP_1, NODE_B), path(VIP_1, NODE_C), path(VIP_2, NODE_A))));

        assertEquals(new WriteStats(1, 0, 1, 2, 1, 1), stats);
        assertEquals(1, counting.puts.get());
        assertEquals(1, counting.deletes.get());
        Map<String, Ipv4Route> routes = ipv4Routes();
        assertEquals(Set.of(VIP_1 + "#2", VIP_1 + "#3", VIP_2 + "#1"), routes.keySet());
        assertEquals(NODE_B, nextHopOf(routes.get(VIP_1 + "#2")));
        assertEquals(NODE_C, nextHopOf(routes.get(VIP_1 + "#3")));

        // the freed id 1 is the lowest free one in the next change set
        stats = done(writer.apply(Set.of(path(VIP_1, NODE_A), path(VIP_1, NODE_B), path(VIP_1, NODE_C))));
        assertEquals(new WriteStats(1, 0, 1, 2, 1, 1), stats);
        routes = ipv4Routes();
        assertEquals(Set.of(VIP_1 + "#1", VIP_1 + "#2", VIP_1 + "#3"), routes.keySet());
        assertEquals(NODE_A, nextHopOf(routes.get(VIP_1 + "#1")));

        // withdrawing everything empties the table
        stats = done(writer.apply(Set.of()));
        assertEquals(3, stats.removed());
        assertTrue(ipv4Routes().isEmpty());
    }

    @Test
    void ipv6PathsGoToTheIpv6TableWithAnIpv6NextHop() throws Exception {
        newWriter(RibWriterSettings.DEFAULT);
        final String vip6 = "::ffff:127.1.0.1/128";
        final String hop6a = "::ffff:127.0.0.2";
        final String hop6b = "::1";

        final WriteStats stats = done(writer.apply(Set.of(path(vip6, hop6a), path(vip6, hop6b),
            path(VIP_1, NODE_A))));

        assertEquals(3, stats.added());
        assertEquals(Set.of(VIP_1 + "#1"), ipv4Routes().keySet());
        final Map<String, Ipv6Route> routes = ipv6Routes();
        assertEquals(Set.of(vip6 + "#1", vip6 + "#2"), routes.keySet());
        final Ipv6Route route = routes.get(vip6 + "#2");
        assertEquals(vip6, route.getPrefix().getValue());
        assertNotNull(route.getAttributes().getAsPath());
        assertEquals(hop6a, ((Ipv6NextHopCase) route.getAttributes().getCNextHop()).getIpv6NextHop().getGlobal()
            .getValue());

        assertEquals(1, done(writer.apply(Set.of(path(vip6, hop6b), path(VIP_1, NODE_A)))).removed());
        assertEquals(Set.of(vip6 + "#1"), ipv6Routes().keySet());
    }

    @Test
    void applyingTheSameSetTwiceWritesAndCommitsNothing() throws Exception {
        newWriter(RibWriterSettings.DEFAULT);
        final Set<AdvertisedPath> desired = Set.of(path(VIP_1, NODE_A), path(VIP_1, NODE_B),
            path("::ffff:127.1.0.9/128", "::1"));
        done(writer.apply(desired));
        counting.reset();

        // equal but not the same objects, as a fresh computation would produce
        final Set<AdvertisedPath> again = new HashSet<>();
        desired.forEach(p -> again.add(new AdvertisedPath(p.prefix(), p.family(), p.nextHop(), p.node(),
            new PathAttributes(p.attributes().localPref(), p.attributes().med(), p.attributes().communities()))));
        final WriteStats stats = done(writer.apply(again));

        assertEquals(new WriteStats(0, 0, 0, 3, 0, 1), stats);
        assertEquals(0, counting.writes());
        assertEquals(0, counting.commits.get());
    }

    @Test
    void tenThousandVipsTimesThreePathsThenOneChangedPathWritesExactlyOnePath() throws Exception {
        newWriter(RibWriterSettings.DEFAULT.withBatchSize(10_000));
        done(writer.start());
        counting.reset();
        final Set<AdvertisedPath> desired = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            for (String node : List.of(NODE_A, NODE_B, NODE_C)) {
                desired.add(path(vip(i), node));
            }
        }

        final WriteStats initial = done(writer.apply(desired));

        assertEquals(new WriteStats(30_000, 0, 0, 0, 3, 1), initial);
        assertEquals(30_000, ipv4Routes().size());
        // the first batch fills the empty table with one container put of its 10,000 routes (ODL's application
        // peer ignores a container that APPEARED), the other two batches put route by route
        assertEquals(1 + 20_000, counting.puts.get());
        assertEquals(3, counting.commits.get());

        counting.reset();
        final AdvertisedPath before = path(vip(4242), NODE_B);
        desired.remove(before);
        desired.add(path(vip(4242), NODE_B, attrs(150)));
        final WriteStats change = done(writer.apply(desired));

        assertEquals(new WriteStats(0, 1, 0, 29_999, 1, 1), change);
        assertEquals(1, counting.puts.get());
        assertEquals(0, counting.deletes.get() + counting.merges.get());
        assertEquals(1, counting.commits.get());
        assertEquals(150L, ipv4Routes().get(vip(4242) + "#2").getAttributes().getLocalPref().getPref().toJava());
    }

    @Test
    void commitFailingBecauseTheRibVanishedIsRetriedFromWhatTheRibReallyHolds() throws Exception {
        newWriter(RibWriterSettings.DEFAULT.withRetries(3, Duration.ofMillis(10)));
        done(writer.start());
        done(writer.apply(Set.of(path(VIP_1, NODE_A))));

        // someone deletes the whole application RIB behind the writer's back: its cache is now wrong and the put
        // of the next change set fails for real in the data tree (its parent list entry is gone)
        deleteApplicationRib();
        final WriteStats stats = done(writer.apply(Set.of(path(VIP_1, NODE_A), path(VIP_2, NODE_A))));

        assertEquals(2, stats.attempts());
        // the retry re-read the (empty) RIB and wrote everything again
        assertEquals(2, stats.added());
        assertEquals(Set.of(VIP_1 + "#1", VIP_2 + "#1"), ipv4Routes().keySet());
        assertTrue(writer.status().inSync());
    }

    @Test
    void permanentFailureFailsTheFutureIsReportedAndTheNextChangeSetRecovers() throws Exception {
        newWriter(RibWriterSettings.DEFAULT.withRetries(1, Duration.ZERO));
        done(writer.apply(Set.of(path(VIP_1, NODE_A))));
        deleteApplicationRib();

        final ExecutionException failure = assertThrows(ExecutionException.class,
            () -> done(writer.apply(Set.of(path(VIP_1, NODE_A), path(VIP_2, NODE_A)))));

        assertInstanceOf(RibWriteException.class, failure.getCause());
        final RibWriterStatus status = writer.status();
        assertFalse(status.inSync());
        assertEquals(1, status.failed());
        assertFalse(status.lastFailure().isEmpty());

        // the writer dropped its cache: the next change set re-reads, recreates the RIB and converges
        final WriteStats stats = done(writer.apply(Set.of(path(VIP_1, NODE_A), path(VIP_2, NODE_A))));
        assertEquals(2, stats.added());
        assertEquals(Set.of(VIP_1 + "#1", VIP_2 + "#1"), ipv4Routes().keySet());
        assertTrue(writer.status().inSync());
    }

    @Test
    void pathThatCannotBeEncodedFailsTheChangeSetBeforeAnythingIsWritten() throws Exception {
        newWriter(RibWriterSettings.DEFAULT);
        done(writer.apply(Set.of(path(VIP_1, NODE_A))));
        counting.reset();
        final AdvertisedPath mixed = new AdvertisedPath(VIP_2, IpFamily.IPV4, "::1", "node-x", DEFAULT);

        final ExecutionException failure = assertThrows(ExecutionException.class,
            () -> done(writer.apply(Set.of(path(VIP_1, NODE_B), mixed))));

        assertInstanceOf(IllegalArgumentException.class, failure.getCause());
        assertEquals(0, counting.commits.get());
        assertEquals(Set.of(VIP_1 + "#1"), ipv4Routes().keySet());
        assertFalse(writer.status().inSync());
    }

    @Test
    void closedWriterRejectsWork() throws Exception {
        newWriter(RibWriterSettings.DEFAULT);
        writer.close();

        final ExecutionException failure = assertThrows(ExecutionException.class,
            () -> done(writer.apply(Set.of(path(VIP_1, NODE_A)))));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
    }

    private void deleteApplicationRib() throws Exception {
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, codec.ribPath());
        tx.commit().get(10, TimeUnit.SECONDS);
    }
}
