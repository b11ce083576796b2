/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import io.kubeanycast.source.model.ServiceId;
import io.kubeanycast.source.model.ServiceInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Per-Service path attributes from annotations, validated one by one. Anyone who can edit a Service can set
 * them, so a malformed value must never break anything else: it is reported as a {@link Finding} naming the
 * Service, the annotation and the reason, and only that annotation is ignored. They are fabric attributes, so
 * a well-formed value is honoured only within the administrator's {@link AnnotationLimits}; a value outside them
 * is reported and ignored the same way (the Service is still announced, with the configured attributes).
 * Stateless.
 * <table border="1">
 * <caption>Service annotations</caption>
 * <tr><th>annotation</th><th>value</th><th>effect</th></tr>
 * <tr><td>{@code kube-anycast.io/communities}</td><td>comma-separated {@code asn:value}, each part
 *     0..65535</td><td>added to {@code route.communities} on this Service's paths, when every one lies in
 *     {@code annotations.allowed-communities}</td></tr>
 * <tr><td>{@code kube-anycast.io/local-pref}</td><td>0..4294967295</td><td>replaces {@code route.local-pref}
 *     on this Service's paths, when inside {@code annotations.local-pref-range}</td></tr>
 * </table>
 */
public final class ServiceAnnotations {
    public static final String COMMUNITIES = ServiceInfo.ANNOTATION_PREFIX + "communities";
    public static final String LOCAL_PREF = ServiceInfo.ANNOTATION_PREFIX + "local-pref";

    private ServiceAnnotations() {
        // utility class
    }

    /**
     * The attributes of one Service's paths: the configured ones, changed by the Service's valid annotations.
     *
     * @param service the Service, for findings
     * @param annotations its annotations
     * @param configured the attributes from the policy
     * @param limits what the administrator lets annotations set
     * @param findings where problems are reported
     * @return {@code configured} itself when no annotation changes anything
     */
    public static PathAttributes attributesFor(final ServiceId service, final Map<String, String> annotations,
            final PathAttributes configured, final AnnotationLimits limits, final List<Finding> findings) {
        final String communitiesText = annotations.get(COMMUNITIES);
        final String localPrefText = annotations.get(LOCAL_PREF);
        if (communitiesText == null && localPrefText == null) {
            // The common case on the hot path: no allocation at all.
            return configured;
        }
        long localPref = configured.localPref();
        if (localPrefText != null) {
            final OptionalLong parsed = Unsigned32.parse(localPrefText.trim());
            final Optional<String> refusal = parsed.isPresent() ? limits.refusalOfLocalPref(parsed.getAsLong())
                : Optional.of("'" + localPrefText + "' is not an integer 0..4294967295");
            if (refusal.isEmpty()) {
                localPref = parsed.getAsLong();
            } else {
                findings.add(Finding.service(service, LOCAL_PREF,
                    refusal.orElseThrow() + "; ignored, route.local-pref applies"));
            }
        }
        SortedSet<Community> communities = configured.communities();
        if (communitiesText != null) {
            final Optional<String> refusal = communitiesRefusal(communitiesText, limits);
            if (refusal.isEmpty()) {
                final SortedSet<Community> merged = new TreeSet<>(communities);
                merged.addAll(parseCommunities(communitiesText));
                communities = merged;
            } else {
                findings.add(Finding.service(service, COMMUNITIES,
                    refusal.orElseThrow() + "; annotation ignored, only route.communities apply"));
            }
        }
        final PathAttributes result = new PathAttributes(localPref, configured.med(), communities);
        // Returning the configured instance when nothing changed lets the equals() checks downstream (aggregation)
        // succeed on identity.
        return result.equals(configured) ? configured : result;
    }

    /**
     * Why the communities annotation is ignored as a whole: malformed, or one community outside the limits (all or
     * nothing, since a part of the set is not what the Service's owner asked for); empty when it is honoured.
     */
    private static Optional<String> communitiesRefusal(final String text, final AnnotationLimits limits) {
        final List<Community> asked;
        try {
            asked = parseCommunities(text);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return asked.stream().map(limits::refusalOf).flatMap(Optional::stream).findFirst();
    }

    private static List<Community> parseCommunities(final String text) {
        return CommaSeparated.items(text).stream().map(Community::parse).toList();
    }
}
