/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import io.kubeanycast.bgppolicy.core.RouteComputation;
import io.kubeanycast.bgppolicy.impl.api.KubeAnycastStatus;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code anycast:routes [--service ns/name] [--prefix P]}. Karaf creates one instance per invocation and injects
 * the fields; reading the published computation never blocks.
 */
@Service
@Command(scope = "anycast", name = "routes",
    description = "Paths advertised to the fabric: prefix, next hop, node, local-pref, MED, communities")
public final class RoutesCommand implements Action {
    @Reference
    private KubeAnycastStatus status;

    // printed to the session ourselves: Karaf does not print an action's result for an SSH exec command
    @Reference
    private Session session;

    @Option(name = "--service", aliases = "-s", description = "only the paths of this Service (namespace/name)")
    private String service;

    @Option(name = "--prefix", aliases = "-p", description = "only this prefix (an address matches its host route)")
    private String prefix;

    @Override
    public Object execute() {
        session.getConsole().print(text());
        return null;
    }

    private String text() {
        final Optional<RouteComputation> computation = status.snapshot().computation();
        if (computation.isEmpty()) {
            return CommandTexts.NO_COMPUTATION;
        }
        if (service != null) {
            final var id = CommandTexts.serviceId(service);
            if (id.isEmpty()) {
                return CommandTexts.badServiceId(service);
            }
            return RoutesFormatter.format(computation.orElseThrow(), id, Optional.ofNullable(prefix));
        }
        return RoutesFormatter.format(computation.orElseThrow(), Optional.empty(), Optional.ofNullable(prefix));
    }
}
