/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import io.kubeanycast.source.api.ClusterStateListener;
import io.kubeanycast.source.api.ClusterStateSource;
import io.kubeanycast.source.api.ClusterStateSourceFactory;
import java.util.Map;

/**
 * Starts {@link KubernetesClusterStateSource}s. A plain class: blueprint exports it as the
 * {@link ClusterStateSourceFactory} OSGi service, tests use it directly. Stateless and thread-safe.
 */
public final class DefaultClusterStateSourceFactory implements ClusterStateSourceFactory {
    private final ApiClientFactory clients;

    public DefaultClusterStateSourceFactory() {
        this(new ApiClientFactory());
    }

    DefaultClusterStateSourceFactory(final ApiClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public ClusterStateSource start(final Map<String, String> config, final ClusterStateListener listener) {
        return new KubernetesClusterStateSource(SourceConfig.parse(config), listener, clients).start();
    }
}
