/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.EndpointCounts;
import io.kubeanycast.source.model.IpFamily;
import io.kubeanycast.source.model.LoadBalancerIngress;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import io.kubeanycast.source.model.ServiceType;
import io.kubeanycast.source.model.TrafficPolicy;
import io.kubeanycast.source.model.Vip;
import io.kubeanycast.source.model.VipKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One route computation: walks the state in its sorted order, decides each VIP, and collects paths and
 * findings. Every cost is per VIP times per node, with node facts worked out once up front. Used once, on one
 * thread; not thread-safe.
 */
final class ComputationRun {
    /**
     * Refusals that mean someone asked for something that cannot be: besides the decision, they are findings,
     * so they reach the log and Events. The others (a kind switched off, Cluster policies, no endpoints,
     * headless) are normal operation and stay in the decisions only.
     */
    private static final Set<VipRefusal.Reason> REPORTED = EnumSet.of(VipRefusal.Reason.MALFORMED_ADDRESS,
        VipRefusal.Reason.OUTSIDE_ALLOW_LIST, VipRefusal.Reason.OUTSIDE_CLUSTER_CIDRS,
        VipRefusal.Reason.CLAIMED_BY_OTHER_SERVICE, VipRefusal.Reason.PROXY_IP_MODE);

    private final ClusterState state;
    private final Policy policy;
    private final List<Finding> findings = new ArrayList<>();
    private final NodeCatalog nodes;
    private final PathCollector paths;
    private final Aggregates aggregates = new Aggregates();
    private final VipOwners owners = new VipOwners();
    // the families of the current Service's VIPs that were decided node by node on their endpoints
    private final Set<IpFamily> localFamilies = EnumSet.noneOf(IpFamily.class);

    ComputationRun(final ClusterState state, final Policy policy) {
        this.state = state;
        this.policy = policy;
        this.nodes = new NodeCatalog(state.nodes(), policy, findings);
        this.paths = new PathCollector(state.services().size() * Math.max(1, state.nodes().size()), findings);
    }

    RouteComputation compute() {
        collectClaims();
        final List<CidrDecision> cidrDecisions = new ArrayList<>();
        for (IpPrefix cidr : policy.clusterCidrs()) {
            final NodeSelection selection = nodes.everyEligible(cidr.family());
            paths.add(cidr.toString(), cidr.family(), selection, policy.attributes(), "cluster CIDR " + cidr);
            cidrDecisions.add(new CidrDecision(cidr.toString(), selection));
        }
        final SortedMap<ServiceId, List<VipDecision>> decisions = new TreeMap<>();
        for (ServiceInfo service : state.services().values()) {
            if (!service.vips().isEmpty()) {
                decisions.put(service.id(), decideService(service));
            }
        }
        aggregates.resolve(policy, paths, findings);
        return new RouteComputation(paths.paths(), cidrDecisions, decisions, findings);
    }

    private List<VipDecision> decideService(final ServiceInfo service) {
        final List<VipDecision> decisions = new ArrayList<>(service.vips().size());
        if (service.headless() || service.type() == ServiceType.EXTERNAL_NAME) {
            for (Vip vip : service.vips()) {
                decisions.add(VipDecision.refused(service.id(), vip, VipRefusal.Reason.NOT_ROUTED_SERVICE,
                    "headless and ExternalName Services are not routed", policy.attributes()));
            }
            return decisions;
        }
        final PathAttributes attributes = ServiceAnnotations.attributesFor(service.id(), service.annotations(),
            policy.attributes(), policy.annotationLimits(), findings);
        reportHostnameIngress(service);
        localFamilies.clear();
        for (Vip vip : service.vips()) {
            decideVip(service, vip, attributes, decisions);
        }
        for (IpFamily family : localFamilies) {
            final EndpointCounts unplaced = service.endpointsWithoutNode().getOrDefault(family, EndpointCounts.NONE);
            if (unplaced.hasReady()) {
                findings.add(Finding.service(service.id(), "endpoints without nodeName", unplaced.ready() + " ready "
                    + family + " endpoint(s) of the Service name no node: a Local VIP is announced only from the"
                    + " nodes its ready endpoints name, so these attract no traffic"));
            }
        }
        return decisions;
    }

    /**
     * A load-balancer ingress entry with a hostname and no IP (a cloud load balancer's DNS name) cannot be
     * announced; say so instead of dropping it silently, when its IPs would otherwise be ours.
     */
    private void reportHostnameIngress(final ServiceInfo service) {
        if (!policy.announceLoadBalancerIps() || !policy.ownsLoadBalancerClass(service.loadBalancerClass())) {
            return;
        }
        for (LoadBalancerIngress entry : service.loadBalancerIngress()) {
            if (entry.ip().isEmpty() && entry.hostname().isPresent()) {
                findings.add(Finding.service(service.id(), "load-balancer ingress hostname "
                    + entry.hostname().orElseThrow(), "has no IP: kube-anycast announces IP addresses only, so"
                    + " nothing is announced for it"));
            }
        }
    }

