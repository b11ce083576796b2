/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.NodeInfo;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import io.kubeanycast.source.model.ServiceType;
import io.kubeanycast.source.model.TrafficPolicy;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1EndpointSliceList;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceList;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mapping from Kubernetes objects (fixtures as {@code kubectl get -o json} prints them) to the snapshot.
 */
class ClusterStateMapperTest {
    private static List<V1Service> services;
    private static List<V1EndpointSlice> slices;
    private static List<V1Node> nodes;
    private static ClusterState state;

    @BeforeAll
    static void load() throws IOException {
        services = JSON.<V1ServiceList>deserialize(fixture("services.json"), V1ServiceList.class).getItems();
        slices = JSON.<V1EndpointSliceList>deserialize(fixture("endpointslices.json"), V1EndpointSliceList.class)
            .getItems();
        nodes = JSON.<V1NodeList>deserialize(fixture("nodes.json"), V1NodeList.class).getItems();
        state = ClusterStateMapper.map(services, slices, nodes);
    }

    private static InputStream fixture(final String name) {
        return ClusterStateMapperTest.class.getResourceAsStream("/mapper/" + name);
    }

    private static ServiceInfo service(final String name) {
        final ServiceInfo info = state.services().get(new ServiceId("shop", name));
        assertTrue(info != null, "no service " + name);
        return info;
    }

    @Test
    void externalTrafficPolicyLocalLoadBalancer() {
        final ServiceInfo svc = service("lb-local");
        assertEquals(ServiceType.LOAD_BALANCER, svc.type());
        assertEquals(TrafficPolicy.LOCAL, svc.externalTrafficPolicy());
        assertEquals(TrafficPolicy.CLUSTER, svc.internalTrafficPolicy());
        assertFalse(svc.headless());
        // the hostname-only ingress entry is no VIP
        assertEquals(List.of(Vip.of("10.96.1.1", VipKind.CLUSTER_IP), Vip.of("203.0.113.1", VipKind.LOAD_BALANCER_IP)),
            svc.vips());
        assertEquals(Map.of("kube-anycast.io/communities", "65000:100", "kube-anycast.io/local-pref", "150"),
            svc.annotations());
    }

    @Test
    void endpointsOfSeveralSlicesAreSummedPerNode() {
        final ServiceInfo svc = service("lb-local");
        assertEquals(new EndpointCounts(2, 2, 0), svc.endpointsOn("node-a", IpFamily.IPV4));
        // ready=false, serving=true, terminating=true: a draining endpoint
        assertEquals(new EndpointCounts(0, 1, 1), svc.endpointsOn("node-b", IpFamily.IPV4));
        assertTrue(svc.endpointsOn("node-b", IpFamily.IPV4).hasServingNotReady());
        // one endpoint not ready and not serving, one from the other slice with no conditions at all (= ready)
        assertEquals(new EndpointCounts(1, 1, 0), svc.endpointsOn("node-c", IpFamily.IPV4));
        assertEquals(Map.of(IpFamily.IPV4, new EndpointCounts(1, 1, 0)), svc.endpointsWithoutNode());
        assertEquals(EndpointCounts.NONE, svc.endpointsOn("node-a", IpFamily.IPV6));
    }

    @Test
    void externalTrafficPolicyClusterLoadBalancer() {
        final ServiceInfo svc = service("lb-cluster");
        assertEquals(TrafficPolicy.CLUSTER, svc.externalTrafficPolicy());
        assertEquals(List.of(Vip.of("10.96.1.2", VipKind.CLUSTER_IP), Vip.of("203.0.113.2", VipKind.LOAD_BALANCER_IP)),
            svc.vips());
        assertEquals(Map.of("node-b", new EndpointCounts(1, 1, 0)), svc.endpointsByNode(IpFamily.IPV4));
    }

    @Test
    void externalIpsOfBothFamilies() {
        final ServiceInfo svc = service("ext-ips");
        assertEquals(ServiceType.CLUSTER_IP, svc.type());
        assertEquals(TrafficPolicy.CLUSTER, svc.externalTrafficPolicy());
        assertEquals(List.of(Vip.of("10.96.1.3", VipKind.CLUSTER_IP), Vip.of("203.0.113.3", VipKind.EXTERNAL_IP),
            new Vip("2001:db8::3", IpFamily.IPV6, VipKind.EXTERNAL_IP)), svc.vips());
        assertTrue(svc.endpoints().isEmpty());
    }

