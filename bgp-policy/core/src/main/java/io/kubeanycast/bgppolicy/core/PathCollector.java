/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import io.kubeanycast.source.model.IpFamily;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers the paths of one computation, keeping at most one per {@link AdvertisedPath.PathKey} as the RIB
 * requires. When two sources want the same prefix and next hop with different attributes (an external IP
 * equal to another Service's announced ClusterIP, say: two Services never share an external or load-balancer IP,
 * {@link VipOwners}), the first one wins; the order of additions is the sorted order of the state, so the
 * winner does not depend on how the state was built. The loser is reported once per prefix. Used by one
 * computation on one thread; not thread-safe.
 */
final class PathCollector {
    /**
     * A path and who asked for it first.
     */
    private record Claim(AdvertisedPath path, String origin) {
    }

    private final Map<AdvertisedPath.PathKey, Claim> claims;
    private final Set<String> reportedConflicts = new HashSet<>();
    private final List<Finding> findings;

    PathCollector(final int expectedPaths, final List<Finding> findings) {
        this.claims = new HashMap<>(Math.max(16, expectedPaths * 4 / 3 + 1));
        this.findings = findings;
    }

    /**
     * Add one path per node of a selection.
     *
     * @param origin who asks, for conflict findings (e.g. {@code service default/web})
     */
    void add(final String prefix, final IpFamily family, final NodeSelection nodes,
            final PathAttributes attributes, final String origin) {
        nodes.announcedFrom().forEach((node, nextHop) -> {
            final AdvertisedPath path = new AdvertisedPath(prefix, family, nextHop, node, attributes);
            final Claim first = claims.putIfAbsent(path.key(), new Claim(path, origin));
            if (first != null && !first.path().equals(path) && reportedConflicts.add(prefix + " " + origin)) {
                findings.add(Finding.prefix(prefix, "next hop " + nextHop, origin + " wants it with "
                    + describe(path) + " but " + first.origin() + " was first with " + describe(first.path())
                    + "; the first is announced"));
            }
        });
    }

    Set<AdvertisedPath> paths() {
        final Set<AdvertisedPath> paths = new HashSet<>(claims.size() * 4 / 3 + 1);
        claims.values().forEach(claim -> paths.add(claim.path()));
        return paths;
    }

    private static String describe(final AdvertisedPath path) {
        final PathAttributes attributes = path.attributes();
        return "node " + path.node() + ", local-pref " + attributes.localPref()
            + (attributes.med().isPresent() ? ", med " + attributes.med().getAsLong() : "")
            + ", communities " + attributes.communities();
    }
}
