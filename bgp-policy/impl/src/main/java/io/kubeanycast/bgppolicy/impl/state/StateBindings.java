/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.state;

import io.kubeanycast.bgppolicy.core.Community;
import io.kubeanycast.bgppolicy.core.Finding;
import io.kubeanycast.bgppolicy.core.NodeExclusion;
import io.kubeanycast.bgppolicy.core.VipDecision;
import io.kubeanycast.bgppolicy.core.VipRefusal;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.bgppolicy.rib.RibWriterStatus;
import io.kubeanycast.source.api.SourceStatus;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.VipKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.IetfInetUtil;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.AddressFamily;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.KubeAnycastState;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.KubeAnycastStateBuilder;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.RefusalReason;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.RibWriter;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.RibWriterBuilder;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.Service;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.ServiceBuilder;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.ServiceKey;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.Source;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.SourceBuilder;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.Problem;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.ProblemBuilder;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.ProblemKey;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.Vip;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.VipBuilder;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.VipKey;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.vip.AnnouncedFrom;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.vip.AnnouncedFromBuilder;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.vip.LeftOut;
import org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.kube.anycast.state.service.vip.LeftOutBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;

/**
 * Turns kube-anycast's status and per-Service VIP decisions into the generated bindings of the YANG module
 * {@code kube-anycast} (bgp-policy-model). It carries exactly what {@code anycast:explain} prints: per VIP the
 * prefix, whether it is announced, the refusal, the drain flag, the path attributes, every announcing node with
 * its next hop and every left-out node with its reason; per Service the problems found. Pure and stateless.
 */
final class StateBindings {
    private StateBindings() {
        // utility class
    }

    /**
     * The state container without its Services: configuration applied, source, RIB writer, last change and counts.
     */
    static KubeAnycastState summary(final StatusSnapshot snapshot) {
        final KubeAnycastStateBuilder builder = new KubeAnycastStateBuilder()
            .setConfigurationApplied(snapshot.configurationApplied())
            .setVipCount(Uint32.valueOf(snapshot.vipCount()))
            .setAnnouncedVipCount(Uint32.valueOf(snapshot.announcedVipCount()))
            .setPathCount(Uint32.valueOf(snapshot.pathCount()))
            .setLastChange(snapshot.lastChange().map(StateBindings::dateAndTime).orElse(null));
        snapshot.source().map(StateBindings::source).ifPresent(builder::setSource);
        snapshot.writer().map(StateBindings::ribWriter).ifPresent(builder::setRibWriter);
        return builder.build();
    }

    static Source source(final SourceStatus status) {
        return new SourceBuilder()
            .setApiServer(status.cluster())
            .setConnected(status.connected())
            .setSynced(status.synced())
            .setSnapshots(Uint64.valueOf(status.snapshots()))
            .setLastSnapshot(status.lastSnapshot().map(StateBindings::dateAndTime).orElse(null))
            .setLastError(status.lastError().orElse(null))
            .build();
    }

    static RibWriter ribWriter(final RibWriterStatus status) {
        return new RibWriterBuilder()
            .setInSync(status.inSync())
            .setChangeSetsApplied(Uint64.valueOf(status.succeeded()))
            .setChangeSetsFailed(Uint64.valueOf(status.failed()))
            .setLastFailure(status.lastFailure().isEmpty() ? null : status.lastFailure())
            .build();
    }

    /**
     * One Service with its VIPs in the Service's order and the problems found with it.
     *
     * @param id the Service
     * @param decisions its VIP decisions
     * @param findings the findings whose subject is this Service
     */
    static Service service(final ServiceId id, final List<VipDecision> decisions, final List<Finding> findings) {
        // a Service may list one address twice (say in externalIPs): the first decision stands, as in the RIB
        final Map<VipKey, Vip> vips = new LinkedHashMap<>();
        for (VipDecision decision : decisions) {
            final Vip vip = vip(decision);
            vips.putIfAbsent(vip.key(), vip);
        }
        final Map<ProblemKey, Problem> problems = new LinkedHashMap<>();
        for (Finding finding : findings) {
            final Problem problem = new ProblemBuilder().setItem(finding.item()).setReason(finding.reason()).build();
            problems.putIfAbsent(problem.key(), problem);
        }
        return new ServiceBuilder()
            .withKey(key(id))
            .setVip(List.copyOf(vips.values()))
            .setProblem(problems.isEmpty() ? null : problems)
            .build();
    }

    static ServiceKey key(final ServiceId id) {
        return new ServiceKey(id.name(), id.namespace());
    }

