/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.source.model.IpFamily;

/**
 * One path kube-anycast wants in the application RIB: a prefix announced with one node as next hop.
 * A path is identified by {@link #key()} (prefix and next hop); the node name only explains where it came from.
 *
 * @param prefix canonical prefix text, e.g. {@code 10.96.0.10/32} or {@code 2001:db8::10/128}
 * @param family the prefix's (and the next hop's) address family
 * @param nextHop canonical address of the node the fabric should send the traffic to
 * @param node the node name
 * @param attributes LOCAL_PREF, MED, communities
 */
public record AdvertisedPath(String prefix, IpFamily family, String nextHop, String node,
        PathAttributes attributes) {

    public AdvertisedPath {
        requireNonNull(prefix);
        requireNonNull(family);
        requireNonNull(nextHop);
        requireNonNull(node);
        requireNonNull(attributes);
    }

    public PathKey key() {
        return new PathKey(prefix, nextHop);
    }

    /**
     * Identity of a path in the RIB: at most one path per prefix and next hop.
     */
    public record PathKey(String prefix, String nextHop) {
        public PathKey {
            requireNonNull(prefix);
            requireNonNull(nextHop);
        }
    }
}
