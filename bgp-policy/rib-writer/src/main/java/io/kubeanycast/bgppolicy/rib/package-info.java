/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 */
/**
 * Programs ODL's application RIB with kube-anycast's paths: {@link io.kubeanycast.bgppolicy.rib.RibWriter} and its
 * binding-API implementation {@link io.kubeanycast.bgppolicy.rib.DefaultRibWriter}. No OSGi in here; the impl
 * bundle wires the writer with Blueprint.
 */
package io.kubeanycast.bgppolicy.rib;
