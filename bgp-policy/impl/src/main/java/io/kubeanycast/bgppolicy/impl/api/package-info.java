/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * What kube-anycast is doing right now, for operators' tools (the Karaf console commands): exported so other
 * bundles can read it through the OSGi service {@link io.kubeanycast.bgppolicy.impl.api.KubeAnycastStatus}.
 */
package io.kubeanycast.bgppolicy.impl.api;
