/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeChangeListener;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.mdsal.dom.api.DOMDataTreeWriteTransaction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.Ipv4Routes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv4.routes.ipv4.routes.Ipv4Route;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.Ipv6Routes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.inet.rev180329.ipv6.routes.ipv6.routes.Ipv6Route;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.ApplicationRib;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.BgpRib;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.bgp.rib.Rib;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.bgp.rib.rib.Peer;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.bgp.rib.rib.peer.AdjRibIn;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.rib.Tables;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.rib.rev180329.rib.tables.Routes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.types.rev200120.Ipv4AddressFamily;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.PathArgument;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.api.ModificationType;

/**
 * Stands in for bgpcep 0.21.7's {@code ApplicationPeer}: listens exactly as it does (DOM listener on
 * {@code application-rib[id]/tables/tables}, wildcard, CONFIGURATION) and copies the changes into an adj-rib-in in
 * the OPERATIONAL datastore with the candidate walk of {@code ApplicationPeer.onDataTreeChanged},
 * {@code processRoutesTable}, {@code processRouteWrite} and {@code processWrite}, copied as they are, including
 * their blind spot: a routes container that APPEARED or DISAPPEARED is ignored. What the adj-rib-in ends up with is
 * what the real application peer would hand to the Loc-RIB.
 *
 * <p>It also records, per commit and table, how the routes container and its entries were modified.
 */
final class ApplicationPeerMirror implements DOMDataTreeChangeListener, AutoCloseable {
    static final String MIRROR_RIB = "mirror-rib";
    static final String MIRROR_PEER = "bgp://127.0.0.11";

    private static final NodeIdentifier ROUTES_NID = NodeIdentifier.create(Routes.QNAME);
    private static final QName AFI = QName.create(Tables.QNAME, "afi").intern();

    /**
     * How one commit modified one table's routes.
     *
     * @param ipv4 true for the IPv4 table
     * @param routes the {@code routes} choice ({@code null}: not modified)
     * @param container the {@code ipv4-routes}/{@code ipv6-routes} container ({@code null}: not modified)
     * @param entries route entries by modification type (empty when the container was not walked into)
     */
    record TableChange(boolean ipv4, @Nullable ModificationType routes, @Nullable ModificationType container,
            Map<ModificationType, Integer> entries) {
    }

    private final DOMDataBroker domBroker;
    private final YangInstanceIdentifier adjRibsInId;
    private final List<TableChange> changes = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final Registration registration;

