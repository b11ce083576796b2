/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractDataBrokerTestCustomizer;
import org.opendaylight.mdsal.binding.dom.adapter.test.ConcurrentDataBrokerTestCustomizer;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeChangeListener;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.mdsal.dom.api.DOMDataTreeReadTransaction;
import org.opendaylight.mdsal.dom.api.DOMDataTreeWriteTransaction;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.opendaylight.mdsal.dom.spi.store.DOMStore;
import org.opendaylight.mdsal.dom.store.inmemory.InMemoryDOMDataStore;
import org.opendaylight.mdsal.dom.store.inmemory.InMemoryDOMDataStoreConfigProperties;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.NetworkInstances;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.NetworkInstance;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.network.instance.Protocols;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.network.instance.protocols.Protocol;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.policy.types.rev151009.BGP;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.routing.policy.rev151009.routing.policy.top.RoutingPolicy;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.DistinctNodeContainer;
import org.opendaylight.yangtools.yang.data.api.schema.LeafSetNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.api.schema.ValueNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;

/**
 * {@link DefaultSpeakerBootstrap} against ODL's real in-memory DOM data broker with the openconfig and bgpcep
 * models of bgpcep 0.21.7. Every write is recorded per commit by {@link RecordingDomDataBroker}, and a data tree
 * change listener on the protocol list shows what the datastore itself saw change.
 */
class DefaultSpeakerBootstrapTest extends AbstractConcurrentDataBrokerTest {
    private static final String TOR1 = "10.0.0.2";
    private static final String TOR2 = "10.0.0.3";
    private static final String TOR3 = "2001:db8::4";
    private static final String PROTOCOL = "protocol=BGP,kube-anycast";
    private static final String APP_PEER = "127.0.0.11";
    private static final String BARRIER = "barrier";
    // graceful restart is on by default; the base config turns it off so one test can turn it on
    private static final Map<String, String> BASE = Map.of(
        "bgp.graceful-restart.restart-time", "0",
        "bgp.local-as", "64512",
        "bgp.router-id", "10.0.0.1",
        "bgp.add-path.send-max", "0",
        "bgp.neighbors", "tor1,tor2",
        "bgp.neighbor.tor1.address", TOR1,
        "bgp.neighbor.tor1.as", "64512",
        "bgp.neighbor.tor2.address", TOR2,
        "bgp.neighbor.tor2.as", "65000");
    private static final Set<String> POLICY_PUTS = Set.of(
        "PUT policy-definition=kube-anycast-import", "PUT policy-definition=kube-anycast-export",
        "PUT role-set=only-ebgp", "PUT role-set=only-internal", "PUT role-set=ibgp-rr-client");
    private static final List<String> CREATE = List.of("MERGE network-instance=global-bgp", "PUT " + PROTOCOL);
    private static final QName NETWORK_INSTANCE_NAME = QName.create(NetworkInstance.QNAME, "name");
    private static final YangInstanceIdentifier PROTOCOL_LIST = YangInstanceIdentifier.of(
        NodeIdentifier.create(NetworkInstances.QNAME), NodeIdentifier.create(NetworkInstance.QNAME),
        NodeIdentifierWithPredicates.of(NetworkInstance.QNAME, NETWORK_INSTANCE_NAME, "global-bgp"),
        NodeIdentifier.create(Protocols.QNAME), NodeIdentifier.create(Protocol.QNAME));

    private final BlockingQueue<String> changes = new LinkedBlockingQueue<>();
    private DOMSchemaService schemaService;
    private RecordingDomDataBroker broker;
    private DefaultSpeakerBootstrap bootstrap;
    private Registration listener;
    private int barriers;

    @BeforeEach
    void before() throws Exception {
        // AbstractSchemaAwareTest.setup() is a JUnit 4 @Before: Jupiter does not call it
        setup();
        schemaService = getDataBrokerTestCustomizer().getSchemaService();
        broker = new RecordingDomDataBroker(getDomBroker());
        bootstrap = new DefaultSpeakerBootstrap(broker, schemaService);
    }

