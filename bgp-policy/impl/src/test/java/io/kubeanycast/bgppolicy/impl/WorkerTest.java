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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Worker worker = new Worker("worker-test");
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void tasksRunInSubmissionOrderAndAThrowingTaskDoesNotStopTheThread() throws Exception {
        worker.execute(() -> ran.add("a"));
        worker.execute(() -> {
            throw new IllegalStateException("bug");
        });
        worker.execute(() -> ran.add("b"));
        awaitIdle();
        assertEquals(List.of("a", "b"), ran);
        worker.close(() -> { }, WAIT);
    }

    /**
     * Issue 11 item 8: the JDK's scheduled executor runs delayed tasks after shutdown; a retry scheduled before
     * close must not run, neither during close nor after.
     */
    @Test
    void delayedTaskScheduledBeforeCloseNeverRuns() {
        worker.schedule(() -> ran.add("retry"), Duration.ofSeconds(5));
        worker.close(() -> ran.add("last"), WAIT);
        assertEquals(List.of("last"), ran);
    }

    @Test
    void queuedTasksAreSkippedOnceCloseStartedAndLaterOnesDropped() throws Exception {
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        worker.execute(() -> {
            blocked.countDown();
            await(release);
            ran.add("in progress");
        });
        assertTrue(blocked.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        worker.execute(() -> ran.add("queued"));
        final Thread closer = new Thread(() -> worker.close(() -> ran.add("last"), WAIT));
        closer.start();
        while (!worker.isClosed()) {
            Thread.onSpinWait();
        }
        release.countDown();
        closer.join(WAIT.toMillis());
        worker.execute(() -> ran.add("after close"));
        assertTrue(worker.schedule(() -> ran.add("after close"), Duration.ZERO).isEmpty());
        assertEquals(List.of("in progress", "last"), ran);
    }

    private void awaitIdle() throws InterruptedException {
        final CountDownLatch done = new CountDownLatch(1);
        worker.execute(done::countDown);
        assertTrue(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static void await(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
