/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.api;

import io.kubeanycast.source.model.ServiceId;

/**
 * Records Kubernetes Events on a Service, the way {@code kubectl describe service} shows them. Obtained from the
 * running {@link ClusterStateSource#events()}.
 *
 * <p>Threading and cost: {@link #record} may be called from any thread and never blocks nor throws; the Event is
 * written later on a thread of the implementation. Implementations may aggregate identical Events (one Event
 * with a count), rate-limit them per Service and drop them when the API server cannot keep up: Events are a
 * best-effort report, never the source of truth.
 */
@FunctionalInterface
public interface ServiceEventRecorder {
    /**
     * A recorder that drops everything, for sources that cannot write Events.
     */
    ServiceEventRecorder DISCARD = (service, type, reason, message) -> { };

    /**
     * Record an Event on a Service.
     *
     * @param service the Service the Event is about (its {@code involvedObject})
     * @param type Normal or Warning
     * @param reason a short UpperCamelCase word for machines, such as {@code Announced}
     * @param message a sentence for operators
     */
    void record(ServiceId service, EventType type, String reason, String message);
}
