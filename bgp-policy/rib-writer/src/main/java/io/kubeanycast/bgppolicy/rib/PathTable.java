/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.bgppolicy.core.PathAttributes;
import io.kubeanycast.source.model.IpFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the application RIB holds, as far as the writer knows: route-key (the prefix text) to its paths.
 *
 * <p>Memory: one {@link HashMap} entry per prefix (about 100 bytes with the key string) plus, per path, one
 * array slot and one {@link StoredPath} (about 28 bytes together). Next-hop strings and attribute sets are
 * interned, so 10,000 VIPs x 3 nodes sharing one attribute set cost roughly 1 MB plus the prefix strings.
 *
 * <p>Not thread-safe: owned by the writer's single worker thread.
 */
final class PathTable {
    private static final Logger LOG = LoggerFactory.getLogger(PathTable.class);
    private static final StoredPath[] NO_PATHS = new StoredPath[0];
    // Lowest id first, so that among duplicate entries for one next hop the lowest id is the one adopted.
    private static final Comparator<StoredPath> BY_PATH_ID =
        (first, second) -> Integer.compareUnsigned(first.pathId(), second.pathId());
    // Decides deterministically which of two desired paths with the same (prefix, next hop) wins.
    private static final Comparator<AdvertisedPath> PREFERRED =
        Comparator.comparing(AdvertisedPath::node).thenComparing(path -> path.attributes().toString());

    // Weak interners: shared copies while some path uses them, collectable once the last one is gone.
    private static final Interner<String> NEXT_HOPS = Interners.newWeakInterner();
    private static final Interner<PathAttributes> ATTRIBUTES = Interners.newWeakInterner();

    private final Map<String, StoredPath[]> byPrefix;
    // paths per family (indexed by ordinal), i.e. per application RIB table; their sum is pathCount
    private final int[] familyCounts = new int[IpFamily.values().length];
    private int pathCount;

    private PathTable(final Map<String, StoredPath[]> byPrefix) {
        this.byPrefix = byPrefix;
        byPrefix.forEach((prefix, paths) -> familyCounts[familyOf(prefix).ordinal()] += paths.length);
        pathCount = Arrays.stream(familyCounts).sum();
    }

    static PathTable empty() {
        return new PathTable(new HashMap<>());
    }

    /**
     * Build a table from entries read from the RIB.
     *
     * @param entries route-key to the paths stored under it (any order, duplicates allowed)
     * @return the table
     */
    static PathTable of(final Map<String, List<StoredPath>> entries) {
        final Map<String, StoredPath[]> map = new HashMap<>(capacity(entries.size()));
        entries.forEach((prefix, paths) -> {
            if (!paths.isEmpty()) {
                final StoredPath[] array = paths.stream()
                    .map(path -> new StoredPath(NEXT_HOPS.intern(path.nextHop()), path.pathId(),
                        path.attributes() == null ? null : ATTRIBUTES.intern(path.attributes())))
                    .toArray(StoredPath[]::new);
                Arrays.sort(array, BY_PATH_ID);
                map.put(prefix, array);
            }
        });
        return new PathTable(map);
    }

    int pathCount() {
        return pathCount;
    }

    /**
     * Paths of one family, i.e. the routes this writer knows in that family's table.
     *
     * @param family the family
     * @return its path count
     */
    int pathCount(final IpFamily family) {
        return familyCounts[family.ordinal()];
    }

    /**
     * Paths of one family once a change set is committed.
     *
     * @param changes a change set computed by {@link #diff(Collection)} on this table, not yet committed
     * @param family the family
     * @return its path count after the commit
     */
    int pathCountAfter(final ChangeSet changes, final IpFamily family) {
        int count = familyCounts[family.ordinal()];
        for (Map.Entry<String, StoredPath[]> entry : changes.newState.entrySet()) {
            if (familyOf(entry.getKey()) == family) {
                count += entry.getValue().length - byPrefix.getOrDefault(entry.getKey(), NO_PATHS).length;
            }
        }
        return count;
    }

    int prefixCount() {
        return byPrefix.size();
    }

    List<StoredPath> paths(final String prefix) {
        return List.of(byPrefix.getOrDefault(prefix, NO_PATHS));
    }

