/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

import static java.util.Objects.requireNonNull;

/**
 * One fabric router ODL peers with. ODL always connects out to it (bgpcep's inbound listener is not on Maven
 * Central), so the router must accept the session (FRR: {@code neighbor X passive} or just listening).
 *
 * @param name the name used in the config keys {@code bgp.neighbor.<name>.*}
 * @param address canonical IP address text of the router
 * @param peerAs its AS; equal to the local AS makes it an iBGP neighbor
 * @param port TCP port to connect to
 * @param holdTime BGP hold time in seconds (0, or 3..65535)
 * @param connectRetry seconds between connection attempts
 */
public record FabricNeighbor(String name, String address, long peerAs, int port, int holdTime, int connectRetry) {
    public FabricNeighbor {
        requireNonNull(name);
        requireNonNull(address);
    }

    public boolean isInternal(final long localAs) {
        return peerAs == localAs;
    }
}
