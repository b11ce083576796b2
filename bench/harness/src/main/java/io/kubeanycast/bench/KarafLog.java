/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bench;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kube-anycast's own log lines in Karaf's data/log/karaf.log say about timing: when the Kubernetes source
 * (re)started, and the RIB writer's one line per non-empty write
 * ({@code Application RIB ...: WriteStats[...] in T ms (D ms diff, W ms write)}).
 */
final class KarafLog {
    /** One writer line: its log time and what it reports. */
    record Write(long micros, int added, int changed, int removed, int unchanged, int commits, long totalMs,
            long diffMs, long writeMs) {
        int operations() {
            return added + changed + removed;
        }
    }

    private static final Pattern WRITE = Pattern.compile("WriteStats\\[added=(\\d+), changed=(\\d+), removed=(\\d+), "
        + "unchanged=(\\d+), commits=(\\d+), attempts=\\d+\\] in (\\d+) ms \\((\\d+) ms diff, (\\d+) ms write\\)");
    private static final String SOURCE_START = "Watching Services, EndpointSlices and Nodes";

    private KarafLog() {
        // static helpers only
    }

    /**
     * The time of a log line ("2026-11-26T09:16:01,123 | INFO | ...").
     *
     * @param line the line
     * @return epoch microseconds, or -1 when the line has no time stamp
     */
    static long micros(final String line) {
        final int bar = line.indexOf(" |");
        if (bar < 0) {
            return -1;
        }
        try {
            return Clock.micros(LocalDateTime.parse(line.substring(0, bar).replace(',', '.'))
                .atZone(ZoneId.systemDefault()).toInstant());
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    static long sourceStart(final String log) {
        long last = -1;
        for (String line : log.split("\n")) {
            if (line.contains(SOURCE_START)) {
                last = micros(line);
            }
        }
        return last;
    }

    static List<Write> writes(final String log) {
        final List<Write> out = new ArrayList<>();
        for (String line : log.split("\n")) {
            final Matcher m = WRITE.matcher(line);
            if (m.find()) {
                out.add(new Write(micros(line), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), Long.parseLong(m.group(8))));
            }
        }
        return out;
    }
}
