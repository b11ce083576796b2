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
import io.kubeanycast.source.model.LoadBalancerIngress;
import io.kubeanycast.source.model.NodeInfo;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1NodeList;
import io.kubernetes.client.openapi.models.V1ServiceList;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The facts route computation needs to judge load-balancer ingress ({@code spec.loadBalancerClass}, {@code ipMode},
 * hostname-only entries) and departing nodes ({@code deletionTimestamp}, the cluster autoscaler's taint), mapped
 * from objects as {@code kubectl get -o json} prints them.
 */
class LoadBalancerAndLeavingNodeMappingTest {
    private static ClusterState state;

    @BeforeAll
    static void load() throws IOException {
        state = ClusterStateMapper.map(
            JSON.<V1ServiceList>deserialize(fixture("load-balancer-services.json"), V1ServiceList.class).getItems(),
            List.of(),
            JSON.<V1NodeList>deserialize(fixture("leaving-nodes.json"), V1NodeList.class).getItems());
    }

    private static InputStream fixture(final String name) {
        return LoadBalancerAndLeavingNodeMappingTest.class.getResourceAsStream("/mapper/" + name);
    }

    private static ServiceInfo service(final String name) {
        final ServiceInfo info = state.services().get(new ServiceId("shop", name));
        assertTrue(info != null, "no service " + name);
        return info;
    }

    @Test
    void loadBalancerClassIsKept() {
        assertEquals(Optional.of("example.com/other-lb"), service("lb-other-class").loadBalancerClass());
        assertEquals(Optional.of("kube-anycast.io/bgp"), service("lb-our-class").loadBalancerClass());
        assertEquals(Optional.empty(), service("lb-proxy").loadBalancerClass());
        // the IPs stay VIPs: route computation refuses another class's with a reason, it does not lose them
        assertEquals(List.of(Vip.of("10.96.2.1", VipKind.CLUSTER_IP), Vip.of("203.0.113.50", VipKind.LOAD_BALANCER_IP)),
            service("lb-other-class").vips());
    }

    @Test
    void ingressIpModeIsKeptPerEntry() {
        final ServiceInfo proxy = service("lb-proxy");
        assertEquals(List.of(LoadBalancerIngress.of("203.0.113.52", null, "Proxy"),
            LoadBalancerIngress.of("203.0.113.53", null, null)), proxy.loadBalancerIngress());
        assertTrue(proxy.loadBalancerIngress().get(0).isProxy());
        assertFalse(proxy.loadBalancerIngress().get(1).isProxy());
        assertEquals(List.of(LoadBalancerIngress.of("203.0.113.51", null, "VIP")),
            service("lb-our-class").loadBalancerIngress());
    }

    @Test
    void hostnameOnlyIngressIsKeptButIsNoVip() {
        final ServiceInfo hostname = service("lb-hostname");
        assertEquals(List.of(LoadBalancerIngress.of(null,
            "k8s-shop-lbhostna-0123456789-abcdef.elb.eu-west-1.amazonaws.com", null)), hostname.loadBalancerIngress());
        assertEquals(List.of(Vip.of("10.96.2.4", VipKind.CLUSTER_IP)), hostname.vips());
    }

    @Test
    void deletionTimestampMeansBeingDeleted() {
        final NodeInfo node = state.nodes().get("node-g");
        assertTrue(node.beingDeleted());
        assertTrue(node.ready(), "still Ready: only the deletion says it is leaving");
    }

    @Test
    void clusterAutoscalerTaintMeansBeingDeleted() {
        assertTrue(state.nodes().get("node-h").beingDeleted());
    }

    @Test
    void otherTaintsAndUnknownReadinessAreNoDeletion() {
        final NodeInfo node = state.nodes().get("node-i");
        assertFalse(node.beingDeleted());
        assertFalse(node.ready());
    }
}
