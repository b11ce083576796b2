/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import io.kubeanycast.bgppolicy.core.Community;
import io.kubeanycast.bgppolicy.core.PathAttributes;
import java.util.stream.Collectors;

/**
 * Small text helpers shared by the formatters. Stateless.
 */
final class Texts {
    static final String NONE = "-";

    private Texts() {
        // utility class
    }

    static String communities(final PathAttributes attributes) {
        return attributes.communities().isEmpty() ? NONE
            : attributes.communities().stream().map(Community::toString).collect(Collectors.joining(","));
    }

    static String med(final PathAttributes attributes) {
        return attributes.med().isPresent() ? Long.toString(attributes.med().getAsLong()) : NONE;
    }
}
