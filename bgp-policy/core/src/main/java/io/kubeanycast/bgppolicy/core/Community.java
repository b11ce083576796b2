/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

/**
 * A standard BGP community (RFC 1997), written {@code asn:value}.
 */
public record Community(int asNumber, int value) implements Comparable<Community> {
    private static final int MAX = 65_535;

    public Community {
        if (asNumber < 0 || asNumber > MAX || value < 0 || value > MAX) {
            throw new IllegalArgumentException("community parts must be 0..65535: " + asNumber + ":" + value);
        }
    }

    /**
     * Parse {@code asn:value}, each part ASCII decimal digits (no sign: Integer.parseInt alone would also take
     * {@code +1} and non-ASCII digits, which the documented syntax does not allow).
     *
     * @throws IllegalArgumentException when the text is not two 16-bit numbers separated by a colon
     */
    public static Community parse(final String text) {
        final String trimmed = text.trim();
        final int colon = trimmed.indexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1 || trimmed.indexOf(':', colon + 1) >= 0
                || !isDecimal(trimmed.substring(0, colon)) || !isDecimal(trimmed.substring(colon + 1))) {
            throw new IllegalArgumentException("not a community (asn:value): '" + text + "'");
        }
        try {
            return new Community(Integer.parseInt(trimmed.substring(0, colon)),
                Integer.parseInt(trimmed.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a community (asn:value): '" + text + "'", e);
        }
    }

    private static boolean isDecimal(final String part) {
        return part.length() <= 5 && part.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    @Override
    public int compareTo(final Community other) {
        return asNumber != other.asNumber ? Integer.compare(asNumber, other.asNumber)
            : Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return asNumber + ":" + value;
    }
}
