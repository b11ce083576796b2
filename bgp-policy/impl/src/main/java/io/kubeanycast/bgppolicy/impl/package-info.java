/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 */
/**
 * ODL adapters of kube-anycast: the speaker bootstrap, the application-RIB writer and the wiring.
 */
package io.kubeanycast.bgppolicy.impl;
