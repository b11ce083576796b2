/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeReadTransaction;
import org.opendaylight.mdsal.dom.api.DOMDataTreeWriteTransaction;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.NetworkInstances;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.NetworkInstance;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.network.instance.Protocols;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.network.instance.protocols.Protocol;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.routing.policy.rev151009.routing.policy.top.RoutingPolicy;
import org.opendaylight.yangtools.util.xml.UntrustedXML;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.DataContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.api.schema.stream.NormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.codec.xml.XmlParserStream;
import org.opendaylight.yangtools.yang.data.impl.schema.ImmutableNormalizedNodeStreamWriter;
import org.opendaylight.yangtools.yang.data.impl.schema.NormalizationResultHolder;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.opendaylight.yangtools.yang.model.api.stmt.SchemaNodeIdentifier.Absolute;
import org.opendaylight.yangtools.yang.model.util.SchemaInferenceStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes ODL's BGP configuration for kube-anycast into the CONFIG datastore: the routing policies, one BGP
 * instance with IPv4/IPv6 unicast and ADD-PATH, the application peer and the fabric neighbors. bgpcep's own
 * deployer then instantiates the speaker from that configuration.
 *
 * <p>It writes only what differs from what the datastore holds, in the order bgpcep 0.21.7 needs (facts in
 * docs/architecture.md, "OpenDaylight facts the code depends on"): routing policies before the protocol (policies
 * are cached per protocol instance, so a policy or global change deletes and re-creates the instance); a changed
 * neighbor is deleted, then put (a put over an existing neighbor whose session is down can wedge it); unchanged
 * neighbors are never touched.
 *
 * <p>Threading: {@link #apply(SpeakerConfig)} blocks on datastore commits and is synchronized; call it from a
 * configuration thread, never from a datastore callback. Memory: it keeps only the last applied config.
 */
public final class DefaultSpeakerBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultSpeakerBootstrap.class);
    private static final long COMMIT_TIMEOUT_SECONDS = 30;
    private static final String POLICY_RESOURCE = "routing-policy.xml";

    private static final QName NETWORK_INSTANCE_NAME = QName.create(NetworkInstance.QNAME, "name").intern();
    private static final String GLOBAL_BGP = "global-bgp";
    private static final NodeIdentifierWithPredicates GLOBAL_BGP_KEY =
        NodeIdentifierWithPredicates.of(NetworkInstance.QNAME, NETWORK_INSTANCE_NAME, GLOBAL_BGP);
    private static final YangInstanceIdentifier GLOBAL_BGP_PATH = YangInstanceIdentifier.of(
        NodeIdentifier.create(NetworkInstances.QNAME), NodeIdentifier.create(NetworkInstance.QNAME), GLOBAL_BGP_KEY);
    private static final YangInstanceIdentifier PROTOCOL_LIST_PATH =
        GLOBAL_BGP_PATH.node(Protocols.QNAME).node(Protocol.QNAME);
    private static final YangInstanceIdentifier ROUTING_POLICY_PATH = YangInstanceIdentifier.of(RoutingPolicy.QNAME);

    private final DOMDataBroker broker;
    private final DOMSchemaService schemaService;
    private SpeakerConfig applied;

    public DefaultSpeakerBootstrap(final DOMDataBroker broker, final DOMSchemaService schemaService) {
        this.broker = requireNonNull(broker);
        this.schemaService = requireNonNull(schemaService);
    }

    /**
     * Bring ODL's BGP configuration in line with {@code config}.
     *
     * @throws SpeakerWriteException when the datastore refused a write; what was committed before stays
     */
    public synchronized void apply(final SpeakerConfig config) throws SpeakerWriteException {
        final EffectiveModelContext context = schemaService.getGlobalContext();
        final boolean policyChanged = writePolicies(context, config);

        final MapEntryNode desired = protocolEntry(context, config);
        final YangInstanceIdentifier protocolPath = PROTOCOL_LIST_PATH.node(desired.name());
        if (applied != null && !applied.instanceName().equals(config.instanceName())) {
            LOG.info("BGP instance renamed from {} to {}: removing the old one", applied.instanceName(),
                config.instanceName());
            deleteProtocol(PROTOCOL_LIST_PATH.node(protocolEntry(context, applied).name()));
        }

        final Optional<NormalizedNode> existing = read(protocolPath);
        if (existing.isEmpty()) {
            final DOMDataTreeWriteTransaction tx = broker.newWriteOnlyTransaction();
            tx.merge(LogicalDatastoreType.CONFIGURATION, GLOBAL_BGP_PATH, ImmutableNodes.newMapEntryBuilder()
                .withNodeIdentifier(GLOBAL_BGP_KEY)
                .withChild(ImmutableNodes.leafNode(NETWORK_INSTANCE_NAME, GLOBAL_BGP))
                .build());
            tx.put(LogicalDatastoreType.CONFIGURATION, protocolPath, desired);
            commit(tx, "create BGP instance " + config.instanceName());
            LOG.info("BGP instance {} created: AS {}, router-id {}, {} fabric neighbor(s)", config.instanceName(),
                config.localAs(), config.routerId(), config.neighbors().size());
        } else if (policyChanged || !child(existing.orElseThrow(), "bgp", "global")
                .equals(child(desired, "bgp", "global"))) {
            // policies are cached per instance and global changes are not applied in place: re-create it
            deleteProtocol(protocolPath);
            final DOMDataTreeWriteTransaction tx = broker.newWriteOnlyTransaction();
            tx.put(LogicalDatastoreType.CONFIGURATION, protocolPath, desired);
            commit(tx, "re-create BGP instance " + config.instanceName());
            LOG.info("BGP instance {} re-created: AS {}, router-id {}, {} fabric neighbor(s)", config.instanceName(),
                config.localAs(), config.routerId(), config.neighbors().size());
        } else {
            updateNeighbors(protocolPath, existing.orElseThrow(), desired);
        }
        applied = config;
    }

    private void updateNeighbors(final YangInstanceIdentifier protocolPath, final NormalizedNode existing,
            final MapEntryNode desired) throws SpeakerWriteException {
        final YangInstanceIdentifier neighborsPath = protocolPath.node(childId(desired, "bgp"))
            .node(childId(desired, "bgp", "neighbors")).node(childId(desired, "bgp", "neighbors", "neighbor"));
        final Map<NodeIdentifierWithPredicates, MapEntryNode> before = entries(existing, "bgp", "neighbors",
            "neighbor");
        final Map<NodeIdentifierWithPredicates, MapEntryNode> after = entries(desired, "bgp", "neighbors",
            "neighbor");
        for (var entry : before.entrySet()) {
            final MapEntryNode wanted = after.get(entry.getKey());
            if (wanted == null || !wanted.equals(entry.getValue())) {
                final DOMDataTreeWriteTransaction tx = broker.newWriteOnlyTransaction();
                tx.delete(LogicalDatastoreType.CONFIGURATION, neighborsPath.node(entry.getKey()));
                commit(tx, "delete neighbor " + entry.getKey());
                LOG.info("BGP neighbor {} removed{}", address(entry.getKey()), wanted == null ? "" : " for update");
            }
        }
        for (var entry : after.entrySet()) {
            final MapEntryNode had = before.get(entry.getKey());
            if (had == null || !had.equals(entry.getValue())) {
                final DOMDataTreeWriteTransaction tx = broker.newWriteOnlyTransaction();
                tx.put(LogicalDatastoreType.CONFIGURATION, neighborsPath.node(entry.getKey()), entry.getValue());
                commit(tx, "put neighbor " + entry.getKey());
                LOG.info("BGP neighbor {} {}", address(entry.getKey()), had == null ? "added" : "updated");
            }
        }
    }

    /**
     * Writes kube-anycast's policy definitions and role sets where they differ from the datastore.
     *
     * @return whether anything was written
     */
    private boolean writePolicies(final EffectiveModelContext context, final SpeakerConfig config)
            throws SpeakerWriteException {
        final String template;
        try (InputStream in = DefaultSpeakerBootstrap.class.getResourceAsStream(POLICY_RESOURCE)) {
            template = new String(requireNonNull(in, POLICY_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpeakerWriteException("cannot read " + POLICY_RESOURCE, e);
        }
        final NormalizedNode policies = parse(context, Absolute.of(RoutingPolicy.QNAME), new ByteArrayInputStream(
            SpeakerXml.routingPolicy(template, config).getBytes(StandardCharsets.UTF_8)));
        final Map<YangInstanceIdentifier, MapEntryNode> wanted = new LinkedHashMap<>();
        collectEntries(policies, ROUTING_POLICY_PATH, wanted);
        final DOMDataTreeWriteTransaction tx = broker.newWriteOnlyTransaction();
        int written = 0;
        for (var entry : wanted.entrySet()) {
            if (!read(entry.getKey()).equals(Optional.of(entry.getValue()))) {
                tx.put(LogicalDatastoreType.CONFIGURATION, entry.getKey(), entry.getValue());
                written++;
            }
        }
        if (written == 0) {
            tx.cancel();
            return false;
        }
        commit(tx, "write routing policies");
        final String med = config.ebgpMed().isPresent() ? String.valueOf(config.ebgpMed().getAsLong())
            : "none (route.med unset)";
        LOG.info("Routing policies {} and {} written ({} entries); MED set toward eBGP neighbors: {}",
            SpeakerXml.IMPORT_POLICY, SpeakerXml.EXPORT_POLICY, written, med);
        return true;
    }

    private void deleteProtocol(final YangInstanceIdentifier protocolPath) throws SpeakerWriteException {
        final DOMDataTreeWriteTransaction tx = broker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, protocolPath);
        commit(tx, "delete BGP instance");
    }

    private static MapEntryNode protocolEntry(final EffectiveModelContext context, final SpeakerConfig config)
            throws SpeakerWriteException {
        final NormalizedNode protocols = parse(context,
            Absolute.of(NetworkInstances.QNAME, NetworkInstance.QNAME, Protocols.QNAME),
            new ByteArrayInputStream(SpeakerXml.protocols(config).getBytes(StandardCharsets.UTF_8)));
        return entries(protocols, "protocol").values().iterator().next();
    }

    private static NormalizedNode parse(final EffectiveModelContext context, final Absolute root,
            final InputStream xml) throws SpeakerWriteException {
        final NormalizationResultHolder result = new NormalizationResultHolder();
        final NormalizedNodeStreamWriter writer = ImmutableNormalizedNodeStreamWriter.from(result);
        try (XmlParserStream parser = XmlParserStream.create(writer,
                SchemaInferenceStack.of(context, root).toInference())) {
            final XMLStreamReader reader = UntrustedXML.createXMLStreamReader(xml);
            try {
                parser.parse(reader);
            } finally {
                reader.close();
            }
        } catch (IOException | XMLStreamException | IllegalArgumentException | IllegalStateException e) {
            throw new SpeakerWriteException("BGP configuration does not match ODL's YANG schema", e);
        }
        return result.getResult().data();
    }

    private Optional<NormalizedNode> read(final YangInstanceIdentifier path) throws SpeakerWriteException {
        try (DOMDataTreeReadTransaction tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, path).get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeakerWriteException("interrupted while reading " + path, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SpeakerWriteException("cannot read " + path, e);
        }
    }

    private static void commit(final DOMDataTreeWriteTransaction tx, final String what)
            throws SpeakerWriteException {
        try {
            tx.commit().get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeakerWriteException("interrupted: " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SpeakerWriteException("failed to " + what, e);
        }
    }

    /**
     * Collects the entries of the outermost lists below {@code node}: the unit kube-anycast compares and writes.
     */
    private static void collectEntries(final NormalizedNode node, final YangInstanceIdentifier path,
            final Map<YangInstanceIdentifier, MapEntryNode> out) {
        if (node instanceof MapNode map) {
            for (MapEntryNode entry : map.body()) {
                out.put(path.node(entry.name()), entry);
            }
        } else if (node instanceof DataContainerNode container) {
            for (NormalizedNode child : container.body()) {
                collectEntries(child, path.node(child.name()), out);
            }
        }
    }

    private static Map<NodeIdentifierWithPredicates, MapEntryNode> entries(final NormalizedNode node,
            final String... localNames) {
        final Map<NodeIdentifierWithPredicates, MapEntryNode> result = new LinkedHashMap<>();
        if (child(node, localNames) instanceof MapNode map) {
            for (MapEntryNode entry : map.body()) {
                result.put(entry.name(), entry);
            }
        }
        return result;
    }

    private static YangInstanceIdentifier.PathArgument childId(final NormalizedNode node,
            final String... localNames) {
        return requireNonNull(child(node, localNames), () -> "no " + String.join("/", localNames)).name();
    }

    /**
     * Finds a descendant by local names: the trees here are kube-anycast's own, where local names are unique.
     */
    private static NormalizedNode child(final NormalizedNode node, final String... localNames) {
        NormalizedNode current = node;
        for (String localName : localNames) {
            if (!(current instanceof DataContainerNode container)) {
                return null;
            }
            current = container.body().stream()
                .filter(child -> localName.equals(child.name().getNodeType().getLocalName()))
                .findFirst().orElse(null);
        }
        return current;
    }

    private static Object address(final NodeIdentifierWithPredicates key) {
        return key.values().iterator().next();
    }
}
