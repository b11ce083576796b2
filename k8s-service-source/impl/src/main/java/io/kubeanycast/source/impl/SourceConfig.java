/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code k8s.*} keys of etc/io.kubeanycast.cfg, parsed and validated. Immutable.
 *
 * @param mode how to find and authenticate to the API server
 * @param kubeconfig {@code k8s.kubeconfig}, for mode kubeconfig
 * @param url {@code k8s.url}, for mode url
 * @param tokenFile {@code k8s.token-file}, for mode url (re-read when it changes, like projected tokens)
 * @param caFile {@code k8s.ca-file}, for mode url
 * @param insecureSkipTlsVerify {@code k8s.insecure-skip-tls-verify}, default false
 * @param debounce {@code k8s.debounce-ms}: how long a burst of events is collected into one snapshot, default 10
 * @param watchdog {@code k8s.watchdog-seconds}: a watch silent for this long is restarted, default 300
 * @param resync {@code k8s.resync-seconds}: informer resync period, default 0 (none)
 * @param maxRetryDelay {@code k8s.retry-max-seconds}: cap of the reconnect backoff, default 30
 */
public record SourceConfig(
        Mode mode,
        Optional<String> kubeconfig,
        Optional<String> url,
        Optional<String> tokenFile,
        Optional<String> caFile,
        boolean insecureSkipTlsVerify,
        Duration debounce,
        Duration watchdog,
        Duration resync,
        Duration maxRetryDelay) {

    public static final String MODE = "k8s.mode";
    public static final String KUBECONFIG = "k8s.kubeconfig";
    public static final String URL = "k8s.url";
    public static final String TOKEN_FILE = "k8s.token-file";
    public static final String CA_FILE = "k8s.ca-file";
    public static final String INSECURE = "k8s.insecure-skip-tls-verify";
    public static final String DEBOUNCE_MS = "k8s.debounce-ms";
    public static final String WATCHDOG_SECONDS = "k8s.watchdog-seconds";
    public static final String RESYNC_SECONDS = "k8s.resync-seconds";
    public static final String RETRY_MAX_SECONDS = "k8s.retry-max-seconds";

    /**
     * Where the API server and its credentials come from.
     */
    public enum Mode {
        /** Service account token and CA from the standard mount, KUBERNETES_SERVICE_HOST/PORT. */
        IN_CLUSTER,
        /** A kubeconfig file. */
        KUBECONFIG,
        /** An explicit URL, optional token file and CA file. */
        URL
    }

    /**
     * Parse the configuration.
     *
     * @throws IllegalArgumentException naming the key whose value cannot be parsed or is missing
     */
    public static SourceConfig parse(final Map<String, String> config) {
        final Mode mode = switch (get(config, MODE).orElse("in-cluster").toLowerCase(Locale.ROOT)) {
            case "in-cluster" -> Mode.IN_CLUSTER;
            case "kubeconfig" -> Mode.KUBECONFIG;
            case "url" -> Mode.URL;
            default -> throw new IllegalArgumentException(MODE + " must be in-cluster, kubeconfig or url, not \""
                + config.get(MODE) + "\"");
        };
        final Optional<String> kubeconfig = get(config, KUBECONFIG);
        final Optional<String> url = get(config, URL);
        if (mode == Mode.KUBECONFIG && kubeconfig.isEmpty()) {
            throw new IllegalArgumentException(KUBECONFIG + " is required when " + MODE + " = kubeconfig");
        }
        if (mode == Mode.URL) {
            final String value = url.orElseThrow(() -> new IllegalArgumentException(URL + " is required when "
                + MODE + " = url"));
            if (!value.startsWith("https://") && !value.startsWith("http://")) {
                throw new IllegalArgumentException(URL + " must be an http:// or https:// URL, not \"" + value + "\"");
            }
        }
        return new SourceConfig(mode, kubeconfig, url, get(config, TOKEN_FILE), get(config, CA_FILE),
            bool(config, INSECURE, false),
            Duration.ofMillis(number(config, DEBOUNCE_MS, 10, 0)),
            Duration.ofSeconds(number(config, WATCHDOG_SECONDS, 300, 1)),
            Duration.ofSeconds(number(config, RESYNC_SECONDS, 0, 0)),
            Duration.ofSeconds(number(config, RETRY_MAX_SECONDS, 30, 1)));
    }

    private static Optional<String> get(final Map<String, String> config, final String key) {
        final String value = config.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static boolean bool(final Map<String, String> config, final String key, final boolean defaultValue) {
        final Optional<String> value = get(config, key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.orElseThrow().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not \"" + value.orElseThrow()
                + "\"");
        };
    }

    private static long number(final Map<String, String> config, final String key, final long defaultValue,
            final long min) {
        final Optional<String> value = get(config, key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        final long parsed;
        try {
            parsed = Long.parseLong(value.orElseThrow());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not \"" + value.orElseThrow() + "\"",
                e);
        }
        if (parsed < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", not " + parsed);
        }
        return parsed;
    }
}
