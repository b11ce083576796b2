/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

import io.kubeanycast.bgppolicy.core.IpAddress;
import io.kubeanycast.source.model.IpFamily;
import java.util.Map;

/**
 * Typed reads of etc/io.kubeanycast.cfg values. Every failure is an {@link IllegalArgumentException} whose
 * message starts with the key and the offending value, so one log line tells the operator what to fix.
 */
final class ConfigKeys {
    private ConfigKeys() {
        // utility class
    }

    static String string(final Map<String, String> config, final String key, final String defaultValue) {
        final String value = config.get(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    static String required(final Map<String, String> config, final String key) {
        final String value = string(config, key, null);
        if (value == null) {
            throw invalid(key, "", "a value is required");
        }
        return value;
    }

    static long number(final Map<String, String> config, final String key, final long defaultValue,
            final long min, final long max) {
        final String value = string(config, key, null);
        if (value == null) {
            return defaultValue;
        }
        return number(key, value, min, max);
    }

    static long number(final String key, final String value, final long min, final long max) {
        final long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message(key, value, "not a number"), e);
        }
        if (parsed < min || parsed > max) {
            throw invalid(key, value, "must be within " + min + ".." + max);
        }
        return parsed;
    }

    /**
     * An IP address literal (never a host name: nothing is resolved), parsed by the core's {@link IpAddress} so
     * that configured addresses have the same canonical text as every other address kube-anycast handles.
     */
    static IpAddress ipAddress(final String key, final String value) {
        final IpAddress address = IpAddress.tryParse(value).orElse(null);
        if (address == null) {
            throw invalid(key, value, "not an IP address");
        }
        return address;
    }

    static String ipv4Address(final Map<String, String> config, final String key, final String defaultValue) {
        final String value = string(config, key, defaultValue);
        final IpAddress address = ipAddress(key, value);
        if (address.family() != IpFamily.IPV4) {
            throw invalid(key, value, "must be an IPv4 address");
        }
        return address.toString();
    }

    static IllegalArgumentException invalid(final String key, final String value, final String why) {
        return new IllegalArgumentException(message(key, value, why));
    }

    private static String message(final String key, final String value, final String why) {
        return key + " = '" + value + "': " + why;
    }
}
