/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.model;

import static java.util.Objects.requireNonNull;

/**
 * One virtual IP of a Service. The address is kept exactly as the API server gave it; the route computation
 * validates and canonicalises it, because a malformed address must be reported, not silently dropped here.
 */
public record Vip(String address, IpFamily family, VipKind kind) {
    public Vip {
        requireNonNull(address);
        requireNonNull(family);
        requireNonNull(kind);
    }

    public static Vip of(final String address, final VipKind kind) {
        return new Vip(address, IpFamily.of(address), kind);
    }
}
