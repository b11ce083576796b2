/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated cluster of a given size as fake API server fixtures: the sample's three nodes (198.51.100.11-13),
 * {@code vips} VIPs from 100.64.0.1 up (inside {@code announce.external-cidrs = 100.64.0.0/10}) as Service
 * externalIPs, and one EndpointSlice per Service. {@code paths = 3}: externalTrafficPolicy Cluster (announced from
 * every eligible node); {@code paths = 1}: Local with one ready endpoint on node (i mod 3) + 1. Every cluster also
 * holds the P1 target Service (VIP 100.127.255.1, Local, ready endpoints on node1 and node2).
 *
 * @param vips how many bulk VIPs
 * @param paths 1 or 3 paths per VIP
 * @param vipsPerService externalIPs per Service (1 up to 10,000 VIPs; 10 for 100,000 keeps the list size sane)
 */
record BenchCluster(int vips, int paths, int vipsPerService) {
    static final String NAMESPACE = "bench";
    static final String TARGET_VIP = "100.127.255.1";
    static final String TARGET_SLICE = "target-1";
    static final String RANGE_PREFIX = "100.";
    static final String EXTERNAL_CIDR = "100.64.0.0/10";
    static final List<String> NODE_IPS = List.of("198.51.100.11", "198.51.100.12", "198.51.100.13");
    private static final int VIP_BASE = 0x64400000;
    private static final int CLUSTER_IP_BASE = 0x0A600000;

    BenchCluster {
        if (paths != 1 && paths != 3) {
            throw new IllegalArgumentException("paths must be 1 or 3");
        }
    }

    static BenchCluster of(final int vips, final int paths) {
        return new BenchCluster(vips, paths, vips > 10_000 ? 10 : 1);
    }

    String label() {
        return vips + "x" + paths;
    }

    static String vip(final int index) {
        return ip(VIP_BASE + 1 + index);
    }

    private static String ip(final int value) {
        return (value >>> 24 & 0xff) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff);
    }

    /**
     * The next hops of bulk VIP {@code index} (what both announcers must end with in the FIB).
     *
     * @param index 0-based VIP index
     * @return node addresses
     */
    List<String> nextHops(final int index) {
        if (paths == 3) {
            return NODE_IPS;
        }
        final int service = index / vipsPerService;
        return List.of(NODE_IPS.get(service % 3));
    }

    static List<String> targetNextHops() {
        return NODE_IPS.subList(0, 2);
    }

    long expectedRoutes() {
        return vips + 1L;
    }

    long expectedHops() {
        return (long) vips * paths + targetNextHops().size();
    }

    /**
     * Writes nodes.json, services.json and endpointslices.json into a directory.
     *
     * @param dir the fixture directory (created)
     * @param sampleNodes the sample cluster's nodes.json
     * @throws IOException when writing fails
     */
    void write(final Path dir, final Path sampleNodes) throws IOException {
        Files.createDirectories(dir);
        Files.copy(sampleNodes, dir.resolve("nodes.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        final int services = (vips + vipsPerService - 1) / vipsPerService;
        try (Writer svc = Files.newBufferedWriter(dir.resolve("services.json"), StandardCharsets.UTF_8);
             Writer eps = Files.newBufferedWriter(dir.resolve("endpointslices.json"), StandardCharsets.UTF_8)) {
            svc.write("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\n");
            eps.write("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\n");
            svc.write(service("target", ip(CLUSTER_IP_BASE + 5), List.of(TARGET_VIP), "Local").toString());
            eps.write(slice("target", TARGET_SLICE, List.of("node1", "node2")).toString());
            for (int s = 0; s < services; s++) {
                final List<String> ips = new ArrayList<>();
                for (int v = s * vipsPerService; v < Math.min(vips, (s + 1) * vipsPerService); v++) {
                    ips.add(vip(v));
                }
                final String name = "svc-" + s;
                svc.write(",\n");
                svc.write(service(name, ip(CLUSTER_IP_BASE + 16 + s), ips, paths == 3 ? "Cluster" : "Local")
                    .toString());
                eps.write(",\n");
                eps.write(slice(name, name + "-1", List.of("node" + (s % 3 + 1))).toString());
            }
            svc.write("\n]}\n");
            eps.write("\n]}\n");
        }
    }

    static JsonObject service(final String name, final String clusterIp, final List<String> externalIps,
            final String trafficPolicy) {
        final JsonObject port = new JsonObject();
        port.addProperty("name", "http");
        port.addProperty("port", 80);
        port.addProperty("protocol", "TCP");
        port.addProperty("targetPort", 8080);
        final JsonArray ports = new JsonArray();
        ports.add(port);
        final JsonObject selector = new JsonObject();
        selector.addProperty("app", name);
        final JsonObject spec = new JsonObject();
        spec.addProperty("type", "ClusterIP");
        spec.addProperty("clusterIP", clusterIp);
        spec.add("clusterIPs", strings(List.of(clusterIp)));
        spec.add("externalIPs", strings(externalIps));
        spec.addProperty("externalTrafficPolicy", trafficPolicy);
        spec.addProperty("internalTrafficPolicy", "Cluster");
        spec.add("ports", ports);
        spec.add("selector", selector);
        final JsonObject obj = new JsonObject();
        obj.addProperty("apiVersion", "v1");
        obj.addProperty("kind", "Service");
        obj.add("metadata", metadata(name, null));
        obj.add("spec", spec);
        return obj;
    }

    /**
     * An EndpointSlice of a Service with one ready endpoint on each given node.
     *
     * @param service the Service's name
     * @param name the slice's name
     * @param nodes node names
     * @return the object
     */
    static JsonObject slice(final String service, final String name, final List<String> nodes) {
        final JsonArray endpoints = new JsonArray();
        int host = 10;
        for (String node : nodes) {
            final JsonObject conditions = JsonParser.parseString(
                "{\"ready\":true,\"serving\":true,\"terminating\":false}").getAsJsonObject();
            final JsonObject ep = new JsonObject();
            ep.add("addresses", strings(List.of("10.244." + node.substring(4) + "." + host++)));
            ep.add("conditions", conditions);
            ep.addProperty("nodeName", node);
            endpoints.add(ep);
        }
        final JsonObject port = JsonParser.parseString("{\"name\":\"http\",\"port\":8080,\"protocol\":\"TCP\"}")
            .getAsJsonObject();
        final JsonArray ports = new JsonArray();
        ports.add(port);
        final JsonObject obj = new JsonObject();
        obj.addProperty("apiVersion", "discovery.k8s.io/v1");
        obj.addProperty("kind", "EndpointSlice");
        obj.add("metadata", metadata(name, service));
        obj.addProperty("addressType", "IPv4");
        obj.add("endpoints", endpoints);
        obj.add("ports", ports);
        return obj;
    }

    private static JsonObject metadata(final String name, final String serviceName) {
        final JsonObject metadata = new JsonObject();
        metadata.addProperty("name", name);
        metadata.addProperty("namespace", NAMESPACE);
        if (serviceName != null) {
            final JsonObject labels = new JsonObject();
            labels.addProperty("kubernetes.io/service-name", serviceName);
            metadata.add("labels", labels);
        }
        return metadata;
    }

    private static JsonArray strings(final List<String> values) {
        final JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }
}
