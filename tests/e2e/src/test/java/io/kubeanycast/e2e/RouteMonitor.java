/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records a namespace's kernel route changes as they happen ({@code ip -ts -n NS monitor route}), so a test can
 * count FIB removals across an event without polling. Lines are kept in arrival order; {@link #close()} stops the
 * monitor. Thread-safe: one reader thread appends, callers read copies.
 */
final class RouteMonitor implements AutoCloseable {
    private final Process process;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();

    private RouteMonitor(final Process process) {
        this.process = process;
        reader = new Thread(this::read, "route-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    static RouteMonitor start(final String netns) {
        try {
            return new RouteMonitor(new ProcessBuilder("ip", "-ts", "-n", netns, "monitor", "route")
                .redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ip monitor in " + netns, e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process was stopped
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Route removals seen so far for destinations starting with a prefix text (e.g. "203.0.113.").
     *
     * @param destinationPrefix the start of the destination as {@code ip monitor} prints it
     * @return the "Deleted ..." lines
     */
    List<String> removals(final String destinationPrefix) {
        final List<String> removed = new ArrayList<>();
        for (String line : lines()) {
            // "[2026-11-26T07:50:01.123456] Deleted 203.0.113.10 nhid 20 proto bgp metric 20"
            final int deleted = line.indexOf("Deleted ");
            if (deleted >= 0 && line.startsWith(destinationPrefix, deleted + "Deleted ".length())) {
                removed.add(line);
            }
        }
        return removed;
    }

    /**
     * One kernel route change as {@code ip -ts monitor route} printed it.
     *
     * @param at the monitor's timestamp (local time, microseconds)
     * @param removed a "Deleted" line
     * @param destination the route's destination as ip prints it (no /32 or /128 for host routes)
     * @param line the whole line
     */
    record RouteEvent(LocalDateTime at, boolean removed, String destination, String line) {
    }

    /**
     * Every route change seen so far, in arrival order; lines that are not timestamped route changes (ip's
     * continuation lines of multipath routes, say) are left out.
     */
    List<RouteEvent> events() {
        final List<RouteEvent> events = new ArrayList<>();
        for (String line : lines()) {
            // "[2026-11-26T07:50:01.123456] Deleted 203.0.113.10 nhid 20 proto bgp metric 20"
            final int close = line.indexOf("] ");
            if (!line.startsWith("[") || close < 0) {
                continue;
            }
            final LocalDateTime at;
            try {
                at = LocalDateTime.parse(line.substring(1, close));
            } catch (DateTimeParseException e) {
                continue;
            }
            final String[] words = line.substring(close + 2).trim().split("\\s+");
            final boolean removed = "Deleted".equals(words[0]);
            final String destination = removed ? words.length > 1 ? words[1] : "" : words[0];
            events.add(new RouteEvent(at, removed, destination, line));
        }
        return events;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
