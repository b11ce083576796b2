/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.fakeapi;

import java.util.Arrays;
import java.util.Optional;

/**
 * The resource kinds the fake API server serves, with their REST coordinates. Immutable.
 */
public enum ResourceType {
    SERVICES("", "v1", "services", "Service", true, true),
    NODES("", "v1", "nodes", "Node", false, true),
    ENDPOINT_SLICES("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true, false),
    CORE_EVENTS("", "v1", "events", "Event", true, false),
    EVENTS("events.k8s.io", "v1", "events", "Event", true, false);

    private final String group;
    private final String version;
    private final String plural;
    private final String kind;
    private final boolean namespaced;
    private final boolean hasStatus;

    ResourceType(final String group, final String version, final String plural, final String kind,
            final boolean namespaced, final boolean hasStatus) {
        this.group = group;
        this.version = version;
        this.plural = plural;
        this.kind = kind;
        this.namespaced = namespaced;
        this.hasStatus = hasStatus;
    }

    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    public String plural() {
        return plural;
    }

    public String kind() {
        return kind;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /**
     * Whether the resource has a {@code /status} subresource: then writes to the main resource keep the stored
     * status and writes to {@code /status} keep the stored spec, as the real API server does.
     */
    public boolean hasStatusSubresource() {
        return hasStatus;
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public static Optional<ResourceType> find(final String group, final String version, final String plural) {
        return Arrays.stream(values())
            .filter(type -> type.group.equals(group) && type.version.equals(version) && type.plural.equals(plural))
            .findFirst();
    }

    public static Optional<ResourceType> forKind(final String apiVersion, final String kind) {
        return Arrays.stream(values())
            .filter(type -> type.apiVersion().equals(apiVersion) && type.kind.equals(kind))
            .findFirst();
    }
}
