/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which nodes announce one prefix, and why each other node does not. Every node of the cluster appears in
 * exactly one of the two maps. Immutable; one instance may be shared by many decisions (all VIPs announced
 * from every eligible node share the same selection).
 *
 * @param announcedFrom node name to the canonical next hop it is announced with
 * @param leftOut node name to the reason it announces nothing
 */
public record NodeSelection(SortedMap<String, String> announcedFrom, SortedMap<String, NodeExclusion> leftOut) {
    public static final NodeSelection NONE = new NodeSelection(new TreeMap<>(), new TreeMap<>());

    public NodeSelection {
        announcedFrom = Collections.unmodifiableSortedMap(new TreeMap<>(announcedFrom));
        leftOut = Collections.unmodifiableSortedMap(new TreeMap<>(leftOut));
        for (String node : announcedFrom.keySet()) {
            if (leftOut.containsKey(node)) {
                throw new IllegalArgumentException("node " + node + " both announced and left out");
            }
        }
    }

    public boolean isEmpty() {
        return announcedFrom.isEmpty();
    }
}
