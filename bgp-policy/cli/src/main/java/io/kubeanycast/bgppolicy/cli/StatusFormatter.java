/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import io.kubeanycast.bgppolicy.impl.api.FabricSession;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.bgppolicy.rib.RibWriterStatus;
import io.kubeanycast.source.api.SourceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Text of {@code anycast:status}: whether a valid configuration was applied (readiness), the Kubernetes API server
 * connection, the last change, VIP and path counts, the
 * RIB writer's health and the BGP sessions toward the fabric. Stateless and thread-safe.
 */
final class StatusFormatter {
    private static final String YES = "yes";
    private static final String NO = "no";
    private static final String UNKNOWN = "unknown";

    private StatusFormatter() {
        // utility class
    }

    /**
     * The status text.
     *
     * @param snapshot what the pipeline published
     * @param sessions the fabric sessions with their state, or the configured neighbors when the state could not
     *        be read
     * @param sessionError why the session state could not be read, if so
     */
    static String format(final StatusSnapshot snapshot, final List<FabricSession> sessions,
            final Optional<String> sessionError) {
        final ShellTable facts = Texts.table("", "");
        // the readiness condition (RESTCONF leaf configuration-applied, the image's readiness check)
        fact(facts, "Configuration", snapshot.configurationApplied() ? "applied (ready)"
            : "NONE VALID YET: nothing is announced, see the log for the refused key (not ready)");
        final Optional<SourceStatus> source = snapshot.source();
        if (source.isPresent()) {
            final SourceStatus status = source.orElseThrow();
            fact(facts, "API server", status.cluster());
            fact(facts, "  connected", status.connected() ? YES : NO);
            fact(facts, "  synced", status.synced() ? YES : NO);
            fact(facts, "  snapshots", status.snapshots() + status.lastSnapshot().map(at -> " (last " + at + ")")
                .orElse(""));
            fact(facts, "  last error", status.lastError().orElse(Texts.NONE));
        } else {
            fact(facts, "API server", "not started (no valid etc/io.kubeanycast.cfg applied yet)");
        }
        fact(facts, "Last change", snapshot.lastChange().map(Instant::toString).orElse(Texts.NONE));
        if (snapshot.computation().isPresent()) {
            fact(facts, "VIPs", snapshot.vipCount() + " (" + snapshot.announcedVipCount() + " announced)");
            fact(facts, "Paths", Long.toString(snapshot.pathCount()));
            fact(facts, "Node-loss guard", snapshot.computation().orElseThrow().nodeLoss().summary());
        } else {
            fact(facts, "VIPs", "- (waiting for the first cluster snapshot)");
            fact(facts, "Paths", Texts.NONE);
        }
        fact(facts, "RIB writer", snapshot.writer().map(StatusFormatter::writer).orElse(Texts.NONE));
        fact(facts, "BGP instance", snapshot.bgpInstance().orElse(Texts.NONE));
        final StringBuilder out = new StringBuilder(Texts.render(facts));

        out.append('\n');
        if (sessions.isEmpty()) {
            out.append("No fabric neighbors configured (bgp.neighbors).\n");
        } else {
            final ShellTable table = Texts.table("NEIGHBOR", "ADDRESS", "AS", "SESSION");
            for (FabricSession session : sessions) {
                table.addRow().addContent(session.name(), session.address(), Long.toString(session.peerAs()),
                    sessionError.isPresent() ? UNKNOWN : session.sessionState().orElse("NOT REPORTED BY ODL"));
            }
            out.append(Texts.render(table));
        }
        sessionError.ifPresent(error -> out.append("BGP session state unavailable: ").append(error).append('\n'));
        return out.toString();
    }

    private static String writer(final RibWriterStatus status) {
        final String counts = " (" + status.succeeded() + " change sets applied, " + status.failed() + " failed)";
        if (status.inSync()) {
            return "in sync" + counts;
        }
        return (status.lastFailure().isEmpty() ? "not in sync yet" : "NOT in sync: " + status.lastFailure())
            + counts;
    }

    private static void fact(final ShellTable facts, final String name, final String value) {
        facts.addRow().addContent(name, value);
    }
}
