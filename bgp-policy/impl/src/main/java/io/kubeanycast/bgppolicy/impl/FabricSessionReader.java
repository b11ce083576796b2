/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.bgppolicy.core.IpAddress;
import io.kubeanycast.bgppolicy.impl.api.FabricSession;
import io.kubeanycast.bgppolicy.impl.api.StatusUnavailableException;
import io.kubeanycast.bgppolicy.impl.speaker.FabricNeighbor;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.bgp.operational.rev151009.BgpNeighborState.SessionState;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.bgp.rev151009.bgp.neighbors.Neighbor;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.bgp.rev151009.bgp.top.Bgp;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.bgp.rev151009.bgp.top.bgp.Neighbors;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.OpenconfigNetworkInstanceData;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.NetworkInstances;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.NetworkInstance;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.NetworkInstanceKey;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.network.instance.Protocols;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.network.instance.protocols.Protocol;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.network.instance.rev151018.network.instance.top.network.instances.network.instance.protocols.ProtocolKey;
import org.opendaylight.yang.gen.v1.http.openconfig.net.yang.policy.types.rev151009.BGP;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.openconfig.extensions.rev180329.NetworkInstanceProtocol;
import org.opendaylight.yang.gen.v1.urn.opendaylight.params.xml.ns.yang.bgp.openconfig.extensions.rev180329.network.instance.protocol.NeighborStateAugmentation;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;

/**
 * Reads the BGP session state of the configured fabric neighbors from ODL's OPERATIONAL datastore, where bgpcep
 * publishes it in openconfig form under the {@code global-bgp} network instance (like the configuration written by
 * {@link io.kubeanycast.bgppolicy.impl.speaker.DefaultSpeakerBootstrap}).
 *
 * <p>Threading: stateless apart from the broker; runs on the caller's thread (a console command) and blocks at most
 * the given timeout. Memory: nothing kept.
 */
final class FabricSessionReader {
    private static final NetworkInstanceKey GLOBAL_BGP = new NetworkInstanceKey("global-bgp");

    private final DataBroker dataBroker;

    FabricSessionReader(final DataBroker dataBroker) {
        this.dataBroker = requireNonNull(dataBroker);
    }

    /**
     * The configured neighbors without their state (no datastore read).
     */
    static List<FabricSession> configured(final SpeakerConfig speaker) {
        return speaker.neighbors().stream().map(neighbor -> session(neighbor, Optional.empty())).toList();
    }

    /**
     * The configured neighbors with the state ODL reports for them.
     *
     * @throws StatusUnavailableException when the datastore does not answer within the timeout
     */
    List<FabricSession> read(final SpeakerConfig speaker, final Duration timeout) throws StatusUnavailableException {
        if (speaker.neighbors().isEmpty()) {
            return List.of();
        }
        final Optional<Neighbors> neighbors;
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            neighbors = tx.read(LogicalDatastoreType.OPERATIONAL, neighborsPath(speaker.instanceName()))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusUnavailableException("interrupted while reading the BGP neighbor state", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StatusUnavailableException("BGP neighbor state not readable from the operational datastore"
                + " within " + timeout.toMillis() + " ms", e);
        }
        // keyed by canonical address text: the configured addresses are canonical, ODL's may be written otherwise
        final Map<String, String> stateByAddress = new HashMap<>();
        for (Neighbor neighbor : neighbors.map(Neighbors::nonnullNeighbor).orElse(Map.of()).values()) {
            final String sessionState = sessionState(neighbor);
            if (neighbor.getNeighborAddress() != null && sessionState != null) {
                stateByAddress.put(canonical(neighbor.getNeighborAddress().stringValue()), sessionState);
            }
        }
        return speaker.neighbors().stream()
            .map(neighbor -> session(neighbor, Optional.ofNullable(stateByAddress.get(neighbor.address()))))
            .toList();
    }

    static InstanceIdentifier<Neighbors> neighborsPath(final String instanceName) {
        return InstanceIdentifier
            .builderOfInherited(OpenconfigNetworkInstanceData.class, NetworkInstances.class)
            .child(NetworkInstance.class, GLOBAL_BGP)
            .child(Protocols.class)
            .child(Protocol.class, new ProtocolKey(BGP.VALUE, instanceName))
            .augmentation(NetworkInstanceProtocol.class)
            .child(Bgp.class)
            .child(Neighbors.class)
            .build();
    }

    private static String sessionState(final Neighbor neighbor) {
        final var neighborState = neighbor.getState();
        if (neighborState == null) {
            return null;
        }
        final NeighborStateAugmentation augmentation = neighborState.augmentation(NeighborStateAugmentation.class);
        final SessionState sessionState = augmentation == null ? null : augmentation.getSessionState();
        return sessionState == null ? null : sessionState.getName();
    }

    private static String canonical(final String address) {
        return IpAddress.canonical(address);
    }

    private static FabricSession session(final FabricNeighbor neighbor, final Optional<String> state) {
        return new FabricSession(neighbor.name(), neighbor.address(), neighbor.peerAs(), state);
    }
}
