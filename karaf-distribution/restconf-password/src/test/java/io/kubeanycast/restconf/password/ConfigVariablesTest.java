/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.restconf.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image's check of {@code KUBE_ANYCAST_CFG_*} variables ({@code karaf-distribution/image/
 * kube-anycast-cfg-env}, run by the entry point before Karaf), run with {@code /bin/sh} against the feature's real
 * default configuration ({@code bgp-policy/impl/src/main/config/default.cfg}): the natural spelling of every key
 * works, {@code __} still works, key families match by pattern, and an unknown key stops the start with one line
 * naming the variable, the key it produced and the closest known key, leaving the file untouched.
 */
class ConfigVariablesTest {
    private static final Path SCRIPT = Path.of("..", "image", "kube-anycast-cfg-env");
    private static final Path DEFAULTS = Path.of("..", "..", "bgp-policy", "impl", "src", "main", "config",
        "default.cfg");
    private static final String PREFIX = "KUBE_ANYCAST_CFG_";
    // an active "key = value" line of the default file
    private static final Pattern ACTIVE_KEY = Pattern.compile("(?m)^([a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+)\\s*=");

    @TempDir
    Path dir;

    @Test
    void naturalSpellingSetsTheHyphenatedKey() throws Exception {
        final Run run = run(DEFAULTS, Map.of("KUBE_ANYCAST_CFG_ANNOUNCE_CLUSTER_CIDRS", "10.96.0.0/12"));
        assertEquals(0, run.exitCode, run::toString);
        assertEquals(List.of("announce.cluster-cidrs = 10.96.0.0/12"), run.cfgLines());
        assertTrue(run.stderr.contains("announce.cluster-cidrs set from KUBE_ANYCAST_CFG_ANNOUNCE_CLUSTER_CIDRS"),
            run::toString);
    }

    @Test
    void doubleUnderscoreStillMeansHyphen() throws Exception {
        final Run run = run(DEFAULTS, Map.of("KUBE_ANYCAST_CFG_BGP_LOCAL__AS", "64513",
            "KUBE_ANYCAST_CFG_BGP_ADD__PATH_SEND__MAX", "4"));
        assertEquals(0, run.exitCode, run::toString);
        assertEquals(List.of("bgp.add-path.send-max = 4", "bgp.local-as = 64513"), sorted(run.cfgLines()));
    }

