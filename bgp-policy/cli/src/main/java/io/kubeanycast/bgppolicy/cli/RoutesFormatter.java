/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import io.kubeanycast.bgppolicy.core.AdvertisedPath;
import io.kubeanycast.bgppolicy.core.CidrDecision;
import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.core.VipDecision;
import io.kubeanycast.source.model.ServiceId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Text of {@code anycast:routes}: the paths kube-anycast writes to the application RIB, one line per path, with
 * the Services (or cluster CIDR) each prefix comes from. Stateless and thread-safe.
 */
final class RoutesFormatter {
    private static final String CLUSTER_CIDR = "cluster CIDR";
    private static final Comparator<AdvertisedPath> ORDER = Comparator.comparing(AdvertisedPath::family)
        .thenComparing(AdvertisedPath::prefix).thenComparing(AdvertisedPath::node)
        .thenComparing(AdvertisedPath::nextHop);

    private RoutesFormatter() {
        // utility class
    }

    /**
     * The paths of a computation, optionally only those of one Service or one prefix.
     *
     * @param computation the last route computation
     * @param service only the prefixes announced for this Service's VIPs, when present
     * @param prefix only this prefix, when present; an address without a length matches its host prefix
     */
    static String format(final RouteComputation computation, final Optional<ServiceId> service,
            final Optional<String> prefix) {
        final Map<String, Set<String>> origins = origins(computation);
        final Optional<Set<String>> servicePrefixes = service.map(id -> prefixesOf(computation, id));
        final List<AdvertisedPath> shown = computation.paths().stream()
            .filter(path -> servicePrefixes.map(set -> set.contains(path.prefix())).orElse(true))
            .filter(path -> prefix.map(wanted -> matches(path.prefix(), wanted)).orElse(true))
            .sorted(ORDER)
            .toList();
        if (shown.isEmpty()) {
            return "No advertised paths" + filterText(service, prefix) + ".\n";
        }
        final ShellTable table = Texts.table("PREFIX", "NEXT HOP", "NODE", "LOCAL-PREF", "MED", "COMMUNITIES",
            "FROM");
        shown.forEach(path -> table.addRow().addContent(path.prefix(), path.nextHop(), path.node(),
            Long.toString(path.attributes().localPref()), Texts.med(path.attributes()),
            Texts.communities(path.attributes()),
            String.join(",", origins.getOrDefault(path.prefix(), Set.of()))));
        return Texts.render(table);
    }

    private static String filterText(final Optional<ServiceId> service, final Optional<String> prefix) {
        final StringBuilder text = new StringBuilder();
        service.ifPresent(id -> text.append(" for Service ").append(id));
        prefix.ifPresent(wanted -> text.append(" for prefix ").append(wanted));
        return text.toString();
    }

    private static boolean matches(final String pathPrefix, final String wanted) {
        final String trimmed = wanted.trim();
        return trimmed.indexOf('/') >= 0 ? pathPrefix.equals(trimmed)
            : pathPrefix.substring(0, pathPrefix.indexOf('/')).equals(trimmed);
    }

    private static Set<String> prefixesOf(final RouteComputation computation, final ServiceId service) {
        final Set<String> prefixes = new TreeSet<>();
        for (VipDecision decision : computation.decisionsOf(service)) {
            decision.prefix().ifPresent(prefixes::add);
        }
        return prefixes;
    }

    /**
     * Per announced prefix, where it comes from: Services (an aggregate may cover several) or a cluster CIDR.
     */
    private static Map<String, Set<String>> origins(final RouteComputation computation) {
        final Map<String, Set<String>> origins = new TreeMap<>();
        for (CidrDecision cidr : computation.clusterCidrs()) {
            origins.computeIfAbsent(cidr.prefix(), key -> new TreeSet<>()).add(CLUSTER_CIDR);
        }
        for (List<VipDecision> decisions : computation.services().values()) {
            for (VipDecision decision : decisions) {
                decision.prefix().ifPresent(announced -> origins.computeIfAbsent(announced, key -> new TreeSet<>())
                    .add(decision.service().toString()));
            }
        }
        return origins;
    }
}
