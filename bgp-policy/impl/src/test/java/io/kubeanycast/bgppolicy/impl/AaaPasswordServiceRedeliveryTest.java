/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.FluentFuture;
import com.google.common.util.concurrent.Futures;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeReadTransaction;
import org.opendaylight.mdsal.dom.api.DOMDataTreeWriteTransaction;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * {@link AaaPasswordServiceRedelivery} on the state AAA-281 leaves behind (AAA's configuration factory registered,
 * no configuration instance): the lost datastore callback cannot be provoked from outside AAA, so the OSGi service
 * registry and the DOM broker are stand-ins answering exactly that state. It must re-deliver the configuration as
 * a delete and a put of the same data, and stay quiet when AAA got its configuration.
 */
class AaaPasswordServiceRedeliveryTest {
    private static final NormalizedNode STORED = ImmutableNodes.newContainerBuilder()
        .withNodeIdentifier(new NodeIdentifier(AaaPasswordServiceRedelivery.CONFIG)).build();

    private final List<String> writes = new CopyOnWriteArrayList<>();

    @Test
    void lostConfigurationIsDeletedAndWrittenBack() throws Exception {
        final AaaPasswordServiceRedelivery redelivery = new AaaPasswordServiceRedelivery(
            registry(true, false), broker());
        try {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (writes.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(List.of("delete password-service-config", "put password-service-config"),
                writes.subList(0, Math.min(2, writes.size())));
        } finally {
            redelivery.close();
        }
    }

    @Test
    void nothingIsWrittenWhenAaaHasItsConfiguration() throws Exception {
        final AaaPasswordServiceRedelivery redelivery = new AaaPasswordServiceRedelivery(
            registry(true, true), broker());
        try {
            Thread.sleep(AaaPasswordServiceRedelivery.GRACE.toMillis() + 2000);
            assertTrue(writes.isEmpty(), writes::toString);
        } finally {
            redelivery.close();
        }
    }

    // the OSGi service registry as AAA leaves it: its config factory, and the config instance or not
    private static BundleContext registry(final boolean factory, final boolean config) {
        final ServiceReference<?>[] one = {proxy(ServiceReference.class, (name, args) -> null)};
        return proxy(BundleContext.class, (name, args) -> {
            if (!"getServiceReferences".equals(name)) {
                throw new UnsupportedOperationException(name);
            }
            final String filter = (String) args[1];
            final boolean present = filter.equals(AaaPasswordServiceRedelivery.CONFIG_FACTORY_FILTER) ? factory
                : filter.equals(AaaPasswordServiceRedelivery.CONFIG_SERVICE_FILTER) && config;
            return present ? one : null;
        });
    }

    // a CONFIG datastore holding AAA's password service configuration, recording writes
    private DOMDataBroker broker() {
        return proxy(DOMDataBroker.class, (name, args) -> switch (name) {
            case "newReadOnlyTransaction" ->
                proxy(DOMDataTreeReadTransaction.class, AaaPasswordServiceRedeliveryTest::read);
            case "newWriteOnlyTransaction" -> proxy(DOMDataTreeWriteTransaction.class, this::write);
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private static Object read(final String method, final Object[] args) {
        return switch (method) {
            case "read" -> FluentFuture.from(Futures.immediateFuture(Optional.of(STORED)));
            case "close" -> null;
            default -> throw new UnsupportedOperationException(method);
        };
    }

    private Object write(final String method, final Object[] args) {
        if ("commit".equals(method)) {
            return CommitInfo.emptyFluentFuture();
        }
        if (!"put".equals(method) && !"delete".equals(method)) {
            throw new UnsupportedOperationException(method);
        }
        final YangInstanceIdentifier path = (YangInstanceIdentifier) args[1];
        writes.add(method + " " + path.getLastPathArgument().getNodeType().getLocalName());
        return null;
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(final Class<T> type, final Answer answer) {
        return type.cast(Proxy.newProxyInstance(AaaPasswordServiceRedeliveryTest.class.getClassLoader(),
            new Class<?>[] {type}, (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> type.getSimpleName();
                    };
                }
                return answer.answer(method.getName(), args);
            }));
    }
}
