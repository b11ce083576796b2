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
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;

/**
 * Thin OSGi wrapper of {@link DefaultKubeAnycast}, created by Blueprint: it receives etc/io.kubeanycast.cfg
 * from Config Admin (PID {@value #PID}) and hands every change to the pipeline, so edits apply without restart.
 * Config Admin calls {@link ManagedService#updated(Dictionary)} on its own thread; the pipeline only enqueues.
 * Blueprint also publishes this object as the {@link KubeAnycastStatus} service for the console commands; those
 * calls go straight to the pipeline's lock-free status (see {@link DefaultKubeAnycast}).
 */
public final class OSGiKubeAnycast implements KubeAnycastStatus, AutoCloseable {
    public static final String PID = "io.kubeanycast";

    private final DefaultKubeAnycast delegate;
    private final ServiceRegistration<ManagedService> registration;

    public OSGiKubeAnycast(final BundleContext bundleContext, final DOMDataBroker domDataBroker,
            final DOMSchemaService schemaService, final DataBroker dataBroker,
            final ClusterStateSourceFactory sourceFactory) {
        delegate = new DefaultKubeAnycast(domDataBroker, schemaService, dataBroker, sourceFactory);
        registration = bundleContext.registerService(ManagedService.class,
            config -> delegate.configurationChanged(toMap(config)),
            FrameworkUtil.asDictionary(Map.of(Constants.SERVICE_PID, PID)));
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
        delegate.close();
    }
}
