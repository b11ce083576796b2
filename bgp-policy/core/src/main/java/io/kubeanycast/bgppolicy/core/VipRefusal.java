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
 * Why a whole VIP is announced from no node at all, independent of any node. Immutable.
 *
 * @param reason the category, for machines (Event reasons, metrics)
 * @param detail a sentence for operators naming the address and the setting concerned
 */
public record VipRefusal(Reason reason, String detail) {

    /**
     * Categories of refusal.
     */
    public enum Reason {
        /** The Service is headless ({@code clusterIP: None}) or of type ExternalName. */
        NOT_ROUTED_SERVICE,
        /** The address does not parse. */
        MALFORMED_ADDRESS,
        /** The VIP's kind is switched off by configuration. */
        KIND_DISABLED,
        /** A ClusterIP of a Service whose traffic policies are both Cluster: the cluster CIDR covers it. */
        CLUSTER_TRAFFIC_POLICY,
        /** A ClusterIP outside {@code announce.cluster-cidrs}. */
        OUTSIDE_CLUSTER_CIDRS,
        /**
         * An external or load-balancer IP outside {@code announce.external-cidrs} or its namespace's
         * {@code announce.external-cidrs.<namespace>}: the hijack guard.
         */
        OUTSIDE_ALLOW_LIST,
        /** externalTrafficPolicy Cluster and no ready or serving endpoint anywhere. */
        NO_ENDPOINTS,
        /** An external or load-balancer IP that an older Service claims: one address belongs to one Service. */
        CLAIMED_BY_OTHER_SERVICE,
        /**
         * A load-balancer IP of a Service whose {@code spec.loadBalancerClass} is not ours (or that has none while
         * {@code announce.class-less-load-balancers} is false): another implementation owns it.
         */
        OTHER_LOAD_BALANCER_CLASS,
        /** A load-balancer IP with {@code ipMode: Proxy}: kube-proxy does not program it on the nodes. */
        PROXY_IP_MODE
    }

    public VipRefusal {
        requireNonNull(reason);
        requireNonNull(detail);
    }
}