    static Vip vip(final VipDecision decision) {
        final VipBuilder builder = new VipBuilder()
            .setAddress(decision.vip().address())
            .setKind(kind(decision.vip().kind()))
            .setFamily(decision.vip().family() == IpFamily.IPV4 ? AddressFamily.Ipv4 : AddressFamily.Ipv6)
            .setAnnounced(decision.isAnnounced())
            .setDraining(decision.draining())
            .setLocalPref(Uint32.valueOf(decision.attributes().localPref()))
            .setMed(decision.attributes().med().isPresent()
                ? Uint32.valueOf(decision.attributes().med().getAsLong()) : null);
        final var communities = decision.attributes().communities().stream().map(Community::toString)
            .collect(Collectors.toCollection(TreeSet::new));
        builder.setCommunity(communities.isEmpty() ? null : communities);
        decision.prefix().map(IetfInetUtil::ipPrefixFor).ifPresent(builder::setPrefix);
        decision.refusal().ifPresent(refusal -> builder
            .setRefusalReason(refusalReason(refusal.reason()))
            .setRefusalDetail(refusal.detail()));

        // node name order (the selection's maps are sorted), as explain lists them; node names are unique keys
        final List<AnnouncedFrom> announced = new ArrayList<>();
        decision.nodes().announcedFrom().forEach((node, nextHop) -> announced.add(new AnnouncedFromBuilder()
            .setNode(node).setNextHop(IetfInetUtil.ipAddressFor(nextHop)).build()));
        final List<LeftOut> leftOut = new ArrayList<>();
        decision.nodes().leftOut().forEach((node, exclusion) -> leftOut.add(new LeftOutBuilder().setNode(node)
            .setReason(exclusion(exclusion)).setDetail(exclusion.description()).build()));
        return builder
            .setAnnouncedFrom(announced.isEmpty() ? null : announced)
            .setLeftOut(leftOut.isEmpty() ? null : leftOut)
            .build();
    }

    static DateAndTime dateAndTime(final Instant instant) {
        // Instant's ISO-8601 text (UTC, "Z") matches yang:date-and-time's pattern
        return new DateAndTime(instant.toString());
    }

    // exhaustive switches without default: a new reason in core fails the build here until the model has it
    private static org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.VipKind kind(final VipKind kind) {
        return switch (kind) {
            case CLUSTER_IP -> org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.VipKind.ClusterIp;
            case EXTERNAL_IP -> org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.VipKind.ExternalIp;
            case LOAD_BALANCER_IP ->
                org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.VipKind.LoadBalancerIp;
        };
    }

    private static RefusalReason refusalReason(final VipRefusal.Reason reason) {
        return switch (reason) {
            case OUTSIDE_ALLOW_LIST -> RefusalReason.OutsideAllowList;
            case OUTSIDE_CLUSTER_CIDRS -> RefusalReason.OutsideClusterCidrs;
            case NOT_ROUTED_SERVICE -> RefusalReason.NotRoutedService;
            case MALFORMED_ADDRESS -> RefusalReason.MalformedAddress;
            case KIND_DISABLED -> RefusalReason.KindDisabled;
            case CLUSTER_TRAFFIC_POLICY -> RefusalReason.ClusterTrafficPolicy;
            case NO_ENDPOINTS -> RefusalReason.NoEndpoints;
            case CLAIMED_BY_OTHER_SERVICE -> RefusalReason.ClaimedByOtherService;
            case OTHER_LOAD_BALANCER_CLASS -> RefusalReason.OtherLoadBalancerClass;
            case PROXY_IP_MODE -> RefusalReason.ProxyIpMode;
        };
    }

    private static org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion exclusion(
            final NodeExclusion exclusion) {
        return switch (exclusion) {
            case BEING_DELETED ->
                org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion.BeingDeleted;
            case NOT_READY -> org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion.NotReady;
            case NETWORK_UNAVAILABLE ->
                org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion.NetworkUnavailable;
            case EXCLUDED_BY_LABEL ->
                org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion.ExcludedByLabel;
            case CORDONED -> org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion.Cordoned;
            case NO_ADDRESS_OF_FAMILY ->
                org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion.NoAddressOfFamily;
            case NO_READY_ENDPOINT ->
                org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion.NoReadyEndpoint;
            case ENDPOINT_WITHOUT_NODE ->
                org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion.EndpointWithoutNode;
            case ONLY_TERMINATING_ENDPOINTS ->
                org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion
                    .OnlyTerminatingEndpoints;
            case NOT_COMMON_TO_AGGREGATE ->
                org.opendaylight.yang.gen.v1.urn.io.kubeanycast.state.rev261126.NodeExclusion.NotCommonToAggregate;
        };
    }
}
