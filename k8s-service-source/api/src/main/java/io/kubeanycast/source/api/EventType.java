/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.api;

/**
 * The type of a Kubernetes Event: {@code Normal} for what operators expect to happen, {@code Warning} for
 * something they should look at.
 */
public enum EventType {
    NORMAL("Normal"),
    WARNING("Warning");

    private final String apiValue;

    EventType(final String apiValue) {
        this.apiValue = apiValue;
    }

    /**
     * The value of the Event's {@code type} field.
     */
    public String apiValue() {
        return apiValue;
    }
}
