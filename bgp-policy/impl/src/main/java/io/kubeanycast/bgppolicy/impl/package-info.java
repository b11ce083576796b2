/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * ODL adapters of kube-anycast: the speaker bootstrap, the application-RIB writer and the wiring.
 */
package io.kubeanycast.bgppolicy.impl;
