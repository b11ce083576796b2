/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeReadTransaction;
import org.opendaylight.mdsal.dom.api.DOMDataTreeWriteTransaction;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heals ODL AAA 0.19.5's lost password service configuration (AAA-281) in-process, instead of a Karaf restart.
 *
 * <p>AAA's {@code OSGiPasswordServiceConfigBootstrap} registers a data listener on the CONFIG datastore's
 * {@code aaa-password-service-config:password-service-config} in its constructor and stores the registration
 * only after that call returns; its callback ignores everything while the registration is unset. When the first
 * (initial-data) callback arrives in that window it is lost: no {@code PasswordServiceConfig} instance is made, so
 * AAA's {@code PasswordHashService} never starts and RESTCONF answers 401 to every request. A later change of the
 * same container is processed. So, once AAA's config factory is up and no {@code PasswordServiceConfig} service
 * follows within {@link #GRACE}, this deletes the container and writes it back (two commits, two callbacks; the
 * data ends as it was), and logs one line saying so. It checks again and gives up after {@link #ATTEMPTS}.
 *
 * <p>Only OSGi service names and the DOM API are used: no AAA class is imported, and a distribution without AAA
 * never sees its factory, so this does nothing there. Threading: one private daemon thread; memory: none kept.
 */
public final class AaaPasswordServiceRedelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AaaPasswordServiceRedelivery.class);
    static final String CONFIG_FACTORY_FILTER = "(&(objectClass=org.osgi.service.component.ComponentFactory)"
        + "(component.factory=org.opendaylight.aaa.impl.password.service.OSGiPasswordServiceConfig))";
    static final String CONFIG_SERVICE_FILTER = "(objectClass=org.opendaylight.yang.gen.v1.urn.opendaylight.aaa."
        + "password.service.config.rev170619.PasswordServiceConfig)";
    static final QName CONFIG = QName.create("urn:opendaylight:aaa:password:service:config", "2017-06-19",
        "password-service-config");
    private static final YangInstanceIdentifier CONFIG_PATH = YangInstanceIdentifier.of(CONFIG);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long AAA may take from its config factory to its first configuration instance before we step in. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** How long we watch at all: past this, AAA is not installed or something else is wrong. */
    private static final Duration GIVE_UP = Duration.ofMinutes(5);
    static final int ATTEMPTS = 3;
    private static final long COMMIT_TIMEOUT_SECONDS = 30;

    private final BundleContext context;
    private final DOMDataBroker broker;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread daemon = new Thread(runnable, "kube-anycast-aaa-redelivery");
        daemon.setDaemon(true);
        return daemon;
    });
    private final long startedNanos = System.nanoTime();

    // confined to the private thread
    private long factorySeenNanos;
    private int attempts;

    public AaaPasswordServiceRedelivery(final BundleContext context, final DOMDataBroker broker) {
        this.context = requireNonNull(context);
        this.broker = requireNonNull(broker);
        thread.scheduleWithFixedDelay(this::check, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void check() {
        try {
            if (present(CONFIG_SERVICE_FILTER)) {
                if (attempts > 0) {
                    LOG.info("AAA password service configuration delivered after {} re-delivery(ies)", attempts);
                }
                thread.shutdown();
                return;
            }
            final long now = System.nanoTime();
            if (now - startedNanos > GIVE_UP.toNanos()) {
                LOG.debug("No AAA password service configuration factory or instance; not watching any longer");
                thread.shutdown();
                return;
            }
            if (!present(CONFIG_FACTORY_FILTER)) {
                return;
            }
            if (factorySeenNanos == 0) {
                factorySeenNanos = now;
                return;
            }
            if (now - factorySeenNanos < GRACE.toNanos() * (attempts + 1)) {
                return;
            }
            if (attempts >= ATTEMPTS) {
                LOG.error("AAA password service configuration still missing after {} re-deliveries; RESTCONF will"
                    + " answer 401 until Karaf restarts", attempts);
                thread.shutdown();
                return;
            }
            attempts++;
            redeliver();
        } catch (RuntimeException e) {
            // never let the scheduler swallow the task silently: log and try at the next poll
            LOG.warn("AAA password service check failed", e);
        }
    }

    private boolean present(final String filter) {
        try {
            return context.getServiceReferences((String) null, filter) != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(filter, e);
        }
    }

    /**
     * Deletes the password service configuration and writes it back (or writes an empty one and deletes it when
     * there was none): each commit is a data change AAA's listener processes.
     */
    private void redeliver() {
        final Optional<NormalizedNode> current;
        try (DOMDataTreeReadTransaction tx = broker.newReadOnlyTransaction()) {
            current = tx.read(LogicalDatastoreType.CONFIGURATION, CONFIG_PATH).get(COMMIT_TIMEOUT_SECONDS,
                TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("AAA password service configuration not readable; retrying", e);
            return;
        }
        LOG.warn("AAA did not receive its password service configuration (AAA-281: its first datastore callback"
            + " was lost); re-delivering it in-process, attempt {} of {}", attempts, ATTEMPTS);
        if (current.isPresent()) {
            commit(tx -> tx.delete(LogicalDatastoreType.CONFIGURATION, CONFIG_PATH));
            commit(tx -> tx.put(LogicalDatastoreType.CONFIGURATION, CONFIG_PATH, current.orElseThrow()));
        } else {
            final NormalizedNode empty = ImmutableNodes.newContainerBuilder()
                .withNodeIdentifier(new NodeIdentifier(CONFIG)).build();
            commit(tx -> tx.put(LogicalDatastoreType.CONFIGURATION, CONFIG_PATH, empty));
            commit(tx -> tx.delete(LogicalDatastoreType.CONFIGURATION, CONFIG_PATH));
        }
    }

    private void commit(final Consumer<DOMDataTreeWriteTransaction> change) {
        final DOMDataTreeWriteTransaction tx = broker.newWriteOnlyTransaction();
        change.accept(tx);
        try {
            tx.commit().get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("AAA password service configuration could not be re-delivered", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
