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

/**
 * One path of FRR's {@code show bgp <afi> unicast <prefix> json} ({@code paths[]}).
 *
 * @param nextHop the first non-link-local {@code nexthops[].ip}
 * @param valid {@code valid}
 * @param best {@code bestpath.overall}
 * @param multipath {@code multipath} (part of the ECMP set)
 * @param accessible {@code nexthops[0].accessible} (next hop resolved; inaccessible paths never reach the FIB)
 * @param addPathRxId {@code addpathRxId}: the path id the peer sent (0 without ADD-PATH)
 * @param peer {@code peer.peerId}: which neighbor sent it
 * @param raw the path's whole JSON object
 */
public record BgpPath(String nextHop, boolean valid, boolean best, boolean multipath, boolean accessible,
        long addPathRxId, String peer, JsonObject raw) {

    public BgpPath {
        raw = raw.deepCopy();
    }

    @Override
    public JsonObject raw() {
        return raw.deepCopy();
    }

    static BgpPath parse(final JsonObject path) {
        String nextHop = "";
        boolean accessible = false;
        final JsonElement nexthops = path.get("nexthops");
        if (nexthops != null && nexthops.isJsonArray()) {
            for (JsonElement element : nexthops.getAsJsonArray()) {
                final JsonObject nh = element.getAsJsonObject();
                if (!"link-local".equals(BgpNeighbors.string(nh, "scope"))) {
                    nextHop = BgpNeighbors.string(nh, "ip");
                    accessible = BgpNeighbors.bool(nh, "accessible");
                    break;
                }
            }
        }
        final JsonElement rxId = path.get("addpathRxId");
        return new BgpPath(nextHop, BgpNeighbors.bool(path, "valid"),
            BgpNeighbors.bool(BgpNeighbors.object(path, "bestpath"), "overall"), BgpNeighbors.bool(path, "multipath"),
            accessible, rxId == null ? 0 : rxId.getAsLong(),
            BgpNeighbors.string(BgpNeighbors.object(path, "peer"), "peerId"), path);
    }
}
