/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Splitting of comma-separated values, shared by config keys and annotations so both accept exactly the same
 * spelling. Stateless.
 */
final class CommaSeparated {
    private CommaSeparated() {
        // utility class
    }

    /**
     * The trimmed items of a list; none for a blank text.
     *
     * @throws IllegalArgumentException on an empty item ({@code a,,b} or a trailing comma): likely a typo, so
     *     refused rather than guessed at
     */
    static List<String> items(final String text) {
        if (text.isBlank()) {
            return List.of();
        }
        final List<String> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            final String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("empty list item in '" + text + "'");
            }
            items.add(trimmed);
        }
        return items;
    }
}
