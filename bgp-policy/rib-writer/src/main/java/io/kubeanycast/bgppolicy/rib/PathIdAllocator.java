/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import java.util.Arrays;

/**
 * Hands out the lowest free ADD-PATH path ids of one prefix, starting at 1: 0 means "no path id" in ODL. Ids are
 * unsigned 32-bit values carried in ints.
 */
final class PathIdAllocator {
    private final int[] used;
    private int index;
    private int candidate = 1;

    PathIdAllocator(final StoredPath[] taken) {
        used = new int[taken.length];
        for (int i = 0; i < taken.length; i++) {
            used[i] = taken[i].pathId();
        }
        // unsigned order: ids above 2^31 read from the RIB sort last instead of first
        Arrays.sort(used);
        int firstNonNegative = 0;
        while (firstNonNegative < used.length && used[firstNonNegative] < 0) {
            firstNonNegative++;
        }
        final int[] unsigned = new int[used.length];
        System.arraycopy(used, firstNonNegative, unsigned, 0, used.length - firstNonNegative);
        System.arraycopy(used, 0, unsigned, used.length - firstNonNegative, firstNonNegative);
        System.arraycopy(unsigned, 0, used, 0, used.length);
    }

    /**
     * Next free id.
     *
     * @return the lowest id that is neither taken nor handed out before
     * @throws IllegalStateException when all 2^32 - 1 ids are taken
     */
    int next() {
        while (index < used.length && Integer.compareUnsigned(used[index], candidate) < 0) {
            index++;
        }
        while (index < used.length && used[index] == candidate) {
            candidate++;
            index++;
        }
        if (candidate == 0) {
            throw new IllegalStateException("no free path id left");
        }
        return candidate++;
    }
}
