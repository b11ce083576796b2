/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.bgppolicy.core.AdvertisedPath;

/**
 * A path to write with the path id it keeps (or gets) in the RIB.
 *
 * @param path the path
 * @param pathId unsigned 32-bit path id stored in an int, never 0
 */
record PathPut(AdvertisedPath path, int pathId) {
    PathPut {
        requireNonNull(path);
    }
}
