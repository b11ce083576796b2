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
import io.kubeanycast.source.model.ServiceId;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code anycast:explain namespace/name}. Karaf creates one instance per invocation and injects the fields;
 * reading the published computation never blocks.
 */
@Service
@Command(scope = "anycast", name = "explain",
    description = "Why each VIP of a Service is announced from some nodes and not from the others")
public final class ExplainCommand implements Action {
    @Reference
    private KubeAnycastStatus status;

    // printed to the session ourselves: Karaf does not print an action's result for an SSH exec command
    @Reference
    private Session session;

    @Argument(index = 0, name = "service", required = true, description = "the Service, as namespace/name")
    private String service;

    @Override
    public Object execute() {
        session.getConsole().print(text());
        return null;
    }

    private String text() {
        final Optional<ServiceId> id = CommandTexts.serviceId(service);
        if (id.isEmpty()) {
            return CommandTexts.badServiceId(service);
        }
        final Optional<RouteComputation> computation = status.snapshot().computation();
        if (computation.isEmpty()) {
            return CommandTexts.NO_COMPUTATION;
        }
        return ExplainFormatter.format(computation.orElseThrow(), id.orElseThrow());
    }
}
