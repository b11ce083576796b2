/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeanycast.bgppolicy.core.Policy;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.RouteComputer;
import io.kubeanycast.bgppolicy.core.ServiceEvents;
import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import io.kubeanycast.source.model.ServiceType;
import io.kubeanycast.source.model.TrafficPolicy;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputationReporterTest {
    private static final ServiceId WEB = new ServiceId("default", "web");
    private static final Policy POLICY = Policy.parse(Map.of("announce.external-cidrs", "127.2.0.0/24"));

    private final ComputationReporter reporter = new ComputationReporter();
    private final List<String> events = new ArrayList<>();

    @Test
    void firstWrittenComputationRecordsTheAnnouncementThenOnlyChanges() {
        final RouteComputation announced = compute(web("127.2.0.1", 1));
        assertEquals(1, reporter.recordEvents(announced, this::record));
        assertEquals(List.of(WEB + " " + ServiceEvents.ANNOUNCED), events);
        assertEquals(0, reporter.recordEvents(announced, this::record), "nothing changed");
        assertEquals(1, reporter.recordEvents(compute(web("127.2.0.1", 0)), this::record));
        assertEquals(WEB + " " + ServiceEvents.WITHDRAWN, events.get(1));
    }

    @Test
    void aFindingIsLoggedOnceWhileItLasts() {
        // outside announce.external-cidrs: refused with a finding
        final RouteComputation refused = compute(web("127.3.0.1", 1));
        assertEquals(refused.findings().size(), reporter.reportFindings(refused));
        assertEquals(0, reporter.reportFindings(refused));
        reporter.reportFindings(compute(web("127.2.0.1", 1)));
        assertEquals(refused.findings().size(), reporter.reportFindings(refused), "logged again after it was gone");
    }

    private void record(final ServiceId service, final io.kubeanycast.source.api.EventType type, final String reason,
            final String message) {
        events.add(service + " " + reason);
    }

    private static RouteComputation compute(final ServiceInfo service) {
        final ClusterState nodes = PipelineTestSupport.nodes(1);
        return new RouteComputer().compute(ClusterState.of(Map.of(service.id(), service), nodes.nodes()), POLICY);
    }

    private static ServiceInfo web(final String externalIp, final int readyEndpoints) {
        return new ServiceInfo(WEB, ServiceType.LOAD_BALANCER, false, TrafficPolicy.LOCAL, TrafficPolicy.CLUSTER,
            List.of(Vip.of(externalIp, VipKind.EXTERNAL_IP)), Map.of(),
            Map.of(IpFamily.IPV4, Map.of("node-1", new EndpointCounts(readyEndpoints, readyEndpoints, 0))), Map.of());
    }
}
