/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.bgppolicy.rib.RibWriterSettings;
import org.junit.jupiter.api.Test;

class TimingsTest {
    /**
     * Issue 11 item 10: a worker that gives up before the writer does retries while the writer still works on the
     * old change set (120 s against the writer's 5 tries of up to 60 s each before this fix).
     */
    @Test
    void workerWaitsLongerThanTheWritersWorstCase() {
        assertTrue(Timings.DEFAULT.writeTimeout().compareTo(RibWriterSettings.DEFAULT.worstCase()) > 0,
            Timings.DEFAULT.writeTimeout() + " vs " + RibWriterSettings.DEFAULT.worstCase());
    }
}
