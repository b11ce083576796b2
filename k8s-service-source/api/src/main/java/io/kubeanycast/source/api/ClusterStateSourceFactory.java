/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.api;

import java.util.Map;

/**
 * Starts watching a cluster. Exported as an OSGi service by the k8s-service-source bundle; the consumer owns
 * the configuration (etc/io.kubeanycast.cfg) and restarts the source when its {@code k8s.*} keys change.
 */
public interface ClusterStateSourceFactory {
    /**
     * Start a source. Never throws for unreachable clusters or missing credentials: those are logged, retried
     * with backoff and visible in {@link ClusterStateSource#status()}.
     *
     * @param config the keys of etc/io.kubeanycast.cfg (the source reads those starting with {@code k8s.})
     * @param listener receives snapshots
     * @return the running source
     * @throws IllegalArgumentException when a {@code k8s.*} value cannot be parsed; the message names the key
     */
    ClusterStateSource start(Map<String, String> config, ClusterStateListener listener);
}
