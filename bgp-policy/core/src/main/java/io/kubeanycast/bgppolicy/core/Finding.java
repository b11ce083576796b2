/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.source.model.ServiceId;

/**
 * Something in the cluster that route computation could not use as given, for logs, {@code anycast:explain}
 * and Kubernetes Events: a malformed annotation, a node address that does not parse, a VIP that is malformed or
 * outside the allowed CIDRs (the hijack guard), two Services asking for the same path with different attributes,
 * an aggregate that could not be used. Immutable.
 *
 * @param subject what the finding is about: a Service ({@code namespace/name}), a node or a prefix
 * @param subjectKind the kind of subject
 * @param item the annotation, address or prefix concerned
 * @param reason what is wrong and what was done instead
 */
public record Finding(SubjectKind subjectKind, String subject, String item, String reason) {

    /**
     * What a finding's subject names.
     */
    public enum SubjectKind {
        SERVICE,
        NODE,
        PREFIX
    }

    public Finding {
        requireNonNull(subjectKind);
        requireNonNull(subject);
        requireNonNull(item);
        requireNonNull(reason);
    }

    static Finding service(final ServiceId service, final String item, final String reason) {
        return new Finding(SubjectKind.SERVICE, service.toString(), item, reason);
    }

    static Finding node(final String node, final String item, final String reason) {
        return new Finding(SubjectKind.NODE, node, item, reason);
    }

    static Finding prefix(final String prefix, final String item, final String reason) {
        return new Finding(SubjectKind.PREFIX, prefix, item, reason);
    }

    @Override
    public String toString() {
        return subjectKind.name().toLowerCase(java.util.Locale.ROOT) + " " + subject + ": " + item + ": " + reason;
    }
}
