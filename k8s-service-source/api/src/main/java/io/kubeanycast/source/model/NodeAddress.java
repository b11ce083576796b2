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
 * One entry of a Node's {@code status.addresses}.
 *
 * @param type the address type as Kubernetes names it: InternalIP, ExternalIP, Hostname, ...
 * @param address the address, as the API server gave it
 */
public record NodeAddress(String type, String address) {
    public static final String INTERNAL_IP = "InternalIP";
    public static final String EXTERNAL_IP = "ExternalIP";

    public NodeAddress {
        requireNonNull(type);
        requireNonNull(address);
    }

    /**
     * Whether this is an IP address (not a Hostname entry) of the given family.
     */
    public boolean isIp(final IpFamily family) {
        return (INTERNAL_IP.equals(type) || EXTERNAL_IP.equals(type)) && IpFamily.of(address) == family;
    }
}
