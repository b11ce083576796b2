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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyTest {

    @Test
    void emptyConfigGivesTheDocumentedDefaults() {
        final Policy policy = Policy.parse(Map.of());
        assertEquals(List.of(), policy.clusterCidrs());
        assertEquals(Policy.ClusterIpMode.LOCAL, policy.clusterIpMode());
        assertTrue(policy.announceExternalIps());
        assertTrue(policy.announceLoadBalancerIps());
        assertEquals(List.of(), policy.externalCidrs());
        assertTrue(policy.withdrawWithoutEndpoints());
        assertEquals(100, policy.attributes().localPref());
        assertEquals(OptionalLong.empty(), policy.attributes().med());
        assertTrue(policy.attributes().communities().isEmpty());
        assertEquals(OptionalInt.empty(), policy.aggregateLength(IpFamily.IPV4));
        assertEquals(OptionalInt.empty(), policy.aggregateLength(IpFamily.IPV6));
        assertFalse(policy.excludeCordoned());
        assertFalse(policy.nextHopFallbackExternal());
        // secure by default: no annotation sets a fabric attribute, no namespace has its own list
        assertEquals(AnnotationLimits.NONE, policy.annotationLimits());
        assertEquals(Map.of(), policy.namespaceExternalCidrs());
        assertEquals(Policy.DEFAULT, policy);
    }

    static Stream<Arguments> validValues() {
        return Stream.of(
            Arguments.of(Policy.CLUSTER_CIDRS, " 10.96.0.0/12 , 2001:DB8:96::/112 ",
                (Function<Policy, Object>) p -> p.clusterCidrs().toString(), "[10.96.0.0/12, 2001:db8:96::/112]"),
            Arguments.of(Policy.CLUSTER_IP, "none", (Function<Policy, Object>) Policy::clusterIpMode,
                Policy.ClusterIpMode.NONE),
            Arguments.of(Policy.CLUSTER_IP, "LOCAL", (Function<Policy, Object>) Policy::clusterIpMode,
                Policy.ClusterIpMode.LOCAL),
            Arguments.of(Policy.EXTERNAL_IPS, "false", (Function<Policy, Object>) Policy::announceExternalIps, false),
            Arguments.of(Policy.LOAD_BALANCER_IPS, "FALSE",
                (Function<Policy, Object>) Policy::announceLoadBalancerIps, false),
            Arguments.of(Policy.EXTERNAL_CIDRS, "203.0.113.0/24,2001:db8:ff::/64",
                (Function<Policy, Object>) p -> p.externalCidrs().toString(), "[203.0.113.0/24, 2001:db8:ff::/64]"),
            Arguments.of(Policy.WITHDRAW_WITHOUT_ENDPOINTS, "false",
                (Function<Policy, Object>) Policy::withdrawWithoutEndpoints, false),
            Arguments.of(Policy.LOCAL_PREF, "4294967295",
                (Function<Policy, Object>) p -> p.attributes().localPref(), 4_294_967_295L),
            Arguments.of(Policy.LOCAL_PREF, "0", (Function<Policy, Object>) p -> p.attributes().localPref(), 0L),
            Arguments.of(Policy.MED, "50", (Function<Policy, Object>) p -> p.attributes().med(), OptionalLong.of(50)),
            Arguments.of(Policy.COMMUNITIES, "65000:200, 64512:100",
                (Function<Policy, Object>) p -> p.attributes().communities(),
                new TreeSet<>(List.of(new Community(64512, 100), new Community(65000, 200)))),
            Arguments.of(Policy.AGGREGATE_LENGTH_V4, "24",
                (Function<Policy, Object>) p -> p.aggregateLength(IpFamily.IPV4), OptionalInt.of(24)),
            Arguments.of(Policy.AGGREGATE_LENGTH_V6, "128",
                (Function<Policy, Object>) p -> p.aggregateLength(IpFamily.IPV6), OptionalInt.of(128)),
            Arguments.of(Policy.EXCLUDE_CORDONED, "true", (Function<Policy, Object>) Policy::excludeCordoned, true),
            Arguments.of(Policy.NEXT_HOP_FALLBACK_EXTERNAL, "true",
                (Function<Policy, Object>) Policy::nextHopFallbackExternal, true),
            Arguments.of(AnnotationLimits.ALLOWED_COMMUNITIES, "65000:100-65000:199, 65535:666",
                (Function<Policy, Object>) p -> p.annotationLimits().allowedCommunities().toString(),
                "[65000:100-65000:199, 65535:666]"),
            Arguments.of(AnnotationLimits.LOCAL_PREF_RANGE, "50 - 150",
                (Function<Policy, Object>) p -> p.annotationLimits().localPrefRange().orElseThrow(),
                new AnnotationLimits.LongRange(50, 150)),
            Arguments.of(AnnotationLimits.LOCAL_PREF_RANGE, "100",
                (Function<Policy, Object>) p -> p.annotationLimits().localPrefRange().orElseThrow(),
                new AnnotationLimits.LongRange(100, 100)),
            Arguments.of("announce.external-cidrs.tenant-a", "203.0.113.0/28, 2001:db8:ff::/120",
                (Function<Policy, Object>) p -> p.namespaceExternalCidrs().toString(),
                "{tenant-a=[203.0.113.0/28, 2001:db8:ff::/120]}"),
            Arguments.of("announce.external-cidrs.tenant-b", "None",
                (Function<Policy, Object>) p -> p.namespaceExternalCidrs().toString(), "{tenant-b=[]}"),
            Arguments.of("announce.external-cidrs.tenant-c", "",
                (Function<Policy, Object>) p -> p.namespaceExternalCidrs().toString(), "{}"),
            // An empty value means the default, as a commented-out key would.
            Arguments.of(Policy.LOCAL_PREF, "  ", (Function<Policy, Object>) p -> p.attributes().localPref(), 100L),
            Arguments.of(Policy.EXTERNAL_IPS, "", (Function<Policy, Object>) Policy::announceExternalIps, true));
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @MethodSource("validValues")
    void parsesEveryKey(final String key, final String value, final Function<Policy, Object> read,
            final Object expected) {
        assertEquals(expected, read.apply(Policy.parse(Map.of(key, value))));
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "announce.cluster-cidrs | 10.96.0.1/12",
        "announce.cluster-cidrs | 10.96.0.0",
        "announce.cluster-cidrs | 10.96.0.0/12,",
        "announce.cluster-cip | local",
        "announce.cluster-ip | all",
        "announce.external-ips | yes",
        "announce.load-balancer-ips | 1",
        "announce.external-cidrs | 203.0.113.0/33",
        "announce.external-cidrs | example.com/24",
        "announce.withdraw-without-endpoints | maybe",
        "route.local-pref | -1",
        "route.local-pref | 4294967296",
        "route.local-pref | 1e3",
        "route.med | +5",
        "route.communities | 65000",
        "route.communities | 65000:70000",
        "route.aggregate-length-v4 | 33",
        "route.aggregate-length-v4 | 0",
        "route.aggregate-length-v6 | 129",
        "nodes.exclude-cordoned | on",
        "nodes.next-hop-fallback-external | 2",
        "nodes.typo | true",
        "annotations.allowed-communities | 65000:199-65000:100",
        "annotations.allowed-communities | 65000:1-",
        "annotations.allowed-communities | all",
        "annotations.local-pref-range | 150-50",
        "annotations.local-pref-range | 50-",
        "annotations.local-pref-range | -5",
        "annotations.local-pref-range | 0-4294967296",
        "annotations.typo | 1",
        "announce.external-cidrs.Shop_1 | 203.0.113.0/24",
        "announce.external-cidrs. | 203.0.113.0/24",
        "announce.external-cidrs.shop | 203.0.113.0/33"
    })
    void refusesBadValuesNamingKeyAndValue(final String key, final String value) {
        final ConfigException error = assertThrows(ConfigException.class,
            () -> Policy.parse(Map.of(key, value, "bgp.local-as", "64512")));
        assertEquals(key, error.key());
        assertEquals(value, error.value());
        assertTrue(error.getMessage().contains(key), error.getMessage());
        assertTrue(error.getMessage().contains(value), error.getMessage());
    }

    @Test
    void ignoresKeysOfOtherComponents() {
        final Map<String, String> config = new HashMap<>();
        config.put("bgp.local-as", "not-a-number-but-not-ours");
        config.put("source.kubeconfig", "/etc/kube");
        config.put(Policy.LOCAL_PREF, "200");
        assertEquals(200, Policy.parse(config).attributes().localPref());
    }

    @Test
    void reportsTheFirstBadKeyInKeyOrder() {
        // Several bad keys: the one reported must not depend on the map's iteration order.
        final Map<String, String> config = Map.of("route.zzz", "1", "announce.aaa", "1", "nodes.mmm", "1");
        assertEquals("announce.aaa", assertThrows(ConfigException.class, () -> Policy.parse(config)).key());
    }

    @Test
    void equalConfigsGiveEqualPolicies() {
        final Map<String, String> config = Map.of(Policy.EXTERNAL_CIDRS, "203.0.113.0/24",
            Policy.COMMUNITIES, "1:2,3:4");
        assertEquals(Policy.parse(config), Policy.parse(new HashMap<>(config)));
        assertFalse(Policy.parse(config).equals(Policy.DEFAULT));
    }

    @Test
    void everyDocumentedKeyIsReadAndOwned() {
        assertEquals(17, Policy.KEYS.size());
        for (String key : Policy.KEYS) {
            assertTrue(Policy.OWNED_PREFIXES.stream().anyMatch(key::startsWith), key);
        }
    }
}
