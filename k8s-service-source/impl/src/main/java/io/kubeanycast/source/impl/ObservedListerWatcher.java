/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ListerWatcher;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.CallGenerator;
import io.kubernetes.client.util.CallGeneratorParams;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;

/**
 * The list and watch calls of one informer, as SharedInformerFactory makes them, plus what the reflector lacks:
 * an exponential backoff after failures (the reflector itself retries every second, forever), the connection
 * status, a read timeout for lists (watches have none) and the watchdog for watches. Used by the informer's one
 * reflector thread at a time.
 */
final class ObservedListerWatcher<T extends KubernetesObject, L extends KubernetesListObject>
        implements ListerWatcher<T, L> {
    private static final long LIST_READ_TIMEOUT_SECONDS = 60;

    private final String resource;
    private final ApiClient apiClient;
    private final OkHttpClient listClient;
    private final CallGenerator callGenerator;
    private final Class<T> type;
    private final Class<L> listType;
    private final ConnectionState connection;
    private final WatchWatchdog watchdog;
    private final Backoff backoff;

    ObservedListerWatcher(final String resource, final ApiClient apiClient, final CallGenerator callGenerator,
            final Class<T> type, final Class<L> listType, final ConnectionState connection,
            final WatchWatchdog watchdog, final Duration maxRetryDelay) {
        this.resource = resource;
        this.apiClient = apiClient;
        this.listClient = apiClient.getHttpClient().newBuilder()
            .readTimeout(LIST_READ_TIMEOUT_SECONDS, TimeUnit.SECONDS).build();
        this.callGenerator = callGenerator;
        this.type = type;
        this.listType = listType;
        this.connection = connection;
        this.watchdog = watchdog;
        this.backoff = new Backoff(maxRetryDelay);
    }

    @Override
    public L list(final CallGeneratorParams params) throws ApiException {
        pauseAfterFailure();
        try {
            final Call call = listClient.newCall(callGenerator.generate(params).request());
            final L list = apiClient.<L>execute(call, listType).getData();
            succeeded();
            return list;
        } catch (ApiException e) {
            failed("list of " + resource, e);
            throw e;
        }
    }

    @Override
    public Watchable<T> watch(final CallGeneratorParams params) throws ApiException {
        pauseAfterFailure();
        try {
            final Call call = apiClient.getHttpClient().newCall(callGenerator.generate(params).request());
            final Watch<T> watch = Watch.createWatch(apiClient, call,
                TypeToken.getParameterized(Watch.Response.class, type).getType());
            succeeded();
            return watchdog.track(resource, watch, connection);
        } catch (ApiException e) {
            failed("watch of " + resource, e);
            throw e;
        }
    }

    private void succeeded() {
        backoff.succeeded();
        connection.succeeded();
    }

    private void failed(final String what, final ApiException error) {
        if (error.getCode() == HttpURLConnection.HTTP_GONE) {
            // an expired resourceVersion is routine: the reflector relists at once
            return;
        }
        backoff.failed();
        connection.failed(what, error);
    }

    private void pauseAfterFailure() throws ApiException {
        final Duration delay = backoff.nextDelay();
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            // the informer is being stopped
            Thread.currentThread().interrupt();
            throw new ApiException(e);
        }
    }
}
