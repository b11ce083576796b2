/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import io.kubeanycast.source.model.ServiceId;
import java.util.Optional;

/**
 * Argument parsing and messages shared by the commands. Stateless.
 */
final class CommandTexts {
    static final String NO_COMPUTATION = "No routes computed yet: kube-anycast waits for a valid configuration and"
        + " for the Kubernetes source to sync (see anycast:status).\n";

    private CommandTexts() {
        // utility class
    }

    /**
     * Parses {@code namespace/name}; empty when the text is not of that form.
     */
    static Optional<ServiceId> serviceId(final String text) {
        final String trimmed = text.trim();
        final int slash = trimmed.indexOf('/');
        if (slash <= 0 || slash == trimmed.length() - 1 || trimmed.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new ServiceId(trimmed.substring(0, slash), trimmed.substring(slash + 1)));
    }

    static String badServiceId(final String text) {
        return "Not a Service name: '" + text + "'; use namespace/name, for example demo/web-local.\n";
    }
}
