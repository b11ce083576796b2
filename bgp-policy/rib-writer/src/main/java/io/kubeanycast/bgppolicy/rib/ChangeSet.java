/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import io.kubeanycast.source.model.IpFamily;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes that bring the RIB from what it holds to what is desired, and the table state once they are
 * committed. Built and consumed by the writer's single worker thread.
 */
final class ChangeSet {
    final List<PathPut> puts = new ArrayList<>();
    final List<RouteRef> deletes = new ArrayList<>();
    /** Route-key to its paths after the commit; an empty array means the prefix is gone. */
    final Map<String, StoredPath[]> newState = new HashMap<>();
    int added;
    int changed;
    int removed;
    int unchanged;
    /** True when the application RIB or one of its tables is missing and must be (re)created first. */
    boolean createStructure;
    /** Tables that are empty before this change set and hold routes after it: filled with a container put. */
    final Set<IpFamily> filledTables = EnumSet.noneOf(IpFamily.class);
    /** Tables that hold routes before this change set and none after it: emptied with a container delete. */
    final Set<IpFamily> emptiedTables = EnumSet.noneOf(IpFamily.class);

    int operationCount() {
        return puts.size() + deletes.size();
    }

    boolean isEmpty() {
        return operationCount() == 0 && !createStructure;
    }

    WriteStats stats(final int commits, final int attempts) {
        return new WriteStats(added, changed, removed, unchanged, commits, attempts);
    }
}
