/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 */
package io.kubeanycast.bgppolicy.rib;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
