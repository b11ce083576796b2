/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.e2e;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an external command (no shell) with a timeout and captures its output. Used for {@code bed.sh},
 * {@code vtysh}, {@code ip}, {@code ping}. Stateless.
 */
public final class Cmd {
    /**
     * What a finished command left behind.
     *
     * @param command the argv that ran
     * @param exitCode its exit status
     * @param stdout everything it wrote to stdout (UTF-8)
     * @param stderr everything it wrote to stderr (UTF-8)
     */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public Result {
            command = List.copyOf(command);
            requireNonNull(stdout);
            requireNonNull(stderr);
        }

        public boolean ok() {
            return exitCode == 0;
        }

        /**
         * Returns this result when the command exited 0, else throws with the command, exit code and both streams.
         *
         * @return this
         * @throws IllegalStateException if the exit code was not 0
         */
        public Result orThrow() {
            if (!ok()) {
                throw new IllegalStateException(describe());
            }
            return this;
        }

        /**
         * One readable block: the command, its exit code, stdout and stderr.
         *
         * @return the description
         */
        public String describe() {
            return "$ " + String.join(" ", command) + "  (exit " + exitCode + ")\n" + stdout
                + (stderr.isEmpty() ? "" : "[stderr]\n" + stderr);
        }
    }

    private Cmd() {
        // utility class
    }

    /**
     * Runs a command and waits for it.
     *
     * @param timeout how long it may run; it is killed after that
     * @param command the argv (no shell interpretation)
     * @return the result, whatever the exit code
     * @throws IllegalStateException on timeout or when it cannot be started
     */
    public static Result run(final Duration timeout, final List<String> command) {
        return run(timeout, command, Map.of());
    }

    /**
     * Runs a command with extra environment variables and waits for it.
     *
     * @param timeout how long it may run; it is killed after that
     * @param command the argv (no shell interpretation)
     * @param env variables added to (or replacing in) this JVM's environment
     * @return the result, whatever the exit code
     * @throws IllegalStateException on timeout or when it cannot be started
     */
    public static Result run(final Duration timeout, final List<String> command, final Map<String, String> env) {
        final Process process;
        try {
            final ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing to feed anyway
        }
        final CompletableFuture<String> out = drain(process.getInputStream());
        final CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command));
            }
            return new Result(command, process.exitValue(), out.get(10, TimeUnit.SECONDS),
                err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the output of " + String.join(" ", command), e);
        }
    }

    /**
     * Runs a command with a 60 s timeout.
     *
     * @param command the argv
     * @return the result, whatever the exit code
     */
    public static Result run(final String... command) {
        return run(Duration.ofSeconds(60), List.of(command));
    }

    private static CompletableFuture<String> drain(final InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = stream) {
                final ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
