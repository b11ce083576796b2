/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code anycast:explain ns/name} printed, parsed back into facts, and the same facts read from the RESTCONF
 * state of the Service ({@code kube-anycast:kube-anycast-state/service=ns,name}), so a test can check that both
 * say the same. Facts are compared as text the way explain shows them (node rows {@code yes} / {@code next hop X}
 * or {@code no} / the reason sentence, problems {@code item: reason}).
 *
 * @param vips per VIP address, in explain's order
 * @param problems the lines under "Problems found:", as {@code item: reason}
 */
record ExplainText(Map<String, VipFacts> vips, Set<String> problems) {
    private static final Pattern VIP = Pattern.compile("^VIP (\\S+) \\(([^)]+)\\): (.*)$");
    private static final Pattern ANNOUNCED = Pattern.compile(
        "^announced as (\\S+) from \\d+ node\\(s\\), local-pref (\\d+), MED (\\S+), communities (\\S+)$");
    private static final Pattern NOT_ANNOUNCED = Pattern.compile(
        "^not announced: no node qualifies, local-pref (\\d+), MED (\\S+), communities (\\S+)$");
    private static final Pattern REFUSED = Pattern.compile("^not announced: (.+?): (.+)$");
    private static final Pattern NODE_ROW = Pattern.compile("^  (\\S+) +(yes|no) +(.+)$");
    private static final Map<String, String> KINDS = Map.of("ClusterIP", "cluster-ip", "external IP", "external-ip",
        "LoadBalancer IP", "load-balancer-ip");

    /**
     * One VIP as explain tells it.
     *
     * @param kind the YANG enum name of the VIP's kind
     * @param announced whether any node announces it
     * @param prefix the announced prefix; empty when refused
     * @param refusalDetail the refusal's detail sentence; empty unless refused
     * @param localPref LOCAL_PREF; empty when refused
     * @param draining the graceful-drain line was printed
     * @param nodes node name to "yes next hop X" or "no REASON"
     */
    record VipFacts(String kind, boolean announced, Optional<String> prefix, Optional<String> refusalDetail,
            Optional<Long> localPref, boolean draining, Map<String, String> nodes) {
    }

    /**
     * Parses explain's text.
     *
     * @param text the command's output
     * @return its facts
     * @throws IllegalArgumentException when a VIP line is not in explain's format
     */
    static ExplainText parse(final String text) {
        final Map<String, VipFacts> vips = new LinkedHashMap<>();
        final Set<String> problems = new TreeSet<>();
        String address = null;
        VipFacts current = null;
        boolean inProblems = false;
        for (String raw : text.lines().map(String::stripTrailing).toList()) {
            final Matcher vip = VIP.matcher(raw);
            if (vip.matches()) {
                address = vip.group(1);
                current = vipHead(KINDS.getOrDefault(vip.group(2), vip.group(2)), vip.group(3), raw);
                vips.put(address, current);
                continue;
            }
            if (raw.equals("Problems found:")) {
                inProblems = true;
                continue;
            }
            if (inProblems && raw.startsWith("  ")) {
                problems.add(raw.strip());
                continue;
            }
            if (current == null) {
                continue;
            }
            if (raw.startsWith("  draining:")) {
                current = new VipFacts(current.kind, current.announced, current.prefix, current.refusalDetail,
                    current.localPref, true, current.nodes);
                vips.put(address, current);
                continue;
            }
            final Matcher row = NODE_ROW.matcher(raw);
            if (row.matches()) {
                current.nodes().put(row.group(1), row.group(2) + " " + row.group(3));
            }
        }
        return new ExplainText(vips, problems);
    }

    private static VipFacts vipHead(final String kind, final String rest, final String line) {
        Matcher matcher = ANNOUNCED.matcher(rest);
        if (matcher.matches()) {
            return new VipFacts(kind, true, Optional.of(matcher.group(1)), Optional.empty(),
                Optional.of(Long.parseLong(matcher.group(2))), false, new TreeMap<>());
        }
        matcher = NOT_ANNOUNCED.matcher(rest);
        if (matcher.matches()) {
            // the prefix is not printed when no node qualifies; the state has it: not compared
            return new VipFacts(kind, false, Optional.empty(), Optional.empty(),
                Optional.of(Long.parseLong(matcher.group(1))), false, new TreeMap<>());
        }
        matcher = REFUSED.matcher(rest);
        if (matcher.matches()) {
            return new VipFacts(kind, false, Optional.empty(), Optional.of(matcher.group(2)), Optional.empty(),
                false, new TreeMap<>());
        }
        throw new IllegalArgumentException("not an explain VIP line: " + line);
    }

    /**
     * The same facts from the RESTCONF answer for one Service ({@code {"kube-anycast:service":[{...}]}}).
     *
     * @param answer the JSON answer
     * @return its facts, in the same shape as {@link #parse(String)} gives
     */
    static ExplainText fromRestconf(final JsonElement answer) {
        final JsonObject service = answer.getAsJsonObject().getAsJsonArray("kube-anycast:service").get(0)
            .getAsJsonObject();
        final Map<String, VipFacts> vips = new LinkedHashMap<>();
        for (JsonElement element : array(service, "vip")) {
            final JsonObject vip = element.getAsJsonObject();
            final boolean refused = vip.has("refusal-reason");
            final boolean announced = vip.get("announced").getAsBoolean();
            final Map<String, String> nodes = new TreeMap<>();
            for (JsonElement from : array(vip, "announced-from")) {
                nodes.put(text(from, "node"), "yes next hop " + text(from, "next-hop"));
            }
            for (JsonElement left : array(vip, "left-out")) {
                nodes.put(text(left, "node"), "no " + text(left, "detail"));
            }
            vips.put(text(vip, "address"), new VipFacts(text(vip, "kind"), announced,
                announced ? Optional.of(text(vip, "prefix")) : Optional.empty(),
                refused ? Optional.of(text(vip, "refusal-detail")) : Optional.empty(),
                refused ? Optional.empty() : Optional.of(vip.get("local-pref").getAsLong()),
                vip.get("draining").getAsBoolean(), nodes));
        }
        final Set<String> problems = new TreeSet<>();
        for (JsonElement problem : array(service, "problem")) {
            problems.add(text(problem, "item") + ": " + text(problem, "reason"));
        }
        return new ExplainText(vips, problems);
    }

    /** The VIP addresses in order, for messages. */
    List<String> addresses() {
        return new ArrayList<>(vips.keySet());
    }

    private static JsonArray array(final JsonObject object, final String name) {
        return object.has(name) ? object.getAsJsonArray(name) : new JsonArray();
    }

    private static String text(final JsonElement object, final String name) {
        return object.getAsJsonObject().get(name).getAsString();
    }
}
