/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.impl.speaker;

import com.google.common.xml.XmlEscapers;

/**
 * Renders a {@link SpeakerConfig} as the XML of ODL's openconfig {@code protocols} container, in the shape that
 * was verified against bgpcep 0.21.7 (docs/architecture.md, "OpenDaylight facts the code depends on"). The XML
 * is parsed against the live YANG schema before anything is written, so a mistake here fails loudly instead of
 * writing half a configuration. Pure and stateless.
 */
final class SpeakerXml {
    static final String IMPORT_POLICY = "kube-anycast-import";
    static final String EXPORT_POLICY = "kube-anycast-export";
    static final String APPLICATION_PEER_GROUP = "application-peers";

    static final String EBGP_MED_STATEMENT = "app-peer-to-ebgp-med";

    private static final String[] AFI_SAFIS = {"IPV4-UNICAST", "IPV6-UNICAST"};
    private static final String EBGP_MED_MARKER = "<!--EBGP-MED-STATEMENT-->";
    private static final String ROLE_SET = "/rpol:routing-policy/rpol:defined-sets/bgppol:bgp-defined-sets/role-sets"
        + "/role-set[role-set-name=\"";

    private SpeakerXml() {
        // utility class
    }

    static String protocols(final SpeakerConfig config) {
        final StringBuilder xml = new StringBuilder(4096)
            .append("<protocols xmlns=\"http://openconfig.net/yang/network-instance\"><protocol>")
            .append("<name>").append(text(config.instanceName())).append("</name>")
            .append("<identifier xmlns:x=\"http://openconfig.net/yang/policy-types\">x:BGP</identifier>")
            .append("<bgp xmlns=\"urn:opendaylight:params:xml:ns:yang:bgp:openconfig-extensions\"><global>")
            .append("<config><router-id>").append(config.routerId()).append("</router-id><as>")
            .append(config.localAs()).append("</as></config>")
            // policy before protocol: these policies are written (and cached by ODL) before this instance exists
            .append("<apply-policy><config>")
            .append("<default-export-policy>REJECT-ROUTE</default-export-policy>")
            .append("<default-import-policy>REJECT-ROUTE</default-import-policy>")
            .append("<import-policy>").append(IMPORT_POLICY).append("</import-policy>")
            .append("<export-policy>").append(EXPORT_POLICY).append("</export-policy>")
            .append("</config></apply-policy>");
        afiSafis(xml, config, false);
        xml.append("</global><neighbors>")
            // the application peer: its application RIB is where kube-anycast writes the service routes
            .append("<neighbor><neighbor-address>").append(config.applicationPeerId()).append("</neighbor-address>")
            .append("<config><peer-group>").append(APPLICATION_PEER_GROUP).append("</peer-group></config>")
            .append("</neighbor>");
        for (FabricNeighbor neighbor : config.neighbors()) {
            neighbor(xml, config, neighbor);
        }
        return xml.append("</neighbors></bgp></protocol></protocols>").toString();
    }

    private static void neighbor(final StringBuilder xml, final SpeakerConfig config, final FabricNeighbor neighbor) {
        xml.append("<neighbor><neighbor-address>").append(neighbor.address()).append("</neighbor-address>")
            .append("<config><peer-type>").append(neighbor.isInternal(config.localAs()) ? "INTERNAL" : "EXTERNAL")
            .append("</peer-type><peer-as>").append(neighbor.peerAs()).append("</peer-as></config>")
            // ODL connects out: bgp-peer-acceptor (the inbound listener) is not on Maven Central
            .append("<transport><config><remote-port>").append(neighbor.port())
            .append("</remote-port><passive-mode>false</passive-mode></config></transport>")
            .append("<timers><config><hold-time>").append(neighbor.holdTime()).append("</hold-time>")
            .append("<connect-retry>").append(neighbor.connectRetry()).append("</connect-retry></config></timers>");
        afiSafis(xml, config, true);
        if (config.gracefulRestartTime() > 0) {
            xml.append("<graceful-restart><config><restart-time>").append(config.gracefulRestartTime())
                .append("</restart-time></config></graceful-restart>");
        }
        xml.append("</neighbor>");
    }

    private static void afiSafis(final StringBuilder xml, final SpeakerConfig config, final boolean neighbor) {
        xml.append("<afi-safis>");
        for (String afiSafi : AFI_SAFIS) {
            // ADD-PATH: send-max 0 = all paths, so every node's path reaches the fabric and it installs ECMP
            xml.append("<afi-safi><afi-safi-name xmlns:x=\"http://openconfig.net/yang/bgp-types\">x:")
                .append(afiSafi).append("</afi-safi-name><receive>true</receive><send-max>")
                .append(config.addPathSendMax()).append("</send-max>");
            if (neighbor && config.gracefulRestartTime() > 0) {
                xml.append("<graceful-restart><config><enabled>true</enabled></config></graceful-restart>");
            }
            xml.append("</afi-safi>");
        }
        xml.append("</afi-safis>");
    }

    /**
     * The routing policies: the template with, when {@code route.med} is set, the statement that puts the MED back
     * on the paths to eBGP neighbors. bgpcep 0.21.7's export to eBGP needs its non-transitive-attributes-filter
     * (or LOCAL_PREF would be sent to eBGP peers), which also drops MED, and its set-med of the same statement runs
     * before that filter; a later statement works on the filtered attributes, so its set-med survives.
     *
     * @param template the policy XML with the marker where the statement belongs
     */
    static String routingPolicy(final String template, final SpeakerConfig config) {
        if (!template.contains(EBGP_MED_MARKER)) {
            throw new IllegalArgumentException("routing policy template without " + EBGP_MED_MARKER);
        }
        if (config.ebgpMed().isEmpty()) {
            return template.replace(EBGP_MED_MARKER, "");
        }
        final String statement = "<statement><name>" + EBGP_MED_STATEMENT + "</name><conditions>"
            + "<bgp-conditions xmlns=\"http://openconfig.net/yang/bgp-policy\">"
            + "<match-role-set xmlns=\"urn:opendaylight:params:xml:ns:yang:odl:bgp:default:policy\">"
            + "<from-role><role-set>" + ROLE_SET + "only-internal\"]</role-set></from-role>"
            + "<to-role><role-set>" + ROLE_SET + "only-ebgp\"]</role-set></to-role>"
            + "</match-role-set></bgp-conditions></conditions><actions>"
            + "<bgp-actions xmlns=\"http://openconfig.net/yang/bgp-policy\"><set-med>" + config.ebgpMed().getAsLong()
            + "</set-med></bgp-actions></actions></statement>";
        return template.replace(EBGP_MED_MARKER, statement);
    }

    private static String text(final String value) {
        return XmlEscapers.xmlContentEscaper().escape(value);
    }
}
