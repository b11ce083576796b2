/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import java.util.OptionalLong;

/**
 * Strict parsing of BGP's unsigned 32-bit numbers (LOCAL_PREF, MED): decimal digits only, no sign, no spaces.
 * Stateless.
 */
final class Unsigned32 {
    static final long MAX = 0xFFFF_FFFFL;

    private Unsigned32() {
        // utility class
    }

    /**
     * The value of a decimal 0..4294967295, or empty when the text is anything else.
     */
    static OptionalLong parse(final String text) {
        // Ten digits at most keeps Long.parseLong from overflowing; "+1" and "-0" are refused on purpose.
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return OptionalLong.empty();
        }
        final long value = Long.parseLong(text);
        return value > MAX ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
