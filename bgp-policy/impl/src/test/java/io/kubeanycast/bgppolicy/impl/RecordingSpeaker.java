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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * Records every speaker configuration the pipeline applies; can be told to fail (a datastore that refuses the
 * write, which a test cannot cause in ODL's in-memory broker on demand). Thread-safe.
 */
final class RecordingSpeaker implements SpeakerApplier {
    final List<SpeakerConfig> applied = new CopyOnWriteArrayList<>();
    final Semaphore calls = new Semaphore(0);
    volatile boolean failing;

    @Override
    public void apply(final SpeakerConfig config) throws SpeakerWriteException {
        // decided before the call is visible to the test, so a test that flips it affects later calls only
        final boolean fail = failing;
        applied.add(config);
        calls.release();
        if (fail) {
            throw new SpeakerWriteException("refused by the test", new IllegalStateException("test"));
        }
    }
}