    /**
     * The stock customizer backs CONFIGURATION with an OPERATIONAL-type data tree, which enforces mandatory
     * {@code config false} leaves (bgp/global/state/as) that ODL's real config datastore neither holds nor
     * checks. Use a CONFIGURATION data tree, as ODL does.
     */
    @Override
    protected AbstractDataBrokerTestCustomizer createDataBrokerTestCustomizer() {
        return new ConcurrentDataBrokerTestCustomizer(false) {
            @Override
            public DOMStore createConfigurationDatastore() {
                final InMemoryDOMDataStore store = new InMemoryDOMDataStore("CFG",
                    LogicalDatastoreType.CONFIGURATION, getDataTreeChangeListenerExecutor(),
                    InMemoryDOMDataStoreConfigProperties.DEFAULT_MAX_DATA_CHANGE_LISTENER_QUEUE_SIZE, false);
                getSchemaService().registerSchemaContextListener(store::onModelContextUpdated);
                return store;
            }
        };
    }

    @AfterEach
    void after() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void firstApplyWritesPoliciesThenTheProtocol() throws Exception {
        bootstrap.apply(config(BASE));

        final List<List<String>> commits = broker.takeCommits();
        assertEquals(2, commits.size(), commits::toString);
        assertEquals(POLICY_PUTS, Set.copyOf(commits.get(0)));
        assertEquals(POLICY_PUTS.size(), commits.get(0).size());
        assertEquals(CREATE, commits.get(1));

        final NormalizedNode policy = read(YangInstanceIdentifier.of(RoutingPolicy.QNAME));
        assertNotNull(find(policy, "policy-definitions", "policy-definition=kube-anycast-import", "statements",
            "statement=from-application-peer", "actions", "route-disposition", "accept-route"));
        assertEquals(List.of("from-application-peer"), keys(find(policy, "policy-definitions",
            "policy-definition=kube-anycast-import", "statements", "statement")));
        assertEquals(List.of("to-odl-internal", "app-peer-to-ebgp", "app-peer-to-ibgp"), keys(find(policy,
            "policy-definitions", "policy-definition=kube-anycast-export", "statements", "statement")));
        assertEquals(Set.of("ebgp"), leafSet(policy, "defined-sets", "bgp-defined-sets", "role-sets",
            "role-set=only-ebgp", "role"));
        assertEquals(Set.of("internal"), leafSet(policy, "defined-sets", "bgp-defined-sets", "role-sets",
            "role-set=only-internal", "role"));
        assertEquals(Set.of("ibgp", "rr-client"), leafSet(policy, "defined-sets", "bgp-defined-sets", "role-sets",
            "role-set=ibgp-rr-client", "role"));

        final NormalizedNode global = protocol("bgp", "global");
        assertEquals("64512", leaf(global, "config", "as"));
        assertEquals("10.0.0.1", leaf(global, "config", "router-id"));
        assertEquals(Set.of("kube-anycast-import"), leafSet(global, "apply-policy", "config", "import-policy"));
        assertEquals(Set.of("kube-anycast-export"), leafSet(global, "apply-policy", "config", "export-policy"));
        assertEquals("REJECT-ROUTE", leaf(global, "apply-policy", "config", "default-import-policy"));
        assertEquals("REJECT-ROUTE", leaf(global, "apply-policy", "config", "default-export-policy"));
        assertEquals(Set.of("IPV4-UNICAST", "IPV6-UNICAST"), keySet(find(global, "afi-safis", "afi-safi")));
        for (String afiSafi : List.of("IPV4-UNICAST", "IPV6-UNICAST")) {
            assertEquals("0", leaf(global, "afi-safis", "afi-safi=" + afiSafi, "send-max"));
            assertEquals("true", leaf(global, "afi-safis", "afi-safi=" + afiSafi, "receive"));
        }

        final NormalizedNode neighbors = protocol("bgp", "neighbors", "neighbor");
        assertEquals(Set.of(APP_PEER, TOR1, TOR2), keySet(neighbors));
        assertEquals("application-peers", leaf(neighbors, "neighbor=" + APP_PEER, "config", "peer-group"));
        assertNull(find(neighbors, "neighbor=" + APP_PEER, "config", "peer-as"));

        assertEquals("INTERNAL", leaf(neighbors, "neighbor=" + TOR1, "config", "peer-type"));
        assertEquals("64512", leaf(neighbors, "neighbor=" + TOR1, "config", "peer-as"));
        assertEquals("EXTERNAL", leaf(neighbors, "neighbor=" + TOR2, "config", "peer-type"));
        assertEquals("65000", leaf(neighbors, "neighbor=" + TOR2, "config", "peer-as"));
        assertEquals("179", leaf(neighbors, "neighbor=" + TOR2, "transport", "config", "remote-port"));
        assertEquals("false", leaf(neighbors, "neighbor=" + TOR2, "transport", "config", "passive-mode"));
        assertEquals("90.0", leaf(neighbors, "neighbor=" + TOR2, "timers", "config", "hold-time"));
        assertEquals("5.0", leaf(neighbors, "neighbor=" + TOR2, "timers", "config", "connect-retry"));
        assertEquals(Set.of("IPV4-UNICAST", "IPV6-UNICAST"),
            keySet(find(neighbors, "neighbor=" + TOR2, "afi-safis", "afi-safi")));
        assertEquals("0", leaf(neighbors, "neighbor=" + TOR2, "afi-safis", "afi-safi=IPV6-UNICAST", "send-max"));
        assertNull(find(neighbors, "neighbor=" + TOR2, "graceful-restart"));
        assertNull(find(neighbors, "neighbor=" + TOR2, "afi-safis", "afi-safi=IPV4-UNICAST", "graceful-restart"));
    }

