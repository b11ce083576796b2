/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.api;

/**
 * A status that could not be read in time, for example ODL's operational datastore did not answer.
 */
public final class StatusUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public StatusUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
