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
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Parses the per-namespace allow-lists {@code announce.external-cidrs.<namespace>}: comma-separated prefixes, or
 * {@code none} for nothing. A namespace with a list may announce an external or LoadBalancer IP only when it lies
 * in that list and in {@code announce.external-cidrs}; a namespace without one only needs the global list.
 * Stateless.
 */
final class NamespaceAllowLists {
    /** The key prefix; the rest of the key is the namespace. */
    static final String KEY_PREFIX = Policy.EXTERNAL_CIDRS + ".";

    private static final String NONE = "none";
    /** A namespace name is an RFC 1123 label; anything else after the prefix is a typo. */
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private NamespaceAllowLists() {
        // utility class
    }

    static boolean isKey(final String key) {
        return key.startsWith(KEY_PREFIX);
    }

    /**
     * Namespace to its allow-list (empty for {@code none}); keys with an empty value are left out (the default).
     *
     * @throws ConfigException naming a key whose namespace or value is invalid
     */
    static SortedMap<String, List<IpPrefix>> parse(final Map<String, String> config) {
        final SortedMap<String, List<IpPrefix>> result = new TreeMap<>();
        // sorted, so that with several bad keys the one reported does not depend on the map's order
        for (Map.Entry<String, String> entry : new TreeMap<>(config).entrySet()) {
            final String key = entry.getKey();
            if (!isKey(key)) {
                continue;
            }
            final String namespace = key.substring(KEY_PREFIX.length());
            final String value = entry.getValue() == null ? "" : entry.getValue().trim();
            if (!NAMESPACE.matcher(namespace).matches()) {
                throw new ConfigException(key, value, "'" + namespace + "' is not a namespace name");
            }
            if (value.isEmpty()) {
                continue;
            }
            if (NONE.equals(value.toLowerCase(Locale.ROOT))) {
                result.put(namespace, List.of());
                continue;
            }
            final List<IpPrefix> prefixes = new ArrayList<>();
            try {
                for (String item : CommaSeparated.items(value)) {
                    prefixes.add(IpPrefix.parse(item));
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, value, e.getMessage(), e);
            }
            result.put(namespace, List.copyOf(prefixes));
        }
        return result;
    }
}
