/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerWriteException;

/**
 * Brings ODL's BGP configuration in line with a {@link SpeakerConfig}; in production
 * {@link io.kubeanycast.bgppolicy.impl.speaker.DefaultSpeakerBootstrap#apply(SpeakerConfig)}. Called on the
 * worker thread only; may block on datastore commits.
 */
@FunctionalInterface
interface SpeakerApplier {
    void apply(SpeakerConfig config) throws SpeakerWriteException;
}
