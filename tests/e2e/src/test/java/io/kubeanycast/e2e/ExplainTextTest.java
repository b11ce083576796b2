/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ExplainText} without Karaf: explain's text format (bgp-policy/cli ExplainFormatter) and the RESTCONF JSON
 * of the same Service parse into the same facts, and a difference shows.
 */
class ExplainTextTest {
    private static final String EXPLAIN = """
        Service demo/state-probe

        VIP 203.0.113.81 (LoadBalancer IP): announced as 203.0.113.81/32 from 1 node(s), local-pref 100, MED -, \
        communities -
          NODE   ANNOUNCED  NEXT HOP / WHY NOT
          node1  yes        next hop 198.51.100.11
          node2  no         node is not Ready
          node3  no         no ready endpoint of the Service on this node

        VIP 198.18.8.8 (external IP): not announced: outside the allow-list (announce.external-cidrs): 198.18.8.8 \
        is outside every announce.external-cidrs entry [203.0.113.0/24]; never announced

        Problems found:
          kube-anycast.io/local-pref: 'high' is not an integer 0..4294967295; ignored, route.local-pref applies
        """;
    private static final String JSON = """
        {"kube-anycast:service":[{"namespace":"demo","name":"state-probe",
          "vip":[{"address":"203.0.113.81","kind":"load-balancer-ip","family":"ipv4","announced":true,
                  "prefix":"203.0.113.81/32","draining":false,"local-pref":100,
                  "announced-from":[{"node":"node1","next-hop":"198.51.100.11"}],
                  "left-out":[{"node":"node2","reason":"not-ready","detail":"node is not Ready"},
                              {"node":"node3","reason":"no-ready-endpoint",
                               "detail":"no ready endpoint of the Service on this node"}]},
                 {"address":"198.18.8.8","kind":"external-ip","family":"ipv4","announced":false,"draining":false,
                  "local-pref":100,"refusal-reason":"outside-allow-list",
                  "refusal-detail":"198.18.8.8 is outside every announce.external-cidrs entry [203.0.113.0/24]; \
        never announced"}],
          "problem":[{"item":"kube-anycast.io/local-pref",
                      "reason":"'high' is not an integer 0..4294967295; ignored, route.local-pref applies"}]}]}
        """;

    @Test
    void explainTextParsesIntoFacts() {
        final ExplainText explain = ExplainText.parse(EXPLAIN);
        assertEquals(List.of("203.0.113.81", "198.18.8.8"), explain.addresses());
        assertEquals(new ExplainText.VipFacts("load-balancer-ip", true, Optional.of("203.0.113.81/32"),
            Optional.empty(), Optional.of(100L), false, Map.of("node1", "yes next hop 198.51.100.11",
                "node2", "no node is not Ready", "node3", "no no ready endpoint of the Service on this node")),
            explain.vips().get("203.0.113.81"));
        assertEquals(Optional.of("198.18.8.8 is outside every announce.external-cidrs entry [203.0.113.0/24]; "
            + "never announced"), explain.vips().get("198.18.8.8").refusalDetail());
        assertEquals(Set.of("kube-anycast.io/local-pref: 'high' is not an integer 0..4294967295; ignored, "
            + "route.local-pref applies"), explain.problems());
    }

    @Test
    void restconfJsonOfTheSameServiceGivesTheSameFacts() {
        assertEquals(ExplainText.parse(EXPLAIN), ExplainText.fromRestconf(JsonParser.parseString(JSON)));
    }

    @Test
    void aDifferentReasonShows() {
        final String otherReason = JSON.replace("\"detail\":\"node is not Ready\"",
            "\"detail\":\"node has NetworkUnavailable=True\"");
        assertNotEquals(ExplainText.parse(EXPLAIN), ExplainText.fromRestconf(JsonParser.parseString(otherReason)));
    }
}
