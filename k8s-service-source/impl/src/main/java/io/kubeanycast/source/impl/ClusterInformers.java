/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import io.kubeanycast.source.model.ClusterState;
import io.kubeanycast.source.model.ServiceId;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.DiscoveryV1Api;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1EndpointSliceList;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeList;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceList;
import io.kubernetes.client.util.CallGenerator;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three shared informers (v1 Service, discovery.k8s.io/v1 EndpointSlice, v1 Node) of one API server and
 * their listers, as in the client's ControllerExample. Every add, update and delete (tombstones of a relist
 * included) calls {@code onChange}; the snapshot itself is always rebuilt from the listers, so no single event
 * has to be interpreted. Thread-safe: the informers run on their own threads; {@link #snapshot()} may be called
 * from any thread and reads the thread-safe indexers.
 */
final class ClusterInformers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterInformers.class);

    private final SharedInformerFactory factory;
    private final SharedIndexInformer<V1Service> services;
    private final SharedIndexInformer<V1EndpointSlice> endpointSlices;
    private final SharedIndexInformer<V1Node> nodes;
    private final Lister<V1Service> serviceLister;
    private final Lister<V1EndpointSlice> endpointSliceLister;
    private final Lister<V1Node> nodeLister;
    private final ConnectionState connection;

    ClusterInformers(final ApiClient client, final SourceConfig config, final ConnectionState connection,
            final WatchWatchdog watchdog, final Runnable onChange) {
        this.connection = connection;
        factory = new SharedInformerFactory(client, Executors.newCachedThreadPool(
            new NamedThreads("k8s-source-informer")), false);
        final CoreV1Api core = new CoreV1Api(client);
        final DiscoveryV1Api discovery = new DiscoveryV1Api(client);
        final long resyncMillis = config.resync().toMillis();
        services = informer(new ObservedListerWatcher<>("services", client,
            (CallGenerator) params -> core.listServiceForAllNamespaces()
                .resourceVersion(params.resourceVersion)
                .timeoutSeconds(params.timeoutSeconds)
                .watch(params.watch)
                .allowWatchBookmarks(params.watch)
                .buildCall(null),
            V1Service.class, V1ServiceList.class, connection, watchdog, config.maxRetryDelay()),
            V1Service.class, resyncMillis, onChange);
        endpointSlices = informer(new ObservedListerWatcher<>("endpointslices", client,
            (CallGenerator) params -> discovery.listEndpointSliceForAllNamespaces()
                .resourceVersion(params.resourceVersion)
                .timeoutSeconds(params.timeoutSeconds)
                .watch(params.watch)
                .allowWatchBookmarks(params.watch)
                .buildCall(null),
            V1EndpointSlice.class, V1EndpointSliceList.class, connection, watchdog, config.maxRetryDelay()),
            V1EndpointSlice.class, resyncMillis, onChange);
        nodes = informer(new ObservedListerWatcher<>("nodes", client,
            (CallGenerator) params -> core.listNode()
                .resourceVersion(params.resourceVersion)
                .timeoutSeconds(params.timeoutSeconds)
                .watch(params.watch)
                .allowWatchBookmarks(params.watch)
                .buildCall(null),
            V1Node.class, V1NodeList.class, connection, watchdog, config.maxRetryDelay()),
            V1Node.class, resyncMillis, onChange);
        serviceLister = new Lister<>(services.getIndexer());
        endpointSliceLister = new Lister<>(endpointSlices.getIndexer());
        nodeLister = new Lister<>(nodes.getIndexer());
    }

    private <T extends KubernetesObject, L extends KubernetesListObject> SharedIndexInformer<T> informer(
            final ObservedListerWatcher<T, L> listerWatcher, final Class<T> type, final long resyncMillis,
            final Runnable onChange) {
        final SharedIndexInformer<T> informer = factory.sharedIndexInformerFor(listerWatcher, type, resyncMillis,
            this::reflectorFailed);
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(final T obj) {
                onChange.run();
            }

            @Override
            public void onUpdate(final T oldObj, final T newObj) {
                onChange.run();
            }

            @Override
            public void onDelete(final T obj, final boolean deletedFinalStateUnknown) {
                // a tombstone of a relist is a delete like any other: the listers no longer have the object
                onChange.run();
            }
        });
        return informer;
    }

    // the reflector's own error reports; list and watch failures were already recorded by ObservedListerWatcher
    private <T extends KubernetesObject> void reflectorFailed(final Class<T> type, final Throwable error) {
        if (error instanceof ApiException) {
            LOG.debug("Reflector of {} failed", type.getSimpleName(), error);
        } else {
            connection.failed("informer of " + type.getSimpleName(), error);
            LOG.debug("Reflector of {} failed", type.getSimpleName(), error);
        }
    }

    void start() {
        factory.startAllRegisteredInformers();
    }

    boolean hasSynced() {
        return services.hasSynced() && endpointSlices.hasSynced() && nodes.hasSynced();
    }

    ClusterState snapshot() {
        return ClusterStateMapper.map(serviceLister.list(), endpointSliceLister.list(), nodeLister.list());
    }

    /**
     * The uid of a Service in the informer cache, if it is there.
     */
    Optional<String> serviceUid(final ServiceId service) {
        final V1Service cached = services.getIndexer().getByKey(service.namespace() + "/" + service.name());
        return cached == null || cached.getMetadata() == null ? Optional.empty()
            : Optional.ofNullable(cached.getMetadata().getUid());
    }

    @Override
    public void close() {
        factory.stopAllRegisteredInformers(true);
    }
}
