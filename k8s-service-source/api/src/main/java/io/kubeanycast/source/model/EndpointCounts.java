/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.model;

/**
 * Endpoint counts of one Service on one node for one address family, from EndpointSlice conditions.
 * An endpoint counts as {@code ready} when its {@code ready} condition is true (unset means true), as
 * {@code serving} when {@code serving} is true (unset means: same as ready), as {@code terminating} when
 * {@code terminating} is true (unset means false). Ready endpoints are also serving, so
 * {@code serving - ready} is the number of endpoints that still serve while terminating (graceful drain).
 */
public record EndpointCounts(int ready, int serving, int terminating) {
    public static final EndpointCounts NONE = new EndpointCounts(0, 0, 0);

    public EndpointCounts {
        if (ready < 0 || serving < 0 || terminating < 0) {
            throw new IllegalArgumentException("negative endpoint count");
        }
    }

    public EndpointCounts plus(final EndpointCounts other) {
        return new EndpointCounts(ready + other.ready, serving + other.serving, terminating + other.terminating);
    }

    public boolean hasReady() {
        return ready > 0;
    }

    /**
     * Whether some endpoint is serving but not ready: the terminating endpoints of a graceful drain.
     */
    public boolean hasServingNotReady() {
        return serving > ready;
    }

    public boolean isEmpty() {
        return ready == 0 && serving == 0 && terminating == 0;
    }
}