    ApplicationPeerMirror(final DOMDataBroker domBroker, final String applicationRibId) {
        this.domBroker = requireNonNull(domBroker);
        adjRibsInId = YangInstanceIdentifier.builder()
            .node(BgpRib.QNAME)
            .node(Rib.QNAME).nodeWithKey(Rib.QNAME, QName.create(Rib.QNAME, "id"), MIRROR_RIB)
            .node(Peer.QNAME).nodeWithKey(Peer.QNAME, QName.create(Peer.QNAME, "peer-id"), MIRROR_PEER)
            .node(AdjRibIn.QNAME)
            .node(Tables.QNAME)
            .build();
        // as bgpcep's AppPeer.instantiateServiceInstance() registers it
        final YangInstanceIdentifier appRibTables = YangInstanceIdentifier.builder()
            .node(ApplicationRib.QNAME)
            .nodeWithKey(ApplicationRib.QNAME, QName.create(ApplicationRib.QNAME, "id"), applicationRibId)
            .node(Tables.QNAME)
            .node(Tables.QNAME)
            .build();
        registration = requireNonNull(domBroker.extension(DOMDataBroker.DataTreeChangeExtension.class))
            .registerTreeChangeListener(DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, appRibTables),
                this);
    }

    /** Table changes recorded so far, in commit order. */
    List<TableChange> changes() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }

    void clearChanges() {
        synchronized (changes) {
            changes.clear();
        }
    }

    /** Failures of the mirror's own writes (none expected). */
    List<Throwable> failures() {
        synchronized (changes) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void onInitialData() {
        // nothing there yet
    }

    // Same structure as ApplicationPeer.onDataTreeChanged (minus its supported-tables filter and logging).
    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void onDataTreeChanged(final List<DataTreeCandidate> candidates) {
        final DOMDataTreeWriteTransaction tx = domBroker.newWriteOnlyTransaction();
        for (final DataTreeCandidate tc : candidates) {
            record(tc);
            final YangInstanceIdentifier path = tc.getRootPath();
            final PathArgument lastArg = path.getLastPathArgument();
            if (!(lastArg instanceof NodeIdentifierWithPredicates tableKey)) {
                throw new IllegalStateException("Unexpected type " + lastArg.getClass() + " in path " + path);
            }
            for (final DataTreeCandidateNode child : tc.getRootNode().childNodes()) {
                final PathArgument childIdentifier = child.name();
                final YangInstanceIdentifier tableId = adjRibsInId.node(tableKey).node(childIdentifier);
                switch (child.modificationType()) {
                    case DELETE:
                    case DISAPPEARED:
                        tx.delete(LogicalDatastoreType.OPERATIONAL, tableId);
                        break;
                    case UNMODIFIED:
                        break;
                    case SUBTREE_MODIFIED:
                        if (ROUTES_NID.equals(childIdentifier)) {
                            processRoutesTable(child, tableId, tx, tableId);
                        } else {
                            processWrite(child, tableId, tx);
                        }
                        break;
                    case WRITE:
                    case APPEARED:
                        processWrite(child, tableId, tx);
                        break;
                    default:
                        break;
                }
            }
        }
        try {
            // the real peer commits on a chain; waiting here keeps the mirror's commits in order just the same
            tx.commit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            synchronized (changes) {
                failures.add(e);
            }
        }
    }

    private static void processWrite(final DataTreeCandidateNode child, final YangInstanceIdentifier tableId,
            final DOMDataTreeWriteTransaction tx) {
        final var dataAfter = child.dataAfter();
        if (dataAfter != null) {
            tx.put(LogicalDatastoreType.OPERATIONAL, tableId, dataAfter);
        }
    }

    // ApplicationPeer.processRoutesTable as in bgpcep 0.21.7: APPEARED and DISAPPEARED fall into "default".
    private void processRoutesTable(final DataTreeCandidateNode node, final YangInstanceIdentifier identifier,
            final DOMDataTreeWriteTransaction tx, final YangInstanceIdentifier routeTableIdentifier) {
        for (var child : node.childNodes()) {
            final YangInstanceIdentifier childIdentifier = identifier.node(child.name());
            switch (child.modificationType()) {
                case DELETE:
                    tx.delete(LogicalDatastoreType.OPERATIONAL, childIdentifier);
                    break;
                case UNMODIFIED:
                    break;
                case SUBTREE_MODIFIED:
                    if (!routeTableIdentifier.equals(childIdentifier.getParent().getParent().getParent())) {
                        processRoutesTable(child, childIdentifier, tx, routeTableIdentifier);
                    } else {
                        processRouteWrite(child, childIdentifier, tx);
                    }
                    break;
                case WRITE:
                    processRouteWrite(child, childIdentifier, tx);
                    break;
                default:
                    break;
            }
        }
    }

    private static void processRouteWrite(final DataTreeCandidateNode child,
            final YangInstanceIdentifier childIdentifier, final DOMDataTreeWriteTransaction tx) {
        final var dataAfter = child.dataAfter();
        if (dataAfter != null) {
            tx.put(LogicalDatastoreType.OPERATIONAL, childIdentifier, dataAfter);
        }
    }

    private void record(final DataTreeCandidate tc) {
        final NodeIdentifierWithPredicates tableKey =
            (NodeIdentifierWithPredicates) tc.getRootPath().getLastPathArgument();
        final boolean ipv4 = Ipv4AddressFamily.QNAME.equals(tableKey.getValue(AFI));
        final DataTreeCandidateNode routes = tc.getRootNode().modifiedChild(ROUTES_NID);
        final DataTreeCandidateNode container = routes == null ? null
            : routes.modifiedChild(NodeIdentifier.create(ipv4 ? Ipv4Routes.QNAME : Ipv6Routes.QNAME));
        final DataTreeCandidateNode list = container == null ? null
            : container.modifiedChild(NodeIdentifier.create(ipv4 ? Ipv4Route.QNAME : Ipv6Route.QNAME));
        final Map<ModificationType, Integer> entries = new EnumMap<>(ModificationType.class);
        if (list != null) {
            list.childNodes().forEach(entry -> entries.merge(entry.modificationType(), 1, Integer::sum));
        }
        if (routes == null || routes.modificationType() == ModificationType.UNMODIFIED) {
            return;
        }
        synchronized (changes) {
            changes.add(new TableChange(ipv4, routes.modificationType(),
                container == null ? null : container.modificationType(), entries));
        }
    }

    @Override
    public void close() {
        registration.close();
    }
}
