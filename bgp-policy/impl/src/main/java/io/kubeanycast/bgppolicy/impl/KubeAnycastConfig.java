/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.bgppolicy.core.Policy;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * etc/io.kubeanycast.cfg split by owner and validated: the BGP speaker ({@code bgp.*}), the route policy and the
 * Kubernetes source's keys ({@code k8s.*}, validated by the source factory when it starts). Immutable; parsing is
 * pure, so comparing two configurations tells which part changed.
 *
 * @param speaker the {@code bgp.*} keys
 * @param policy the route policy keys
 * @param sourceSettings the {@code k8s.*} keys as given
 */
record KubeAnycastConfig(SpeakerConfig speaker, Policy policy, Map<String, String> sourceSettings) {
    static final String FILE = "etc/io.kubeanycast.cfg";
    static final String SOURCE_PREFIX = "k8s.";

    KubeAnycastConfig {
        requireNonNull(speaker);
        requireNonNull(policy);
        sourceSettings = Map.copyOf(sourceSettings);
    }

    /**
     * Validate a configuration.
     *
     * @throws IllegalArgumentException naming the first bad key and its value
     */
    static KubeAnycastConfig parse(final Map<String, String> config) {
        final SpeakerConfig speaker = SpeakerConfig.parse(config);
        final Policy policy = Policy.parse(config);
        final Map<String, String> source = new TreeMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(SOURCE_PREFIX)) {
                source.put(key, value);
            }
        });
        return new KubeAnycastConfig(speaker, policy, source);
    }
}
