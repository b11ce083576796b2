/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.restconf.password;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.opendaylight.aaa.api.IDMStoreException;
import org.opendaylight.aaa.api.IIDMStore;
import org.opendaylight.aaa.api.StoreBuilder;
import org.opendaylight.aaa.api.model.User;
import org.opendaylight.aaa.datastore.h2.H2Store;
import org.opendaylight.aaa.datastore.h2.IdmLightConfigBuilder;
import org.opendaylight.aaa.datastore.h2.IdmLightSimpleConnectionProvider;
import org.opendaylight.aaa.impl.password.service.DefaultPasswordHashService;

/**
 * Sets the password of RESTCONF's {@code admin} user in ODL AAA's H2 user store ({@code KARAF_HOME/data/
 * idmlight.db.mv.db}) while Karaf is not running.
 *
 * <p>Why before Karaf and not from a bundle: AAA 0.19.5 ({@code AAAShiroProvider}) creates admin/admin whenever the
 * store has no {@code sdn} domain yet. Creating the domain, the roles and admin with the given password first (the
 * same {@link StoreBuilder} AAA uses, the same H2 store and password hash defaults: SHA-512, 20000 iterations)
 * makes AAA skip its defaults, so admin/admin is never accepted, not even for a moment during boot. On an existing
 * store the admin password is reset to the given one.
 *
 * <p>Karaf's console user {@code karaf} (SSH, JMX; default password "karaf") gets the same password, hashed
 * ({@link KarafConsoleUser}).
 *
 * <p>The password comes from the environment ({@value #PASSWORD_ENV}) or from a file named by
 * {@value #PASSWORD_FILE_ENV} (e.g. a mounted Secret), never from the command line (visible in {@code ps}).
 * It is never printed.
 *
 * <p>Exit codes: 0 set, 2 usage or no password given, 3 password refused, 4 store error.
 */
@SuppressWarnings("checkstyle:RegexpSingleLineJava") // a command-line tool: its messages go to stderr
public final class AdminPasswordSeeder {
    /** Environment variable holding the password. */
    public static final String PASSWORD_ENV = "KUBE_ANYCAST_RESTCONF_PASSWORD";
    /** Environment variable naming a file that holds the password (trailing newlines ignored). */
    public static final String PASSWORD_FILE_ENV = "KUBE_ANYCAST_RESTCONF_PASSWORD_FILE";
    /** The RESTCONF user whose password is set. */
    public static final String ADMIN = "admin";

    static final int OK = 0;
    static final int USAGE = 2;
    static final int REFUSED = 3;
    static final int STORE_ERROR = 4;

    // AAA's H2 store reads its database login from this config PID (defaults foo/bar); the file must agree
    private static final String H2_CFG = "etc/org.opendaylight.aaa.h2.cfg";

    private AdminPasswordSeeder() {
        // main only
    }

    /**
     * Entry point.
     *
     * @param args one argument: KARAF_HOME
     */
    public static void main(final String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -jar restconf-password.jar KARAF_HOME  (password from $" + PASSWORD_ENV
                + " or the file named by $" + PASSWORD_FILE_ENV + ")");
            System.exit(USAGE);
        }
        System.exit(run(Path.of(args[0]), System.getenv()));
    }

    /**
     * Sets the admin password of the Karaf at {@code karafHome} from {@code env}.
     *
     * @param karafHome the distribution's home (its data/ holds the store)
     * @param env the environment to read the password variables from
     * @return the exit code
     */
    static int run(final Path karafHome, final Map<String, String> env) {
        final String password;
        try {
            password = password(env).orElse(null);
        } catch (IOException e) {
            System.err.println("kube-anycast: cannot read $" + PASSWORD_FILE_ENV + " (" + env.get(PASSWORD_FILE_ENV)
                + "): " + e.getMessage());
            return USAGE;
        }
        if (password == null) {
            System.err.println("kube-anycast: neither $" + PASSWORD_ENV + " nor $" + PASSWORD_FILE_ENV + " is set");
            return USAGE;
        }
        final String refusal = refusal(password);
        if (refusal != null) {
            System.err.println("kube-anycast: RESTCONF admin password refused: " + refusal);
            return REFUSED;
        }
        try {
            final boolean created = setAdminPassword(karafHome, password);
            KarafConsoleUser.setPassword(karafHome, password);
            System.err.println("kube-anycast: RESTCONF user 'admin' " + (created ? "created" : "updated")
                + " and console user '" + KarafConsoleUser.USER + "' set with the password from $"
                + (env.get(PASSWORD_ENV) != null ? PASSWORD_ENV : PASSWORD_FILE_ENV));
            return OK;
        } catch (IDMStoreException | IOException e) {
            System.err.println("kube-anycast: cannot set the RESTCONF admin password in " + karafHome
                + "/data/idmlight.db or etc/users.properties (is this Karaf running? stop it first): " + e);
            return STORE_ERROR;
        }
    }

    /**
     * The password from the environment, or from the file it names.
     *
     * @param env environment
     * @return the password, empty when neither variable is set (or both are empty)
     * @throws IOException when the file cannot be read
     */
    static Optional<String> password(final Map<String, String> env) throws IOException {
        final String direct = env.get(PASSWORD_ENV);
        if (direct != null && !direct.isEmpty()) {
            return Optional.of(direct);
        }
        final String file = env.get(PASSWORD_FILE_ENV);
        if (file == null || file.isEmpty()) {
            return Optional.empty();
        }
        // a Secret's file often ends with a newline that is not part of the password
        return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", ""));
    }

    /**
     * Why a password is not accepted.
     *
     * @param password candidate
     * @return the reason, or null when it is fine
     */
    static String refusal(final String password) {
        if (password.isBlank()) {
            return "it is empty";
        }
        if (ADMIN.equals(password)) {
            return "it is the well-known default 'admin'";
        }
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            return "it contains a line break";
        }
        return null;
    }

    /**
     * Creates AAA's default domain and roles if missing, then creates admin with this password or resets it.
     *
     * @param karafHome the distribution's home
     * @param password the new password
     * @return true when admin was created, false when an existing admin got the new password
     * @throws IDMStoreException on store errors
     * @throws IOException when etc/org.opendaylight.aaa.h2.cfg cannot be read
     */
    static boolean setAdminPassword(final Path karafHome, final String password)
            throws IDMStoreException, IOException {
        final Properties h2 = new Properties();
        final Path h2Cfg = karafHome.resolve(H2_CFG);
        if (Files.isRegularFile(h2Cfg)) {
            try (InputStream in = Files.newInputStream(h2Cfg)) {
                h2.load(in);
            }
        }
        final H2Store store = new H2Store(new IdmLightSimpleConnectionProvider(new IdmLightConfigBuilder()
            .dbDirectory(karafHome.resolve("data").toAbsolutePath().toString())
            .dbUser(h2.getProperty("username", "foo"))
            .dbPwd(h2.getProperty("password", "bar"))
            .build()), new DefaultPasswordHashService());
        final StoreBuilder builder = new StoreBuilder(store);
        builder.initDomainAndRolesWithoutUsers(IIDMStore.DEFAULT_DOMAIN);
        final Optional<User> admin = store.getUsers(ADMIN, IIDMStore.DEFAULT_DOMAIN).getUsers().stream()
            .findFirst();
        if (admin.isPresent()) {
            final User user = admin.orElseThrow();
            user.setPassword(password);
            store.updateUser(user);
            return false;
        }
        builder.createUser(IIDMStore.DEFAULT_DOMAIN, ADMIN, password, true);
        return true;
    }
}
