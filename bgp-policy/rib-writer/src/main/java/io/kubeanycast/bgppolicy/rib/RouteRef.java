/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.source.model.IpFamily;

/**
 * Key of a route entry in an application RIB table: (route-key, path-id) in one family's table. Used for deletes,
 * which must also reach entries whose route-key is not the canonical prefix text (foreign or hand-written ones).
 *
 * @param family which table
 * @param routeKey the {@code route-key} leaf
 * @param pathId unsigned 32-bit path id stored in an int
 */
record RouteRef(IpFamily family, String routeKey, int pathId) {
    RouteRef {
        requireNonNull(family);
        requireNonNull(routeKey);
    }
}
