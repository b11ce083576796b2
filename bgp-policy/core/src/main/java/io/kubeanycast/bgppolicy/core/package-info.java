/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure route computation and policy parsing: {@link io.kubeanycast.bgppolicy.core.RouteComputer} turns a
 * {@link io.kubeanycast.source.model.ClusterState} and a {@link io.kubeanycast.bgppolicy.core.Policy} into
 * {@link io.kubeanycast.bgppolicy.core.AdvertisedPath}s. No OSGi, ODL or Kubernetes client types, so it is
 * unit-tested in milliseconds.
 */
package io.kubeanycast.bgppolicy.core;
