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
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The {@code bgp.*} keys whose change resets every fabric session: the local AS, the router id, the instance
     * name and ADD-PATH re-create the BGP instance in ODL; the graceful restart time is part of every neighbor's
     * configuration, so each neighbor is re-created. Neighbors that did not change are otherwise never rewritten.
     *
     * @return the changed keys, empty when no session resets for all
     */
    static List<String> sessionResettingChanges(final SpeakerConfig before, final SpeakerConfig after) {
        final List<String> changed = new ArrayList<>();
        if (before.localAs() != after.localAs()) {
            changed.add(SpeakerConfig.LOCAL_AS);
        }
        if (!before.routerId().equals(after.routerId())) {
            changed.add(SpeakerConfig.ROUTER_ID);
        }
        if (!before.instanceName().equals(after.instanceName())) {
            changed.add(SpeakerConfig.INSTANCE);
        }
        if (before.addPathSendMax() != after.addPathSendMax()) {
            changed.add(SpeakerConfig.ADD_PATH_SEND_MAX);
        }
        if (before.gracefulRestartTime() != after.gracefulRestartTime()) {
            changed.add(SpeakerConfig.GRACEFUL_RESTART_TIME);
        }
        return changed;
    }
}