    @Test
    void dualStackServiceHasVipsAndEndpointsPerFamily() {
        final ServiceInfo svc = service("dual");
        assertEquals(List.of(Vip.of("10.96.1.4", VipKind.CLUSTER_IP), Vip.of("fd00:10:96::4", VipKind.CLUSTER_IP),
            Vip.of("203.0.113.4", VipKind.LOAD_BALANCER_IP), Vip.of("2001:db8::4", VipKind.LOAD_BALANCER_IP)),
            svc.vips());
        assertEquals(IpFamily.IPV6, svc.vips().get(1).family());
        assertEquals(new EndpointCounts(1, 1, 0), svc.endpointsOn("node-a", IpFamily.IPV4));
        assertEquals(new EndpointCounts(1, 1, 0), svc.endpointsOn("node-a", IpFamily.IPV6));
        // ready=false with serving unset: serving follows ready
        assertTrue(svc.endpointsOn("node-b", IpFamily.IPV6).isEmpty());
        assertEquals(EndpointCounts.NONE, svc.endpointsOn("node-b", IpFamily.IPV4));
    }

    @Test
    void internalTrafficPolicyLocalIgnoresFqdnSlices() {
        final ServiceInfo svc = service("itp-local");
        assertEquals(TrafficPolicy.LOCAL, svc.internalTrafficPolicy());
        assertEquals(Map.of(IpFamily.IPV4, Map.of("node-c", new EndpointCounts(1, 1, 0))), svc.endpoints());
    }

    @Test
    void headlessAndExternalNameHaveNoVips() {
        final ServiceInfo headless = service("headless");
        assertTrue(headless.headless());
        assertTrue(headless.vips().isEmpty());
        final ServiceInfo externalName = service("external-name");
        assertEquals(ServiceType.EXTERNAL_NAME, externalName.type());
        assertFalse(externalName.headless());
        assertTrue(externalName.vips().isEmpty());
    }

    @Test
    void clusterIpWithoutClusterIpsList() {
        final ServiceInfo svc = service("legacy-single-ip");
        assertEquals(ServiceType.NODE_PORT, svc.type());
        assertEquals(List.of(Vip.of("10.96.1.8", VipKind.CLUSTER_IP)), svc.vips());
    }

    @Test
    void creationTimestampIsKeptForTheOwnershipOfExternalIps() {
        assertEquals(Optional.of(Instant.parse("2026-11-20T09:00:00Z")), service("lb-local").creationTimestamp());
        final V1Service noTimestamp = new V1Service().metadata(new V1ObjectMeta().namespace("shop").name("x"));
        assertEquals(Optional.empty(), ClusterStateMapper.map(List.of(noTimestamp), List.of(), List.of()).services()
            .get(new ServiceId("shop", "x")).creationTimestamp());
    }

    @Test
    void slicesOfUnknownServicesAreIgnored() {
        assertEquals(8, state.services().size());
        assertFalse(state.services().containsKey(new ServiceId("shop", "no-such-service")));
    }

    @Test
    void nodeConditionsLabelsAndAddresses() {
        final NodeInfo nodeA = state.nodes().get("node-a");
        assertTrue(nodeA.ready());
        assertFalse(nodeA.networkUnavailable());
        assertFalse(nodeA.unschedulable());
        assertFalse(nodeA.excludedFromExternalLoadBalancers());
        assertEquals("198.51.100.1", nodeA.internalIp(IpFamily.IPV4).orElseThrow());
        assertEquals("2001:db8:1::1", nodeA.internalIp(IpFamily.IPV6).orElseThrow());
        assertEquals(4, nodeA.addresses().size());

        // Ready=Unknown (kubelet stopped posting) and Ready=False are both not ready
        assertFalse(state.nodes().get("node-b").ready());
        assertFalse(state.nodes().get("node-f").ready());
        assertTrue(state.nodes().get("node-c").networkUnavailable());
        assertTrue(state.nodes().get("node-c").ready());
        assertTrue(state.nodes().get("node-d").excludedFromExternalLoadBalancers());
        assertTrue(state.nodes().get("node-e").unschedulable());
        assertFalse(state.nodes().get("node-d").unschedulable());
    }

    @Test
    void sameObjectsInAnyOrderGiveAnEqualSnapshot() {
        final List<V1Service> shuffledServices = new ArrayList<>(services);
        final List<V1EndpointSlice> shuffledSlices = new ArrayList<>(slices);
        final List<V1Node> shuffledNodes = new ArrayList<>(nodes);
        Collections.reverse(shuffledServices);
        Collections.reverse(shuffledSlices);
        Collections.reverse(shuffledNodes);
        assertEquals(state, ClusterStateMapper.map(shuffledServices, shuffledSlices, shuffledNodes));
    }
}