    /**
     * Compute what must be written so the RIB holds exactly {@code desired}. Does not modify this table; call
     * {@link #commit(ChangeSet)} once the writes are committed.
     *
     * @param desired all paths that should be in the RIB
     * @return puts (new and changed paths, with their path ids), deletes and the resulting per-prefix state
     */
    ChangeSet diff(final Collection<AdvertisedPath> desired) {
        final Map<String, Map<String, AdvertisedPath>> wanted = groupByPrefix(desired);
        final ChangeSet changes = new ChangeSet();

        final Set<String> prefixes = new HashSet<>(capacity(byPrefix.size() + wanted.size()));
        prefixes.addAll(byPrefix.keySet());
        prefixes.addAll(wanted.keySet());
        for (String prefix : prefixes) {
            diffPrefix(prefix, byPrefix.getOrDefault(prefix, NO_PATHS), wanted.getOrDefault(prefix, Map.of()),
                changes);
        }
        return changes;
    }

    private static void diffPrefix(final String prefix, final StoredPath[] current,
            final Map<String, AdvertisedPath> wanted, final ChangeSet changes) {
        final int writesBefore = changes.operationCount();
        final List<StoredPath> next = new ArrayList<>(wanted.size());
        final Set<String> matched = new HashSet<>(capacity(current.length));

        for (StoredPath stored : current) {
            final AdvertisedPath path = wanted.get(stored.nextHop());
            if (path != null && matched.add(stored.nextHop())) {
                if (stored.holds(path.attributes())) {
                    changes.unchanged++;
                    next.add(stored);
                } else {
                    // same path id: a path keeps its id while it stays announced, so peers see an in-place update
                    changes.changed++;
                    changes.puts.add(new PathPut(path, stored.pathId()));
                    next.add(toStored(path, stored.pathId()));
                }
            } else {
                changes.removed++;
                changes.deletes.add(new RouteRef(path == null ? familyOf(prefix) : path.family(), prefix,
                    stored.pathId()));
            }
        }

        if (matched.size() < wanted.size()) {
            // Ids still held by paths being deleted in this change set are not reused: a delete and a put of the
            // same key in one change set would depend on operation order across batches.
            final PathIdAllocator ids = new PathIdAllocator(current);
            // sorted by next hop so that the ids handed out do not depend on hash order
            for (AdvertisedPath path : new TreeMap<>(wanted).values()) {
                if (!matched.contains(path.nextHop())) {
                    final int pathId = ids.next();
                    changes.added++;
                    changes.puts.add(new PathPut(path, pathId));
                    next.add(toStored(path, pathId));
                }
            }
        }

        if (changes.operationCount() != writesBefore) {
            final StoredPath[] array = next.toArray(NO_PATHS);
            Arrays.sort(array, BY_PATH_ID);
            changes.newState.put(prefix, array);
        }
    }

    /**
     * Record a committed change set.
     *
     * @param changes the change set computed by {@link #diff(Collection)} on this table
     */
    void commit(final ChangeSet changes) {
        changes.newState.forEach((prefix, paths) -> {
            final StoredPath[] old = paths.length == 0 ? byPrefix.remove(prefix) : byPrefix.put(prefix, paths);
            final int delta = paths.length - (old == null ? 0 : old.length);
            pathCount += delta;
            familyCounts[familyOf(prefix).ordinal()] += delta;
        });
    }

    private static StoredPath toStored(final AdvertisedPath path, final int pathId) {
        return new StoredPath(NEXT_HOPS.intern(path.nextHop()), pathId, ATTRIBUTES.intern(path.attributes()));
    }

    private static Map<String, Map<String, AdvertisedPath>> groupByPrefix(final Collection<AdvertisedPath> desired) {
        final Map<String, Map<String, AdvertisedPath>> wanted = new HashMap<>();
        int conflicts = 0;
        for (AdvertisedPath path : desired) {
            final Map<String, AdvertisedPath> byNextHop = wanted.computeIfAbsent(path.prefix(), k -> new HashMap<>(4));
            final AdvertisedPath previous = byNextHop.putIfAbsent(path.nextHop(), path);
            if (previous != null) {
                // Two nodes claiming one address must not stop every other route update: keep a deterministic one.
                conflicts++;
                if (PREFERRED.compare(path, previous) < 0) {
                    byNextHop.put(path.nextHop(), path);
                }
            }
        }
        if (conflicts > 0) {
            LOG.warn("{} desired paths share (prefix, next hop) with another path; kept one of each (lowest node name)",
                conflicts);
        }
        return wanted;
    }

    private static IpFamily familyOf(final String prefix) {
        return IpFamily.of(prefix);
    }

    private static int capacity(final int expectedSize) {
        return (int) Math.min(Integer.MAX_VALUE, expectedSize * 4L / 3 + 1);
    }
}
