/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import io.kubeanycast.bgppolicy.core.Finding;
import io.kubeanycast.bgppolicy.core.NodeExclusion;
import io.kubeanycast.bgppolicy.core.NodeLossStatus;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.VipDecision;
import io.kubeanycast.bgppolicy.core.VipRefusal;
import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.Vip;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Text of {@code anycast:explain ns/name}: for each VIP of a Service, whether and as which prefix it is announced,
 * from which nodes with which next hop, why every other node is left out, and the problems found with the Service
 * (for example a bad annotation). Stateless and thread-safe.
 */
final class ExplainFormatter {
    private ExplainFormatter() {
        // utility class
    }

    static String format(final RouteComputation computation, final ServiceId service) {
        final List<VipDecision> decisions = computation.decisionsOf(service);
        if (decisions.isEmpty()) {
            // the computation keeps only Services that have VIPs, so both cases look alike here
            return "Service " + service + " not found (no such Service, or it has no VIP).\n";
        }
        final StringBuilder out = new StringBuilder("Service ").append(service).append('\n');
        final NodeLossStatus nodeLoss = computation.nodeLoss();
        if (nodeLoss.engaged()) {
            out.append("Mass node-loss guard ").append(nodeLoss.summary()).append('\n');
        }
        for (VipDecision decision : decisions) {
            out.append('\n');
            vip(out, decision, nodeLoss);
        }
        final List<Finding> findings = computation.findings().stream()
            .filter(finding -> finding.subjectKind() == Finding.SubjectKind.SERVICE
                && finding.subject().equals(service.toString()))
            .toList();
        if (!findings.isEmpty()) {
            out.append("\nProblems found:\n");
            for (Finding finding : findings) {
                out.append("  ").append(finding.item()).append(": ").append(finding.reason()).append('\n');
            }
        }
        return out.toString();
    }

    private static void vip(final StringBuilder out, final VipDecision decision, final NodeLossStatus nodeLoss) {
        out.append("VIP ").append(decision.vip().address()).append(" (").append(kind(decision.vip())).append(")");
        if (decision.refusal().isPresent()) {
            final VipRefusal refusal = decision.refusal().orElseThrow();
            out.append(": not announced: ").append(refusal(refusal.reason())).append(": ").append(refusal.detail())
                .append('\n');
            return;
        }
        out.append(": ");
        if (decision.isAnnounced()) {
            out.append("announced as ").append(decision.prefix().orElse(Texts.NONE)).append(" from ")
                .append(decision.nodes().announcedFrom().size()).append(" node(s)");
        } else {
            out.append("not announced: no node qualifies");
        }
        out.append(", local-pref ").append(decision.attributes().localPref())
            .append(", MED ").append(Texts.med(decision.attributes()))
            .append(", communities ").append(Texts.communities(decision.attributes())).append('\n');
        if (decision.draining()) {
            out.append("  draining: no node has a ready endpoint, announced from the nodes with terminating ones\n");
        }
        // announced and left-out nodes together, in node order, so each node appears once with its reason
        final Map<String, Object[]> rows = new TreeMap<>();
        decision.nodes().announcedFrom().forEach((node, nextHop) -> {
            final NodeExclusion held = nodeLoss.held().get(node);
            final String why = held == null ? "" : "; " + held.description() + ", kept by the mass node-loss guard";
            rows.put(node, new Object[] {"", node, held == null ? "yes" : "yes (held)", "next hop " + nextHop + why});
        });
        decision.nodes().leftOut().forEach((node, exclusion) ->
            rows.put(node, new Object[] {"", node, "no", exclusion.description()}));
        // the empty first column indents the table under its VIP line by one gap
        final ShellTable table = Texts.table("", "NODE", "ANNOUNCED", "NEXT HOP / WHY NOT");
        rows.values().forEach(row -> table.addRow().addContent(row));
        out.append(Texts.render(table));
    }

    private static String kind(final Vip vip) {
        return switch (vip.kind()) {
            case CLUSTER_IP -> "ClusterIP";
            case EXTERNAL_IP -> "external IP";
            case LOAD_BALANCER_IP -> "LoadBalancer IP";
        };
    }

    private static String refusal(final VipRefusal.Reason reason) {
        return switch (reason) {
            case OUTSIDE_ALLOW_LIST -> "outside the allow-list (announce.external-cidrs)";
            case OUTSIDE_CLUSTER_CIDRS -> "outside announce.cluster-cidrs";
            case NOT_ROUTED_SERVICE -> "headless or ExternalName Service";
            case MALFORMED_ADDRESS -> "malformed address";
            case KIND_DISABLED -> "VIP kind switched off by configuration";
            case CLUSTER_TRAFFIC_POLICY -> "covered by the cluster CIDR (traffic policies Cluster)";
            case NO_ENDPOINTS -> "no ready or serving endpoint anywhere";
            case CLAIMED_BY_OTHER_SERVICE -> "the address belongs to an older Service";
            case OTHER_LOAD_BALANCER_CLASS ->
                "load-balancer IP of another implementation (announce.load-balancer-class)";
            case PROXY_IP_MODE -> "load-balancer ingress with ipMode Proxy";
        };
    }
}
