/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.source.api.EventType;
import io.kubeanycast.source.model.ServiceId;

/**
 * A Kubernetes Event to record on a Service. Immutable.
 *
 * @param service the Service
 * @param type Normal or Warning
 * @param reason {@link ServiceEvents#ANNOUNCED}, {@link ServiceEvents#WITHDRAWN}, {@link ServiceEvents#REFUSED},
 *     {@link ServiceEvents#INVALID_ANNOTATION}, {@link ServiceEvents#NODE_LOSS_GUARD} or
 *     {@link ServiceEvents#NODE_LOSS_GUARD_RELEASED}
 * @param message a sentence for operators
 */
public record ServiceEvent(ServiceId service, EventType type, String reason, String message) {
    public ServiceEvent {
        requireNonNull(service);
        requireNonNull(type);
        requireNonNull(reason);
        requireNonNull(message);
    }
}
