/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SourceConfigTest {
    @Test
    void defaults() {
        final SourceConfig config = SourceConfig.parse(Map.of("bgp.something", "else"));
        assertEquals(SourceConfig.Mode.IN_CLUSTER, config.mode());
        assertFalse(config.insecureSkipTlsVerify());
        assertEquals(Duration.ofMillis(10), config.debounce());
        assertEquals(Duration.ofSeconds(300), config.watchdog());
        assertEquals(Duration.ZERO, config.resync());
    }

    @Test
    void urlMode() {
        final SourceConfig config = SourceConfig.parse(Map.of("k8s.mode", "url", "k8s.url", "http://127.0.0.1:6443",
            "k8s.debounce-ms", "25", "k8s.watchdog-seconds", "2", "k8s.insecure-skip-tls-verify", "true"));
        assertEquals(SourceConfig.Mode.URL, config.mode());
        assertEquals("http://127.0.0.1:6443", config.url().orElseThrow());
        assertEquals(Duration.ofMillis(25), config.debounce());
        assertEquals(Duration.ofSeconds(2), config.watchdog());
        assertTrue(config.insecureSkipTlsVerify());
    }

    @Test
    void invalidValuesNameTheKey() {
        assertKeyNamed("k8s.debounce-ms", Map.of("k8s.debounce-ms", "fast"));
        assertKeyNamed("k8s.watchdog-seconds", Map.of("k8s.watchdog-seconds", "0"));
        assertKeyNamed("k8s.resync-seconds", Map.of("k8s.resync-seconds", "-1"));
        assertKeyNamed("k8s.insecure-skip-tls-verify", Map.of("k8s.insecure-skip-tls-verify", "yes"));
        assertKeyNamed("k8s.mode", Map.of("k8s.mode", "magic"));
        assertKeyNamed("k8s.url", Map.of("k8s.mode", "url"));
        assertKeyNamed("k8s.url", Map.of("k8s.mode", "url", "k8s.url", "127.0.0.1:6443"));
        assertKeyNamed("k8s.kubeconfig", Map.of("k8s.mode", "kubeconfig"));
    }

    private static void assertKeyNamed(final String key, final Map<String, String> config) {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> SourceConfig.parse(config));
        assertTrue(error.getMessage().contains(key), error.getMessage());
    }

    @Test
    void everyKeyIsListedInTheShippedDefaultFile() throws Exception {
        // the container image takes its known keys from that file and refuses a KUBE_ANYCAST_CFG_* for any other
        final String defaults = Files.readString(Path.of("..", "..", "bgp-policy",
            "impl", "src", "main", "config", "default.cfg"), StandardCharsets.UTF_8);
        final Set<String> missing = new TreeSet<>();
        for (Field field : SourceConfig.class.getFields()) {
            if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
                final String key = (String) field.get(null);
                if (!Pattern.compile("(?m)^(#\\s*)?" + Pattern.quote(key) + "\\s*=")
                        .matcher(defaults).find()) {
                    missing.add(key);
                }
            }
        }
        assertEquals(Set.of(), missing, "k8s.* keys read but not listed in default.cfg");
    }
}
