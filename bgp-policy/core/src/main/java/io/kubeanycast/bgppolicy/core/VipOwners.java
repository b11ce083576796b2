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
import io.kubeanycast.source.model.ServiceInfo;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who owns each external or load-balancer IP: one address belongs to one Service, so a tenant who writes another
 * tenant's address into {@code spec.externalIPs} (the CVE-2020-8554 class) cannot pull part of its traffic. The
 * oldest claim wins: the Service with the earliest {@code metadata.creationTimestamp}, ties (the API server's
 * timestamps have one-second resolution) broken by namespace, then name; a Service whose creation time is unknown
 * comes after every Service whose is known. Only admissible claims count (the caller decides: kind switched on,
 * inside the allow-lists), so an address a namespace may not use cannot block the one that may.
 *
 * <p>Derived from one snapshot only, so computing twice gives the same owners, whatever order the claims come in.
 * Built and read by one computation on one thread; not thread-safe.
 */
final class VipOwners {
    /**
     * A Service claiming an address.
     */
    record Claim(ServiceId service, Optional<Instant> created) {
        Claim {
            requireNonNull(service);
            requireNonNull(created);
        }

        @Override
        public String toString() {
            return service + created.map(time -> " (created " + time + ")").orElse(" (creation time unknown)");
        }
    }

    private static final Comparator<Claim> OLDEST_FIRST = Comparator
        .comparing((Claim claim) -> claim.created().isEmpty())
        .thenComparing(claim -> claim.created().orElse(Instant.EPOCH))
        .thenComparing(Claim::service);

    private final Map<IpAddress, Claim> owners = new HashMap<>();

    /**
     * Record that a Service claims an address; the older of it and the current owner stays the owner.
     */
    void claim(final IpAddress address, final ServiceInfo service) {
        final Claim claim = new Claim(service.id(), service.creationTimestamp());
        owners.merge(address, claim, (current, candidate) ->
            OLDEST_FIRST.compare(candidate, current) < 0 ? candidate : current);
    }

    /**
     * The owner of an address, when it is another Service than the one asking.
     */
    Optional<Claim> otherOwner(final IpAddress address, final ServiceId asking) {
        final Claim owner = owners.get(address);
        return owner == null || owner.service().equals(asking) ? Optional.empty() : Optional.of(owner);
    }
}
