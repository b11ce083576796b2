/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.bgppolicy.core.Community;
import io.kubeanycast.bgppolicy.core.PathAttributes;
import io.kubeanycast.source.model.IpFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.AsNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6AddressNoZone;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.application.rib.tables.routes.Ipv4RoutesCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.application.rib.tables.routes.Ipv4RoutesCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.application.rib.tables.routes.Ipv6RoutesCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.application.rib.tables.routes.Ipv6RoutesCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.Ipv4Routes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.Ipv4RoutesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.ipv4.routes.Ipv4Route;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.ipv4.routes.Ipv4RouteBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.ipv4.routes.Ipv4RouteKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.Ipv6Routes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.Ipv6RoutesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.ipv6.routes.Ipv6Route;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.ipv6.routes.Ipv6RouteBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.ipv6.routes.Ipv6RouteKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.PathId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.Attributes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.AttributesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.attributes.AsPath;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.attributes.AsPathBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.attributes.Communities;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.attributes.CommunitiesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.attributes.LocalPref;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.attributes.LocalPrefBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.attributes.MultiExitDisc;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.attributes.MultiExitDiscBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.attributes.Origin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.message.rev200120.path.attributes.attributes.OriginBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.ApplicationRib;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.ApplicationRibBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.ApplicationRibId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.ApplicationRibKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.rib.Tables;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.rib.TablesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.rib.TablesKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.BgpOrigin;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.Ipv4AddressFamily;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.Ipv6AddressFamily;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.UnicastSubsequentAddressFamily;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.CNextHop;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c.next.hop.Ipv4NextHopCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c.next.hop.Ipv4NextHopCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c.next.hop.Ipv6NextHopCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c.next.hop.Ipv6NextHopCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c.next.hop.ipv4.next.hop._case.Ipv4NextHop;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c.next.hop.ipv4.next.hop._case.Ipv4NextHopBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c.next.hop.ipv6.next.hop._case.Ipv6NextHop;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.next.hop.c.next.hop.ipv6.next.hop._case.Ipv6NextHopBuilder;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Translates between kube-anycast paths and bgpcep's binding model of one application RIB
 * ({@code bgp-rib:application-rib=<id>/tables=(ipv4|ipv6, unicast)/bgp-inet:ipv(4|6)-routes/ipv(4|6)-route}, keyed by
 * (route-key, path-id)). Stateless apart from the identifiers; safe to share between threads.
 */
final class RouteCodec {
    // ODL sends no AS_PATH at all without this (empty) container, and receivers such as FRR drop such routes.
    private static final AsPath EMPTY_AS_PATH = new AsPathBuilder().build();
    private static final Origin ORIGIN_IGP = new OriginBuilder().setValue(BgpOrigin.Igp).build();
    private static final TablesKey IPV4_UNICAST =
        new TablesKey(Ipv4AddressFamily.VALUE, UnicastSubsequentAddressFamily.VALUE);
    private static final TablesKey IPV6_UNICAST =
        new TablesKey(Ipv6AddressFamily.VALUE, UnicastSubsequentAddressFamily.VALUE);

    private final ApplicationRibId ribId;
    private final InstanceIdentifier<ApplicationRib> ribPath;
    private final InstanceIdentifier<Ipv4Routes> ipv4RoutesPath;
    private final InstanceIdentifier<Ipv6Routes> ipv6RoutesPath;

    /**
     * Codec for one application RIB.
     *
     * @param applicationRibId the application peer's id (its neighbor address, e.g. {@code 127.0.0.11})
     */
    RouteCodec(final String applicationRibId) {
        ribId = new ApplicationRibId(applicationRibId);
        ribPath = InstanceIdentifier.builder(ApplicationRib.class, new ApplicationRibKey(ribId)).build();
        ipv4RoutesPath = ribPath.child(Tables.class, IPV4_UNICAST).child(Ipv4RoutesCase.class, Ipv4Routes.class);
        ipv6RoutesPath = ribPath.child(Tables.class, IPV6_UNICAST).child(Ipv6RoutesCase.class, Ipv6Routes.class);
    }

    InstanceIdentifier<ApplicationRib> ribPath() {
        return ribPath;
    }

    InstanceIdentifier<Ipv4Routes> ipv4RoutesPath() {
        return ipv4RoutesPath;
    }

    InstanceIdentifier<Ipv6Routes> ipv6RoutesPath() {
        return ipv6RoutesPath;
    }

