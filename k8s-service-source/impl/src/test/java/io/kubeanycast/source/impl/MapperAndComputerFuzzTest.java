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

import io.kubeanycast.bgppolicy.core.Community;
import io.kubeanycast.bgppolicy.core.Finding;
import io.kubeanycast.bgppolicy.core.PathAttributes;
import io.kubeanycast.bgppolicy.core.Policy;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.RouteComputer;
import io.kubeanycast.bgppolicy.core.ServiceAnnotations;
import io.kubeanycast.bgppolicy.core.VipDecision;
import io.kubeanycast.bgppolicy.core.VipRefusal;
import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import io.kubernetes.client.openapi.models.V1Endpoint;
import io.kubernetes.client.openapi.models.V1EndpointConditions;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1LoadBalancerIngress;
import io.kubernetes.client.openapi.models.V1LoadBalancerStatus;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAddress;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.openapi.models.V1ServiceStatus;
import io.kubernetes.client.openapi.models.V1Taint;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes the whole path from client-java objects to routes: generated Services, EndpointSlices, Nodes and
 * annotations (valid, malformed and edge cases: null fields and list elements, odd address spellings, unknown
 * enum values, out-of-range numbers, duplicate names) go through {@link ClusterStateMapper} and the core's
 * {@link RouteComputer}. Properties: no exception escapes; every refused VIP and every ignored annotation is
 * reported as a {@link Finding} (except the refusals that are normal operation and explain themselves in the
 * decision); mapping does not depend on the order the informers list objects in; computing twice gives the same
 * result. A fixed seed keeps CI reproducible; change it locally to explore further.
 */
class MapperAndComputerFuzzTest {
    private static final Logger LOG = LoggerFactory.getLogger(MapperAndComputerFuzzTest.class);
    private static final int TRIES = 800;
    private static final long MIN_GENERATED_OBJECTS = 10_000;
    private static final AtomicLong GENERATED = new AtomicLong();
    private static final RouteComputer COMPUTER = new RouteComputer();

    /**
     * Refusals that are normal operation (a kind switched off, traffic policies Cluster, no endpoints, headless,
     * a load-balancer IP of another implementation):
     * the decision says why and there is nothing to warn about. Every other reason must come with a finding; a new
     * reason belongs here only if nobody needs to be told about it.
     */
    private static final Set<VipRefusal.Reason> SELF_EXPLAINED = EnumSet.of(VipRefusal.Reason.KIND_DISABLED,
        VipRefusal.Reason.CLUSTER_TRAFFIC_POLICY, VipRefusal.Reason.NO_ENDPOINTS,
        VipRefusal.Reason.NOT_ROUTED_SERVICE, VipRefusal.Reason.OTHER_LOAD_BALANCER_CLASS);

