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
import io.kubeanycast.source.model.Vip;
import java.util.Optional;

/**
 * What route computation decided for one VIP of one Service, with every reason: the record behind
 * {@code anycast:explain} and the Kubernetes Events. Immutable.
 *
 * @param service the Service
 * @param vip the VIP as the Service gave it
 * @param prefix the canonical prefix announced for it: its /32 or /128, or the covering aggregate; empty when
 *     refused
 * @param refusal why the VIP is announced from no node at all, independent of nodes; empty when it was
 *     considered node by node (even if then no node announces it)
 * @param nodes the nodes that announce {@code prefix}, and why every other node does not; empty when refused
 * @param draining no eligible node has a ready endpoint, so the nodes with serving, terminating endpoints
 *     announce it until they stop serving (graceful drain)
 * @param attributes the path attributes, configured defaults plus valid annotations of the Service
 */
public record VipDecision(
        ServiceId service,
        Vip vip,
        Optional<String> prefix,
        Optional<VipRefusal> refusal,
        NodeSelection nodes,
        boolean draining,
        PathAttributes attributes) {

    public VipDecision {
        requireNonNull(service);
        requireNonNull(vip);
        requireNonNull(prefix);
        requireNonNull(refusal);
        requireNonNull(nodes);
        requireNonNull(attributes);
        if (refusal.isPresent() && (prefix.isPresent() || !nodes.isEmpty())) {
            throw new IllegalArgumentException("a refused VIP has no prefix and no nodes");
        }
    }

    static VipDecision refused(final ServiceId service, final Vip vip, final VipRefusal.Reason reason,
            final String detail, final PathAttributes attributes) {
        return new VipDecision(service, vip, Optional.empty(), Optional.of(new VipRefusal(reason, detail)),
            NodeSelection.NONE, false, attributes);
    }

    /**
     * Whether at least one node announces this VIP.
     */
    public boolean isAnnounced() {
        return !nodes.isEmpty();
    }
}
