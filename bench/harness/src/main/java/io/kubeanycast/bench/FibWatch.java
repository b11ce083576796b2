/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bench;

import io.kubeanycast.e2e.Cmd;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fabric namespace's kernel FIB as it changes: {@code ip -ts -n NS monitor route}, one reader thread. Every
 * event for a destination inside the benchmark's VIP range moves {@link #lastEventMicros()} (wall clock, microsecond
 * resolution, the same clock as {@link Clock#nowMicros()}), and events for the one watched destination go to a queue
 * (P1). Event time is the kernel notification as {@code ip} stamps it, never a poll.
 */
final class FibWatch implements AutoCloseable {
    /** One route event of the watched destination. */
    record Event(long micros, String line) {
    }

    private final Process process;
    private final Thread reader;
    private final String rangePrefix;
    private final AtomicLong lastEventMicros = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final BlockingQueue<Event> watched = new LinkedBlockingQueue<>();
    private volatile String watchedDestination = "";

    /**
     * Starts the monitor.
     *
     * @param netns the namespace, e.g. ka-fabric
     * @param rangePrefix text every benchmark destination starts with, e.g. "100."
     */
    FibWatch(final String netns, final String rangePrefix) {
        this.rangePrefix = rangePrefix;
        try {
            process = new ProcessBuilder("ip", "-ts", "-n", netns, "monitor", "route").redirectErrorStream(true)
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ip monitor in " + netns, e);
        }
        // the monitor is a child process: do not leave it behind when the run is interrupted
        final Process child = process;
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly, "fib-watch-killer"));
        reader = new Thread(this::read, "fib-watch");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends the events of one destination (e.g. "100.127.255.1") to {@link #nextWatched(Duration)}.
     *
     * @param destination the destination as ip prints it (no /32)
     */
    void watch(final String destination) {
        watchedDestination = destination;
        watched.clear();
    }

    void clearWatched() {
        watched.clear();
    }

    Event nextWatched(final Duration timeout) throws InterruptedException {
        return watched.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long lastEventMicros() {
        return lastEventMicros.get();
    }

    long events() {
        return events.get();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8), 1 << 20)) {
            String line;
            while ((line = in.readLine()) != null) {
                onLine(line);
            }
        } catch (IOException e) {
            // the monitor was stopped
        }
    }

    // "[2026-11-26T09:16:01.123456] 100.64.0.1 nhid 30 proto bgp metric 20" or "[...] Deleted 100.64.0.1 ..."
    // (multipath continuation lines start with whitespace and carry no time stamp: skipped)
    private void onLine(final String line) {
        if (!line.startsWith("[")) {
            return;
        }
        final int close = line.indexOf(']');
        if (close < 0) {
            return;
        }
        int dest = close + 2;
        if (line.startsWith("Deleted ", dest)) {
            dest += "Deleted ".length();
        }
        if (!line.startsWith(rangePrefix, dest)) {
            return;
        }
        final long micros;
        try {
            micros = Clock.micros(LocalDateTime.parse(line.substring(1, close)).atZone(ZoneId.systemDefault())
                .toInstant());
        } catch (DateTimeParseException e) {
            return;
        }
        lastEventMicros.accumulateAndGet(micros, Math::max);
        events.incrementAndGet();
        final String target = watchedDestination;
        if (!target.isEmpty() && line.startsWith(target, dest) && line.length() > dest + target.length()
                && line.charAt(dest + target.length()) == ' ') {
            watched.add(new Event(micros, line));
        }
    }

    /**
     * Counts the kernel routes and their next hops whose destination starts with a text (one netlink dump).
     *
     * @param netns the namespace
     * @param rangePrefix e.g. "100."
     * @return {routes, next hops}
     */
    static long[] count(final String netns, final String rangePrefix) {
        final Cmd.Result result = Cmd.run(Duration.ofSeconds(120), List.of("ip", "-o", "-n", netns, "route", "show",
            "proto", "bgp")).orThrow();
        long routes = 0;
        long hops = 0;
        for (String line : result.stdout().split("\n")) {
            if (!line.startsWith(rangePrefix)) {
                continue;
            }
            routes++;
            int at = 0;
            while ((at = line.indexOf(" via ", at)) >= 0) {
                hops++;
                at += 5;
            }
        }
        return new long[] {routes, hops};
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
