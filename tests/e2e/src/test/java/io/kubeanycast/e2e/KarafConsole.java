/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Runs commands in the real Karaf console over SSH (127.0.0.1:8101, karaf/karaf), one SSH session per command,
 * with Apache SSHD's client. Output has ANSI escapes removed; stderr (where Karaf prints "Error executing
 * command") is appended to stdout.
 *
 * <p>{@code feature:install} of a feature that refreshes the SSH bundle can drop the session while the
 * install still completes; {@link #installFeature(String, Duration)} handles that by checking in new sessions.
 */
public final class KarafConsole {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    /** The console of the local Karaf: 127.0.0.1:8101, karaf/karaf. */
    public KarafConsole() {
        this("127.0.0.1", 8101, "karaf", "karaf");
    }

    public KarafConsole(final String host, final int port, final String user, final String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Runs one command in a new SSH session.
     *
     * @param command e.g. "feature:list -i"
     * @param timeout for connect, auth and the command itself
     * @return its output (stdout, then stderr)
     * @throws IOException when the session cannot be opened or drops before the command ends
     */
    public String execute(final String command, final Duration timeout) throws IOException {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect(user, host, port).verify(timeout).getSession()) {
                session.addPasswordIdentity(password);
                session.auth().verify(timeout);
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                final ByteArrayOutputStream err = new ByteArrayOutputStream();
                try (ChannelExec channel = session.createExecChannel(command)) {
                    channel.setOut(out);
                    channel.setErr(err);
                    channel.open().verify(timeout);
                    final Set<ClientChannelEvent> events =
                        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                    if (events.contains(ClientChannelEvent.TIMEOUT)) {
                        throw new IOException("Karaf console command timed out after " + timeout + ": " + command);
                    }
                }
                return ANSI.matcher(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                    .replaceAll("");
            }
        }
    }

    /**
     * Runs one command with a 2 minute timeout.
     *
     * @param command the console command
     * @return its output
     * @throws IOException when the session fails
     */
    public String execute(final String command) throws IOException {
        return execute(command, Duration.ofMinutes(2));
    }

    /**
     * Runs one command and fails when Karaf reports an error ("Error executing command", "Command not found").
     *
     * @param command the console command
     * @return its output
     * @throws IOException when the session fails
     * @throws IllegalStateException when the output reports an error
     */
    public String executeChecked(final String command) throws IOException {
        final String out = execute(command);
        if (out.contains("Error executing command") || out.contains("Command not found")) {
            throw new IllegalStateException("Karaf console: '" + command + "' failed:\n" + out);
        }
        return out;
    }

    /**
     * Waits until the console accepts a session and runs a trivial command.
     *
     * @param timeout how long
     */
    public void awaitAvailable(final Duration timeout) {
        Await.until(timeout, this::isAvailable, () -> "Karaf SSH console " + host + ":" + port + " not available");
    }

    /**
     * Whether the console accepts a session and runs a trivial command now.
     *
     * @return true when it does
     */
    public boolean isAvailable() {
        try {
            return execute("shell:echo ka-ready", Duration.ofSeconds(20)).contains("ka-ready");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code feature:list -i} lists a feature as installed (started).
     *
     * @param feature the feature name
     * @return true when installed
     * @throws IOException when the session fails
     */
    public boolean isFeatureInstalled(final String feature) throws IOException {
        return execute("feature:list -i").lines()
            .map(line -> line.split("\\|"))
            .anyMatch(cols -> cols.length > 0 && cols[0].trim().equals(feature));
    }

    /**
     * {@code feature:install FEATURE}, tolerating the SSH session being dropped by the install itself, then
     * polling {@code feature:list -i} in new sessions until the feature is listed.
     *
     * @param feature e.g. "odl-kube-anycast"
     * @param timeout for the whole install
     * @return the output of the install command (possibly cut short by the dropped session)
     */
    public String installFeature(final String feature, final Duration timeout) {
        String output;
        try {
            output = execute("feature:install " + feature, timeout);
        } catch (IOException e) {
            output = "(session dropped during feature:install: " + e.getMessage() + ")";
        }
        if (output.contains("Error executing command")) {
            throw new IllegalStateException("feature:install " + feature + " failed:\n" + output);
        }
        final String installOutput = output;
        Await.until(timeout, () -> {
            try {
                return isFeatureInstalled(feature);
            } catch (IOException e) {
                return false;
            }
        }, () -> "feature " + feature + " not listed by feature:list -i; install said:\n" + installOutput);
        return output;
    }
}
