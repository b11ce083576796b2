/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-anycast's one private thread: configuration changes, snapshots, retries and the state refresh all run on it,
 * in submission order, so the pipeline's parts need no locks.
 *
 * <p>Close is final: once {@link #close(Runnable, Duration)} starts, nothing queued or scheduled runs any more
 * (delayed retries are cancelled, not run, and tasks already queued are skipped), except the given last task, and
 * tasks submitted afterwards are dropped without an exception, because they come from other components' threads
 * (a source's informer, Config Admin) that must not fail for our shutdown. Without this a retry could re-create
 * state or write BGP configuration after the bundle stopped.
 *
 * <p>Threading: every method may be called from any thread; a task that throws is logged and does not stop the
 * thread or a periodic task. Memory: the executor's queue; its size is {@link #queuedTasks()}.
 */
final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final ScheduledThreadPoolExecutor executor;
    private volatile boolean closed;

    Worker(final String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            final Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        // the JDK's defaults run delayed tasks after shutdown(): a pending retry would fire after close
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    void execute(final Runnable task) {
        if (closed) {
            LOG.debug("kube-anycast is closed: task dropped");
            return;
        }
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("kube-anycast is closed: task dropped", e);
        }
    }

    /**
     * Run a task once after a delay, unless closed first.
     *
     * @return the scheduled task, to cancel it; empty when closed
     */
    Optional<ScheduledFuture<?>> schedule(final Runnable task, final Duration delay) {
        if (closed) {
            return Optional.empty();
        }
        try {
            return Optional.of(executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            LOG.debug("kube-anycast is closed: scheduled task dropped", e);
            return Optional.empty();
        }
    }

    void scheduleWithFixedDelay(final Runnable task, final Duration period) {
        if (!closed) {
            executor.scheduleWithFixedDelay(guarded(task), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Tasks waiting in the queue, delayed and periodic ones included.
     */
    int queuedTasks() {
        return executor.getQueue().size();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Stop: skip everything still queued, run {@code lastTask} (releasing what the worker owns) after the task
     * in progress, and wait for the thread to end.
     */
    void close(final Runnable lastTask, final Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            executor.execute(() -> runLogged(lastTask));
        } catch (RejectedExecutionException e) {
            LOG.debug("kube-anycast worker already stopped", e);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("kube-anycast worker did not stop within {}; interrupting it", timeout);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private Runnable guarded(final Runnable task) {
        return () -> {
            if (!closed) {
                runLogged(task);
            }
        };
    }

    // A bug in one step must not kill the thread (every later change would be ignored) nor a periodic task.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void runLogged(final Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("kube-anycast task failed", e);
        }
    }
}