    /** Non-ASCII digits that Java's number parsers accept: a documented syntax of ASCII digits must not. */
    private static final String ARABIC_THREE = arabicDigits("3");
    private static final List<String> NAMESPACES = List.of("demo", "tenant-a", "", "kube-system");
    private static final List<String> SERVICE_NAMES = List.of("web", "web-local", "dns", "Web", "", "db",
        "a".repeat(63));
    private static final List<String> NODE_NAMES = List.of("node1", "node2", "node3", "node4", "", "NODE1",
        "n" + ARABIC_THREE + "de-5");
    private static final List<String> ODD_ADDRESSES = List.of("None", "", " ", "0.0.0.0", "255.255.255.255", "::",
        "::1", "::ffff:203.0.113.5", "2001:DB8:FF::5", "2001:db8:ff:0:0:0:0:5", "203.0.113.05", "203.0.113.256",
        "203.0.113", "203.0.113.5/32", "fe80::1%eth0", "1.2.3.4.5", ":::", "1::2::3", "203.0.113.5 ",
        arabicDigits("203") + ".0.113.5", "example.com", "2001:db8:ff::203.0.113.7", "12345::", "10.96.0.10",
        "2001:db8:96::a");
    private static final List<String> LOCAL_PREFS = List.of("100", "0", "200", "4294967295", "4294967296", "-1",
        "+5", " 300 ", ARABIC_THREE, "1e3", "", "x", "99999999999");
    private static final List<String> COMMUNITIES = List.of("65000:1", "64512:100,65000:2", " 65000:3 , 1:1 ",
        "65535:65535", "65536:1", "-1:5", "+65000:1", "65000:+1", arabicDigits("65000") + ":1", "1:2:3",
        "65000:1,,65000:2", "65000:1,", ":1", "1:", "", "65535:666", "65000:00001");
    private static final List<String> ANNOTATION_KEYS = List.of(ServiceAnnotations.LOCAL_PREF,
        ServiceAnnotations.COMMUNITIES, ServiceInfo.ANNOTATION_PREFIX + "other", "example.com/x",
        "KUBE-ANYCAST.IO/local-pref");
    private static final List<Policy> POLICIES = List.of(
        Policy.parse(Map.of(Policy.CLUSTER_CIDRS, "10.96.0.0/16,2001:db8:96::/112",
            Policy.EXTERNAL_CIDRS, "203.0.113.0/24,2001:db8:ff::/64")),
        Policy.parse(Map.of(Policy.CLUSTER_CIDRS, "10.96.0.0/16", Policy.EXTERNAL_CIDRS, "203.0.113.0/25",
            Policy.AGGREGATE_LENGTH_V4, "28", Policy.AGGREGATE_LENGTH_V6, "120", Policy.COMMUNITIES, "64512:7",
            Policy.EXCLUDE_CORDONED, "true", Policy.NEXT_HOP_FALLBACK_EXTERNAL, "true")),
        Policy.parse(Map.of(Policy.EXTERNAL_CIDRS, "203.0.113.0/24", Policy.CLUSTER_IP, "none",
            Policy.EXTERNAL_IPS, "false", Policy.WITHDRAW_WITHOUT_ENDPOINTS, "false", Policy.LOCAL_PREF, "150")));

    /**
     * One generated cluster and the policy to compute it with.
     */
    record Cluster(List<V1Service> services, List<V1EndpointSlice> slices, List<V1Node> nodes, Policy policy) {
        long objectCount() {
            long annotations = 0;
            for (V1Service service : services) {
                if (service.getMetadata() != null && service.getMetadata().getAnnotations() != null) {
                    annotations += service.getMetadata().getAnnotations().size();
                }
            }
            return services.size() + slices.size() + nodes.size() + annotations;
        }
    }

    @Property(tries = TRIES, seed = "20261208", shrinking = ShrinkingMode.BOUNDED)
    void neverThrowsReportsEveryRefusalAndIsDeterministic(@ForAll("clusters") final Cluster cluster,
            @ForAll final Random random) {
        GENERATED.addAndGet(cluster.objectCount());
        final ClusterState state = ClusterStateMapper.map(cluster.services(), cluster.slices(), cluster.nodes());
        assertEquals(state, ClusterStateMapper.map(shuffled(cluster.services(), random),
            shuffled(cluster.slices(), random), shuffled(cluster.nodes(), random)),
            "the snapshot depends on the order the informers list the objects in");

        final RouteComputation result = COMPUTER.compute(state, cluster.policy());
        assertEquals(result, COMPUTER.compute(state, cluster.policy()), "computing twice differs");

        for (List<VipDecision> decisions : result.services().values()) {
            for (VipDecision decision : decisions) {
                decision.refusal().ifPresent(refusal -> checkRefusalReported(decision, refusal, result));
            }
        }
        for (ServiceInfo service : state.services().values()) {
            checkAnnotationsAppliedOrReported(service, result, cluster.policy());
        }
    }

    @AfterContainer
    static void enoughObjectsWereGenerated() {
        LOG.info("fuzzed {} Services, EndpointSlices, Nodes and annotations in {} tries", GENERATED.get(), TRIES);
        assertTrue(GENERATED.get() >= MIN_GENERATED_OBJECTS,
            "only " + GENERATED.get() + " Services, EndpointSlices, Nodes and annotations generated");
    }

    private static void checkRefusalReported(final VipDecision decision, final VipRefusal refusal,
            final RouteComputation result) {
        assertFalse(refusal.detail().isBlank(), "a refusal without a reason: " + decision);
        if (SELF_EXPLAINED.contains(refusal.reason())) {
            return;
        }
        assertTrue(result.findings().stream().anyMatch(finding -> finding.subjectKind() == Finding.SubjectKind.SERVICE
            && finding.subject().equals(decision.service().toString())
            && finding.item().contains(decision.vip().address())),
            () -> "refused without a finding: " + decision + "\nfindings: " + result.findings());
    }

