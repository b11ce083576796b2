/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.bgppolicy.impl.speaker.SpeakerConfig;
import io.kubeanycast.bgppolicy.impl.speaker.SpeakerWriteException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the BGP speaker configuration and retries a failed write after a delay until it succeeds or a newer
 * configuration replaces it (the retry of an outdated configuration is cancelled, never run). Retries are scheduled
 * on the {@link Worker}, so none runs after close.
 *
 * <p>Threading: worker thread only. Memory: the wanted configuration and one scheduled retry.
 */
final class SpeakerLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(SpeakerLifecycle.class);

    private final SpeakerApplier applier;
    private final Worker worker;
    private final Duration retryDelay;

    private SpeakerConfig wanted;
    private ScheduledFuture<?> retry;

    SpeakerLifecycle(final SpeakerApplier applier, final Worker worker, final Duration retryDelay) {
        this.applier = requireNonNull(applier);
        this.worker = requireNonNull(worker);
        this.retryDelay = requireNonNull(retryDelay);
    }

    void apply(final SpeakerConfig config) {
        wanted = requireNonNull(config);
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        write(config);
    }

    /**
     * The configuration being applied (or retried).
     */
    Optional<SpeakerConfig> wanted() {
        return Optional.ofNullable(wanted);
    }

    private void write(final SpeakerConfig config) {
        if (!config.equals(wanted)) {
            return;
        }
        try {
            applier.apply(config);
        } catch (SpeakerWriteException e) {
            LOG.error("BGP speaker configuration could not be written; retrying in {}", retryDelay, e);
            retry = worker.schedule(() -> write(config), retryDelay).orElse(null);
        }
    }
}
