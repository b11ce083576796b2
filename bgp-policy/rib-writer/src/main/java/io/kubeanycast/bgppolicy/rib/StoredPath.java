/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.bgppolicy.core.PathAttributes;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One path of a prefix as the application RIB holds it. Deliberately small (about 24 bytes): the writer keeps one
 * per announced path, and the next-hop text and the attributes are shared between paths (interned).
 *
 * @param nextHop canonical next-hop address text
 * @param pathId ADD-PATH path id, an unsigned 32-bit value stored in an int (never 0 for our own paths)
 * @param attributes the attributes the RIB holds, or {@code null} when the stored route is not in the shape this
 *     writer produces (other origin, missing AS_PATH, extra attributes): such a route is always rewritten
 */
record StoredPath(String nextHop, int pathId, @Nullable PathAttributes attributes) {
    StoredPath {
        requireNonNull(nextHop);
    }

    boolean holds(final PathAttributes wanted) {
        return wanted.equals(attributes);
    }
}
