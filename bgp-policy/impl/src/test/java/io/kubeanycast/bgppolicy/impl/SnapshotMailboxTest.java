/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.model.ClusterState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotMailboxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Worker worker = new Worker("mailbox-test");
    private final List<ClusterState> consumed = new CopyOnWriteArrayList<>();
    private final SnapshotMailbox mailbox = new SnapshotMailbox(worker, consumed::add);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        worker.close(() -> { }, WAIT);
    }

    /**
     * Issue 11 item 7: while the worker is busy, 10,000 snapshots cost one queued task and one pending snapshot.
     */
    @Test
    void latestSnapshotWinsWhileTheWorkerIsBusy() throws Exception {
        mailbox.acceptFrom(1);
        blockWorker();
        for (int i = 1; i <= 10_000; i++) {
            mailbox.offer(1, PipelineTestSupport.nodes(1 + i % 100));
            assertTrue(worker.queuedTasks() <= 1, "queued tasks");
        }
        assertEquals(1, mailbox.queuedHandOvers());
        release.countDown();
        awaitIdle();
        assertEquals(List.of(PipelineTestSupport.nodes(1)), consumed);
        assertEquals(9_999, mailbox.replacedSnapshots());
        assertEquals(0, mailbox.queuedHandOvers());
    }

    /**
     * Issue 11 item 9: once generation 2 is live, generation 1's snapshots are dropped, pending or late.
     */
    @Test
    void snapshotsOfAnOlderGenerationAreDropped() throws Exception {
        mailbox.acceptFrom(1);
        blockWorker();
        mailbox.offer(2, PipelineTestSupport.nodes(2));
        // the old source's snapshot arrives after the new one's but before the switch
        mailbox.offer(1, PipelineTestSupport.nodes(1));
        mailbox.acceptFrom(2);
        mailbox.offer(1, PipelineTestSupport.nodes(3));
        release.countDown();
        awaitIdle();
        assertEquals(List.of(PipelineTestSupport.nodes(2)), consumed);
        assertEquals(2, mailbox.staleSnapshots());
    }

    @Test
    void snapshotOfASourceThatNeverWentLiveIsDropped() throws Exception {
        mailbox.acceptFrom(1);
        mailbox.offer(2, PipelineTestSupport.nodes(2));
        awaitIdle();
        assertEquals(List.of(), consumed);
        mailbox.offer(1, PipelineTestSupport.nodes(1));
        awaitIdle();
        assertEquals(List.of(PipelineTestSupport.nodes(1)), consumed);
    }

    private void blockWorker() throws InterruptedException {
        final CountDownLatch blocked = new CountDownLatch(1);
        worker.execute(() -> {
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(blocked.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void awaitIdle() throws InterruptedException {
        final CountDownLatch done = new CountDownLatch(1);
        worker.execute(done::countDown);
        assertTrue(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }
}
