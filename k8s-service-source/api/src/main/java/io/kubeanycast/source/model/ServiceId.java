/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
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
