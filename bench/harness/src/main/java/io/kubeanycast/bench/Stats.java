/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Order statistics of a sample (nearest-rank percentiles, so p99 of fewer than 100 samples is the maximum).
 */
final class Stats {
    private Stats() {
        // static helpers only
    }

    static double percentile(final List<Double> values, final double pct) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        final List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        final int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /**
     * Count, min, p50, p90, p99, max of a sample.
     *
     * @param values the sample
     * @return name to value, in that order
     */
    static Map<String, Double> summary(final List<Double> values) {
        final Map<String, Double> out = new LinkedHashMap<>();
        out.put("n", (double) values.size());
        out.put("min", percentile(values, 0));
        out.put("p50", percentile(values, 50));
        out.put("p90", percentile(values, 90));
        out.put("p99", percentile(values, 99));
        out.put("max", percentile(values, 100));
        return out;
    }
}
