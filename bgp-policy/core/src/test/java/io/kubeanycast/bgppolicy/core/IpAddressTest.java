/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.model.IpFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.96.0.10, 10.96.0.10",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        // RFC 5952: lowercase, no leading zeros, longest zero run compressed, first run on a tie, no single group
        "2001:DB8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:0, ::",
        "::1, ::1",
        "1::, 1::",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
        "::ffff:192.0.2.1, ::ffff:c000:201",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
        "FE80::ABCD, fe80::abcd"
    })
    void parsesAndPrintsCanonically(final String input, final String canonical) {
        final IpAddress address = IpAddress.parse(input);
        assertEquals(canonical, address.toString());
        assertEquals(IpFamily.of(canonical), address.family());
        // Canonical text parses back to the same address.
        assertEquals(address, IpAddress.parse(canonical));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
        "", " 10.0.0.1", "10.0.0.1 ", "10.0.0", "10.0.0.1.2", "256.0.0.1", "10.0.0.-1", "010.0.0.1", "10..0.1",
        "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", "1.2.3.4::", "fe80::1%eth0",
        "example.com", "::1.2.3", ":1::2", "1::2:", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:1.2.3.4", "10.0.0.1/32",
        "localhost"
    })
    void refusesWhatIsNotALiteral(final String input) {
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(input));
        assertTrue(IpAddress.tryParse(input).isEmpty());
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource({
        "10.96.1.2, 12, 10.96.0.0",
        "10.96.1.2, 32, 10.96.1.2",
        "10.96.1.2, 0, 0.0.0.0",
        "203.0.113.77, 24, 203.0.113.0",
        "2001:db8:ff:1::5, 64, 2001:db8:ff:1::",
        "2001:db8:ff:1::5, 120, 2001:db8:ff:1::",
        "2001:db8:ff:1:ffff:ffff:ffff:ffff, 65, 2001:db8:ff:1:8000::",
        "2001:db8::1, 0, ::"
    })
    void masksToTheNetwork(final String address, final int length, final String network) {
        assertEquals(network, IpAddress.parse(address).masked(length).toString());
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.96.0.0/12, 10.96.0.10, true",
        "10.96.0.0/12, 10.111.255.255, true",
        "10.96.0.0/12, 10.112.0.0, false",
        "10.96.0.0/12, 2001:db8::1, false",
        "2001:db8:96::/112, 2001:db8:96::ffff, true",
        "2001:db8:96::/112, 2001:db8:96::1:0, false",
        "0.0.0.0/0, 1.2.3.4, true"
    })
    void prefixContainsAddress(final String prefix, final String address, final boolean expected) {
        assertEquals(expected, IpPrefix.parse(prefix).contains(IpAddress.parse(address)));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"10.96.0.1/12", "10.96.0.0", "10.96.0.0/33", "10.96.0.0/", "10.96.0.0/-1",
        "2001:db8::1/64", "2001:db8::/129", "10.96.0.0/1x"})
    void refusesBadPrefixes(final String input) {
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(input));
    }

    @ParameterizedTest
    @CsvSource({"2001:DB8:0::/48, 2001:db8::/48", "10.0.0.0/8, 10.0.0.0/8"})
    void printsPrefixesCanonically(final String input, final String canonical) {
        assertEquals(canonical, IpPrefix.parse(input).toString());
    }

    @ParameterizedTest
    @CsvSource({"203.0.113.0/24, 203.0.113.128/25, true", "203.0.113.0/25, 203.0.113.0/24, false",
        "203.0.113.0/24, 203.0.112.0/24, false"})
    void prefixContainsPrefix(final String outer, final String inner, final boolean expected) {
        assertEquals(expected, IpPrefix.parse(outer).contains(IpPrefix.parse(inner)));
        assertFalse(IpPrefix.parse(outer).contains(IpPrefix.parse("2001:db8::/32")));
    }
}
