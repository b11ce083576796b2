/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.restconf.password;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives Karaf's console user {@code karaf} (SSH on 8101, JMX; etc/users.properties, default password "karaf")
 * the same password as RESTCONF's admin, stored hashed the way Karaf's JAAS "basic" encryption checks it
 * ({@code {CRYPT}hex(SHA-256(password)){CRYPT}}, encryption enabled in etc/org.apache.karaf.jaas.cfg), so the
 * console has no default credentials either and the file never holds the password in clear.
 */
final class KarafConsoleUser {
    static final String USER = "karaf";
    private static final String USERS = "etc/users.properties";
    private static final String JAAS_CFG = "etc/org.apache.karaf.jaas.cfg";
    private static final String DEFAULT_ROLES = "_g_:admingroup";
    // "karaf = PASSWORD,ROLES..." (also "karaf=..." or "karaf : ...")
    private static final Pattern USER_LINE = Pattern.compile("^\\s*" + USER + "\\s*[=:]\\s*([^,]*)(,.*)?$");

    private KarafConsoleUser() {
        // static only
    }

    /**
     * Sets the password of the console user and enables Karaf's password encryption.
     *
     * @param karafHome the distribution's home
     * @param password the password
     * @throws IOException when the files cannot be read or written
     */
    static void setPassword(final Path karafHome, final String password) throws IOException {
        final Path users = karafHome.resolve(USERS);
        final List<String> lines = Files.isRegularFile(users) ? Files.readAllLines(users, StandardCharsets.ISO_8859_1)
            : new ArrayList<>();
        final String entry = USER + " = {CRYPT}" + sha256Hex(password) + "{CRYPT}";
        boolean found = false;
        final List<String> out = new ArrayList<>();
        for (String line : lines) {
            final Matcher m = USER_LINE.matcher(line);
            if (m.matches()) {
                found = true;
                out.add(entry + (m.group(2) != null ? m.group(2) : "," + DEFAULT_ROLES));
            } else {
                out.add(line);
            }
        }
        if (!found) {
            out.add(entry + "," + DEFAULT_ROLES);
        }
        replace(users, out);

        final Map<String, String> jaas = new LinkedHashMap<>();
        jaas.put("encryption.enabled", "true");
        jaas.put("encryption.name", "basic");
        jaas.put("encryption.prefix", "{CRYPT}");
        jaas.put("encryption.suffix", "{CRYPT}");
        jaas.put("encryption.algorithm", "SHA-256");
        jaas.put("encryption.encoding", "hexadecimal");
        final Path jaasCfg = karafHome.resolve(JAAS_CFG);
        final List<String> cfg = new ArrayList<>();
        if (Files.isRegularFile(jaasCfg)) {
            for (String line : Files.readAllLines(jaasCfg, StandardCharsets.ISO_8859_1)) {
                final String key = line.split("[=:]", 2)[0].trim();
                if (!jaas.containsKey(key)) {
                    cfg.add(line);
                }
            }
        }
        jaas.forEach((key, value) -> cfg.add(key + " = " + value));
        replace(jaasCfg, cfg);
    }

    /**
     * What Karaf's BasicEncryption computes: the digest of the password's bytes in the JVM's default charset
     * (Karaf uses {@code String.getBytes()}), hex-encoded.
     *
     * @param password the password
     * @return upper-case hex SHA-256, as Karaf writes it (it compares ignoring case)
     */
    static String sha256Hex(final String password) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(password.getBytes(Charset.defaultCharset())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static void replace(final Path file, final List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.ISO_8859_1);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
