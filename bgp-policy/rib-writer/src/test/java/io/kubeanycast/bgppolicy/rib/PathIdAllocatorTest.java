/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PathIdAllocatorTest {
    private static StoredPath[] taken(final int... ids) {
        return Arrays.stream(ids).mapToObj(id -> new StoredPath("127.0.0.1", id, null)).toArray(StoredPath[]::new);
    }

    @Test
    void startsAtOneNeverZero() {
        final PathIdAllocator ids = new PathIdAllocator(taken());
        assertEquals(1, ids.next());
        assertEquals(2, ids.next());
    }

    @Test
    void fillsGapsLowestFirstThenContinuesAfterTheHighest() {
        final PathIdAllocator ids = new PathIdAllocator(taken(7, 1, 3, 0));
        assertEquals(2, ids.next());
        assertEquals(4, ids.next());
        assertEquals(5, ids.next());
        assertEquals(6, ids.next());
        assertEquals(8, ids.next());
    }

    @Test
    void idsAboveTwoToTheThirtyOneAreUnsignedAndDoNotHideLowOnes() {
        // 0xFFFF_FFFF read from a RIB is -1 as an int: it must sort last, not first
        final PathIdAllocator ids = new PathIdAllocator(taken(-1, 1, 0x8000_0000));
        assertEquals(2, ids.next());
    }
}
