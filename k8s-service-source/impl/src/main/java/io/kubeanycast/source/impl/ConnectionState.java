/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the last call to the API server worked, shared by the three informers, and the log lines about it.
 * Logs a WARN when the connection is lost (or a new kind of failure appears) and an INFO when it is back;
 * repeated identical failures go to DEBUG only, so an outage of hours is a handful of lines, not a storm.
 * Thread-safe (synchronized).
 */
final class ConnectionState {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionState.class);

    private final String cluster;
    private boolean connected;
    private String lastError;
    private String lastLoggedError;

    ConnectionState(final String cluster) {
        this.cluster = cluster;
    }

    String cluster() {
        return cluster;
    }

    synchronized void succeeded() {
        if (!connected) {
            if (lastError != null) {
                LOG.info("Kubernetes API {} reachable again; catching up", cluster);
            } else {
                LOG.info("Connected to Kubernetes API {}", cluster);
            }
        }
        connected = true;
        lastError = null;
        lastLoggedError = null;
    }

    synchronized void failed(final String what, final Throwable cause) {
        final String error = what + ": " + describe(cause);
        if (connected || !error.equals(lastLoggedError)) {
            LOG.warn("Kubernetes API {} failed ({}); keeping the last snapshot and retrying with backoff", cluster,
                error);
            lastLoggedError = error;
        } else {
            LOG.debug("Kubernetes API {} still failing: {}", cluster, error, cause);
        }
        connected = false;
        lastError = error;
    }

    synchronized boolean connected() {
        return connected;
    }

    synchronized Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    static String describe(final Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        final String message = cause instanceof io.kubernetes.client.openapi.ApiException api && api.getCode() > 0
            ? "HTTP " + api.getCode() : cause.getMessage();
        return root == cause || message == null ? String.valueOf(cause)
            : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
