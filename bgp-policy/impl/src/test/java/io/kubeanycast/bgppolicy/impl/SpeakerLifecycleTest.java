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

import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpeakerLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final SpeakerConfig FIRST = SpeakerConfig.parse(Map.of("bgp.local-as", "64512"));
    private static final SpeakerConfig SECOND = SpeakerConfig.parse(Map.of("bgp.local-as", "64513"));

    private final Worker worker = new Worker("speaker-test");
    private final RecordingSpeaker speaker = new RecordingSpeaker();

    @AfterEach
    void close() {
        worker.close(() -> { }, WAIT);
    }

    @Test
    void failedWriteIsRetriedUntilItSucceeds() throws Exception {
        final SpeakerLifecycle lifecycle = new SpeakerLifecycle(speaker, worker, Duration.ofMillis(1));
        speaker.failing = true;
        onWorker(() -> lifecycle.apply(FIRST));
        assertTrue(speaker.calls.tryAcquire(2, WAIT.toMillis(), TimeUnit.MILLISECONDS), "first try and a retry");
        speaker.failing = false;
        assertTrue(speaker.calls.tryAcquire(1, WAIT.toMillis(), TimeUnit.MILLISECONDS), "a successful retry");
        final int calls = speaker.applied.size();
        onWorker(() -> { });
        assertEquals(calls, speaker.applied.size(), "no retry after success");
        assertEquals(FIRST, lifecycle.wanted().orElseThrow());
    }

    @Test
    void newerConfigurationCancelsTheRetryOfTheOlderOne() throws Exception {
        // the retry would come after an hour: only the cancellation can make it disappear from the queue
        final SpeakerLifecycle lifecycle = new SpeakerLifecycle(speaker, worker, Duration.ofHours(1));
        speaker.failing = true;
        onWorker(() -> lifecycle.apply(FIRST));
        assertEquals(1, worker.queuedTasks());
        speaker.failing = false;
        onWorker(() -> lifecycle.apply(SECOND));
        assertEquals(0, worker.queuedTasks());
        assertEquals(List.of(FIRST, SECOND), speaker.applied);
    }

    private void onWorker(final Runnable task) throws InterruptedException {
        final CountDownLatch done = new CountDownLatch(1);
        worker.execute(() -> {
            task.run();
            done.countDown();
        });
        assertTrue(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }
}