    @Test
    void sendMaxReachesGlobalAndNeighborAfiSafis() throws Exception {
        bootstrap.apply(config(with("bgp.add-path.send-max", "4")));
        for (String afiSafi : List.of("IPV4-UNICAST", "IPV6-UNICAST")) {
            assertEquals("4", leaf(protocol("bgp", "global"), "afi-safis", "afi-safi=" + afiSafi, "send-max"));
            assertEquals("4", leaf(protocol("bgp", "neighbors"), "neighbor=" + TOR1, "afi-safis",
                "afi-safi=" + afiSafi, "send-max"));
        }
    }

    @Test
    void sameConfigAgainWritesNothing() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();
        listen();

        bootstrap.apply(config(BASE));
        bootstrap.apply(config(new HashMap<>(BASE)));

        assertEquals(List.of(), broker.takeCommits());
        assertEquals(List.of(), observedChanges());
    }

    @Test
    void restartedBootstrapOnAFilledDatastoreWritesNothing() throws Exception {
        final Map<String, String> gracefulRestart = with("bgp.graceful-restart.restart-time", "120",
            "bgp.add-path.send-max", "8", "bgp.neighbors", "tor1,tor2,tor3", "bgp.neighbor.tor3.address", TOR3,
            "bgp.neighbor.tor3.as", "65001");
        bootstrap.apply(config(gracefulRestart));
        listen();

        // ODL restarted: the CONFIG datastore kept everything, kube-anycast starts with no memory of it
        final RecordingDomDataBroker restartedBroker = new RecordingDomDataBroker(getDomBroker());
        new DefaultSpeakerBootstrap(restartedBroker, schemaService).apply(config(gracefulRestart));

        assertEquals(List.of(), restartedBroker.takeCommits());
        assertEquals(List.of(), observedChanges());
    }

    @Test
    void addedNeighborIsThePutOnlyWrite() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();
        listen();

        bootstrap.apply(config(with("bgp.neighbors", "tor1,tor2,tor3", "bgp.neighbor.tor3.address",
            "2001:DB8:0:0::4", "bgp.neighbor.tor3.as", "65001")));

        assertEquals(List.of(List.of("PUT neighbor=" + TOR3)), broker.takeCommits());
        assertEquals(List.of("WRITE neighbor=" + TOR3), observedChanges());
        final NormalizedNode neighbors = protocol("bgp", "neighbors", "neighbor");
        assertEquals(Set.of(APP_PEER, TOR1, TOR2, TOR3), keySet(neighbors));
        assertEquals("65001", leaf(neighbors, "neighbor=" + TOR3, "config", "peer-as"));
        assertEquals("EXTERNAL", leaf(neighbors, "neighbor=" + TOR3, "config", "peer-type"));
    }

    @Test
    void changedNeighborIsDeletedThenPut() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();
        listen();

        bootstrap.apply(config(with("bgp.neighbor.tor2.as", "65099")));

        assertEquals(List.of(List.of("DELETE neighbor=" + TOR2), List.of("PUT neighbor=" + TOR2)),
            broker.takeCommits());
        assertEquals(List.of("DELETE neighbor=" + TOR2, "WRITE neighbor=" + TOR2), observedChanges());
        assertEquals("65099", leaf(protocol("bgp", "neighbors"), "neighbor=" + TOR2, "config", "peer-as"));
    }

    @Test
    void neighborTurnedIbgpIsDeletedThenPut() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();

        bootstrap.apply(config(with("bgp.neighbor.tor2.as", "64512", "bgp.neighbor.tor2.hold-time", "9")));

        assertEquals(List.of(List.of("DELETE neighbor=" + TOR2), List.of("PUT neighbor=" + TOR2)),
            broker.takeCommits());
        assertEquals("INTERNAL", leaf(protocol("bgp", "neighbors"), "neighbor=" + TOR2, "config", "peer-type"));
        assertEquals("9.0", leaf(protocol("bgp", "neighbors"), "neighbor=" + TOR2, "timers", "config", "hold-time"));
    }

    /**
     * Issue 11 item 11: a new application peer id re-creates that one neighbor; the fabric sessions stay untouched.
     */
    @Test
    void changedApplicationPeerTouchesOnlyTheApplicationPeer() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();
        listen();

        bootstrap.apply(config(with("bgp.application-peer", "127.0.0.12")));

        assertEquals(List.of(List.of("DELETE neighbor=" + APP_PEER), List.of("PUT neighbor=127.0.0.12")),
            broker.takeCommits());
        assertEquals(List.of("DELETE neighbor=" + APP_PEER, "WRITE neighbor=127.0.0.12"), observedChanges());
    }

    @Test
    void removedNeighborIsTheDeleteOnlyWrite() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();
        listen();

        bootstrap.apply(config(with("bgp.neighbors", "tor2")));

        assertEquals(List.of(List.of("DELETE neighbor=" + TOR1)), broker.takeCommits());
        assertEquals(List.of("DELETE neighbor=" + TOR1), observedChanges());
        assertEquals(Set.of(APP_PEER, TOR2), keySet(protocol("bgp", "neighbors", "neighbor")));
    }

    @Test
    void changedLocalAsRecreatesTheProtocol() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();

        bootstrap.apply(config(with("bgp.local-as", "65010")));

        assertEquals(List.of(List.of("DELETE " + PROTOCOL), List.of("PUT " + PROTOCOL)), broker.takeCommits());
        assertEquals("65010", leaf(protocol("bgp", "global"), "config", "as"));
        final NormalizedNode neighbors = protocol("bgp", "neighbors", "neighbor");
        assertEquals(Set.of(APP_PEER, TOR1, TOR2), keySet(neighbors));
        // tor1 (AS 64512) is now an eBGP neighbor
        assertEquals("EXTERNAL", leaf(neighbors, "neighbor=" + TOR1, "config", "peer-type"));
    }

    @Test
    void changedRouterIdRecreatesTheProtocol() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();
        listen();

        bootstrap.apply(config(with("bgp.router-id", "10.0.0.99")));

        assertEquals(List.of(List.of("DELETE " + PROTOCOL), List.of("PUT " + PROTOCOL)), broker.takeCommits());
        assertEquals(List.of("DELETE " + PROTOCOL, "WRITE " + PROTOCOL), observedChanges());
        assertEquals("10.0.0.99", leaf(protocol("bgp", "global"), "config", "router-id"));
    }

    @Test
    void changedPolicyIsRewrittenAndRecreatesTheProtocol() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();
        // someone (a config loader, an operator) changed our export policy in the datastore
        final YangInstanceIdentifier exportPolicy = YangInstanceIdentifier.of(
            NodeIdentifier.create(RoutingPolicy.QNAME), NodeIdentifier.create(qname(RoutingPolicy.QNAME,
                "policy-definitions")), NodeIdentifier.create(qname(RoutingPolicy.QNAME, "policy-definition")),
            NodeIdentifierWithPredicates.of(qname(RoutingPolicy.QNAME, "policy-definition"),
                qname(RoutingPolicy.QNAME, "name"), "kube-anycast-export"));
        final DOMDataTreeWriteTransaction tx = getDomBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, exportPolicy);
        tx.commit().get(10, TimeUnit.SECONDS);

        bootstrap.apply(config(BASE));

        assertEquals(List.of(List.of("PUT policy-definition=kube-anycast-export"), List.of("DELETE " + PROTOCOL),
            List.of("PUT " + PROTOCOL)), broker.takeCommits());
        assertNotNull(read(exportPolicy));
    }

    @Test
    void routeMedIsSetAgainAfterTheFilterOfTheEbgpExport() throws Exception {
        bootstrap.apply(config(with("route.med", "30")));

        final NormalizedNode policy = read(YangInstanceIdentifier.of(RoutingPolicy.QNAME));
        final String[] exportStatements = {"policy-definitions", "policy-definition=kube-anycast-export",
            "statements", "statement"};
        // bgpcep runs every matching statement in this order, each on the result of the one before: the set-med
        // must come after app-peer-to-ebgp, whose non-transitive-attributes-filter removes the paths' MED
        assertEquals(List.of("to-odl-internal", "app-peer-to-ebgp", "app-peer-to-ebgp-med", "app-peer-to-ibgp"),
            keys(find(policy, exportStatements)));
        final NormalizedNode medStatement = find(find(policy, exportStatements), "statement=app-peer-to-ebgp-med");
        assertEquals("30", leaf(medStatement, "actions", "bgp-actions", "set-med"));
        assertNotNull(find(medStatement, "conditions", "bgp-conditions", "match-role-set", "to-role"));
        // the filter stays: without it LOCAL_PREF would reach eBGP peers
        assertNotNull(find(policy, "policy-definitions", "policy-definition=kube-anycast-export", "statements",
            "statement=app-peer-to-ebgp", "actions", "bgp-actions", "non-transitive-attributes-filter"));
    }

    @Test
    void changedMedRewritesTheExportPolicyAndRecreatesTheProtocol() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();

        bootstrap.apply(config(with("route.med", "30")));
        assertEquals(List.of(List.of("PUT policy-definition=kube-anycast-export"), List.of("DELETE " + PROTOCOL),
            List.of("PUT " + PROTOCOL)), broker.takeCommits());

        bootstrap.apply(config(BASE));
        assertEquals(List.of(List.of("PUT policy-definition=kube-anycast-export"), List.of("DELETE " + PROTOCOL),
            List.of("PUT " + PROTOCOL)), broker.takeCommits());
        assertEquals(List.of("to-odl-internal", "app-peer-to-ebgp", "app-peer-to-ibgp"), keys(find(
            read(YangInstanceIdentifier.of(RoutingPolicy.QNAME)), "policy-definitions",
            "policy-definition=kube-anycast-export", "statements", "statement")));
    }

    @Test
    void renamedInstanceReplacesTheOldOne() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();

        bootstrap.apply(config(with("bgp.instance", "anycast2")));

        assertEquals(List.of(List.of("DELETE " + PROTOCOL),
            List.of("MERGE network-instance=global-bgp", "PUT protocol=BGP,anycast2")), broker.takeCommits());
        assertEquals(Set.of("BGP,anycast2"), keySet(find(read(PROTOCOL_LIST.getParent()), "protocol")));
    }

    @Test
    void gracefulRestartConfiguresFabricNeighborsAndTheirAfiSafis() throws Exception {
        bootstrap.apply(config(BASE));
        broker.takeCommits();
        listen();

        bootstrap.apply(config(with("bgp.graceful-restart.restart-time", "120")));

        // only the fabric neighbors change, each deleted then put in its own commit (in any neighbor order):
        // the global config and the application peer stay untouched
        final List<List<String>> commits = broker.takeCommits();
        assertEquals(4, commits.size(), commits::toString);
        commits.forEach(commit -> assertEquals(1, commit.size(), commits::toString));
        assertEquals(Set.of("DELETE neighbor=" + TOR1, "DELETE neighbor=" + TOR2),
            Set.of(commits.get(0).get(0), commits.get(1).get(0)));
        assertEquals(Set.of("PUT neighbor=" + TOR1, "PUT neighbor=" + TOR2),
            Set.of(commits.get(2).get(0), commits.get(3).get(0)));
        final List<String> observed = observedChanges();
        assertEquals(4, observed.size(), observed::toString);
        assertEquals(Set.of("DELETE neighbor=" + TOR1, "DELETE neighbor=" + TOR2), Set.copyOf(observed.subList(0, 2)));
        assertEquals(Set.of("WRITE neighbor=" + TOR1, "WRITE neighbor=" + TOR2), Set.copyOf(observed.subList(2, 4)));

        final NormalizedNode neighbors = protocol("bgp", "neighbors", "neighbor");
        for (String fabric : List.of(TOR1, TOR2)) {
            assertEquals("120", leaf(neighbors, "neighbor=" + fabric, "graceful-restart", "config", "restart-time"));
            for (String afiSafi : List.of("IPV4-UNICAST", "IPV6-UNICAST")) {
                assertEquals("true", leaf(neighbors, "neighbor=" + fabric, "afi-safis", "afi-safi=" + afiSafi,
                    "graceful-restart", "config", "enabled"));
            }
        }
        assertNull(find(neighbors, "neighbor=" + APP_PEER, "graceful-restart"));
        assertNull(find(protocol("bgp", "global"), "afi-safis", "afi-safi=IPV4-UNICAST", "graceful-restart"));
    }

    private static SpeakerConfig config(final Map<String, String> keys) {
        return SpeakerConfig.parse(keys);
    }

    private static Map<String, String> with(final String... overrides) {
        final Map<String, String> config = new HashMap<>(BASE);
        for (int i = 0; i < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }

    private static QName qname(final QName module, final String localName) {
        return QName.create(module, localName);
    }

    private NormalizedNode read(final YangInstanceIdentifier path) throws Exception {
        try (DOMDataTreeReadTransaction tx = getDomBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, path).get(10, TimeUnit.SECONDS).orElse(null);
        }
    }

    private NormalizedNode protocol(final String... localNames) throws Exception {
        final List<String> steps = new ArrayList<>();
        steps.add(PROTOCOL);
        steps.addAll(List.of(localNames));
        final NormalizedNode found = find(read(PROTOCOL_LIST), steps.toArray(String[]::new));
        assertNotNull(found, () -> "no " + steps);
        return found;
    }

    /**
     * Registers a data tree change listener on the protocol list and drops its initial event.
     */
    private void listen() throws Exception {
        final DOMDataBroker.DataTreeChangeExtension extension =
            getDomBroker().extension(DOMDataBroker.DataTreeChangeExtension.class);
        listener = extension.registerTreeChangeListener(
            DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION, PROTOCOL_LIST),
            new DOMDataTreeChangeListener() {
                @Override
                public void onDataTreeChanged(final List<DataTreeCandidate> candidates) {
                    for (DataTreeCandidate candidate : candidates) {
                        collect(candidate.getRootNode());
                    }
                }

                @Override
                public void onInitialData() {
                    changes.add("initial");
                }
            });
        observedChanges();
    }

    private void collect(final DataTreeCandidateNode node) {
        switch (node.modificationType()) {
            case UNMODIFIED:
                break;
            case SUBTREE_MODIFIED:
                node.childNodes().forEach(this::collect);
                break;
            default:
                changes.add(RecordingDomDataBroker.describe(node.modificationType().name(),
                    YangInstanceIdentifier.of(node.name())));
        }
    }

    /**
     * Returns what the listener saw change since the last call. A barrier protocol entry, written after the
     * bootstrap's commits and delivered to the listener after them, proves that nothing else is pending.
     */
    private List<String> observedChanges() throws Exception {
        final String barrier = BARRIER + ++barriers;
        final DOMDataTreeWriteTransaction tx = getDomBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, PROTOCOL_LIST.node(barrierKey(barrier)),
            ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(barrierKey(barrier))
                .withChild(ImmutableNodes.leafNode(qname(Protocol.QNAME, "identifier"), BGP.QNAME))
                .withChild(ImmutableNodes.leafNode(qname(Protocol.QNAME, "name"), barrier))
                .build());
        tx.commit().get(10, TimeUnit.SECONDS);
        final List<String> seen = new ArrayList<>();
        while (true) {
            final String change = changes.poll(10, TimeUnit.SECONDS);
            assertNotNull(change, () -> "no barrier event, saw " + seen);
            if (change.endsWith("," + barrier)) {
                return seen.stream().filter(seenChange -> !seenChange.contains("," + BARRIER)
                    && !"initial".equals(seenChange)).collect(Collectors.toList());
            }
            seen.add(change);
        }
    }

    private static NodeIdentifierWithPredicates barrierKey(final String name) {
        return NodeIdentifierWithPredicates.of(Protocol.QNAME, ImmutableMap.of(qname(Protocol.QNAME, "identifier"),
            BGP.QNAME, qname(Protocol.QNAME, "name"), name));
    }

    /**
     * Descends by local names; {@code "neighbor=10.0.0.2"} selects a list entry by its key values, joined with
     * ',' (identities by local name), as {@link RecordingDomDataBroker#describe} prints them.
     */
    private static NormalizedNode find(final NormalizedNode root, final String... steps) {
        NormalizedNode current = root;
        for (String step : steps) {
            final int equals = step.indexOf('=');
            if (equals > 0 && !(current instanceof MapNode)) {
                // "neighbor=X" below a container: first the list "neighbor", then its entry
                current = child(current, step.substring(0, equals));
            }
            current = child(current, step);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static NormalizedNode child(final NormalizedNode parent, final String step) {
        if (!(parent instanceof DistinctNodeContainer<?, ?> container)) {
            return null;
        }
        final String description = "X " + step;
        return container.body().stream()
            .map(NormalizedNode.class::cast)
            .filter(child -> description.equals(RecordingDomDataBroker.describe("X",
                YangInstanceIdentifier.of(child.name()))))
            .findFirst().orElse(null);
    }

    private static String leaf(final NormalizedNode root, final String... steps) {
        final NormalizedNode found = find(root, steps);
        assertTrue(found instanceof ValueNode, () -> "no leaf " + List.of(steps) + " in " + root.prettyTree());
        return value(found.body());
    }

    private static Set<String> leafSet(final NormalizedNode root, final String... steps) {
        final NormalizedNode found = find(root, steps);
        assertTrue(found instanceof LeafSetNode, () -> "no leaf-list " + List.of(steps));
        return ((LeafSetNode<?>) found).body().stream().map(entry -> value(entry.body()))
            .collect(Collectors.toSet());
    }

    private static String value(final Object body) {
        return body instanceof QName qname ? qname.getLocalName() : String.valueOf(body);
    }

    private static Set<String> keySet(final NormalizedNode list) {
        return Set.copyOf(keys(list));
    }

    /**
     * Key values of the entries of a list, in the list's order, as {@link #find} selects them.
     */
    private static List<String> keys(final NormalizedNode list) {
        assertTrue(list instanceof MapNode, () -> "not a list: " + list);
        return ((DistinctNodeContainer<?, ?>) list).body().stream()
            .map(NormalizedNode.class::cast)
            .map(entry -> RecordingDomDataBroker.describe("X", YangInstanceIdentifier.of(entry.name())))
            .map(description -> description.substring(description.indexOf('=') + 1))
            .collect(Collectors.toList());
    }
}
