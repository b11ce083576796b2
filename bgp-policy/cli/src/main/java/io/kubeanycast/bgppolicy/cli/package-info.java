/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Karaf console commands of kube-anycast (scope {@code anycast}): status, routes and explain. The commands are
 * thin; the text they print is built by plain formatter classes that are unit-tested without Karaf.
 */
package io.kubeanycast.bgppolicy.cli;
