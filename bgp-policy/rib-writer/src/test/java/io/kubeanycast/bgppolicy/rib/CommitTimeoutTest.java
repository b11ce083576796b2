/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 10: a commit that times out may land later. The writer must not re-read the RIB before it settled,
 * or the next diff misses its writes and never deletes them.
 */
class CommitTimeoutTest extends RibTestSupport {
    // one try per change set, commits given up after 200 ms: the held commit times out quickly
    private static final RibWriterSettings SETTINGS = new RibWriterSettings(10_000, 1, Duration.ZERO, Duration.ZERO,
        Duration.ofMillis(200));

    private LateCommitDataBroker broker;
    private DefaultRibWriter writer;

    @AfterEach
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void reReadAfterATimedOutCommitWaitsForItSoALaterDiffStillDeletesItsPaths() throws Exception {
        broker = new LateCommitDataBroker(getDataBroker());
        writer = new DefaultRibWriter(broker, RIB_ID, SETTINGS);
        writer.start().get(10, TimeUnit.SECONDS);
        writer.apply(Set.of(path(vip(1), NODE_A))).get(10, TimeUnit.SECONDS);

        broker.hold = true;
        final ExecutionException timedOut = assertThrows(ExecutionException.class,
            () -> writer.apply(Set.of(path(vip(1), NODE_A), path(vip(2), NODE_A))).get(10, TimeUnit.SECONDS));
        assertTrue(timedOut.getCause() instanceof RibWriteException, timedOut.toString());
        assertEquals(1, broker.heldCommits(), "the put of vip 2 is still in flight");
        assertEquals(Set.of(vip(1) + "#1"), ipv4Routes().keySet());

        // the late commit lands while the next change set runs: before its read (wrong) or before it waits (right)
        broker.hold = false;
        broker.armed = true;
        writer.apply(Set.of(path(vip(1), NODE_A))).get(10, TimeUnit.SECONDS);
        assertEquals(0, broker.heldCommits());
        assertEquals(Set.of(vip(1) + "#1"), ipv4Routes().keySet(), "vip 2 deleted after its late commit landed");
    }

    @Test
    void worstCaseCoversEveryTryOfAChangeSet() {
        // per try: settle, read and commit timeouts; backoffs 0.1 + 0.2 + 0.4 + 0.8 s between the 5 tries
        assertEquals(Duration.ofSeconds(5 * 3 * 60).plusMillis(1_500), RibWriterSettings.DEFAULT.worstCase());
        assertEquals(Duration.ofMillis(600), SETTINGS.worstCase());
    }
}
