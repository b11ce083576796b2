/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

import static io.kubeanycast.bgppolicy.impl.speaker.ConfigKeys.invalid;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The BGP speaker part of etc/io.kubeanycast.cfg, validated. Immutable; {@link #parse(Map)} is pure.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>bgp.local-as</td><td>64512</td><td>local AS, 1..4294967295</td></tr>
 * <tr><td>bgp.router-id</td><td>127.0.0.1</td><td>BGP identifier, an IPv4 address</td></tr>
 * <tr><td>bgp.instance</td><td>kube-anycast</td><td>name of the BGP protocol instance in ODL</td></tr>
 * <tr><td>bgp.application-peer</td><td>127.0.0.11</td><td>id (IPv4) of the application peer and its RIB</td></tr>
 * <tr><td>bgp.add-path.send-max</td><td>0</td><td>ADD-PATH paths per prefix sent, 0 = all</td></tr>
 * <tr><td>bgp.graceful-restart.restart-time</td><td>120</td><td>graceful restart time, 0 = off</td></tr>
 * <tr><td>bgp.neighbors</td><td>(none)</td><td>comma-separated neighbor names</td></tr>
 * <tr><td>bgp.neighbor.NAME.address</td><td>required</td><td>the router's IP address</td></tr>
 * <tr><td>bgp.neighbor.NAME.as</td><td>required</td><td>the router's AS</td></tr>
 * <tr><td>bgp.neighbor.NAME.port</td><td>179</td><td>TCP port ODL connects to</td></tr>
 * <tr><td>bgp.neighbor.NAME.hold-time</td><td>90</td><td>hold time, 0 or 3..65535</td></tr>
 * <tr><td>bgp.neighbor.NAME.connect-retry</td><td>5</td><td>seconds between connection attempts</td></tr>
 * <tr><td>route.med</td><td>unset</td><td>also read here (the route policy owns the key): the MED the export
 *     policy sets on every path to eBGP neighbors, since bgpcep removes the paths' own MED there</td></tr>
 * </table>
 *
 * @param ebgpMed {@code route.med}, set on the paths to eBGP neighbors by the export policy; empty when unset
 */
public record SpeakerConfig(long localAs, String routerId, String instanceName, String applicationPeerId,
        int addPathSendMax, int gracefulRestartTime, List<FabricNeighbor> neighbors, OptionalLong ebgpMed) {

    public static final String LOCAL_AS = "bgp.local-as";
    public static final String ROUTER_ID = "bgp.router-id";
    public static final String INSTANCE = "bgp.instance";
    public static final String APPLICATION_PEER = "bgp.application-peer";
    public static final String ADD_PATH_SEND_MAX = "bgp.add-path.send-max";
    public static final String GRACEFUL_RESTART_TIME = "bgp.graceful-restart.restart-time";
    public static final String NEIGHBORS = "bgp.neighbors";
    public static final String NEIGHBOR_PREFIX = "bgp.neighbor.";
    /** The route policy's MED key ({@code io.kubeanycast.bgppolicy.core.Policy#MED}). */
    public static final String ROUTE_MED = "route.med";

    public static final int DEFAULT_RESTART_TIME = 120;

    private static final long MAX_AS = 4_294_967_295L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public SpeakerConfig {
        neighbors = List.copyOf(neighbors);
        requireNonNull(ebgpMed);
    }

    /**
     * Validate the {@code bgp.*} keys.
     *
     * @throws IllegalArgumentException naming the first bad key and its value
     */
    public static SpeakerConfig parse(final Map<String, String> config) {
        final long localAs = ConfigKeys.number(config, LOCAL_AS, 64_512, 1, MAX_AS);
        final String routerId = ConfigKeys.ipv4Address(config, ROUTER_ID, "127.0.0.1");
        final String instance = ConfigKeys.string(config, INSTANCE, "kube-anycast");
        if (!NAME.matcher(instance).matches()) {
            throw invalid(INSTANCE, instance, "use letters, digits, '.', '_' and '-'");
        }
        final String appPeer = ConfigKeys.ipv4Address(config, APPLICATION_PEER, "127.0.0.11");
        final int sendMax = (int) ConfigKeys.number(config, ADD_PATH_SEND_MAX, 0, 0, 255);
        // on by default: after a crash the fabric keeps forwarding to the nodes until ODL is back
        // (docs/architecture.md, "Graceful restart, as bgpcep 0.21.7 does it")
        final int grTime = (int) ConfigKeys.number(config, GRACEFUL_RESTART_TIME, DEFAULT_RESTART_TIME, 0, 4095);
        if (sendMax == 1) {
            throw invalid(ADD_PATH_SEND_MAX, "1", "1 would disable ECMP: use 0 (all paths) or 2..255");
        }
        final String med = ConfigKeys.string(config, ROUTE_MED, null);
        return new SpeakerConfig(localAs, routerId, instance, appPeer, sendMax, grTime,
            parseNeighbors(config, appPeer),
            med == null ? OptionalLong.empty() : OptionalLong.of(ConfigKeys.number(ROUTE_MED, med, 0, MAX_AS)));
    }

    private static List<FabricNeighbor> parseNeighbors(final Map<String, String> config, final String appPeer) {
        final Set<String> names = new LinkedHashSet<>();
        for (String name : ConfigKeys.string(config, NEIGHBORS, "").split(",")) {
            final String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(trimmed).matches()) {
                throw invalid(NEIGHBORS, trimmed, "a neighbor name uses letters, digits, '.', '_' and '-'");
            }
            if (!names.add(trimmed)) {
                throw invalid(NEIGHBORS, trimmed, "duplicate neighbor name");
            }
        }
        final List<FabricNeighbor> neighbors = new ArrayList<>();
        final Map<String, String> byAddress = new HashMap<>();
        for (String name : names) {
            final String prefix = NEIGHBOR_PREFIX + name + ".";
            final String addressKey = prefix + "address";
            final String address = ConfigKeys.ipAddress(addressKey, ConfigKeys.required(config, addressKey)).toString();
            final String other = byAddress.putIfAbsent(address, name);
            if (other != null) {
                throw invalid(addressKey, address, "duplicate neighbor: same address as neighbor '" + other + "'");
            }
            if (address.equals(appPeer)) {
                throw invalid(addressKey, address, "is the application peer id (" + APPLICATION_PEER + ")");
            }
            final String asKey = prefix + "as";
            final long peerAs = ConfigKeys.number(asKey, ConfigKeys.required(config, asKey), 1, MAX_AS);
            final int port = (int) ConfigKeys.number(config, prefix + "port", 179, 1, 65_535);
            final String holdKey = prefix + "hold-time";
            final int holdTime = (int) ConfigKeys.number(config, holdKey, 90, 0, 65_535);
            if (holdTime > 0 && holdTime < 3) {
                throw invalid(holdKey, String.valueOf(holdTime), "hold time is 0 or at least 3 seconds (RFC 4271)");
            }
            final int connectRetry = (int) ConfigKeys.number(config, prefix + "connect-retry", 5, 1, 65_535);
            neighbors.add(new FabricNeighbor(name, address, peerAs, port, holdTime, connectRetry));
        }
        return neighbors;
    }

    /**
     * Whether two configs differ in anything but the neighbor list: such a change re-creates the BGP instance.
     */
    public boolean sameGlobal(final SpeakerConfig other) {
        return localAs == other.localAs && routerId.equals(other.routerId)
            && instanceName.equals(other.instanceName) && applicationPeerId.equals(other.applicationPeerId)
            && addPathSendMax == other.addPathSendMax && gracefulRestartTime == other.gracefulRestartTime
            // the MED is part of the export policy, and a policy change re-creates the instance
            && ebgpMed.equals(other.ebgpMed);
    }
}
