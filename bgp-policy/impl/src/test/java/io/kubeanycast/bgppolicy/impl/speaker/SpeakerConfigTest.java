/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpeakerConfigTest {
    private static final Map<String, String> TWO_NEIGHBORS = Map.of(
        "bgp.local-as", "64512",
        "bgp.router-id", "10.0.0.1",
        "bgp.neighbors", "tor1, tor2",
        "bgp.neighbor.tor1.address", "10.0.0.2",
        "bgp.neighbor.tor1.as", "64512",
        "bgp.neighbor.tor2.address", "10.0.0.3",
        "bgp.neighbor.tor2.as", "65000");

    @Test
    void defaults() {
        final SpeakerConfig config = SpeakerConfig.parse(Map.of());
        assertEquals(new SpeakerConfig(64_512, "127.0.0.1", "kube-anycast", "127.0.0.11", 0, 120, List.of(),
            OptionalLong.empty()), config);
    }

    @Test
    void blankValuesMeanDefaults() {
        assertEquals(SpeakerConfig.parse(Map.of()), SpeakerConfig.parse(Map.of(
            "bgp.local-as", " ", "bgp.router-id", "", "bgp.neighbors", " , ,")));
    }

    @Test
    void fullConfig() {
        final SpeakerConfig config = SpeakerConfig.parse(Map.ofEntries(
            Map.entry("bgp.local-as", "4200000000"),
            Map.entry("bgp.router-id", " 192.0.2.1 "),
            Map.entry("bgp.instance", "anycast_1.a-b"),
            Map.entry("bgp.application-peer", "192.0.2.254"),
            Map.entry("bgp.add-path.send-max", "8"),
            Map.entry("bgp.graceful-restart.restart-time", "120"),
            Map.entry("bgp.neighbors", "ibgp, ebgp,v6"),
            Map.entry("bgp.neighbor.ibgp.address", "192.0.2.2"),
            Map.entry("bgp.neighbor.ibgp.as", "4200000000"),
            Map.entry("bgp.neighbor.ebgp.address", "198.51.100.1"),
            Map.entry("bgp.neighbor.ebgp.as", "65000"),
            Map.entry("bgp.neighbor.ebgp.port", "1179"),
            Map.entry("bgp.neighbor.ebgp.hold-time", "0"),
            Map.entry("bgp.neighbor.ebgp.connect-retry", "30"),
            Map.entry("bgp.neighbor.v6.address", "2001:DB8:0:0:0:0:0:0001"),
            Map.entry("bgp.neighbor.v6.as", "65001"),
            Map.entry("bgp.neighbor.v6.hold-time", "3"),
            Map.entry("route.med", "30")));

        assertEquals(new SpeakerConfig(4_200_000_000L, "192.0.2.1", "anycast_1.a-b", "192.0.2.254", 8, 120, List.of(
            new FabricNeighbor("ibgp", "192.0.2.2", 4_200_000_000L, 179, 90, 5),
            new FabricNeighbor("ebgp", "198.51.100.1", 65_000, 1179, 0, 30),
            new FabricNeighbor("v6", "2001:db8::1", 65_001, 179, 3, 5)), OptionalLong.of(30)), config);
        assertTrue(config.neighbors().get(0).isInternal(config.localAs()));
        assertFalse(config.neighbors().get(1).isInternal(config.localAs()));
        assertFalse(config.neighbors().get(2).isInternal(config.localAs()));
    }

    @Test
    void sameGlobalIgnoresNeighbors() {
        final SpeakerConfig config = SpeakerConfig.parse(TWO_NEIGHBORS);
        assertTrue(config.sameGlobal(SpeakerConfig.parse(with("bgp.neighbors", "tor1"))));
        assertFalse(config.sameGlobal(SpeakerConfig.parse(with("bgp.router-id", "10.0.0.9"))));
        assertFalse(config.sameGlobal(SpeakerConfig.parse(with("bgp.add-path.send-max", "2"))));
        // the MED to eBGP neighbors lives in the export policy: a change re-creates the instance
        assertFalse(config.sameGlobal(SpeakerConfig.parse(with("route.med", "5"))));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
            // key whose message is expected, then the overriding key/value pairs on top of TWO_NEIGHBORS
            refusal("route.med", "route.med", "4294967296"),
            refusal("route.med", "route.med", "x"),
            refusal("bgp.neighbor.tor1.address", "bgp.neighbor.tor1.address", "10.0.0.300"),
            refusal("bgp.neighbor.tor1.address", "bgp.neighbor.tor1.address", "tor1.example.net"),
            refusal("bgp.neighbor.tor1.address", "bgp.neighbor.tor1.address", "localhost"),
            refusal("bgp.neighbor.tor1.address", "bgp.neighbor.tor1.address", "10.0.0.0/24"),
            refusal("bgp.local-as", "bgp.local-as", "0"),
            refusal("bgp.local-as", "bgp.local-as", "4294967296"),
            refusal("bgp.local-as", "bgp.local-as", "-1"),
            refusal("bgp.local-as", "bgp.local-as", "99999999999999999999"),
            refusal("bgp.local-as", "bgp.local-as", "64512.5"),
            refusal("bgp.neighbor.tor2.as", "bgp.neighbor.tor2.as", "0"),
            refusal("bgp.neighbor.tor2.as", "bgp.neighbor.tor2.as", "4294967296"),
            refusal("bgp.neighbor.tor2.as", "bgp.neighbor.tor2.as", "AS65000"),
            refusal("bgp.router-id", "bgp.router-id", "2001:db8::1"),
            refusal("bgp.router-id", "bgp.router-id", "::1"),
            refusal("bgp.router-id", "bgp.router-id", "garbage"),
            refusal("bgp.router-id", "bgp.router-id", "10.0.0"),
            refusal("bgp.application-peer", "bgp.application-peer", "fd00::11"),
            // the same address under two names, also when spelled differently
            refusal("bgp.neighbor.tor2.address", "bgp.neighbor.tor2.address", "10.0.0.2"),
            refusal("bgp.neighbor.b.address", "bgp.neighbors", "a,b", "bgp.neighbor.a.address", "2001:db8::1",
                "bgp.neighbor.a.as", "65000", "bgp.neighbor.b.address", "2001:DB8:0::1", "bgp.neighbor.b.as", "65001"),
            refusal("bgp.neighbors", "bgp.neighbors", "tor1,tor2,tor1"),
            refusal("bgp.neighbors", "bgp.neighbors", "tor1,tor 2"),
            refusal("bgp.neighbors", "bgp.neighbors", "tor1,-tor2"),
            refusal("bgp.neighbor.tor3.address", "bgp.neighbors", "tor1,tor2,tor3", "bgp.neighbor.tor3.as", "65000"),
            refusal("bgp.neighbor.tor3.as", "bgp.neighbors", "tor1,tor2,tor3", "bgp.neighbor.tor3.address",
                "10.0.0.4"),
            refusal("bgp.neighbor.tor3.as", "bgp.neighbors", "tor1,tor2,tor3", "bgp.neighbor.tor3.address",
                "10.0.0.4", "bgp.neighbor.tor3.as", " "),
            refusal("bgp.neighbor.tor1.hold-time", "bgp.neighbor.tor1.hold-time", "1"),
            refusal("bgp.neighbor.tor1.hold-time", "bgp.neighbor.tor1.hold-time", "2"),
            refusal("bgp.neighbor.tor1.hold-time", "bgp.neighbor.tor1.hold-time", "65536"),
            refusal("bgp.neighbor.tor1.port", "bgp.neighbor.tor1.port", "0"),
            refusal("bgp.neighbor.tor1.port", "bgp.neighbor.tor1.port", "65536"),
            refusal("bgp.neighbor.tor1.connect-retry", "bgp.neighbor.tor1.connect-retry", "0"),
            refusal("bgp.add-path.send-max", "bgp.add-path.send-max", "1"),
            refusal("bgp.add-path.send-max", "bgp.add-path.send-max", "256"),
            refusal("bgp.graceful-restart.restart-time", "bgp.graceful-restart.restart-time", "4096"),
            refusal("bgp.neighbor.tor1.address", "bgp.neighbor.tor1.address", "127.0.0.11"),
            refusal("bgp.neighbor.tor1.address", "bgp.application-peer", "10.0.0.2"),
            refusal("bgp.instance", "bgp.instance", "kube anycast"),
            refusal("bgp.instance", "bgp.instance", "kube/anycast"),
            refusal("bgp.instance", "bgp.instance", "-kube-anycast"),
            refusal("bgp.instance", "bgp.instance", "<x>"),
            refusal("bgp.instance", "bgp.instance", "a".repeat(64)));
    }

    @ParameterizedTest(name = "{0} refused for {1}")
    @MethodSource
    void refused(final String expectedKey, final Map<String, String> config) {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> SpeakerConfig.parse(config));
        assertTrue(error.getMessage().startsWith(expectedKey + " = '"), error.getMessage());
    }

    private static Arguments refusal(final String expectedKey, final String... overrides) {
        return Arguments.of(expectedKey, with(overrides));
    }

    private static Map<String, String> with(final String... overrides) {
        final Map<String, String> config = new HashMap<>(TWO_NEIGHBORS);
        for (int i = 0; i < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }
}
