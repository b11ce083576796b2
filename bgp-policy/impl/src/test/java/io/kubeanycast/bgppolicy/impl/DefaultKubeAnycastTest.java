/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import io.kubeanycast.bgppolicy.rib.DefaultRibWriter;
import io.kubeanycast.bgppolicy.rib.RibWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * {@link DefaultKubeAnycast} end to end without Karaf: fake sources, a recording speaker, the real RIB writer on the
 * real in-memory data broker.
 */
class DefaultKubeAnycastTest extends PipelineTestSupport {
    // retries come after 5 s: a test closes long before, and without the close guard the retry would run during it
    private static final Timings TIMINGS = new Timings(Duration.ofSeconds(5), Duration.ofHours(1),
        Duration.ofSeconds(30), Duration.ofSeconds(20));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FakeSources sources = new FakeSources();
    private final RecordingSpeaker speaker = new RecordingSpeaker();
    private final List<GatedRibWriter> writers = new CopyOnWriteArrayList<>();
    private boolean gateOpen = true;
    private boolean writesFail;
    private DefaultKubeAnycast anycast;

    @AfterEach
    void close() {
        if (anycast != null) {
            writers.forEach(writer -> writer.gate.set(null));
            anycast.close();
        }
    }

    private DefaultKubeAnycast start() {
        anycast = new DefaultKubeAnycast(speaker, getDataBroker(), this::writer, sources, TIMINGS);
        return anycast;
    }

    private RibWriter writer(final String ribId) {
        final GatedRibWriter writer = new GatedRibWriter(new DefaultRibWriter(getDataBroker(), ribId), gateOpen,
            writesFail);
        writers.add(writer);
        return writer;
    }

    private void idle() throws InterruptedException {
        assertTrue(anycast.awaitIdle(WAIT), "worker idle");
    }

    /**
     * Waits until the retry sits in the worker's queue beside the periodic state refresh, so that close finds it.
     */
    private void awaitRetryScheduled() throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (anycast.queuedTasks() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(2, anycast.queuedTasks(), "state refresh and retry queued");
    }

    @Test
    void firstSnapshotIsWrittenAndTheSpeakerConfigured() throws Exception {
        start().configurationChanged(CONFIG);
        idle();
        sources.last().deliver(nodes(2));
        idle();
        assertEquals(cidrFrom(2), ipv4Routes(APP_PEER));
        assertEquals(1, speaker.applied.size());
        assertEquals(2, anycast.snapshot().pathCount());
    }

    /**
     * Issue 11 item 7: a burst of 10,000 snapshots while the worker is busy in a RIB write leaves at most one
     * hand-over task queued (plus the periodic state refresh), and only the latest state is computed and written.
     */
    @Test
    void burstOfTenThousandSnapshotsQueuesOneAndWritesOnlyTheLatest() throws Exception {
        gateOpen = false;
        start().configurationChanged(CONFIG);
        idle();
        final FakeSources.FakeSource source = sources.last();
        source.deliver(nodes(1));
        final GatedRibWriter writer = writers.get(0);
        // the worker took the first snapshot and is now blocked in its RIB write
        assertTrue(writer.calls.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS));

        int maxQueued = 0;
        for (int i = 0; i < 10_000; i++) {
            source.deliver(nodes(1 + i % 100));
            maxQueued = Math.max(maxQueued, anycast.queuedTasks());
        }
        assertTrue(maxQueued <= 2, "tasks queued on the worker: " + maxQueued);
        assertEquals(1, anycast.mailbox().queuedHandOvers());
        assertEquals(9_999, anycast.mailbox().replacedSnapshots());