    @Test
    void everyKeyOfTheDefaultFileRoundTripsFromItsNaturalSpelling() throws Exception {
        final String defaults = Files.readString(DEFAULTS, StandardCharsets.UTF_8);
        final Map<String, String> env = new LinkedHashMap<>();
        final List<String> expected = new ArrayList<>();
        final Matcher keys = ACTIVE_KEY.matcher(defaults);
        while (keys.find()) {
            final String key = keys.group(1);
            env.put(PREFIX + key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"), "v");
            expected.add(key + " = v");
        }
        assertTrue(expected.size() > 15, "the default file's keys: " + expected);
        final Run run = run(DEFAULTS, env);
        assertEquals(0, run.exitCode, run::toString);
        assertEquals(sorted(expected), sorted(run.cfgLines()));
    }

    @Test
    void commentedKeysAndKeyFamiliesAreKnown() throws Exception {
        final Run run = run(DEFAULTS, Map.of(
            // documented as a commented "# route.med = 0" line
            "KUBE_ANYCAST_CFG_ROUTE_MED", "7",
            // the neighbor family bgp.neighbor.<name>.*: the name part takes "-" for "_"
            "KUBE_ANYCAST_CFG_BGP_NEIGHBOR_TOR1_ADDRESS", "198.51.100.1",
            "KUBE_ANYCAST_CFG_BGP_NEIGHBOR_TOR_2_HOLD_TIME", "9",
            "KUBE_ANYCAST_CFG_BGP_NEIGHBOR_TOR1_CONNECT_RETRY", "2",
            "KUBE_ANYCAST_CFG_K8S_URL", "http://127.0.0.1:1"));
        assertEquals(0, run.exitCode, run::toString);
        assertEquals(List.of("bgp.neighbor.tor-2.hold-time = 9", "bgp.neighbor.tor1.address = 198.51.100.1",
            "bgp.neighbor.tor1.connect-retry = 2", "k8s.url = http://127.0.0.1:1", "route.med = 7"),
            sorted(run.cfgLines()));
    }

    @Test
    void unknownKeyStopsWithOneLineNamingTheClosestKey() throws Exception {
        final Path cfg = dir.resolve("io.kubeanycast.cfg");
        Files.writeString(cfg, "bgp.local-as = 64512\n", StandardCharsets.UTF_8);
        final Run run = run(DEFAULTS, Map.of("KUBE_ANYCAST_CFG_ANNOUNCE_CLUSTR_CIDRS", "10.96.0.0/12",
            "KUBE_ANYCAST_CFG_BGP_LOCAL_AS", "64513"));
        assertEquals(64, run.exitCode, run::toString);
        final List<String> lines = run.stderr.lines().toList();
        assertEquals(1, lines.size(), run::toString);
        final String line = lines.get(0);
        assertTrue(line.contains("KUBE_ANYCAST_CFG_ANNOUNCE_CLUSTR_CIDRS"), line);
        assertTrue(line.contains("\"announce.clustr.cidrs\""), line);
        assertTrue(line.contains("closest known key is announce.cluster-cidrs "), line);
        // nothing written, not even the good variable: the container does not start
        assertEquals("bgp.local-as = 64512\n", Files.readString(cfg, StandardCharsets.UTF_8));
    }

    @Test
    void twoSpellingsOfOneKeyAreRefused() throws Exception {
        final Run run = run(DEFAULTS, Map.of("KUBE_ANYCAST_CFG_BGP_LOCAL_AS", "1",
            "KUBE_ANYCAST_CFG_BGP_LOCAL__AS", "2"));
        assertEquals(64, run.exitCode, run::toString);
        assertTrue(run.stderr.contains("both set bgp.local-as"), run::toString);
    }

    @Test
    void knownKeysComeFromTheDefaultFileNotFromTheScript() throws Exception {
        // a key and a family the real file may not have yet: added to a copy, they are accepted at once
        final Path defaults = dir.resolve("default.cfg");
        Files.writeString(defaults, Files.readString(DEFAULTS, StandardCharsets.UTF_8)
            + "\n# Per namespace:\n#   announce.external-cidrs.<namespace>  CIDRs that namespace may announce\n"
            + "# example.new-key = 5\n", StandardCharsets.UTF_8);
        final Run run = run(defaults, Map.of("KUBE_ANYCAST_CFG_EXAMPLE_NEW_KEY", "6",
            "KUBE_ANYCAST_CFG_ANNOUNCE_EXTERNAL_CIDRS_TEAM_A", "203.0.113.0/28",
            "KUBE_ANYCAST_CFG_ANNOUNCE_EXTERNAL_CIDRS", "203.0.113.0/24"));
        assertEquals(0, run.exitCode, run::toString);
        assertEquals(List.of("announce.external-cidrs = 203.0.113.0/24",
            "announce.external-cidrs.team-a = 203.0.113.0/28", "example.new-key = 6"), sorted(run.cfgLines()));

        final Run without = run(DEFAULTS, Map.of("KUBE_ANYCAST_CFG_EXAMPLE_NEW_KEY", "6"));
        assertEquals(64, without.exitCode, without::toString);
    }

    @Test
    void noVariablesLeaveTheFileAlone() throws Exception {
        final Run run = run(DEFAULTS, Map.of());
        assertEquals(0, run.exitCode, run::toString);
        assertFalse(Files.exists(dir.resolve("io.kubeanycast.cfg")), "no file created without variables");
    }

    private Run run(final Path defaults, final Map<String, String> env) throws IOException, InterruptedException {
        final Path cfg = dir.resolve("io.kubeanycast.cfg");
        final ProcessBuilder builder = new ProcessBuilder("/bin/sh", SCRIPT.toString(), defaults.toString(),
            cfg.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith(PREFIX));
        builder.environment().putAll(env);
        final Path stderr = dir.resolve("stderr");
        builder.redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        final Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script did not finish");
        return new Run(process.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8), cfg);
    }

    private static List<String> sorted(final List<String> lines) {
        return lines.stream().sorted().toList();
    }

    private record Run(int exitCode, String stderr, Path cfg) {
        List<String> cfgLines() throws IOException {
            return Files.exists(cfg) ? Files.readAllLines(cfg, StandardCharsets.UTF_8) : List.of();
        }
    }
}
