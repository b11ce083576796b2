/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Programs ODL's application RIB with kube-anycast's paths: {@link io.kubeanycast.bgppolicy.rib.RibWriter} and its
 * binding-API implementation {@link io.kubeanycast.bgppolicy.rib.DefaultRibWriter}. No OSGi in here; the impl
 * bundle wires the writer with Blueprint.
 */
package io.kubeanycast.bgppolicy.rib;
