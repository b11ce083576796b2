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

/**
 * An IPv4 or IPv6 prefix whose host bits are all zero, printed canonically as {@code address/length}.
 * Immutable and thread-safe.
 *
 * @param network the network address (host bits zero)
 * @param length the prefix length, 0..32 or 0..128
 */
public record IpPrefix(IpAddress network, int length) {

    public IpPrefix {
        requireNonNull(network);
        if (length < 0 || length > network.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for " + network.family());
        }
        if (!network.masked(length).equals(network)) {
            throw new IllegalArgumentException("host bits set in " + network + "/" + length);
        }
    }

    /**
     * Parse {@code address/length}. The address must be the network address: {@code 10.96.0.1/12} is refused
     * rather than silently widened, because in an allow-list such a typo would change what may be announced.
     *
     * @throws IllegalArgumentException with a reason when the text is not a prefix
     */
    public static IpPrefix parse(final String text) {
        final int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' has no prefix length (address/length)");
        }
        final IpAddress address = IpAddress.parse(text.substring(0, slash));
        final String lengthText = text.substring(slash + 1);
        if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        final int length = Integer.parseInt(lengthText);
        if (length > address.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " too long in '" + text + "'");
        }
        final IpAddress network = address.masked(length);
        if (!network.equals(address)) {
            throw new IllegalArgumentException("host bits set in '" + text + "' (the network is " + network + "/"
                + length + ")");
        }
        return new IpPrefix(network, length);
    }

    /**
     * The host route of an address: /32 or /128.
     */
    public static IpPrefix hostRoute(final IpAddress address) {
        return new IpPrefix(address, address.bits());
    }

    /**
     * The prefix of the given length that covers an address.
     */
    public static IpPrefix covering(final IpAddress address, final int length) {
        return new IpPrefix(address.masked(length), length);
    }

    public IpFamily family() {
        return network.family();
    }

    /**
     * Whether the address lies inside this prefix.
     */
    public boolean contains(final IpAddress address) {
        return address.family() == family() && address.masked(length).equals(network);
    }

    /**
     * Whether every address of the other prefix lies inside this one.
     */
    public boolean contains(final IpPrefix other) {
        return other.length >= length && contains(other.network);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
