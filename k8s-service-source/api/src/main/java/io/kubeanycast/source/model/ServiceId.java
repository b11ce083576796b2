/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * Namespace and name of a Kubernetes Service; printed as {@code namespace/name}.
 */
public record ServiceId(String namespace, String name) implements Comparable<ServiceId> {
    private static final Comparator<ServiceId> ORDER =
        Comparator.comparing(ServiceId::namespace).thenComparing(ServiceId::name);

    public ServiceId {
        requireNonNull(namespace);
        requireNonNull(name);
    }

    @Override
    public int compareTo(final ServiceId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
