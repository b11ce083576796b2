/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import io.kubeanycast.bgppolicy.core.Finding;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.ServiceEvent;
import io.kubeanycast.bgppolicy.core.ServiceEvents;
import io.kubeanycast.source.api.ServiceEventRecorder;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators what a computation changed: a log line per new finding (once, not on every snapshot), and
 * Kubernetes Events for what changed since the last computation whose paths were written ({@link ServiceEvents}).
 * A failed write records nothing: its retry does, so Events never claim an announcement the RIB does not hold.
 *
 * <p>Threading: worker thread only; the {@link ServiceEventRecorder} never blocks. Memory: the last written
 * computation (immutable) and the set of findings last logged.
 */
final class ComputationReporter {
    private static final Logger LOG = LoggerFactory.getLogger(ComputationReporter.class);

    private RouteComputation eventBaseline;
    private Set<Finding> reportedFindings = Set.of();

    /**
     * Log the findings that were not in the previous computation.
     *
     * @return how many were logged
     */
    int reportFindings(final RouteComputation computation) {
        final Set<Finding> current = new HashSet<>(computation.findings());
        int logged = 0;
        for (Finding finding : current) {
            if (!reportedFindings.contains(finding)) {
                LOG.warn("Not announced as given: {}", finding);
                logged++;
            }
        }
        reportedFindings = current;
        return logged;
    }

    /**
     * Record Events for a computation whose paths were written; the first one after a start records the announced
     * state once.
     *
     * @return how many Events were recorded
     */
    int recordEvents(final RouteComputation written, final ServiceEventRecorder recorder) {
        final List<ServiceEvent> events = ServiceEvents.between(Optional.ofNullable(eventBaseline), written);
        eventBaseline = written;
        for (ServiceEvent event : events) {
            recorder.record(event.service(), event.type(), event.reason(), event.message());
        }
        if (!events.isEmpty()) {
            LOG.debug("Recorded {} Kubernetes Events", events.size());
        }
        return events.size();
    }
}
