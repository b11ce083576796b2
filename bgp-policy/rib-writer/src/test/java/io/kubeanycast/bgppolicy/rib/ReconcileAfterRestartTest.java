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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.DataObjectModification.ModificationType;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.ipv4.routes.Ipv4Route;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.ipv4.routes.Ipv4RouteBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.ipv4.routes.Ipv4RouteKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.PathId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.AttributesBuilder;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The application RIB survives ODL restarts in the config datastore; a new writer must converge it without
 * touching the paths that are already right. The datastore is seeded directly (as a previous process, or an
 * operator, left it), a listener on the route list records every modification the reconcile causes.
 */
class ReconcileAfterRestartTest extends RibTestSupport {
    private static final String VIP_1 = "127.1.0.1/32";
    private static final String VIP_2 = "127.1.0.2/32";
    private static final String VIP_3 = "127.1.0.3/32";
    private static final String VIP_4 = "127.1.0.4/32";
    private static final String VIP_6 = "::ffff:127.1.0.6/128";

    private final List<String> modifications = new ArrayList<>();

    @Test
    void reconcileRemovesStaleAddsMissingAndLeavesMatchingPathsUntouched() throws Exception {
        final DataTreeIdentifier<Ipv4Route> everyIpv4Route =
            DataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, codec.ipv4RoutesPath().child(Ipv4Route.class));
        try (Registration listener = getDataBroker().registerTreeChangeListener(everyIpv4Route, new RouteRecorder())) {
            seed();
            awaitModifications(6);
            clearModifications();

            final CountingDataBroker counting = new CountingDataBroker(getDataBroker());
            try (DefaultRibWriter writer = new DefaultRibWriter(counting, RIB_ID)) {
                writer.start().get(10, TimeUnit.SECONDS);
                counting.reset();
                final Set<AdvertisedPath> desired = Set.of(
                    path(VIP_1, NODE_A),            // stored exactly so under id 7: adopt, untouched
                    path(VIP_1, NODE_B),            // missing: added with the lowest id free in the RIB
                    path(VIP_3, NODE_A),            // stored without AS_PATH: rewritten under its id
                    path(VIP_4, NODE_B, attrs(200)), // stored with local-pref 100: rewritten under its id
                    path(VIP_6, "::1"));            // missing IPv6 path

                final WriteStats stats = writer.reconcile(desired).get(10, TimeUnit.SECONDS);

                // removed: VIP_1 via C, VIP_2, and the foreign VIP_1 entry with path id 0
                assertEquals(new WriteStats(2, 2, 3, 1, 1, 1), stats);
                assertEquals(7, counting.writes());
                assertEquals(1, counting.commits.get());
                assertEquals(Set.of(VIP_1 + "#7", VIP_1 + "#1", VIP_3 + "#5", VIP_4 + "#2"), ipv4Routes().keySet());
                assertEquals(NODE_B, nextHopOf(ipv4Routes().get(VIP_1 + "#1")));
                assertTrue(ipv4Routes().get(VIP_3 + "#5").getAttributes().getAsPath() != null);
                assertEquals(Set.of(VIP_6 + "#1"), ipv6Routes().keySet());

                // ipv4 events of the one commit: 1 add, 2 rewrites, 3 deletes, and none for the adopted VIP_1#7
                final List<String> seen = awaitModifications(6);
                assertFalse(seen.stream().anyMatch(m -> m.startsWith(VIP_1 + "#7 ")), seen::toString);
                assertTrue(seen.contains(VIP_2 + "#1 DELETE"), seen::toString);

                // what the writer wrote reads back as identical: a second reconcile writes nothing
                counting.reset();
                assertEquals(new WriteStats(0, 0, 0, 5, 0, 1), writer.reconcile(desired).get(10, TimeUnit.SECONDS));
                assertEquals(0, counting.writes());
                // and the adopted id stays: a later change to VIP_1 via A rewrites #7
                assertEquals(1, writer.apply(Set.of(path(VIP_1, NODE_A, attrs(120)), path(VIP_1, NODE_B),
                    path(VIP_3, NODE_A), path(VIP_4, NODE_B, attrs(200)), path(VIP_6, "::1")))
                    .get(10, TimeUnit.SECONDS).changed());
                assertEquals(120L, ipv4Routes().get(VIP_1 + "#7").getAttributes().getLocalPref().getPref().toJava());
            }
        }
    }

    @Test
    void firstApplyOfANewWriterReadsTheRibInsteadOfTrustingAnEmptyCache() throws Exception {
        seed();
        try (DefaultRibWriter writer = new DefaultRibWriter(getDataBroker(), RIB_ID)) {
            final WriteStats stats = writer.apply(Set.of(path(VIP_1, NODE_A))).get(10, TimeUnit.SECONDS);

            assertEquals(1, stats.unchanged());
            assertEquals(0, stats.added());
            assertEquals(Set.of(VIP_1 + "#7"), ipv4Routes().keySet());
        }
    }

    /** What a previous process (and a careless operator) left behind. */
    private void seed() throws Exception {
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        codec.mergeStructure(tx);
        codec.prepare(new PathPut(path(VIP_1, NODE_A), 7)).writeTo(tx);
        codec.prepare(new PathPut(path(VIP_1, NODE_C), 3)).writeTo(tx);
        codec.prepare(new PathPut(path(VIP_2, NODE_A), 1)).writeTo(tx);
        codec.prepare(new PathPut(path(VIP_4, NODE_B), 2)).writeTo(tx);
        // hand-written over RESTCONF without "as-path": ODL would announce it without AS_PATH
        final Ipv4RouteKey noAsPath = new Ipv4RouteKey(new PathId(Uint32.valueOf(5)), VIP_3);
        tx.put(LogicalDatastoreType.CONFIGURATION, codec.ipv4RoutesPath().child(Ipv4Route.class, noAsPath),
            new Ipv4RouteBuilder().withKey(noAsPath).setPrefix(new Ipv4Prefix(VIP_3))
                .setAttributes(new AttributesBuilder(RouteCodec.attributes(path(VIP_3, NODE_A))).setAsPath(null)
                    .build())
                .build());
        // path id 0 ("no path id"): never written by the writer
        final Ipv4RouteKey noPathId = new Ipv4RouteKey(new PathId(Uint32.ZERO), VIP_1);
        tx.put(LogicalDatastoreType.CONFIGURATION, codec.ipv4RoutesPath().child(Ipv4Route.class, noPathId),
            new Ipv4RouteBuilder().withKey(noPathId).setPrefix(new Ipv4Prefix(VIP_1))
                .setAttributes(RouteCodec.attributes(path(VIP_1, NODE_C))).build());
        tx.commit().get(10, TimeUnit.SECONDS);
    }

    private List<String> awaitModifications(final int count) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (modifications) {
            while (modifications.size() < count && System.nanoTime() < deadline) {
                modifications.wait(100);
            }
            assertEquals(count, modifications.size(), modifications::toString);
            return List.copyOf(modifications);
        }
    }

    private void clearModifications() {
        synchronized (modifications) {
            modifications.clear();
        }
    }

    private final class RouteRecorder implements DataTreeChangeListener<Ipv4Route> {
        @Override
        public void onDataTreeChanged(final List<DataTreeModification<Ipv4Route>> changes) {
            synchronized (modifications) {
                for (DataTreeModification<Ipv4Route> change : changes) {
                    final Ipv4RouteKey key = change.getRootPath().getRootIdentifier().firstKeyOf(Ipv4Route.class);
                    final ModificationType type = change.getRootNode().modificationType();
                    modifications.add(key.getRouteKey() + "#" + key.getPathId().getValue() + " " + type);
                }
                modifications.notifyAll();
            }
        }
    }
}
