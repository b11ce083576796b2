/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeanycast.bgppolicy.core.Policy;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every key the route policy and the BGP speaker read is listed in the shipped default configuration
 * ({@code src/main/config/default.cfg}), active or as a commented {@code # key = example} line: the container
 * image takes its known keys from that file and refuses a KUBE_ANYCAST_CFG_* variable for any other key.
 */
class DefaultConfigKeysTest {
    private static final Path DEFAULTS = Path.of("src", "main", "config", "default.cfg");
    private static final List<String> NEIGHBOR_KEYS = List.of("address", "as", "port", "hold-time", "connect-retry");

    @Test
    void everyKeyReadIsListedInTheDefaultFile() throws IOException {
        final String defaults = Files.readString(DEFAULTS, StandardCharsets.UTF_8);
        final Set<String> read = new TreeSet<>(Policy.KEYS);
        for (Field field : SpeakerConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                final String key = (String) readField(field);
                if (key.startsWith("bgp.") && !key.endsWith(".")) {
                    read.add(key);
                }
            }
        }
        NEIGHBOR_KEYS.forEach(suffix -> read.add(SpeakerConfig.NEIGHBOR_PREFIX + "<name>." + suffix));
        final Set<String> missing = new TreeSet<>();
        for (String key : read) {
            final String quoted = Pattern.quote(key);
            if (!Pattern.compile("(?m)^(#\\s*)?" + quoted + "\\s*=|^#\\s+" + quoted + "\\s").matcher(defaults)
                    .find()) {
                missing.add(key);
            }
        }
        assertEquals(Set.of(), missing, "keys read but not listed in " + DEFAULTS);
    }

    private static Object readField(final Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
