/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

/**
 * ODL's datastore refused or did not confirm a write of the BGP configuration.
 */
public final class SpeakerWriteException extends Exception {
    private static final long serialVersionUID = 1L;

    public SpeakerWriteException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
