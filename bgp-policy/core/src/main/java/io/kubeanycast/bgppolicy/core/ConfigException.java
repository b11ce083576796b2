/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static java.util.Objects.requireNonNull;

/**
 * A configuration value that cannot be used. The message names the key and the value, so one log line is enough
 * for an operator to find and fix it.
 */
public class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    public ConfigException(final String key, final String value, final String reason) {
        super(key + " = '" + value + "': " + reason);
        this.key = requireNonNull(key);
        this.value = requireNonNull(value);
    }

    public ConfigException(final String key, final String value, final String reason, final Throwable cause) {
        this(key, value, reason);
        initCause(cause);
    }

    /**
     * The offending configuration key.
     */
    public String key() {
        return key;
    }

    /**
     * The offending value, as configured.
     */
    public String value() {
        return value;
    }
}