        writer.gate.set(null);
        idle();
        // the first snapshot, then the latest one: none of the 9,999 outdated states in between
        assertEquals(2, writer.changeSets.get());
        assertEquals(cidrFrom(100), ipv4Routes(APP_PEER));
    }

    /**
     * Issue 11 item 8: a failed speaker write schedules a retry; close must not let it run.
     */
    @Test
    void speakerRetryDoesNotRunAfterClose() throws Exception {
        speaker.failing = true;
        start().configurationChanged(CONFIG);
        assertTrue(speaker.calls.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        awaitRetryScheduled();
        anycast.close();
        assertEquals(1, speaker.applied.size(), "speaker writes, the retry included");
    }

    /**
     * Issue 11 item 8: a failed RIB write schedules a retry; close must not let it run, and a snapshot that arrives
     * after close is dropped without an exception in the source's thread.
     */
    @Test
    void ribWriteRetryDoesNotRunAfterClose() throws Exception {
        writesFail = true;
        start().configurationChanged(CONFIG);
        idle();
        final FakeSources.FakeSource source = sources.last();
        source.deliver(nodes(1));
        final GatedRibWriter writer = writers.get(0);
        assertTrue(writer.calls.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        awaitRetryScheduled();
        anycast.close();
        source.deliver(nodes(2));
        assertEquals(1, writer.changeSets.get(), "RIB writes, the retry included");
        assertTrue(source.closed);
    }

    /**
     * Issue 11 item 9: after a k8s.* change, a snapshot the old source delivers late (here while being closed) must
     * not overwrite the new source's first snapshot.
     */
    @Test
    void lateSnapshotOfTheReplacedSourceIsDropped() throws Exception {
        start().configurationChanged(CONFIG);
        idle();
        final FakeSources.FakeSource first = sources.last();
        first.deliver(nodes(1));
        idle();
        assertEquals(cidrFrom(1), ipv4Routes(APP_PEER));

        sources.onStart = source -> source.deliver(nodes(3));
        first.onClose = source -> source.deliver(nodes(2));
        anycast.configurationChanged(with(CONFIG, "k8s.url", "http://127.0.0.1:2"));
        idle();
        assertEquals(2, sources.started.size());
        assertTrue(first.closed);
        // the new source's snapshot may still be on its way to the worker; the old one's must never win
        assertEquals(cidrFrom(3), awaitIpv4Routes(cidrFrom(3)));
        assertTrue(anycast.mailbox().staleSnapshots() >= 1);
    }

    /**
     * The application RIB's routes once they equal {@code expected}, or as they are after {@link #WAIT}.
     */
    private Set<String> awaitIpv4Routes(final Set<String> expected) throws Exception {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        Set<String> routes = ipv4Routes(APP_PEER);
        while (!routes.equals(expected) && System.nanoTime() < deadline) {
            idle();
            Thread.sleep(10);
            routes = ipv4Routes(APP_PEER);
        }
        return routes;
    }

    @Test
    void badSourceSettingRefusesTheWholeFileAndKeepsTheSource() throws Exception {
        start().configurationChanged(CONFIG);
        idle();
        sources.last().deliver(nodes(1));
        idle();
        anycast.configurationChanged(with(with(CONFIG, "k8s.url", "not a url"), "announce.cluster-cidrs",
            "127.2.0.0/24"));
        idle();
        assertEquals(1, sources.started.size());
        assertEquals(cidrFrom(1), ipv4Routes(APP_PEER));
    }

    @Test
    void policyChangeRewritesTheRibWithoutTouchingSpeakerOrSource() throws Exception {
        start().configurationChanged(CONFIG);
        idle();
        sources.last().deliver(nodes(1));
        idle();
        anycast.configurationChanged(with(CONFIG, "announce.cluster-cidrs", "127.2.0.0/24"));
        idle();
        assertEquals(Set.of("127.2.0.0/24 via " + nextHop(1)), ipv4Routes(APP_PEER));
        assertEquals(1, speaker.applied.size());
        assertEquals(1, sources.started.size());
    }

    /**
     * Issue 11 item 11: Config Admin reports a deleted etc/io.kubeanycast.cfg as a null configuration; that must not
     * become the defaults (AS 64512, router-id 127.0.0.1, every neighbor deleted).
     */
    @Test
    void deletedConfigurationFileKeepsTheLastGoodConfiguration() throws Exception {
        final Map<String, String> config = with(with(with(with(CONFIG, "bgp.local-as", "65010"), "bgp.neighbors",
            "tor1"), "bgp.neighbor.tor1.address", "127.0.0.2"), "bgp.neighbor.tor1.as", "65000");
        start();
        OSGiKubeAnycast.deliver(FrameworkUtil.asDictionary(config), anycast);
        idle();
        sources.last().deliver(nodes(1));
        idle();

        OSGiKubeAnycast.deliver(null, anycast);
        idle();
        assertEquals(1, speaker.applied.size(), "no speaker write after the deletion");
        assertEquals(65_010, speaker.applied.get(0).localAs());
        assertEquals(1, sources.started.size());
        assertEquals(cidrFrom(1), ipv4Routes(APP_PEER));
        assertEquals(1, anycast.snapshot().neighbors().size());
    }

    @Test
    void noConfigurationAtStartMeansTheDefaults() throws Exception {
        start();
        OSGiKubeAnycast.deliver(null, anycast);
        idle();
        assertEquals(1, speaker.applied.size());
        assertEquals(SpeakerConfig.parse(Map.of()), speaker.applied.get(0));
    }

    /**
     * Issue 11 item 11: the old application peer is removed from the BGP configuration, so its RIB must go too.
     */
    @Test
    void changedApplicationPeerRemovesTheOldApplicationRib() throws Exception {
        start().configurationChanged(CONFIG);
        idle();
        sources.last().deliver(nodes(2));
        idle();
        assertEquals(cidrFrom(2), ipv4Routes(APP_PEER));

        anycast.configurationChanged(with(CONFIG, "bgp.application-peer", "127.0.0.12"));
        idle();
        assertTrue(readRib(APP_PEER).isEmpty(), "old application RIB removed");
        assertEquals(cidrFrom(2), ipv4Routes("127.0.0.12"));
    }

    /**
     * Issue 11 item 11: an uninstall withdraws the routes by removing the application RIB; a shutdown keeps them.
     */
    @Test
    void closeForGoodRemovesTheApplicationRibAndAShutdownKeepsIt() throws Exception {
        start().configurationChanged(CONFIG);
        idle();
        sources.last().deliver(nodes(2));
        idle();
        anycast.close();
        assertEquals(cidrFrom(2), ipv4Routes(APP_PEER), "a shutdown keeps the routes");

        start().configurationChanged(CONFIG);
        idle();
        sources.last().deliver(nodes(2));
        idle();
        anycast.closeAndWithdraw();
        assertTrue(readRib(APP_PEER).isEmpty(), "an uninstall removes the application RIB");
    }

    @Test
    void onlyAStopWhileTheFrameworkRunsIsForGood() {
        assertTrue(OSGiKubeAnycast.stopsForGood(Bundle.STOPPING, Bundle.ACTIVE), "feature:uninstall, bundle:stop");
        assertFalse(OSGiKubeAnycast.stopsForGood(Bundle.STOPPING, Bundle.STOPPING), "Karaf shutting down");
        assertFalse(OSGiKubeAnycast.stopsForGood(Bundle.ACTIVE, Bundle.STOPPING), "Karaf shutting down");
        assertFalse(OSGiKubeAnycast.stopsForGood(Bundle.ACTIVE, Bundle.ACTIVE), "not stopping at all");
    }
}