    /** Adds the VIP's decision (or, for an aggregated VIP, its placeholder) to the list and its paths. */
    private void decideVip(final ServiceInfo service, final Vip vip, final PathAttributes attributes,
            final List<VipDecision> decisions) {
        final Optional<IpAddress> parsed = IpAddress.tryParse(vip.address());
        final Optional<VipRefusal> refusal;
        if (parsed.isEmpty() || parsed.orElseThrow().family() != vip.family()) {
            refusal = refusal(VipRefusal.Reason.MALFORMED_ADDRESS,
                "'" + vip.address() + "' is not a valid " + vip.family() + " address");
        } else {
            refusal = vip.kind() == VipKind.CLUSTER_IP ? refuseClusterIp(service, parsed.orElseThrow())
                : refuseExternal(service, vip, parsed.orElseThrow());
        }
        if (refusal.isPresent()) {
            final VipRefusal why = refusal.orElseThrow();
            if (REPORTED.contains(why.reason())) {
                findings.add(Finding.service(service.id(), vip.kind() + " " + vip.address(), why.detail()));
            }
            decisions.add(new VipDecision(service.id(), vip, Optional.empty(), refusal, NodeSelection.NONE, false,
                attributes));
            return;
        }
        final IpAddress address = parsed.orElseThrow();
        final IpPrefix host = IpPrefix.hostRoute(address);
        final boolean local = vip.kind() == VipKind.CLUSTER_IP
            || service.externalTrafficPolicy() == TrafficPolicy.LOCAL;
        if (local) {
            localFamilies.add(address.family());
        }
        final NodeCatalog.SelectedNodes selection = local
            ? nodes.withLocalEndpoints(service, address.family())
            : new NodeCatalog.SelectedNodes(nodes.everyEligible(address.family()), false);
        final VipDecision decision = new VipDecision(service.id(), vip, Optional.of(host.toString()),
            Optional.empty(), selection.nodes(), selection.draining(), attributes);
        final OptionalInt aggregateLength = policy.aggregateLength(address.family());
        // Aggregates carry the configured attributes only, so a Service with its own keeps its host routes.
        if (!local && aggregateLength.isPresent() && attributes.equals(policy.attributes())) {
            aggregates.add(IpPrefix.covering(address, aggregateLength.getAsInt()), decision, decisions);
            return;
        }
        decisions.add(decision);
        paths.add(host.toString(), address.family(), selection.nodes(), attributes, "service " + service.id());
    }

    private Optional<VipRefusal> refuseClusterIp(final ServiceInfo service, final IpAddress address) {
        if (policy.clusterIpMode() == Policy.ClusterIpMode.NONE) {
            return refusal(VipRefusal.Reason.KIND_DISABLED, Policy.CLUSTER_IP + " is none");
        }
        if (service.internalTrafficPolicy() != TrafficPolicy.LOCAL
                && service.externalTrafficPolicy() != TrafficPolicy.LOCAL) {
            return refusal(VipRefusal.Reason.CLUSTER_TRAFFIC_POLICY, "both traffic policies are Cluster: "
                + address + " is reached through the service cluster CIDR, if announced, not a host route");
        }
        if (policy.clusterCidrs().stream().noneMatch(cidr -> cidr.contains(address))) {
            return refusal(VipRefusal.Reason.OUTSIDE_CLUSTER_CIDRS, address + " is outside "
                + Policy.CLUSTER_CIDRS + " " + policy.clusterCidrs());
        }
        return Optional.empty();
    }

    /**
     * Who owns each external and load-balancer IP, from every admissible claim of the snapshot, before any VIP is
     * decided: the owner must not depend on the order in which Services are visited.
     */
    private void collectClaims() {
        for (ServiceInfo service : state.services().values()) {
            if (service.headless() || service.type() == ServiceType.EXTERNAL_NAME) {
                continue;
            }
            for (Vip vip : service.vips()) {
                if (vip.kind() == VipKind.CLUSTER_IP) {
                    continue;
                }
                IpAddress.tryParse(vip.address()).filter(address -> address.family() == vip.family())
                    .filter(address -> inadmissibleExternal(service, vip, address).isEmpty())
                    .ifPresent(address -> owners.claim(address, service));
            }
        }
    }

