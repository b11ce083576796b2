/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.api;

import java.time.Duration;
import java.util.List;

/**
 * Read-only view of the running kube-anycast pipeline, published as an OSGi service for the console commands.
 *
 * <p>Threading: every method may be called from any thread. {@link #snapshot()} never blocks and takes no lock:
 * it returns what the pipeline's worker thread last published. {@link #fabricSessions(Duration)} reads ODL's
 * operational datastore and blocks the caller (never the pipeline) for at most the given timeout.
 */
public interface KubeAnycastStatus {
    /**
     * The pipeline's state as of its last change, with the source's and the writer's health as of now.
     */
    StatusSnapshot snapshot();

    /**
     * The BGP sessions toward the configured fabric neighbors, with the state ODL's BGP speaker reports for each
     * (bgp-openconfig-state, operational datastore), in the configured order.
     *
     * @param timeout how long to wait for the datastore read
     * @return one entry per configured neighbor; empty when none is configured
     * @throws StatusUnavailableException when the datastore read fails or times out
     */
    List<FabricSession> fabricSessions(Duration timeout) throws StatusUnavailableException;
}
