/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.model;

/**
 * Address family of a VIP, an endpoint or a node address.
 */
public enum IpFamily {
    IPV4,
    IPV6;

    /**
     * Family of a textual IP address: IPv6 when it contains a colon.
     *
     * @param address a literal IPv4 or IPv6 address
     * @return its family
     */
    public static IpFamily of(final String address) {
        return address.indexOf(':') >= 0 ? IPV6 : IPV4;
    }
}
