/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * FRR 8.4's {@code show bgp neighbors json}, parsed, with the checks the suite needs. Immutable snapshot.
 *
 * <p>Field meaning (verified on this bed against FRR 8.4.4; the keys are {@link Afi#frrJsonKey()}):
 * <ul>
 *   <li>session state: {@code <peer>.bgpState} ({@code "Established"}, {@code "Idle"}, {@code "Active"}, ...)</li>
 *   <li>AFI/SAFI negotiated: {@code <peer>.neighborCapabilities.multiprotocolExtensions.<afi>
 *       .advertisedAndReceived == true}</li>
 *   <li>ADD-PATH so FRR receives several paths from the peer: under
 *       {@code <peer>.neighborCapabilities.addPath.<afi>} FRR advertised receive ({@code rxAdvertised} or
 *       {@code rxAdvertisedAndReceived}) and the peer advertised send ({@code txReceived} or
 *       {@code txAdvertisedAndReceived}). FRR prints {@code rxAdvertised/txReceived} when only that side did
 *       it and the {@code ...AdvertisedAndReceived} form when both sides advertised that direction. Seen with our
 *       ODL speaker: {@code {"txReceived":true,"rxAdvertisedAndReceived":true}}.</li>
 *   <li>prefixes (paths, with ADD-PATH) accepted: {@code <peer>.addressFamilyInfo.<afi>.acceptedPrefixCounter}</li>
 *   <li>session transitions: {@code <peer>.connectionsEstablished} and {@code <peer>.connectionsDropped}, counted
 *       since FRR started</li>
 * </ul>
 */
public final class BgpNeighbors {
    private final JsonObject json;

    BgpNeighbors(final JsonObject json) {
        this.json = json.deepCopy();
    }

    /**
     * The raw JSON, keyed by peer address (a copy).
     *
     * @return the JSON FRR printed
     */
    public JsonObject raw() {
        return json.deepCopy();
    }

    /**
     * The configured peers.
     *
     * @return peer addresses as FRR prints them
     */
    public Set<String> peers() {
        return new TreeSet<>(json.keySet());
    }

    /**
     * One peer's JSON.
     *
     * @param peer its address
     * @return a copy of its object
     * @throws AssertionError if FRR does not know that peer
     */
    public JsonObject peer(final String peer) {
        final JsonElement element = json.get(peer);
        if (element == null || !element.isJsonObject()) {
            throw new AssertionError("FRR has no neighbor " + peer + "; it has " + peers());
        }
        return element.getAsJsonObject().deepCopy();
    }

    /**
     * The FSM state.
     *
     * @param peer its address
     * @return e.g. "Established", "Idle", "Active", "Connect"
     */
    public String state(final String peer) {
        return string(peer(peer), "bgpState");
    }

    public boolean isEstablished(final String peer) {
        return "Established".equals(state(peer));
    }

    /**
     * How often the session with this peer reached Established since FRR started, and how often an Established
     * session was dropped: two counters that only grow, so a session that flapped between two looks differs even
     * when it is Established again at both.
     *
     * @param peer its address
     * @return {@code connectionsEstablished} and {@code connectionsDropped}
     */
    public SessionCounters sessionCounters(final String peer) {
        final JsonObject peerJson = peer(peer);
        return new SessionCounters(number(peerJson, "connectionsEstablished"),
            number(peerJson, "connectionsDropped"));
    }

    /**
     * FRR's per-peer session transition counters.
     *
     * @param established {@code connectionsEstablished}
     * @param dropped {@code connectionsDropped}
     */
    public record SessionCounters(long established, long dropped) {
    }

    /**
     * Whether ADD-PATH is negotiated so that FRR can receive several paths per prefix from this peer.
     *
     * @param peer its address
     * @param afi the address family
     * @return true when FRR advertised receive and the peer advertised send for that AFI
     */
    public boolean addPathNegotiated(final String peer, final Afi afi) {
        final JsonObject caps = object(object(peer(peer), "neighborCapabilities"), "addPath");
        final JsonObject af = object(caps, afi.frrJsonKey());
        final boolean weReceive = bool(af, "rxAdvertised") || bool(af, "rxAdvertisedAndReceived");
        final boolean peerSends = bool(af, "txReceived") || bool(af, "txAdvertisedAndReceived");
        return weReceive && peerSends;
    }

    /**
     * The address families negotiated with the peer (multiprotocol capability advertised and received).
     *
     * @param peer its address
     * @return the negotiated families, empty when the session is not up
     */
    public Set<Afi> afiSafisNegotiated(final String peer) {
        final JsonObject mp = object(object(peer(peer), "neighborCapabilities"), "multiprotocolExtensions");
        final Set<Afi> result = EnumSet.noneOf(Afi.class);
        for (Afi afi : Afi.values()) {
            if (bool(object(mp, afi.frrJsonKey()), "advertisedAndReceived")) {
                result.add(afi);
            }
        }
        return result;
    }

    /**
     * How many paths FRR accepted from the peer for an AFI (with ADD-PATH this counts paths, not prefixes).
     *
     * @param peer its address
     * @param afi the address family
     * @return {@code addressFamilyInfo.<afi>.acceptedPrefixCounter}, 0 when absent
     */
    public long acceptedPaths(final String peer, final Afi afi) {
        final JsonElement counter = object(object(peer(peer), "addressFamilyInfo"), afi.frrJsonKey())
            .get("acceptedPrefixCounter");
        return counter == null ? 0 : counter.getAsLong();
    }

    @Override
    public String toString() {
        return json.toString();
    }

    static JsonObject object(final JsonObject parent, final String key) {
        final JsonElement element = parent.get(key);
        return element != null && element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
    }

    static boolean bool(final JsonObject parent, final String key) {
        final JsonElement element = parent.get(key);
        return element != null && element.isJsonPrimitive() && element.getAsBoolean();
    }

    static long number(final JsonObject parent, final String key) {
        final JsonElement element = parent.get(key);
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw new AssertionError("FRR printed no number '" + key + "' in " + parent);
        }
        return element.getAsLong();
    }

    static String string(final JsonObject parent, final String key) {
        final JsonElement element = parent.get(key);
        return element != null && element.isJsonPrimitive() ? element.getAsString() : "";
    }
}
