/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import io.kubeanycast.bgppolicy.impl.api.FabricSession;
import io.kubeanycast.bgppolicy.impl.api.KubeAnycastStatus;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.bgppolicy.impl.api.StatusUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code anycast:status}. Karaf creates one instance per invocation on the console session's thread and injects
 * the status service; the only blocking part is the BGP state read, bounded by {@link #SESSION_TIMEOUT}.
 */
@Service
@Command(scope = "anycast", name = "status",
    description = "Kubernetes API server connection and sync, last change, VIP and path counts, BGP sessions")
public final class StatusCommand implements Action {
    // short: an operator's console must not hang on a busy datastore; the rest of the status is still shown
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);

    @Reference
    private KubeAnycastStatus status;

    // printed to the session ourselves: Karaf does not print an action's result for an SSH exec command
    @Reference
    private Session session;

    @Override
    public Object execute() {
        session.getConsole().print(text());
        return null;
    }

    private String text() {
        final StatusSnapshot snapshot = status.snapshot();
        List<FabricSession> sessions;
        Optional<String> error;
        try {
            sessions = status.fabricSessions(SESSION_TIMEOUT);
            error = Optional.empty();
        } catch (StatusUnavailableException e) {
            sessions = snapshot.neighbors();
            error = Optional.of(e.getMessage());
        }
        return StatusFormatter.format(snapshot, sessions, error);
    }
}
