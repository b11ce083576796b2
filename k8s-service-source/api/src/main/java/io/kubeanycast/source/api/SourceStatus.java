/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.api;

import java.time.Instant;
import java.util.Optional;

/**
 * What the source can tell about its connection to the cluster, for status commands and logs.
 *
 * @param cluster a description of the API server being watched (its URL)
 * @param connected the last list or watch call reached the API server
 * @param synced all informers have synced at least once (snapshots are being published)
 * @param lastSnapshot when the last snapshot was published, if any
 * @param snapshots how many snapshots were published
 * @param lastError the last connection or credential problem, if the source is not connected
 */
public record SourceStatus(
        String cluster,
        boolean connected,
        boolean synced,
        Optional<Instant> lastSnapshot,
        long snapshots,
        Optional<String> lastError) {
}
