/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import static java.util.Objects.requireNonNull;

import io.kubeanycast.source.api.EventType;
import io.kubeanycast.source.api.ServiceEventRecorder;
import io.kubeanycast.source.model.ServiceId;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.util.PatchUtils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes v1 Events on Services through client-java's {@link CoreV1Api}, like the Kubernetes event recorder:
 * involvedObject is the Service (with its uid when the informer cache knows it), source component
 * {@value #COMPONENT}.
 *
 * <ul>
 *   <li>Rate limit: a token bucket per Service (default burst 5, then one Event per 30 s), applied before
 *       anything is queued, so a flapping Service cannot flood the API server nor crowd out other Services.
 *       Dropped Events are counted ({@link #rateLimited()}) and logged at DEBUG.</li>
 *   <li>Aggregation: the same Service, type, reason and message again within the aggregation window (default
 *       10 min) increments {@code count} and {@code lastTimestamp} of the existing Event with a PATCH instead of
 *       creating a new Event; when that Event is gone (404, the API server's event TTL) a new one is created.</li>
 *   <li>Failures (API server unreachable, RBAC without create/patch on events) are logged at most once per
 *       minute with how many writes failed, and never thrown.</li>
 * </ul>
 *
 * <p>Threading: {@link #record} may be called from any thread; it takes a short lock for the rate limiter and
 * offers to a bounded queue, never blocking on the network: when the queue is full the Event is dropped and
 * counted ({@link #queueDropped()}, a WARN at most once per minute). One daemon thread
 * ({@code k8s-source-events}) drains the queue and owns the aggregation cache. The API client is set once the
 * source has one ({@link #connect}); Events taken before that count as failures.
 *
 * <p>Memory: at most {@value #MAX_TRACKED} token buckets and aggregation entries (least recently used ones are
 * forgotten) and the queue's capacity of Events.
 */
final class KubernetesEventRecorder implements ServiceEventRecorder, AutoCloseable {
    static final String COMPONENT = "kube-anycast";
    static final int MAX_TRACKED = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /**
     * Limits of the recorder. Immutable.
     *
     * @param burst Events a Service may record at once
     * @param refill the time after which a Service may record one more Event
     * @param aggregationWindow how long after its last occurrence an identical Event is counted on the same object
     * @param queueCapacity Events waiting to be written
     */
    record Settings(int burst, Duration refill, Duration aggregationWindow, int queueCapacity) {
        static final Settings DEFAULT = new Settings(5, Duration.ofSeconds(30), Duration.ofMinutes(10), 1024);

        Settings {
            if (burst < 1 || refill.isNegative() || refill.isZero() || queueCapacity < 1) {
                throw new IllegalArgumentException("invalid event recorder settings");
            }
            requireNonNull(aggregationWindow);
        }
    }

    private record Pending(ServiceId service, EventType type, String reason, String message, Instant time) {
    }

    private record Key(ServiceId service, EventType type, String reason, String message) {
    }

    /** An Event written before: its name, count and last timestamp. Worker-confined. */
    private static final class Written {
        final String name;
        int count;
        Instant last;

        Written(final String name, final Instant last) {
            this.name = name;
            this.count = 1;
            this.last = last;
        }
    }

    /** One Service's token bucket; guarded by the limiter lock. */
    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(final double tokens, final long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    private final Settings settings;
    private final Function<ServiceId, Optional<String>> uids;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final String host;
    private final BlockingQueue<Pending> queue;
    private final Thread worker;
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong queueDropped = new AtomicLong();
    private final AtomicLong lastQueueWarning;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    // guarded by itself
    private final Map<ServiceId, Bucket> buckets = lru();
    // confined to the worker thread
    private final Map<Key, Written> recent = lru();
    private long lastFailureLog;
    private long failuresSinceLog;
    private long lastNameNanos;

    private volatile CoreV1Api api;
    private volatile boolean closed;

    /**
     * A recorder with the default limits.
     *
     * @param uids the uid of a Service from the informer cache, if known
     */
    KubernetesEventRecorder(final Function<ServiceId, Optional<String>> uids) {
        this(uids, Settings.DEFAULT, Clock.systemUTC(), System::nanoTime);
    }

    KubernetesEventRecorder(final Function<ServiceId, Optional<String>> uids, final Settings settings,
            final Clock clock, final LongSupplier nanoTime) {
        this.uids = requireNonNull(uids);
        this.settings = requireNonNull(settings);
        this.clock = requireNonNull(clock);
        this.nanoTime = requireNonNull(nanoTime);
        host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> !name.isEmpty()).orElse(null);
        queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        final long now = nanoTime.getAsLong();
        lastQueueWarning = new AtomicLong(now - LOG_INTERVAL_NANOS);
        lastFailureLog = now - LOG_INTERVAL_NANOS;
        worker = new NamedThreads("k8s-source-events").newThread(this::drain);
        worker.start();
    }

    /**
     * Use this client from now on. Its read timeout should be bounded: a hung write delays every later Event.
     */
    void connect(final ApiClient client) {
        api = new CoreV1Api(client);
    }

    @Override
    public void record(final ServiceId service, final EventType type, final String reason, final String message) {
        if (closed || service == null || type == null || reason == null || message == null) {
            return;
        }
        if (!acquire(service)) {
            final long dropped = rateLimited.incrementAndGet();
            LOG.debug("Event {} on Service {} rate-limited ({} so far): {}", reason, service, dropped, message);
            return;
        }
        if (!queue.offer(new Pending(service, type, reason, message, clock.instant()))) {
            final long dropped = queueDropped.incrementAndGet();
            final long now = nanoTime.getAsLong();
            final long last = lastQueueWarning.get();
            if (now - last >= LOG_INTERVAL_NANOS && lastQueueWarning.compareAndSet(last, now)) {
                LOG.warn("Kubernetes Event queue full ({} waiting): dropped {} on Service {} ({} dropped so far)",
                    settings.queueCapacity(), reason, service, dropped);
            } else {
                LOG.debug("Kubernetes Event queue full: dropped {} on Service {}", reason, service);
            }
        }
    }

    private boolean acquire(final ServiceId service) {
        final long now = nanoTime.getAsLong();
        synchronized (buckets) {
            final Bucket bucket = buckets.computeIfAbsent(service, id -> new Bucket(settings.burst(), now));
            final double refilled = (double) (now - bucket.updated) / settings.refill().toNanos();
            bucket.tokens = Math.min(settings.burst(), bucket.tokens + refilled);
            bucket.updated = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    // the worker thread
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void drain() {
        while (!closed) {
            final Pending pending;
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                write(pending);
            } catch (RuntimeException e) {
                // a bug or an unexpected answer must not stop Events for good
                failed(pending, e.toString(), e);
            }
        }
    }

    private void write(final Pending pending) {
        final CoreV1Api client = api;
        if (client == null) {
            failed(pending, "no connection to the API server yet", null);
            return;
        }
        final Key key = new Key(pending.service(), pending.type(), pending.reason(), pending.message());
        final Written before = recent.get(key);
        if (before != null && Duration.between(before.last, pending.time())
                .compareTo(settings.aggregationWindow()) <= 0) {
            try {
                increment(client, pending, before);
                return;
            } catch (ApiException e) {
                if (e.getCode() != 404) {
                    failed(pending, describe(e), e);
                    return;
                }
                // the Event expired (or was deleted): start a new one
                recent.remove(key);
            }
        }
        try {
            final CoreV1Event created = client.createNamespacedEvent(pending.service().namespace(), newEvent(pending))
                .execute();
            final String name = created.getMetadata() == null ? null : created.getMetadata().getName();
            if (name != null) {
                recent.put(key, new Written(name, pending.time()));
            }
            written.incrementAndGet();
        } catch (ApiException e) {
            failed(pending, describe(e), e);
        }
    }

    private void increment(final CoreV1Api client, final Pending pending, final Written before)
            throws ApiException {
        final int count = before.count + 1;
        final String patch = "{\"count\":" + count + ",\"lastTimestamp\":\"" + timestamp(pending.time()) + "\"}";
        final String namespace = pending.service().namespace();
        // strategic merge patch, as the Kubernetes event recorder sends it
        PatchUtils.patch(CoreV1Event.class,
            () -> client.patchNamespacedEvent(before.name, namespace, new V1Patch(patch)).buildCall(null),
            V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client.getApiClient());
        before.count = count;
        before.last = pending.time();
        written.incrementAndGet();
    }

    private CoreV1Event newEvent(final Pending pending) {
        final ServiceId service = pending.service();
        final OffsetDateTime time = OffsetDateTime.ofInstant(pending.time().truncatedTo(ChronoUnit.SECONDS),
            ZoneOffset.UTC);
        return new CoreV1Event()
            .apiVersion("v1")
            .kind("Event")
            .metadata(new V1ObjectMeta().name(eventName(service, pending.time())).namespace(service.namespace()))
            .involvedObject(new V1ObjectReference()
                .apiVersion("v1")
                .kind("Service")
                .namespace(service.namespace())
                .name(service.name())
                .uid(uids.apply(service).orElse(null)))
            .reason(pending.reason())
            .message(pending.message())
            .type(pending.type().apiValue())
            .source(new V1EventSource().component(COMPONENT).host(host))
            .reportingComponent(COMPONENT)
            .reportingInstance(host)
            .firstTimestamp(time)
            .lastTimestamp(time)
            .count(1);
    }

    // like the Kubernetes recorder: <object name>.<hex nanoseconds>, unique within this recorder
    private String eventName(final ServiceId service, final Instant time) {
        final long nanos = Math.max(time.getEpochSecond() * 1_000_000_000L + time.getNano(), lastNameNanos + 1);
        lastNameNanos = nanos;
        return service.name() + "." + Long.toHexString(nanos);
    }

    private static String timestamp(final Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String describe(final ApiException error) {
        return error.getCode() == 0 ? String.valueOf(error.getCause()) : "HTTP " + error.getCode() + " "
            + Optional.ofNullable(error.getResponseBody()).map(body -> body.length() > 300
                ? body.substring(0, 300) + "..." : body).orElse("");
    }

    // worker thread: at most one WARN per minute, with the count of failures it covers
    private void failed(final Pending pending, final String why, final Exception cause) {
        failuresSinceLog++;
        failed.incrementAndGet();
        final long now = nanoTime.getAsLong();
        if (now - lastFailureLog >= LOG_INTERVAL_NANOS) {
            LOG.warn("Could not write Kubernetes Event {} on Service {} ({} failed writes since the last report;"
                + " the source needs RBAC create and patch on events): {}", pending.reason(), pending.service(),
                failuresSinceLog, why);
            lastFailureLog = now;
            failuresSinceLog = 0;
        }
        LOG.debug("Kubernetes Event {} on Service {} not written: {}", pending.reason(), pending.service(), why,
            cause);
    }

    /**
     * Events dropped by the per-Service rate limit.
     */
    long rateLimited() {
        return rateLimited.get();
    }

    /**
     * Events dropped because the queue was full.
     */
    long queueDropped() {
        return queueDropped.get();
    }

    /**
     * Successful creates and patches.
     */
    long written() {
        return written.get();
    }

    /**
     * Creates and patches that failed.
     */
    long failures() {
        return failed.get();
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<K, V> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }
}
