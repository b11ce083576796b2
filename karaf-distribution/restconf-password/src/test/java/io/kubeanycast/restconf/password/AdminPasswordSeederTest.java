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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.aaa.api.IIDMStore;
import org.opendaylight.aaa.api.StoreBuilder;
import org.opendaylight.aaa.api.model.User;
import org.opendaylight.aaa.datastore.h2.H2Store;
import org.opendaylight.aaa.datastore.h2.IdmLightConfigBuilder;
import org.opendaylight.aaa.datastore.h2.IdmLightSimpleConnectionProvider;
import org.opendaylight.aaa.impl.password.service.DefaultPasswordHashService;

class AdminPasswordSeederTest {
    private static final DefaultPasswordHashService HASH = new DefaultPasswordHashService();

    @TempDir
    Path home;

    // what AAA in Karaf opens: the store in KARAF_HOME/data with the default database login
    private H2Store karafSideStore() {
        return new H2Store(new IdmLightSimpleConnectionProvider(new IdmLightConfigBuilder()
            .dbDirectory(home.resolve("data").toString()).dbUser("foo").dbPwd("bar").build()), HASH);
    }

    private List<User> admins() throws Exception {
        return karafSideStore().getUsers(AdminPasswordSeeder.ADMIN, IIDMStore.DEFAULT_DOMAIN).getUsers();
    }

    private static boolean accepts(final User user, final String password) {
        return HASH.passwordsMatch(password, user.getPassword(), user.getSalt());
    }

    @Test
    void emptyStoreGetsAdminWithThePasswordAndAaaThenSkipsAdminAdmin() throws Exception {
        assertEquals(0, AdminPasswordSeeder.run(home, Map.of(AdminPasswordSeeder.PASSWORD_ENV, "s3cret-Pw")));

        // what AAAShiroProvider does at every start: only creates admin/admin when the domain is missing
        new StoreBuilder(karafSideStore()).initWithDefaultUsers(IIDMStore.DEFAULT_DOMAIN);

        final List<User> admins = admins();
        assertEquals(1, admins.size());
        assertTrue(accepts(admins.get(0), "s3cret-Pw"));
        assertFalse(accepts(admins.get(0), "admin"));
        assertEquals(1, karafSideStore().getUsers().getUsers().size(), "no other user was created");
        assertEquals(1, karafSideStore().getGrants(admins.get(0).getUserid()).getGrants().stream()
            .filter(g -> "admin@sdn".equals(g.getRoleid())).count(), "admin has the admin role");
    }

    @Test
    void consoleUserGetsTheSamePasswordHashedWithKarafsBasicEncryption() throws Exception {
        final Path etc = Files.createDirectories(home.resolve("etc"));
        // what Karaf 4.4.6 ships
        Files.writeString(etc.resolve("users.properties"), "# comment\nkaraf = karaf,_g_:admingroup\n"
            + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n", StandardCharsets.ISO_8859_1);
        Files.writeString(etc.resolve("org.apache.karaf.jaas.cfg"), "encryption.enabled = false\n"
            + "encryption.name = basic\nencryption.algorithm = SHA-256\nother.key = kept\n",
            StandardCharsets.ISO_8859_1);

        assertEquals(0, AdminPasswordSeeder.run(home, Map.of(AdminPasswordSeeder.PASSWORD_ENV, "s3cret-Pw")));

        final String users = Files.readString(etc.resolve("users.properties"), StandardCharsets.ISO_8859_1);
        // SHA-256("s3cret-Pw"), computed independently
        final String hash = java.util.HexFormat.of().withUpperCase().formatHex(java.security.MessageDigest
            .getInstance("SHA-256").digest("s3cret-Pw".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(users.contains("karaf = {CRYPT}" + hash + "{CRYPT},_g_:admingroup\n"), users);
        assertFalse(users.contains("karaf = karaf"), users);
        assertTrue(users.contains("_g_\\:admingroup = group,admin"), users);
        assertFalse(users.contains("s3cret-Pw"), users);
        final String jaas = Files.readString(etc.resolve("org.apache.karaf.jaas.cfg"), StandardCharsets.ISO_8859_1);
        assertTrue(jaas.contains("encryption.enabled = true"), jaas);
        assertFalse(jaas.contains("encryption.enabled = false"), jaas);
        assertTrue(jaas.contains("other.key = kept"), jaas);
    }

    @Test
    void existingAdminAdminIsReset() throws Exception {
        // a store AAA initialised itself (a distribution started once without the variable)
        new StoreBuilder(karafSideStore()).initWithDefaultUsers(IIDMStore.DEFAULT_DOMAIN);
        assertTrue(accepts(admins().get(0), "admin"));

        assertEquals(0, AdminPasswordSeeder.run(home, Map.of(AdminPasswordSeeder.PASSWORD_ENV, "new-one")));
        assertEquals(1, admins().size());
        assertTrue(accepts(admins().get(0), "new-one"));
        assertFalse(accepts(admins().get(0), "admin"));
    }

    @Test
    void passwordFromFileWithoutTrailingNewline() throws Exception {
        final Path secret = Files.writeString(home.resolve("password"), "from-file\n", StandardCharsets.UTF_8);
        assertEquals(Optional.of("from-file"), AdminPasswordSeeder.password(
            Map.of(AdminPasswordSeeder.PASSWORD_FILE_ENV, secret.toString())));
        assertEquals(Optional.of("direct"), AdminPasswordSeeder.password(Map.of(AdminPasswordSeeder.PASSWORD_ENV,
            "direct", AdminPasswordSeeder.PASSWORD_FILE_ENV, secret.toString())), "the variable wins");

        assertEquals(0, AdminPasswordSeeder.run(home, Map.of(AdminPasswordSeeder.PASSWORD_FILE_ENV,
            secret.toString())));
        assertTrue(accepts(admins().get(0), "from-file"));
    }

    @Test
    void refusesMissingEmptyOrDefaultPasswordAndTouchesNothing() throws Exception {
        assertEquals(AdminPasswordSeeder.USAGE, AdminPasswordSeeder.run(home, Map.of()));
        assertEquals(AdminPasswordSeeder.USAGE, AdminPasswordSeeder.run(home,
            Map.of(AdminPasswordSeeder.PASSWORD_FILE_ENV, home.resolve("missing").toString())));
        assertEquals(AdminPasswordSeeder.REFUSED, AdminPasswordSeeder.run(home,
            Map.of(AdminPasswordSeeder.PASSWORD_ENV, "admin")));
        assertEquals(AdminPasswordSeeder.REFUSED, AdminPasswordSeeder.run(home,
            Map.of(AdminPasswordSeeder.PASSWORD_ENV, "  ")));
        assertFalse(Files.exists(home.resolve("data")), "no store was created");
        assertNotNull(AdminPasswordSeeder.refusal("a\nb"));
        assertNull(AdminPasswordSeeder.refusal("fine"));
    }
}
