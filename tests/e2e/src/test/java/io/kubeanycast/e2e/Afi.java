/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

/**
 * The two address families the suite uses, with the names FRR and iproute2 give them.
 */
public enum Afi {
    IPV4("ipv4", "ipv4Unicast", "-4"),
    IPV6("ipv6", "ipv6Unicast", "-6");

    private final String vtyName;
    private final String frrJsonKey;
    private final String ipFlag;

    Afi(final String vtyName, final String frrJsonKey, final String ipFlag) {
        this.vtyName = vtyName;
        this.frrJsonKey = frrJsonKey;
        this.ipFlag = ipFlag;
    }

    /**
     * The word in vtysh commands: {@code show bgp ipv4 unicast ...}.
     *
     * @return "ipv4" or "ipv6"
     */
    public String vtyName() {
        return vtyName;
    }

    /**
     * The key FRR 8.4 uses in its JSON for this AFI/SAFI ({@code neighborCapabilities.addPath.ipv4Unicast},
     * {@code addressFamilyInfo.ipv6Unicast}, ...).
     *
     * @return "ipv4Unicast" or "ipv6Unicast"
     */
    public String frrJsonKey() {
        return frrJsonKey;
    }

    /**
     * The iproute2 family flag.
     *
     * @return "-4" or "-6"
     */
    public String ipFlag() {
        return ipFlag;
    }

    /**
     * The family of an address or prefix literal.
     *
     * @param addressOrPrefix e.g. "10.96.0.10/32" or "2001:db8::1"
     * @return IPV6 when it contains a colon, else IPV4
     */
    public static Afi of(final String addressOrPrefix) {
        return addressOrPrefix.indexOf(':') >= 0 ? IPV6 : IPV4;
    }
}
