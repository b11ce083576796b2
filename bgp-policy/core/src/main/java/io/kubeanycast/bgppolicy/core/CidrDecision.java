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
 * Where one configured service cluster CIDR ({@code announce.cluster-cidrs}) is announced from. Immutable.
 *
 * @param prefix the canonical prefix
 * @param nodes the nodes announcing it and why the others do not
 */
public record CidrDecision(String prefix, NodeSelection nodes) {
    public CidrDecision {
        requireNonNull(prefix);
        requireNonNull(nodes);
    }
}
