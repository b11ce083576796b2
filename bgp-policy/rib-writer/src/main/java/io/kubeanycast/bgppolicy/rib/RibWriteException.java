/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.rib;

/**
 * A change set could not be written to the application RIB, even after the configured retries. The RIB may hold
 * part of it; the writer re-reads the RIB before its next change set.
 */
public final class RibWriteException extends Exception {
    private static final long serialVersionUID = 1L;

    public RibWriteException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