    /**
     * A kube-anycast annotation either shows in the Service's path attributes or is reported. The oracle is the
     * documented syntax (ServiceAnnotations): ASCII decimal numbers, communities {@code asn:value} of 0..65535.
     */
    private static void checkAnnotationsAppliedOrReported(final ServiceInfo service, final RouteComputation result,
            final Policy policy) {
        final Optional<PathAttributes> attributes = result.decisionsOf(service.id()).stream()
            .filter(decision -> decision.refusal().map(refusal -> refusal.reason()
                != VipRefusal.Reason.NOT_ROUTED_SERVICE).orElse(true))
            .map(VipDecision::attributes)
            .findFirst();
        if (attributes.isEmpty()) {
            // no routed VIP carries the attributes: nothing to compare with
            return;
        }
        final String localPref = service.annotations().get(ServiceAnnotations.LOCAL_PREF);
        if (localPref != null) {
            final OptionalLong wanted = strictUnsigned32(localPref.trim());
            final boolean applied = wanted.isPresent() && wanted.getAsLong() == attributes.orElseThrow().localPref();
            final boolean reported = reported(result, service.id(), ServiceAnnotations.LOCAL_PREF);
            assertTrue(applied != reported || applied && wanted.getAsLong() == policy.attributes().localPref(),
                () -> service.id() + " local-pref '" + localPref + "': applied " + applied + ", reported " + reported
                    + ", attributes " + attributes.orElseThrow() + ", findings " + result.findings());
        }
        final String communities = service.annotations().get(ServiceAnnotations.COMMUNITIES);
        if (communities != null) {
            final Optional<SortedSet<Community>> wanted = strictCommunities(communities);
            final boolean applied = wanted.isPresent()
                && attributes.orElseThrow().communities().containsAll(wanted.orElseThrow());
            final boolean reported = reported(result, service.id(), ServiceAnnotations.COMMUNITIES);
            // a refused value whose communities the configuration adds anyway shows as applied and reported
            assertTrue(applied != reported || applied && policy.attributes().communities()
                .containsAll(wanted.orElseThrow()), () -> service.id() + " communities '" + communities + "': applied "
                + applied + ", reported " + reported + ", attributes " + attributes.orElseThrow() + ", findings "
                + result.findings());
        }
    }

    private static boolean reported(final RouteComputation result, final ServiceId service, final String item) {
        return result.findings().stream().anyMatch(finding -> finding.subjectKind() == Finding.SubjectKind.SERVICE
            && finding.subject().equals(service.toString()) && finding.item().equals(item));
    }

