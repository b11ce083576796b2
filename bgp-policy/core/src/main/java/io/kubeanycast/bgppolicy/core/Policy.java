/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.source.model.IpFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What kube-anycast announces and with which attributes, parsed from {@code etc/io.kubeanycast.cfg}.
 * Immutable and thread-safe; equal configurations give equal policies, so a caller can skip re-computation
 * when a config update changed nothing of ours.
 *
 * <p>Keys read by {@link #parse(Map)}. Values are trimmed; an empty value means the default. Keys under
 * {@code announce.}, {@code route.}, {@code nodes.} and {@code annotations.} that are not listed here are refused
 * (a typo must not silently fall back to a default); all other keys belong to other components and are ignored.
 * <table border="1">
 * <caption>Route policy keys</caption>
 * <tr><th>key</th><th>values</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code announce.cluster-cidrs}</td><td>comma-separated IPv4/IPv6 prefixes</td><td>empty</td>
 *     <td>The service cluster CIDRs (like Calico's serviceClusterIPs), announced from every eligible node.
 *     Empty: none announced, and no ClusterIP host route either.</td></tr>
 * <tr><td>{@code announce.cluster-ip}</td><td>{@code local} | {@code none}</td><td>{@code local}</td>
 *     <td>{@code local}: the ClusterIPs of Services with internalTrafficPolicy or externalTrafficPolicy Local
 *     (as Calico does) are announced as /32 or /128 from the nodes with a ready endpoint, when they lie inside
 *     {@code announce.cluster-cidrs}; outside them they are refused with a reason.</td></tr>
 * <tr><td>{@code announce.external-ips}</td><td>{@code true} | {@code false}</td><td>{@code true}</td>
 *     <td>Announce {@code spec.externalIPs} (still subject to {@code announce.external-cidrs}).</td></tr>
 * <tr><td>{@code announce.load-balancer-ips}</td><td>{@code true} | {@code false}</td><td>{@code true}</td>
 *     <td>Announce {@code status.loadBalancer.ingress[].ip} (still subject to
 *     {@code announce.external-cidrs}).</td></tr>
 * <tr><td>{@code announce.load-balancer-class}</td><td>a {@code spec.loadBalancerClass} name</td>
 *     <td>{@code kube-anycast.io/bgp}</td><td>Load-balancer IPs of Services with this class are announced; those
 *     of any other class belong to another implementation and are never announced (their externalIPs and
 *     ClusterIPs still follow their own keys).</td></tr>
 * <tr><td>{@code announce.class-less-load-balancers}</td><td>{@code true} | {@code false}</td><td>{@code true}</td>
 *     <td>Also announce the load-balancer IPs of Services without {@code spec.loadBalancerClass} (the IPs an
 *     IPAM like MetalLB or Cilium LB-IPAM assigns by default).</td></tr>
 * <tr><td>{@code announce.external-cidrs}</td><td>comma-separated IPv4/IPv6 prefixes</td><td>empty</td>
 *     <td>Allow-list for external and load-balancer IPs. A VIP outside every entry is never announced and is
 *     reported (the hijack guard). Empty: nothing external is announced.</td></tr>
 * <tr><td>{@code announce.external-cidrs.<namespace>}</td><td>comma-separated IPv4/IPv6 prefixes, or
 *     {@code none}</td><td>unset</td><td>Per-namespace allow-list: that namespace's external and load-balancer
 *     IPs must also lie in it. Unset: only {@code announce.external-cidrs} applies to the namespace.</td></tr>
 * <tr><td>{@code announce.withdraw-without-endpoints}</td><td>{@code true} | {@code false}</td>
 *     <td>{@code true}</td><td>Withdraw externalTrafficPolicy Cluster external/load-balancer IPs while the
 *     Service has no ready or serving endpoint anywhere.</td></tr>
 * <tr><td>{@code route.local-pref}</td><td>0..4294967295</td><td>100</td><td>LOCAL_PREF of every path.</td></tr>
 * <tr><td>{@code route.med}</td><td>0..4294967295</td><td>unset</td><td>MULTI_EXIT_DISC of every path.</td></tr>
 * <tr><td>{@code route.communities}</td><td>comma-separated {@code asn:value}</td><td>empty</td>
 *     <td>Standard communities on every path.</td></tr>
 * <tr><td>{@code annotations.allowed-communities}</td><td>comma-separated {@code asn:value} or
 *     {@code asn:value-asn:value}</td><td>empty</td><td>The communities a Service annotation may add (see
 *     {@link AnnotationLimits}; reserved and well-known ones only when listed by themselves). Empty: none.</td></tr>
 * <tr><td>{@code annotations.local-pref-range}</td><td>{@code low-high}</td><td>unset</td>
 *     <td>The LOCAL_PREF values a Service annotation may set. Unset: none.</td></tr>
 * <tr><td>{@code route.aggregate-length-v4}</td><td>1..32</td><td>unset</td>
 *     <td>Announce externalTrafficPolicy Cluster external/load-balancer IPv4 VIPs as their covering prefix of
 *     this length instead of host routes (see {@link RouteComputer} for the safety rules).</td></tr>
 * <tr><td>{@code route.aggregate-length-v6}</td><td>1..128</td><td>unset</td>
 *     <td>The same for IPv6 VIPs.</td></tr>
 * <tr><td>{@code nodes.exclude-cordoned}</td><td>{@code true} | {@code false}</td><td>{@code false}</td>
 *     <td>Nodes with {@code spec.unschedulable} announce nothing.</td></tr>
 * <tr><td>{@code nodes.next-hop-fallback-external}</td><td>{@code true} | {@code false}</td><td>{@code false}</td>
 *     <td>Use a node's ExternalIP as next hop when it has no InternalIP of the VIP's family.</td></tr>
 * <tr><td>{@code nodes.mass-loss-threshold-percent}</td><td>1..100</td><td>50</td>
 *     <td>The mass node-loss guard ({@link NodeLossGuard}) engages when more than this share of the eligible
 *     nodes loses readiness within {@code nodes.mass-loss-window-ms}, or all of them do.</td></tr>
 * <tr><td>{@code nodes.mass-loss-window-ms}</td><td>0..4294967295</td><td>60000</td>
 *     <td>How close together the losses must be; 0 switches the guard off.</td></tr>
 * </table>
 *
 * @param clusterCidrs {@code announce.cluster-cidrs}
 * @param clusterIpMode {@code announce.cluster-ip}
 * @param announceExternalIps {@code announce.external-ips}
 * @param announceLoadBalancerIps {@code announce.load-balancer-ips}
 * @param externalCidrs {@code announce.external-cidrs}
 * @param namespaceExternalCidrs {@code announce.external-cidrs.<namespace>}: namespace to its allow-list
 * @param withdrawWithoutEndpoints {@code announce.withdraw-without-endpoints}
 * @param attributes {@code route.local-pref}, {@code route.med}, {@code route.communities}
 * @param annotationLimits {@code annotations.allowed-communities}, {@code annotations.local-pref-range}
 * @param aggregateLengthV4 {@code route.aggregate-length-v4}
 * @param aggregateLengthV6 {@code route.aggregate-length-v6}
 * @param excludeCordoned {@code nodes.exclude-cordoned}
 * @param nextHopFallbackExternal {@code nodes.next-hop-fallback-external}
 * @param loadBalancerClass {@code announce.load-balancer-class}
 * @param classLessLoadBalancers {@code announce.class-less-load-balancers}
 * @param massLossThresholdPercent {@code nodes.mass-loss-threshold-percent}
 * @param massLossWindow {@code nodes.mass-loss-window-ms}
 */
public record Policy(
        List<IpPrefix> clusterCidrs,
        ClusterIpMode clusterIpMode,
        boolean announceExternalIps,
        boolean announceLoadBalancerIps,
        List<IpPrefix> externalCidrs,
        SortedMap<String, List<IpPrefix>> namespaceExternalCidrs,
        boolean withdrawWithoutEndpoints,
        PathAttributes attributes,
        AnnotationLimits annotationLimits,
        OptionalInt aggregateLengthV4,
        OptionalInt aggregateLengthV6,
        boolean excludeCordoned,
        boolean nextHopFallbackExternal,
        String loadBalancerClass,
        boolean classLessLoadBalancers,
        int massLossThresholdPercent,
        Duration massLossWindow) {

    public static final String CLUSTER_CIDRS = "announce.cluster-cidrs";
    public static final String CLUSTER_IP = "announce.cluster-ip";
    public static final String EXTERNAL_IPS = "announce.external-ips";
    public static final String LOAD_BALANCER_IPS = "announce.load-balancer-ips";
    public static final String EXTERNAL_CIDRS = "announce.external-cidrs";
    public static final String WITHDRAW_WITHOUT_ENDPOINTS = "announce.withdraw-without-endpoints";
    public static final String LOCAL_PREF = "route.local-pref";
    public static final String MED = "route.med";
    public static final String COMMUNITIES = "route.communities";
    public static final String AGGREGATE_LENGTH_V4 = "route.aggregate-length-v4";
    public static final String AGGREGATE_LENGTH_V6 = "route.aggregate-length-v6";
    public static final String EXCLUDE_CORDONED = "nodes.exclude-cordoned";
    public static final String NEXT_HOP_FALLBACK_EXTERNAL = "nodes.next-hop-fallback-external";
    public static final String LOAD_BALANCER_CLASS = "announce.load-balancer-class";
    public static final String CLASS_LESS_LOAD_BALANCERS = "announce.class-less-load-balancers";
    public static final String MASS_LOSS_THRESHOLD_PERCENT = "nodes.mass-loss-threshold-percent";
    public static final String MASS_LOSS_WINDOW_MS = "nodes.mass-loss-window-ms";

    /** The {@code spec.loadBalancerClass} kube-anycast announces by default. */
    public static final String DEFAULT_LOAD_BALANCER_CLASS = "kube-anycast.io/bgp";
    static final int DEFAULT_MASS_LOSS_THRESHOLD_PERCENT = 50;
    static final long DEFAULT_MASS_LOSS_WINDOW_MS = 60_000;

    // a Kubernetes qualified name, as spec.loadBalancerClass must be: optional DNS-subdomain prefix, then a name
    private static final Pattern QUALIFIED_NAME = Pattern.compile(
        "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    /** Every key this class reads. */
    public static final Set<String> KEYS = Set.of(CLUSTER_CIDRS, CLUSTER_IP, EXTERNAL_IPS, LOAD_BALANCER_IPS,
        EXTERNAL_CIDRS, WITHDRAW_WITHOUT_ENDPOINTS, LOCAL_PREF, MED, COMMUNITIES, AGGREGATE_LENGTH_V4,
        AGGREGATE_LENGTH_V6, EXCLUDE_CORDONED, NEXT_HOP_FALLBACK_EXTERNAL, LOAD_BALANCER_CLASS,
        CLASS_LESS_LOAD_BALANCERS, MASS_LOSS_THRESHOLD_PERCENT, MASS_LOSS_WINDOW_MS);

    /** Key prefixes owned by the route policy: unknown keys under them are refused. */
    public static final List<String> OWNED_PREFIXES = List.of("announce.", "route.", "nodes.", "annotations.");
    /** The keys bounding annotations ({@link AnnotationLimits}), known besides {@link #KEYS}. */
    public static final Set<String> ANNOTATION_LIMIT_KEYS =
        Set.of(AnnotationLimits.ALLOWED_COMMUNITIES, AnnotationLimits.LOCAL_PREF_RANGE);

    /** The policy of an empty configuration. */
    public static final Policy DEFAULT = parse(Map.of());

    /**
     * Which ClusterIPs are announced as host routes.
     */
    public enum ClusterIpMode {
        /** ClusterIPs of Services with a Local traffic policy, from the nodes with ready endpoints. */
        LOCAL,
        /** No ClusterIP host routes (the cluster CIDRs are still announced). */
        NONE
    }

    public Policy {
        clusterCidrs = List.copyOf(clusterCidrs);
        requireNonNull(clusterIpMode);
        externalCidrs = List.copyOf(externalCidrs);
        final SortedMap<String, List<IpPrefix>> namespaceCidrs = new TreeMap<>();
        namespaceExternalCidrs.forEach((namespace, cidrs) -> namespaceCidrs.put(namespace, List.copyOf(cidrs)));
        namespaceExternalCidrs = Collections.unmodifiableSortedMap(namespaceCidrs);
        requireNonNull(attributes);
        requireNonNull(annotationLimits);
        checkAggregateLength(aggregateLengthV4, IpFamily.IPV4);
        checkAggregateLength(aggregateLengthV6, IpFamily.IPV6);
        requireNonNull(loadBalancerClass);
        if (massLossThresholdPercent < 1 || massLossThresholdPercent > 100) {
            throw new IllegalArgumentException("mass-loss threshold " + massLossThresholdPercent + " not in 1..100");
        }
        if (massLossWindow.isNegative()) {
            throw new IllegalArgumentException("negative mass-loss window");
        }
    }

    /**
     * Parse the policy from a configuration map (all of etc/io.kubeanycast.cfg; keys of other components are
     * ignored).
     *
     * @param config key to value
     * @return the policy
     * @throws ConfigException naming the first offending key and value
     */
    public static Policy parse(final Map<String, String> config) {
        // Sorted, so that with several bad keys the one reported does not depend on the map's order.
        for (String key : new TreeSet<>(config.keySet())) {
            if (!KEYS.contains(key) && !ANNOTATION_LIMIT_KEYS.contains(key) && !NamespaceAllowLists.isKey(key)
                    && OWNED_PREFIXES.stream().anyMatch(key::startsWith)) {
                final Set<String> known = new TreeSet<>(KEYS);
                known.addAll(ANNOTATION_LIMIT_KEYS);
                known.add(NamespaceAllowLists.KEY_PREFIX + "<namespace>");
                throw new ConfigException(key, config.get(key), "unknown key; known keys: " + known);
            }
        }
        final ConfigReader reader = new ConfigReader(config);
        final OptionalLong med = reader.optionalUnsigned32(MED);
        return new Policy(
            reader.prefixes(CLUSTER_CIDRS),
            reader.clusterIpMode(CLUSTER_IP),
            reader.bool(EXTERNAL_IPS, true),
            reader.bool(LOAD_BALANCER_IPS, true),
            reader.prefixes(EXTERNAL_CIDRS),
            NamespaceAllowLists.parse(config),
            reader.bool(WITHDRAW_WITHOUT_ENDPOINTS, true),
            new PathAttributes(reader.optionalUnsigned32(LOCAL_PREF).orElse(PathAttributes.DEFAULT_LOCAL_PREF),
                med, reader.communities(COMMUNITIES)),
            AnnotationLimits.parse(config),
            reader.optionalInt(AGGREGATE_LENGTH_V4, 1, 32),
            reader.optionalInt(AGGREGATE_LENGTH_V6, 1, 128),
            reader.bool(EXCLUDE_CORDONED, false),
            reader.bool(NEXT_HOP_FALLBACK_EXTERNAL, false),
            reader.loadBalancerClass(LOAD_BALANCER_CLASS),
            reader.bool(CLASS_LESS_LOAD_BALANCERS, true),
            reader.optionalInt(MASS_LOSS_THRESHOLD_PERCENT, 1, 100).orElse(DEFAULT_MASS_LOSS_THRESHOLD_PERCENT),
            Duration.ofMillis(reader.optionalUnsigned32(MASS_LOSS_WINDOW_MS).orElse(DEFAULT_MASS_LOSS_WINDOW_MS)));
    }

    /**
     * Whether the load-balancer IPs of a Service with this {@code spec.loadBalancerClass} (empty: none) are ours.
     */
    public boolean ownsLoadBalancerClass(final Optional<String> serviceClass) {
        return serviceClass.map(loadBalancerClass::equals).orElse(classLessLoadBalancers);
    }

    /**
     * The aggregation length configured for a family, if any.
     */
    public OptionalInt aggregateLength(final IpFamily family) {
        return family == IpFamily.IPV4 ? aggregateLengthV4 : aggregateLengthV6;
    }

    private static void checkAggregateLength(final OptionalInt length, final IpFamily family) {
        requireNonNull(length);
        if (length.isPresent() && (length.getAsInt() < 1 || length.getAsInt() > IpAddress.bitsOf(family))) {
            throw new IllegalArgumentException("aggregate length " + length.getAsInt() + " invalid for " + family);
        }
    }

    /**
     * Typed reads of single keys; every failure names the key and value.
     */
    private static final class ConfigReader {
        private final Map<String, String> config;

        ConfigReader(final Map<String, String> config) {
            this.config = config;
        }

        private String value(final String key) {
            final String value = config.get(key);
            return value == null ? "" : value.trim();
        }

        boolean bool(final String key, final boolean defaultValue) {
            final String value = value(key);
            if (value.isEmpty()) {
                return defaultValue;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigException(key, value, "expected true or false");
            };
        }

        ClusterIpMode clusterIpMode(final String key) {
            final String value = value(key);
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "", "local" -> ClusterIpMode.LOCAL;
                case "none" -> ClusterIpMode.NONE;
                default -> throw new ConfigException(key, value, "expected local or none");
            };
        }

        String loadBalancerClass(final String key) {
            final String value = value(key);
            if (value.isEmpty()) {
                return DEFAULT_LOAD_BALANCER_CLASS;
            }
            final int slash = value.indexOf('/');
            if (!QUALIFIED_NAME.matcher(value).matches() || value.length() - slash - 1 > 63 || slash > 253) {
                throw new ConfigException(key, value, "expected a qualified name like " + DEFAULT_LOAD_BALANCER_CLASS
                    + " (what spec.loadBalancerClass holds)");
            }
            return value;
        }

        List<IpPrefix> prefixes(final String key) {
            final List<IpPrefix> result = new ArrayList<>();
            for (String item : items(key)) {
                try {
                    result.add(IpPrefix.parse(item));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key, value(key), e.getMessage(), e);
                }
            }
            return result;
        }

        SortedSet<Community> communities(final String key) {
            final TreeSet<Community> result = new TreeSet<>();
            for (String item : items(key)) {
                try {
                    result.add(Community.parse(item));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key, value(key), e.getMessage(), e);
                }
            }
            return result;
        }

        OptionalLong optionalUnsigned32(final String key) {
            final String value = value(key);
            if (value.isEmpty()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Unsigned32.parse(value)
                .orElseThrow(() -> new ConfigException(key, value, "expected an integer 0..4294967295")));
        }

        OptionalInt optionalInt(final String key, final int min, final int max) {
            final String value = value(key);
            if (value.isEmpty()) {
                return OptionalInt.empty();
            }
            final OptionalLong parsed = Unsigned32.parse(value);
            if (parsed.isEmpty() || parsed.getAsLong() < min || parsed.getAsLong() > max) {
                throw new ConfigException(key, value, "expected an integer " + min + ".." + max);
            }
            return OptionalInt.of((int) parsed.getAsLong());
        }

        private List<String> items(final String key) {
            try {
                return CommaSeparated.items(value(key));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, value(key), e.getMessage(), e);
            }
        }
    }
}
