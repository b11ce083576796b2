/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

/**
 * What one change set did to the application RIB.
 *
 * @param added paths written that the RIB did not hold
 * @param changed paths rewritten in place (same path id) because their attributes differed
 * @param removed paths deleted, including foreign or malformed entries found by a reconcile
 * @param unchanged desired paths the RIB already held exactly; nothing was written for them
 * @param commits transactions committed for this change set (0 when nothing had to change)
 * @param attempts how many tries it took; more than 1 means failed commits were retried
 */
public record WriteStats(int added, int changed, int removed, int unchanged, int commits, int attempts) {

    /**
     * Number of route writes (puts and deletes) this change set issued.
     *
     * @return added + changed + removed
     */
    public int operations() {
        return added + changed + removed;
    }
}