    private Optional<VipRefusal> refuseExternal(final ServiceInfo service, final Vip vip, final IpAddress address) {
        final Optional<VipRefusal> inadmissible = inadmissibleExternal(service, vip, address);
        if (inadmissible.isPresent()) {
            return inadmissible;
        }
        final Optional<VipOwners.Claim> owner = owners.otherOwner(address, service.id());
        if (owner.isPresent()) {
            return refusal(VipRefusal.Reason.CLAIMED_BY_OTHER_SERVICE, address + " belongs to "
                + owner.orElseThrow() + ", the oldest claim: one external or LoadBalancer IP belongs to one Service;"
                + " not announced for this one");
        }
        if (service.externalTrafficPolicy() == TrafficPolicy.CLUSTER && policy.withdrawWithoutEndpoints()
                && !hasEndpointAnywhere(service, address.family())) {
            return refusal(VipRefusal.Reason.NO_ENDPOINTS, "externalTrafficPolicy Cluster and no ready or serving "
                + address.family() + " endpoint anywhere (" + Policy.WITHDRAW_WITHOUT_ENDPOINTS + ")");
        }
        return Optional.empty();
    }

    /**
     * Why an external or load-balancer IP may never be announced for this Service, whatever other Services do.
     */
    private Optional<VipRefusal> inadmissibleExternal(final ServiceInfo service, final Vip vip,
            final IpAddress address) {
        final VipKind kind = vip.kind();
        if (kind == VipKind.EXTERNAL_IP && !policy.announceExternalIps()) {
            return refusal(VipRefusal.Reason.KIND_DISABLED, Policy.EXTERNAL_IPS + " is false");
        }
        if (kind == VipKind.LOAD_BALANCER_IP) {
            final Optional<VipRefusal> loadBalancer = refuseLoadBalancerIp(service, vip);
            if (loadBalancer.isPresent()) {
                return loadBalancer;
            }
        }
        if (policy.externalCidrs().stream().noneMatch(cidr -> cidr.contains(address))) {
            return refusal(VipRefusal.Reason.OUTSIDE_ALLOW_LIST, address + " is outside every "
                + Policy.EXTERNAL_CIDRS + " entry " + policy.externalCidrs() + "; never announced");
        }
        final String namespace = service.id().namespace();
        final List<IpPrefix> namespaceCidrs = policy.namespaceExternalCidrs().get(namespace);
        if (namespaceCidrs != null && namespaceCidrs.stream().noneMatch(cidr -> cidr.contains(address))) {
            return refusal(VipRefusal.Reason.OUTSIDE_ALLOW_LIST, address + " is outside namespace " + namespace
                + "'s allow-list " + NamespaceAllowLists.KEY_PREFIX + namespace + " "
                + (namespaceCidrs.isEmpty() ? "none" : namespaceCidrs) + "; never announced");
        }
        return Optional.empty();
    }

    /**
     * Refusals only a load-balancer IP can have, checked before the allow-list so that the IPs of another
     * implementation raise no warning of ours.
     */
    private Optional<VipRefusal> refuseLoadBalancerIp(final ServiceInfo service, final Vip vip) {
        if (!policy.announceLoadBalancerIps()) {
            return refusal(VipRefusal.Reason.KIND_DISABLED, Policy.LOAD_BALANCER_IPS + " is false");
        }
        if (!policy.ownsLoadBalancerClass(service.loadBalancerClass())) {
            return refusal(VipRefusal.Reason.OTHER_LOAD_BALANCER_CLASS, service.loadBalancerClass()
                .map(name -> "spec.loadBalancerClass " + name + " is not " + Policy.LOAD_BALANCER_CLASS + " "
                    + policy.loadBalancerClass() + ": another load-balancer implementation owns this IP")
                .orElse("the Service has no spec.loadBalancerClass and " + Policy.CLASS_LESS_LOAD_BALANCERS
                    + " is false"));
        }
        final boolean proxy = service.loadBalancerIngress().stream()
            .anyMatch(entry -> entry.isProxy() && entry.ip().filter(vip.address()::equals).isPresent());
        if (proxy) {
            return refusal(VipRefusal.Reason.PROXY_IP_MODE, "load-balancer ingress " + vip.address()
                + " has ipMode Proxy: the load balancer proxies to the nodes and kube-proxy does not accept this IP"
                + " on them, so a route to a node would blackhole its traffic");
        }
        return Optional.empty();
    }

    /**
     * Whether any endpoint of the family can take traffic, on any node, known or not: kube-proxy forwards
     * Cluster traffic to ready endpoints, and to serving terminating ones when there are no ready ones.
     */
    private static boolean hasEndpointAnywhere(final ServiceInfo service, final IpFamily family) {
        final EndpointCounts unplaced = service.endpointsWithoutNode().getOrDefault(family, EndpointCounts.NONE);
        if (unplaced.ready() > 0 || unplaced.serving() > 0) {
            return true;
        }
        return service.endpointsByNode(family).values().stream()
            .anyMatch(counts -> counts.ready() > 0 || counts.serving() > 0);
    }

    private static Optional<VipRefusal> refusal(final VipRefusal.Reason reason, final String detail) {
        return Optional.of(new VipRefusal(reason, detail));
    }
}