    /**
     * Merge the application RIB with both unicast tables. A merge never removes existing routes.
     *
     * @param tx the transaction
     */
    void mergeStructure(final WriteTransaction tx) {
        tx.merge(LogicalDatastoreType.CONFIGURATION, ribPath, new ApplicationRibBuilder()
            .setId(ribId)
            .setTables(BindingMap.of(
                new TablesBuilder().withKey(IPV4_UNICAST)
                    .setRoutes(new Ipv4RoutesCaseBuilder().setIpv4Routes(new Ipv4RoutesBuilder().build()).build())
                    .build(),
                new TablesBuilder().withKey(IPV6_UNICAST)
                    .setRoutes(new Ipv6RoutesCaseBuilder().setIpv6Routes(new Ipv6RoutesBuilder().build()).build())
                    .build()))
            .build());
    }

    /**
     * Build the write of one route.
     *
     * @param put the path and its id
     * @param built attributes already built in this change set, by next hop and path attributes: thousands of
     *     VIPs share a few (next hop, attributes) pairs, so they share one validated binding object
     * @return the put, ready to be added to a transaction
     * @throws IllegalArgumentException when the prefix, next hop or family of the path are inconsistent or invalid
     */
    RoutePut prepare(final PathPut put, final Map<List<Object>, Attributes> built) {
        final AdvertisedPath path = put.path();
        final PathId pathId = new PathId(Uint32.fromIntBits(put.pathId()));
        if (IpFamily.of(path.prefix()) != path.family()) {
            throw new IllegalArgumentException("prefix and family disagree: " + path);
        }
        final Attributes attributes = built.computeIfAbsent(
            List.of(path.family(), path.nextHop(), path.attributes()), k -> attributes(path));
        if (path.family() == IpFamily.IPV4) {
            final Ipv4RouteKey key = new Ipv4RouteKey(pathId, path.prefix());
            final Ipv4Route route = new Ipv4RouteBuilder().withKey(key).setPrefix(new Ipv4Prefix(path.prefix()))
                .setAttributes(attributes).build();
            final InstanceIdentifier<Ipv4Route> where = ipv4RoutesPath.child(Ipv4Route.class, key);
            return new RoutePut(IpFamily.IPV4, route, tx -> tx.put(LogicalDatastoreType.CONFIGURATION, where, route));
        }
        final Ipv6RouteKey key = new Ipv6RouteKey(pathId, path.prefix());
        final Ipv6Route route = new Ipv6RouteBuilder().withKey(key).setPrefix(new Ipv6Prefix(path.prefix()))
            .setAttributes(attributes).build();
        final InstanceIdentifier<Ipv6Route> where = ipv6RoutesPath.child(Ipv6Route.class, key);
        return new RoutePut(IpFamily.IPV6, route, tx -> tx.put(LogicalDatastoreType.CONFIGURATION, where, route));
    }

    /**
     * Build the write of one route on its own.
     *
     * @param put the path and its id
     * @return the put, ready to be added to a transaction
     */
    RoutePut prepare(final PathPut put) {
        return prepare(put, new HashMap<>());
    }

    /**
     * Build the delete of one route.
     *
     * @param ref the route's table and key
     * @return the delete, ready to be added to a transaction
     */
    RouteWrite prepare(final RouteRef ref) {
        final PathId pathId = new PathId(Uint32.fromIntBits(ref.pathId()));
        final InstanceIdentifier<?> where = ref.family() == IpFamily.IPV4
            ? ipv4RoutesPath.child(Ipv4Route.class, new Ipv4RouteKey(pathId, ref.routeKey()))
            : ipv6RoutesPath.child(Ipv6Route.class, new Ipv6RouteKey(pathId, ref.routeKey()));
        return tx -> tx.delete(LogicalDatastoreType.CONFIGURATION, where);
    }

    /**
     * Build the put of a whole routes container holding exactly the given routes, replacing whatever it held.
     *
     * @param family which table
     * @param puts routes of that table, prepared by {@link #prepare(PathPut, Map)}
     * @return the put, ready to be added to a transaction
     * @throws IllegalArgumentException when a route is of the other family, or two routes share a key
     */
    RouteWrite prepareTable(final IpFamily family, final List<RoutePut> puts) {
        if (family == IpFamily.IPV4) {
            final List<Ipv4Route> routes = new ArrayList<>(puts.size());
            for (RoutePut put : puts) {
                if (!(put.route() instanceof Ipv4Route route)) {
                    throw new IllegalArgumentException("not an IPv4 route: " + put.route());
                }
                routes.add(route);
            }
            final Ipv4Routes container = new Ipv4RoutesBuilder().setIpv4Route(BindingMap.of(routes)).build();
            return tx -> tx.put(LogicalDatastoreType.CONFIGURATION, ipv4RoutesPath, container);
        }
        final List<Ipv6Route> routes = new ArrayList<>(puts.size());
        for (RoutePut put : puts) {
            if (!(put.route() instanceof Ipv6Route route)) {
                throw new IllegalArgumentException("not an IPv6 route: " + put.route());
            }
            routes.add(route);
        }
        final Ipv6Routes container = new Ipv6RoutesBuilder().setIpv6Route(BindingMap.of(routes)).build();
        return tx -> tx.put(LogicalDatastoreType.CONFIGURATION, ipv6RoutesPath, container);
    }

