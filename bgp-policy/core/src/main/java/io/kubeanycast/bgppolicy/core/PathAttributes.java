/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The attributes kube-anycast sets on a path besides the next hop. Origin is always IGP and the AS_PATH empty.
 *
 * @param localPref LOCAL_PREF
 * @param med MULTI_EXIT_DISC, absent when none is configured
 * @param communities standard communities, sorted
 */
public record PathAttributes(long localPref, OptionalLong med, SortedSet<Community> communities) {
    public static final long DEFAULT_LOCAL_PREF = 100;
    public static final PathAttributes DEFAULT =
        new PathAttributes(DEFAULT_LOCAL_PREF, OptionalLong.empty(), new TreeSet<>());

    public PathAttributes {
        if (localPref < 0 || localPref > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("local-pref out of range: " + localPref);
        }
        if (med.isPresent() && (med.getAsLong() < 0 || med.getAsLong() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("MED out of range: " + med.getAsLong());
        }
        communities = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(communities));
    }
}
