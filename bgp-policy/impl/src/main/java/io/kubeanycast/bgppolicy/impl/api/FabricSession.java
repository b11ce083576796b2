/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One configured fabric neighbor and the state of ODL's BGP session toward it.
 *
 * @param name the neighbor's name in etc/io.kubeanycast.cfg ({@code bgp.neighbor.<name>.*})
 * @param address the router's address
 * @param peerAs the router's AS
 * @param sessionState openconfig's session-state as ODL reports it (IDLE, CONNECT, ACTIVE, OPENSENT, OPENCONFIRM,
 *        ESTABLISHED); empty when ODL reports nothing for this neighbor (not yet created, or being re-created)
 */
public record FabricSession(String name, String address, long peerAs, Optional<String> sessionState) {
    public static final String ESTABLISHED = "ESTABLISHED";

    public FabricSession {
        requireNonNull(name);
        requireNonNull(address);
        requireNonNull(sessionState);
    }

    public boolean isEstablished() {
        return sessionState.filter(ESTABLISHED::equals).isPresent();
    }
}