    /**
     * Build the delete of a whole routes container, i.e. of every route of one table.
     *
     * @param family which table
     * @return the delete, ready to be added to a transaction
     */
    RouteWrite prepareTableDelete(final IpFamily family) {
        final InstanceIdentifier<?> where = family == IpFamily.IPV4 ? ipv4RoutesPath : ipv6RoutesPath;
        return tx -> tx.delete(LogicalDatastoreType.CONFIGURATION, where);
    }

    /**
     * One put or delete of a route, built ahead of its transaction.
     */
    @FunctionalInterface
    interface RouteWrite {
        void writeTo(WriteTransaction tx);
    }

    /**
     * The put of one route, which also keeps the route so that it can go into a whole-container put instead.
     *
     * @param family the route's table
     * @param route the {@link Ipv4Route} or {@link Ipv6Route}
     * @param put the put of the route on its own
     */
    record RoutePut(IpFamily family, DataObject route, RouteWrite put) implements RouteWrite {
        @Override
        public void writeTo(final WriteTransaction tx) {
            put.writeTo(tx);
        }
    }

    /**
     * The attributes this writer stores for a path: origin IGP, empty AS_PATH, LOCAL_PREF, MED if set, sorted
     * communities and the next hop.
     *
     * @param path the path
     * @return its binding attributes
     * @throws IllegalArgumentException when the next hop is not an address of the path's family, or the prefix
     *     is not of that family
     */
    static Attributes attributes(final AdvertisedPath path) {
        if (IpFamily.of(path.prefix()) != path.family() || IpFamily.of(path.nextHop()) != path.family()) {
            throw new IllegalArgumentException("prefix, next hop and family disagree: " + path);
        }
        final PathAttributes attrs = path.attributes();
        final AttributesBuilder builder = new AttributesBuilder()
            .setOrigin(ORIGIN_IGP)
            .setAsPath(EMPTY_AS_PATH)
            .setLocalPref(new LocalPrefBuilder().setPref(Uint32.valueOf(attrs.localPref())).build())
            .setCNextHop(nextHop(path.family(), path.nextHop()));
        if (attrs.med().isPresent()) {
            builder.setMultiExitDisc(new MultiExitDiscBuilder().setMed(Uint32.valueOf(attrs.med().getAsLong()))
                .build());
        }
        if (!attrs.communities().isEmpty()) {
            final List<Communities> communities = new ArrayList<>(attrs.communities().size());
            for (Community community : attrs.communities()) {
                communities.add(new CommunitiesBuilder()
                    .setAsNumber(new AsNumber(Uint32.valueOf(community.asNumber())))
                    .setSemantics(Uint16.valueOf(community.value()))
                    .build());
            }
            builder.setCommunities(communities);
        }
        return builder.build();
    }

    private static CNextHop nextHop(final IpFamily family, final String address) {
        return family == IpFamily.IPV4
            ? new Ipv4NextHopCaseBuilder().setIpv4NextHop(
                new Ipv4NextHopBuilder().setGlobal(new Ipv4AddressNoZone(address)).build()).build()
            : new Ipv6NextHopCaseBuilder().setIpv6NextHop(
                new Ipv6NextHopBuilder().setGlobal(new Ipv6AddressNoZone(address)).build()).build();
    }