    private static OptionalLong strictUnsigned32(final String text) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return OptionalLong.empty();
        }
        final long value = Long.parseLong(text);
        return value > 0xFFFF_FFFFL ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static Optional<SortedSet<Community>> strictCommunities(final String text) {
        final SortedSet<Community> result = new TreeSet<>();
        if (text.isBlank()) {
            return Optional.of(result);
        }
        for (String item : text.split(",", -1)) {
            final String[] parts = item.trim().split(":", -1);
            if (parts.length != 2) {
                return Optional.empty();
            }
            final OptionalLong asn = strictUnsigned32(parts[0]);
            final OptionalLong value = strictUnsigned32(parts[1]);
            if (asn.isEmpty() || value.isEmpty() || asn.getAsLong() > 65_535 || value.getAsLong() > 65_535) {
                return Optional.empty();
            }
            result.add(new Community((int) asn.getAsLong(), (int) value.getAsLong()));
        }
        return Optional.of(result);
    }

    /** The same number in Arabic-Indic digits (U+0660..U+0669). */
    private static String arabicDigits(final String asciiDigits) {
        final StringBuilder out = new StringBuilder();
        asciiDigits.chars().forEach(digit -> out.append((char) (0x0660 + digit - '0')));
        return out.toString();
    }

    private static <T> List<T> shuffled(final List<T> list, final Random random) {
        final List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }

    @Provide
    Arbitrary<Cluster> clusters() {
        // informers' listers key objects by namespace and name, so a list never holds two with the same key
        return Combinators.combine(
            services().list().ofMaxSize(10).uniqueElements(service -> service.getMetadata() == null ? null
                : service.getMetadata().getNamespace() + "/" + service.getMetadata().getName()),
            slices().list().ofMaxSize(12).uniqueElements(slice -> slice.getMetadata().getNamespace() + "/"
                + slice.getMetadata().getName()),
            nodes().list().ofMaxSize(6).uniqueElements(node -> node.getMetadata().getName()),
            Arbitraries.of(POLICIES)).as(Cluster::new);
    }

    // --- addresses -------------------------------------------------------------------------------------------

    private static Arbitrary<String> addresses() {
        final Arbitrary<Integer> octet = Arbitraries.integers().between(0, 40);
        final Arbitrary<Integer> group = Arbitraries.integers().between(0, 300);
        return Arbitraries.frequencyOf(
            Tuple.of(20, octet.map(last -> "203.0.113." + last)),
            Tuple.of(10, octet.map(last -> "10.96.0." + last)),
            Tuple.of(10, octet.map(last -> "198.51.100." + last)),
            Tuple.of(8, group.map(last -> "2001:db8:ff::" + Integer.toHexString(last))),
            Tuple.of(4, group.map(last -> "2001:db8:96::" + Integer.toHexString(last))),
            Tuple.of(4, group.map(last -> "2001:db8:1::" + Integer.toHexString(last))),
            Tuple.of(12, Arbitraries.of(ODD_ADDRESSES)),
            Tuple.of(3, Arbitraries.strings().ofMaxLength(16))).injectNull(0.03);
    }

    private static <T> Arbitrary<List<T>> listWithNulls(final Arbitrary<T> elements, final int maxSize) {
        return elements.list().ofMaxSize(maxSize).injectNull(0.2);
    }

    private static Arbitrary<Boolean> maybeBoolean() {
        return Arbitraries.of(true, false).injectNull(0.3);
    }

    // --- Services --------------------------------------------------------------------------------------------

    private static Arbitrary<V1Service> services() {
        final Arbitrary<V1ObjectMeta> meta = Combinators.combine(
            Arbitraries.of(NAMESPACES).injectNull(0.02), Arbitraries.of(SERVICE_NAMES).injectNull(0.02),
            annotations(), Arbitraries.integers().between(0, 5).injectNull(0.3))
            .as((namespace, name, annotations, age) -> new V1ObjectMeta().namespace(namespace).name(name)
                .annotations(annotations).creationTimestamp(age == null ? null
                    : OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusMinutes(age)));
        final Arbitrary<String> clusterIp = Arbitraries.frequencyOf(Tuple.of(6, addresses()),
            Tuple.of(2, Arbitraries.just("None")));
        final Arbitrary<V1ServiceSpec> spec = Combinators.combine(
            Arbitraries.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName", "loadbalancer").injectNull(0.1),
            clusterIp, listWithNulls(clusterIp, 3), listWithNulls(addresses(), 3),
            Arbitraries.of("Local", "Cluster", "local", "").injectNull(0.2),
            Arbitraries.of("Local", "Cluster").injectNull(0.3),
            Arbitraries.of("kube-anycast.io/bgp", "example.com/other-lb", "").injectNull(0.7))
            .as((type, ip, ips, externalIps, etp, itp, lbClass) -> new V1ServiceSpec().type(type).clusterIP(ip)
                .clusterIPs(ips).externalIPs(externalIps).externalTrafficPolicy(etp).internalTrafficPolicy(itp)
                .loadBalancerClass(lbClass));
        final Arbitrary<V1LoadBalancerIngress> ingress = Combinators.combine(addresses(),
            Arbitraries.of("lb.example.com", "").injectNull(0.8), Arbitraries.of("VIP", "Proxy", "vip").injectNull(0.5))
            .as((ip, hostname, mode) -> new V1LoadBalancerIngress().ip(ip).hostname(hostname).ipMode(mode))
            .injectNull(0.03);
        final Arbitrary<V1ServiceStatus> status = listWithNulls(ingress, 3)
            .map(list -> new V1ServiceStatus().loadBalancer(new V1LoadBalancerStatus().ingress(list)))
            .injectNull(0.2);
        return Combinators.combine(meta.injectNull(0.02), spec.injectNull(0.05), status)
            .as((meta1, spec1, status1) -> new V1Service().metadata(meta1).spec(spec1).status(status1));
    }

    private static Arbitrary<Map<String, String>> annotations() {
        final Arbitrary<String> values = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(LOCAL_PREFS)),
            Tuple.of(4, Arbitraries.of(COMMUNITIES)), Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
        return Arbitraries.maps(Arbitraries.of(ANNOTATION_KEYS), values.injectNull(0.05)).ofMaxSize(3)
            .map(HashMap::new).map(map -> (Map<String, String>) map).injectNull(0.3);
    }

    // --- EndpointSlices --------------------------------------------------------------------------------------

    private static Arbitrary<V1EndpointSlice> slices() {
        final Arbitrary<V1EndpointConditions> conditions = Combinators.combine(maybeBoolean(), maybeBoolean(),
            maybeBoolean()).as((ready, serving, terminating) -> new V1EndpointConditions().ready(ready)
                .serving(serving).terminating(terminating)).injectNull(0.1);
        final Arbitrary<V1Endpoint> endpoint = Combinators.combine(listWithNulls(addresses(), 2),
            Arbitraries.of(NODE_NAMES).injectNull(0.15), conditions)
            .as((addresses, node, conds) -> new V1Endpoint().addresses(addresses).nodeName(node).conditions(conds))
            .injectNull(0.03);
        return Combinators.combine(Arbitraries.of(NAMESPACES).injectNull(0.02),
            Arbitraries.of(SERVICE_NAMES).injectNull(0.1),
            Arbitraries.of("IPv4", "IPv6", "FQDN", "ipv4").injectNull(0.05), listWithNulls(endpoint, 5),
            Arbitraries.integers().between(0, 99))
            .as((namespace, service, type, endpoints, suffix) -> {
                final Map<String, String> labels = new HashMap<>();
                labels.put(service == null ? "app" : ClusterStateMapper.SERVICE_NAME_LABEL, service);
                return new V1EndpointSlice().metadata(new V1ObjectMeta().namespace(namespace)
                    .name(service + "-" + suffix).labels(labels)).addressType(type).endpoints(endpoints);
            });
    }

    // --- Nodes -----------------------------------------------------------------------------------------------

    private static Arbitrary<V1Node> nodes() {
        final Arbitrary<V1NodeCondition> condition = Combinators.combine(
            Arbitraries.of("Ready", "NetworkUnavailable", "MemoryPressure", "ready").injectNull(0.05),
            Arbitraries.of("True", "False", "Unknown", "true").injectNull(0.05))
            .as((type, status) -> new V1NodeCondition().type(type).status(status)).injectNull(0.02);
        final Arbitrary<V1NodeAddress> address = Combinators.combine(
            Arbitraries.of("InternalIP", "ExternalIP", "Hostname", "internalip").injectNull(0.05), addresses())
            .as((type, value) -> new V1NodeAddress().type(type).address(value)).injectNull(0.02);
        final List<List<V1Taint>> taintChoices = List.of(List.of(),
            List.of(new V1Taint().key("ToBeDeletedByClusterAutoscaler").effect("NoSchedule")),
            List.of(new V1Taint().key("node.kubernetes.io/unschedulable").effect("NoSchedule")));
        final Arbitrary<List<V1Taint>> taints = Arbitraries.of(taintChoices).injectNull(0.5);
        final Arbitrary<V1NodeStatus> status = Combinators.combine(listWithNulls(condition, 3),
            listWithNulls(address, 4))
            .as((conditions, addresses) -> new V1NodeStatus().conditions(conditions).addresses(addresses))
            .injectNull(0.05);
        return Combinators.combine(Arbitraries.of(NODE_NAMES).injectNull(0.02), status, maybeBoolean(),
            Arbitraries.of(true, false), taints, Arbitraries.of(true, false), Arbitraries.of(true, false))
            .as((name, status1, unschedulable, excluded, taints1, deleting, noSpec) -> {
                final Map<String, String> labels = new HashMap<>(Map.of("kubernetes.io/hostname", "" + name));
                if (excluded) {
                    labels.put("node.kubernetes.io/exclude-from-external-load-balancers", "");
                }
                return new V1Node().metadata(new V1ObjectMeta().name(name).labels(labels)
                        .deletionTimestamp(deleting ? OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                            : null))
                    .spec(noSpec ? null : new V1NodeSpec().unschedulable(unschedulable).taints(taints1))
                    .status(status1);
            });
    }
}
