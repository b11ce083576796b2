/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bounds an administrator puts on what Service annotations may set: whoever can edit a Service must not be
 * able to set arbitrary fabric attributes (a BLACKHOLE or NO_EXPORT community, a LOCAL_PREF that beats another
 * site's announcement of the same prefix). Immutable and thread-safe.
 *
 * <p>Communities: an annotation value is honoured only when every community in it lies in one entry of
 * {@code annotations.allowed-communities}. The reserved blocks of RFC 1997 ({@code 0:*} and {@code 65535:*}, the
 * second holding every well-known community: NO_EXPORT, NO_ADVERTISE, BLACKHOLE of RFC 7999, GRACEFUL_SHUTDOWN of
 * RFC 8326 and the rest) are honoured only when listed one by one, never because a range covers them. Empty (the
 * default): no community annotation is honoured.
 *
 * <p>LOCAL_PREF: honoured only inside {@code annotations.local-pref-range}. Unset (the default): no LOCAL_PREF
 * annotation is honoured.
 *
 * @param allowedCommunities the entries of {@code annotations.allowed-communities}, in configuration order
 * @param localPrefRange the range of {@code annotations.local-pref-range}; empty when unset
 */
public record AnnotationLimits(List<CommunityRange> allowedCommunities, Optional<LongRange> localPrefRange) {
    public static final String ALLOWED_COMMUNITIES = "annotations.allowed-communities";
    public static final String LOCAL_PREF_RANGE = "annotations.local-pref-range";

    /** Nothing an annotation asks for is honoured. */
    public static final AnnotationLimits NONE = new AnnotationLimits(List.of(), Optional.empty());

    private static final int RESERVED_LOW_ASN = 0;
    private static final int RESERVED_HIGH_ASN = 65_535;
    private static final Map<Community, String> WELL_KNOWN_NAMES = Map.of(
        new Community(65_535, 0), "GRACEFUL_SHUTDOWN",
        new Community(65_535, 1), "ACCEPT_OWN",
        new Community(65_535, 6), "LLGR_STALE",
        new Community(65_535, 7), "NO_LLGR",
        new Community(65_535, 666), "BLACKHOLE",
        new Community(65_535, 65_281), "NO_EXPORT",
        new Community(65_535, 65_282), "NO_ADVERTISE",
        new Community(65_535, 65_283), "NO_EXPORT_SUBCONFED",
        new Community(65_535, 65_284), "NOPEER");

    public AnnotationLimits {
        allowedCommunities = List.copyOf(allowedCommunities);
        requireNonNull(localPrefRange);
    }

    /**
     * An inclusive range of standard communities, compared as their 32-bit values; a single community is a range
     * of one.
     */
    public record CommunityRange(Community low, Community high) {
        public CommunityRange {
            requireNonNull(low);
            requireNonNull(high);
            if (low.compareTo(high) > 0) {
                throw new IllegalArgumentException("range " + low + "-" + high + " is empty: low is above high");
            }
        }

        /**
         * Parse {@code asn:value} or {@code asn:value-asn:value}.
         *
         * @throws IllegalArgumentException when it is neither
         */
        static CommunityRange parse(final String text) {
            final int dash = text.indexOf('-');
            if (dash < 0) {
                final Community single = Community.parse(text);
                return new CommunityRange(single, single);
            }
            return new CommunityRange(Community.parse(text.substring(0, dash)),
                Community.parse(text.substring(dash + 1)));
        }

        boolean isSingle() {
            return low.equals(high);
        }

        boolean contains(final Community community) {
            return low.compareTo(community) <= 0 && community.compareTo(high) <= 0;
        }

        @Override
        public String toString() {
            return isSingle() ? low.toString() : low + "-" + high;
        }
    }

    /**
     * An inclusive range of unsigned 32-bit numbers.
     */
    public record LongRange(long low, long high) {
        public LongRange {
            if (low < 0 || high > Unsigned32.MAX || low > high) {
                throw new IllegalArgumentException("not a range within 0..4294967295: " + low + "-" + high);
            }
        }

        /**
         * Parse {@code low-high} or a single number.
         *
         * @throws IllegalArgumentException when it is neither
         */
        static LongRange parse(final String text) {
            final int dash = text.indexOf('-');
            final String lowText = (dash < 0 ? text : text.substring(0, dash)).trim();
            final String highText = (dash < 0 ? text : text.substring(dash + 1)).trim();
            final OptionalLong low = Unsigned32.parse(lowText);
            final OptionalLong high = Unsigned32.parse(highText);
            if (low.isEmpty() || high.isEmpty()) {
                throw new IllegalArgumentException("expected low-high of integers 0..4294967295: '" + text + "'");
            }
            return new LongRange(low.getAsLong(), high.getAsLong());
        }

        boolean contains(final long value) {
            return low <= value && value <= high;
        }

        @Override
        public String toString() {
            return low + "-" + high;
        }
    }

    /**
     * Read both keys from a configuration map.
     *
     * @throws ConfigException naming the key and value that do not parse
     */
    static AnnotationLimits parse(final Map<String, String> config) {
        final String communitiesText = value(config, ALLOWED_COMMUNITIES);
        final List<CommunityRange> communities = new ArrayList<>();
        try {
            for (String item : CommaSeparated.items(communitiesText)) {
                communities.add(CommunityRange.parse(item));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ALLOWED_COMMUNITIES, communitiesText, e.getMessage(), e);
        }
        final String rangeText = value(config, LOCAL_PREF_RANGE);
        Optional<LongRange> range = Optional.empty();
        if (!rangeText.isEmpty()) {
            try {
                range = Optional.of(LongRange.parse(rangeText));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(LOCAL_PREF_RANGE, rangeText, e.getMessage(), e);
            }
        }
        return new AnnotationLimits(communities, range);
    }

    /**
     * Why an annotation may not add this community; empty when it may.
     */
    Optional<String> refusalOf(final Community community) {
        final boolean reserved = community.asNumber() == RESERVED_HIGH_ASN || community.asNumber() == RESERVED_LOW_ASN;
        for (CommunityRange allowed : allowedCommunities) {
            if (reserved ? allowed.isSingle() && allowed.low().equals(community) : allowed.contains(community)) {
                return Optional.empty();
            }
        }
        if (reserved) {
            final String name = WELL_KNOWN_NAMES.get(community);
            return Optional.of(community + (name == null ? " is in a reserved block (RFC 1997)" : " is " + name
                + ", a well-known community") + " and is honoured only when listed by itself in "
                + ALLOWED_COMMUNITIES + " " + allowedCommunities);
        }
        return Optional.of(community + " is outside " + ALLOWED_COMMUNITIES + " " + allowedCommunities
            + (allowedCommunities.isEmpty() ? " (empty: no community annotation is honoured)" : ""));
    }

    /**
     * Why an annotation may not set this LOCAL_PREF; empty when it may.
     */
    Optional<String> refusalOfLocalPref(final long localPref) {
        if (localPrefRange.isEmpty()) {
            return Optional.of(LOCAL_PREF_RANGE + " is unset: no local-pref annotation is honoured");
        }
        final LongRange range = localPrefRange.orElseThrow();
        return range.contains(localPref) ? Optional.empty()
            : Optional.of(localPref + " is outside " + LOCAL_PREF_RANGE + " " + range);
    }

    private static String value(final Map<String, String> config, final String key) {
        final String value = config.get(key);
        return value == null ? "" : value.trim();
    }
}