    /**
     * Decode what the application RIB holds.
     *
     * @param rib the application RIB as read, empty when it does not exist
     * @return the paths by route-key, the entries to delete outright, and whether structure is missing
     */
    RibContent decode(final Optional<ApplicationRib> rib) {
        final RibContent content = new RibContent();
        final Map<TablesKey, Tables> tables = rib.map(ApplicationRib::getTables).orElse(Map.of());
        final Tables ipv4 = tables.get(IPV4_UNICAST);
        final Tables ipv6 = tables.get(IPV6_UNICAST);
        content.structureMissing = ipv4 == null || ipv6 == null;
        if (ipv4 != null && ipv4.getRoutes() instanceof Ipv4RoutesCase routesCase
                && routesCase.getIpv4Routes() != null) {
            for (Ipv4Route route : routesCase.getIpv4Routes().nonnullIpv4Route().values()) {
                content.add(IpFamily.IPV4, route.getRouteKey(), route.getPathId(),
                    route.getPrefix() == null ? null : route.getPrefix().getValue(), route.getAttributes());
            }
        }
        if (ipv6 != null && ipv6.getRoutes() instanceof Ipv6RoutesCase routesCase
                && routesCase.getIpv6Routes() != null) {
            for (Ipv6Route route : routesCase.getIpv6Routes().nonnullIpv6Route().values()) {
                content.add(IpFamily.IPV6, route.getRouteKey(), route.getPathId(),
                    route.getPrefix() == null ? null : route.getPrefix().getValue(), route.getAttributes());
            }
        }
        return content;
    }

    /**
     * Routes read from the RIB, sorted into adoptable paths and entries to delete.
     */
    static final class RibContent {
        /** Placeholder next hop of a route whose next hop cannot be read; never equal to a real address. */
        static final String UNREADABLE_NEXT_HOP = "";

        final Map<String, List<StoredPath>> paths = new HashMap<>();
        final List<RouteRef> foreign = new ArrayList<>();
        boolean structureMissing;

        private void add(final IpFamily family, final String routeKey, final @Nullable PathId pathId,
                final @Nullable String prefix, final @Nullable Attributes attributes) {
            final int id = pathId == null ? 0 : pathId.getValue().intValue();
            if (id == 0 || IpFamily.of(routeKey) != family) {
                // Never written by this writer (it uses ids from 1 and the prefix as route-key), so no put of this
                // change set can hit the same key: delete it outright.
                foreign.add(new RouteRef(family, routeKey, id));
                return;
            }
            final String nextHop = nextHopOf(attributes);
            final PathAttributes decoded = nextHop != null && routeKey.equals(prefix)
                ? canonicalAttributes(family, routeKey, nextHop, attributes) : null;
            paths.computeIfAbsent(routeKey, k -> new ArrayList<>(4))
                .add(new StoredPath(nextHop == null ? UNREADABLE_NEXT_HOP : nextHop, id, decoded));
        }

        private static @Nullable String nextHopOf(final @Nullable Attributes attributes) {
            if (attributes == null) {
                return null;
            }
            final CNextHop nextHop = attributes.getCNextHop();
            if (nextHop instanceof Ipv4NextHopCase v4) {
                final Ipv4NextHop hop = v4.getIpv4NextHop();
                return hop == null || hop.getGlobal() == null ? null : hop.getGlobal().getValue();
            }
            if (nextHop instanceof Ipv6NextHopCase v6) {
                final Ipv6NextHop hop = v6.getIpv6NextHop();
                return hop == null || hop.getGlobal() == null ? null : hop.getGlobal().getValue();
            }
            return null;
        }

        /**
         * Decode attributes, but only when the stored route is exactly what this writer would write for them;
         * otherwise null, so the route gets rewritten (e.g. a hand-written route without the AS_PATH container).
         */
        private static @Nullable PathAttributes canonicalAttributes(final IpFamily family, final String prefix,
                final String nextHop, final Attributes stored) {
            final LocalPref localPref = stored.getLocalPref();
            if (localPref == null || localPref.getPref() == null) {
                return null;
            }
            final MultiExitDisc med = stored.getMultiExitDisc();
            final TreeSet<Community> communities = new TreeSet<>();
            try {
                for (Communities community : stored.nonnullCommunities()) {
                    final AsNumber asNumber = community.getAsNumber();
                    final Uint16 semantics = community.getSemantics();
                    if (asNumber == null || semantics == null) {
                        return null;
                    }
                    communities.add(new Community(asNumber.getValue().intValue(), semantics.intValue()));
                }
                final PathAttributes decoded = new PathAttributes(localPref.getPref().toJava(),
                    med == null || med.getMed() == null ? OptionalLong.empty() : OptionalLong.of(med.getMed().toJava()),
                    communities);
                final Attributes expected = attributes(new AdvertisedPath(prefix, family, nextHop, "", decoded));
                return expected.equals(stored) ? decoded : null;
            } catch (IllegalArgumentException e) {
                // out-of-range values (e.g. a 32-bit AS in a community): not ours, rewrite
                return null;
            }
        }
    }
}
