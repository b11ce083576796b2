/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import static java.util.Objects.requireNonNull;

/**
 * Health of a {@link RibWriter}, for status pages and alerts. A permanent failure stays visible here until a later
 * change set succeeds.
 *
 * @param succeeded change sets applied since start
 * @param failed change sets given up on after all retries
 * @param inSync true when the last change set succeeded, i.e. the RIB holds what was last asked for
 * @param lastFailure description of the most recent permanent failure, empty when there was none
 */
public record RibWriterStatus(long succeeded, long failed, boolean inSync, String lastFailure) {
    static final RibWriterStatus INITIAL = new RibWriterStatus(0, 0, false, "");

    public RibWriterStatus {
        requireNonNull(lastFailure);
    }

    RibWriterStatus success() {
        return new RibWriterStatus(succeeded + 1, failed, true, lastFailure);
    }

    RibWriterStatus failure(final String description) {
        return new RibWriterStatus(succeeded, failed + 1, false, description);
    }
}
