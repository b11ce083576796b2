/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl;

import io.kubeanycast.bgppolicy.impl.api.FabricSession;
import io.kubeanycast.bgppolicy.impl.api.KubeAnycastStatus;
import io.kubeanycast.bgppolicy.impl.api.StatusSnapshot;
import io.kubeanycast.bgppolicy.impl.api.StatusUnavailableException;
import io.kubeanycast.source.api.ClusterStateSourceFactory;
import java.time.Duration;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMSchemaService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin OSGi wrapper of {@link DefaultKubeAnycast}, created by Blueprint: it receives etc/io.kubeanycast.cfg
 * from Config Admin (PID {@value #PID}) and hands every change to the pipeline, so edits apply without restart.
 * Config Admin calls {@link ManagedService#updated(Dictionary)} on its own thread; the pipeline only enqueues.
 * A {@code null} configuration means there is none (no file at start, or the file was deleted); the pipeline keeps
 * the last good one in the second case. Blueprint also publishes this object as the {@link KubeAnycastStatus}
 * service for the console commands; those calls go straight to the pipeline's lock-free status.
 *
 * <p>Stopping: when Karaf (the framework) shuts down, the routes stay in the application RIB, so a restart with
 * graceful restart keeps the fabric forwarding. When only this bundle stops while the framework keeps running
 * ({@code feature:uninstall}, {@code bundle:stop}), kube-anycast is going away: its application RIB is removed, which
 * withdraws its routes, instead of leaving them announced with nobody maintaining them.
 */
public final class OSGiKubeAnycast implements KubeAnycastStatus, AutoCloseable {
    public static final String PID = "io.kubeanycast";

    private static final Logger LOG = LoggerFactory.getLogger(OSGiKubeAnycast.class);

    private final BundleContext bundleContext;
    private final DefaultKubeAnycast delegate;
    private final ServiceRegistration<ManagedService> registration;

    public OSGiKubeAnycast(final BundleContext bundleContext, final DOMDataBroker domDataBroker,
            final DOMSchemaService schemaService, final DataBroker dataBroker,
            final ClusterStateSourceFactory sourceFactory) {
        this.bundleContext = bundleContext;
        delegate = new DefaultKubeAnycast(domDataBroker, schemaService, dataBroker, sourceFactory);
        registration = bundleContext.registerService(ManagedService.class, config -> deliver(config, delegate),
            FrameworkUtil.asDictionary(Map.of(Constants.SERVICE_PID, PID)));
    }

    /**
     * Hands a Config Admin update to the pipeline: {@code null} is "no configuration", not an empty one.
     */
    static void deliver(final Dictionary<String, ?> config, final DefaultKubeAnycast pipeline) {
        if (config == null) {
            pipeline.configurationDeleted();
        } else {
            pipeline.configurationChanged(toMap(config));
        }
    }

    /**
     * Whether stopping now means kube-anycast goes away for good: this bundle stops while the framework (the system
     * bundle) keeps running. A framework shutdown stops the system bundle first.
     *
     * @param ownBundleState this bundle's {@link Bundle#getState()}
     * @param systemBundleState the system bundle's {@link Bundle#getState()}
     */
    static boolean stopsForGood(final int ownBundleState, final int systemBundleState) {
        return systemBundleState == Bundle.ACTIVE && ownBundleState == Bundle.STOPPING;
    }

    private static Map<String, String> toMap(final Dictionary<String, ?> config) {
        final Map<String, String> map = new HashMap<>();
        if (config != null) {
            for (String key : Collections.list(config.keys())) {
                map.put(key, String.valueOf(config.get(key)));
            }
        }
        return map;
    }

    @Override
    public StatusSnapshot snapshot() {
        return delegate.snapshot();
    }

    @Override
    public List<FabricSession> fabricSessions(final Duration timeout) throws StatusUnavailableException {
        return delegate.fabricSessions(timeout);
    }

    @Override
    public void close() {
        registration.unregister();
        boolean forGood;
        try {
            forGood = stopsForGood(bundleContext.getBundle().getState(),
                bundleContext.getBundle(Constants.SYSTEM_BUNDLE_ID).getState());
        } catch (IllegalStateException e) {
            // the context is no longer valid: the framework is going down, keep the routes
            LOG.debug("Cannot read the bundle states", e);
            forGood = false;
        }
        if (forGood) {
            LOG.info("kube-anycast stops while Karaf keeps running (uninstall or bundle stop): withdrawing its routes");
            delegate.closeAndWithdraw();
        } else {
            LOG.info("Karaf is shutting down: kube-anycast's routes stay in the application RIB for the next start");
            delegate.close();
        }
    }
}
