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
import java.util.Optional;

/**
 * A validated IPv4 or IPv6 address held as 128 bits (IPv4 in the low 32 bits), printed canonically: IPv4 as a
 * dotted quad, IPv6 in the RFC 5952 form (lowercase, no leading zeros, the longest run of two or more zero groups
 * compressed; IPv4-mapped addresses too are printed in hex, RFC 5952 section 5 being only a recommendation).
 * Parsing accepts literals only and never resolves names, so it is safe on untrusted Service fields.
 * Immutable and thread-safe.
 *
 * @param family the address family
 * @param high the upper 64 bits (always 0 for IPv4)
 * @param low the lower 64 bits
 */
public record IpAddress(IpFamily family, long high, long low) {
    private static final int IPV6_GROUPS = 8;
    private static final long IPV4_MAX = 0xFFFF_FFFFL;

    public IpAddress {
        requireNonNull(family);
        if (family == IpFamily.IPV4 && (high != 0 || (low & ~IPV4_MAX) != 0)) {
            throw new IllegalArgumentException("IPv4 address wider than 32 bits");
        }
    }

    /**
     * Parse an IPv4 dotted quad or an IPv6 literal (with or without an embedded dotted quad).
     *
     * @param text the literal; surrounding whitespace is not accepted
     * @return the address
     * @throws IllegalArgumentException with a reason when the text is not an address literal
     */
    public static IpAddress parse(final String text) {
        requireNonNull(text);
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return new IpAddress(IpFamily.IPV4, 0, parseIpv4(text, text));
    }

    /**
     * Like {@link #parse(String)}, but empty instead of throwing.
     */
    public static Optional<IpAddress> tryParse(final String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The canonical text of an address literal ({@link #toString()}), or the text unchanged when it is not one. The
     * one canonical form kube-anycast compares and prints addresses in: VIPs, next hops, configured neighbors and
     * the neighbor addresses ODL reports. {@code ::ffff:a.b.c.d} stays IPv6 and prints in hex.
     */
    public static String canonical(final String text) {
        return tryParse(text).map(IpAddress::toString).orElse(text);
    }

    /**
     * Number of bits of this family: 32 or 128.
     */
    public int bits() {
        return bitsOf(family);
    }

    static int bitsOf(final IpFamily family) {
        return family == IpFamily.IPV4 ? 32 : 128;
    }

    /**
     * This address with every bit after the first {@code length} bits cleared.
     */
    public IpAddress masked(final int length) {
        if (length < 0 || length > bits()) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for " + family);
        }
        // Address bits are counted from the top of the family's width; IPv4 sits in the low 32 bits of 128.
        final int fromTop = family == IpFamily.IPV4 ? length + 96 : length;
        return new IpAddress(family, high & topMask(fromTop), low & topMask(fromTop - 64));
    }

    /** A long whose top {@code count} bits are set (count clamped to 0..64). */
    private static long topMask(final int count) {
        if (count <= 0) {
            return 0;
        }
        return count >= 64 ? -1L : -1L << (64 - count);
    }

    @Override
    public String toString() {
        return family == IpFamily.IPV4 ? formatIpv4(low) : formatIpv6();
    }

    private static long parseIpv4(final String text, final String whole) {
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + whole + "'");
        }
        long value = 0;
        for (String part : parts) {
            // Leading zeros are refused: some parsers read them as octal, so their meaning is ambiguous.
            if (part.isEmpty() || part.length() > 3 || part.length() > 1 && part.charAt(0) == '0'
                    || !isDecimal(part)) {
                throw new IllegalArgumentException("not an IPv4 address: '" + whole + "'");
            }
            final int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("IPv4 octet above 255 in '" + whole + "'");
            }
            value = value << 8 | octet;
        }
        return value;
    }

    private static IpAddress parseIpv6(final String text) {
        final int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new IllegalArgumentException("more than one '::' in '" + text + "'");
        }
        // An embedded dotted quad may only end the whole address: never stand before a "::".
        final int[] head = parseGroups(gap >= 0 ? text.substring(0, gap) : text, text, gap < 0);
        final int[] tail = gap >= 0 ? parseGroups(text.substring(gap + 2), text, true) : new int[0];
        final int given = head.length + tail.length;
        if (gap < 0 && given != IPV6_GROUPS || gap >= 0 && given >= IPV6_GROUPS) {
            throw new IllegalArgumentException("wrong number of groups in IPv6 address '" + text + "'");
        }
        final int[] groups = new int[IPV6_GROUPS];
        System.arraycopy(head, 0, groups, 0, head.length);
        System.arraycopy(tail, 0, groups, IPV6_GROUPS - tail.length, tail.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | groups[i];
            low = low << 16 | groups[i + 4];
        }
        return new IpAddress(IpFamily.IPV6, high, low);
    }

    /** Groups of one side of "::"; a dotted quad is allowed as the very last part and counts as two groups. */
    private static int[] parseGroups(final String side, final String whole, final boolean quadAllowed) {
        if (side.isEmpty()) {
            return new int[0];
        }
        final String[] parts = side.split(":", -1);
        final boolean endsWithQuad = parts[parts.length - 1].indexOf('.') >= 0;
        if (endsWithQuad && !quadAllowed) {
            throw new IllegalArgumentException("embedded IPv4 address not at the end of '" + whole + "'");
        }
        final int[] groups = new int[parts.length + (endsWithQuad ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            final String part = parts[i];
            if (endsWithQuad && i == parts.length - 1) {
                final long quad = parseIpv4(part, whole);
                groups[i] = (int) (quad >>> 16);
                groups[i + 1] = (int) (quad & 0xFFFF);
            } else if (part.isEmpty() || part.length() > 4 || !isHex(part)) {
                throw new IllegalArgumentException("bad group '" + part + "' in IPv6 address '" + whole + "'");
            } else {
                groups[i] = Integer.parseInt(part, 16);
            }
        }
        return groups;
    }

    private static boolean isDecimal(final String text) {
        return text.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    private static boolean isHex(final String text) {
        return text.chars().allMatch(ch -> ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F');
    }

    private static String formatIpv4(final long value) {
        return (value >>> 24 & 0xFF) + "." + (value >>> 16 & 0xFF) + "." + (value >>> 8 & 0xFF) + "." + (value & 0xFF);
    }

    private String formatIpv6() {
        final int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i) & 0xFFFF);
            groups[i + 4] = (int) (low >>> (48 - 16 * i) & 0xFFFF);
        }
        // RFC 5952 4.2: compress the longest run of at least two zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < IPV6_GROUPS; i++) {
            int end = i;
            while (end < IPV6_GROUPS && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = Math.max(i, end - 1);
        }
        final StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
