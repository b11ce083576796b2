/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One entry of a Service's {@code status.loadBalancer.ingress}, as the API server gave it: route computation
 * decides what it means (an IP to announce, a {@code Proxy} IP kube-proxy does not program, a hostname it cannot
 * announce). Immutable.
 *
 * @param ip {@code ip}, absent when unset or empty
 * @param hostname {@code hostname}, absent when unset or empty
 * @param ipMode {@code ipMode} ({@code VIP} or {@code Proxy}), absent when unset (which means {@code VIP})
 */
public record LoadBalancerIngress(Optional<String> ip, Optional<String> hostname, Optional<String> ipMode) {
    /** The {@code ipMode} of a load balancer that proxies to the nodes: kube-proxy does not program the IP. */
    public static final String IP_MODE_PROXY = "Proxy";

    public LoadBalancerIngress {
        requireNonNull(ip);
        requireNonNull(hostname);
        requireNonNull(ipMode);
    }

    /**
     * An entry from the API's optional strings; null and empty both mean unset.
     */
    public static LoadBalancerIngress of(final String ip, final String hostname, final String ipMode) {
        return new LoadBalancerIngress(nonEmpty(ip), nonEmpty(hostname), nonEmpty(ipMode));
    }

    /**
     * Whether {@code ipMode} is {@code Proxy}.
     */
    public boolean isProxy() {
        return ipMode.filter(IP_MODE_PROXY::equals).isPresent();
    }

    private static Optional<String> nonEmpty(final String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
