/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.fakeapi;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the fake API server on its own: {@code --port N} (default 6443), {@code --bind ADDR} (default 127.0.0.1),
 * {@code --fixtures DIR} (repeatable: loads every *.json there), {@code --sample} (the bundled demo cluster),
 * {@code --history N} (changes kept for watches, default 1000), {@code --bookmark-seconds N} (default 60).
 * Prints one line with the URL once it listens, then serves until killed.
 */
public final class FakeApiServerMain {
    private FakeApiServerMain() {
        // main class
    }

    @SuppressWarnings("checkstyle:RegexpSingleLineJava")
    public static void main(final String[] args) throws IOException, InterruptedException {
        int port = 6443;
        String bind = "127.0.0.1";
        int history = 1000;
        long bookmarkSeconds = 60;
        boolean sample = false;
        final List<Path> fixtures = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--bind" -> bind = value(args, ++i);
                case "--fixtures" -> fixtures.add(Path.of(value(args, ++i)));
                case "--sample" -> sample = true;
                case "--history" -> history = Integer.parseInt(value(args, ++i));
                case "--bookmark-seconds" -> bookmarkSeconds = Long.parseLong(value(args, ++i));
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar k8s-fake-apiserver.jar [--port 6443] [--bind 127.0.0.1]"
                        + " [--fixtures DIR]... [--sample] [--history 1000] [--bookmark-seconds 60]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final FakeApiServer server = new FakeApiServer(InetAddress.getByName(bind), port, history,
            TimeUnit.SECONDS.toMillis(bookmarkSeconds));
        int objects = 0;
        if (sample) {
            objects += FixtureLoader.loadResources(server.store(), FixtureLoader.SAMPLE_CLUSTER);
        }
        for (Path directory : fixtures) {
            objects += FixtureLoader.loadDirectory(server.store(), directory);
        }
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "fake-apiserver-shutdown"));
        System.out.println("fake Kubernetes API server listening on " + server.url() + " (" + objects
            + " objects)");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static String value(final String[] args, final int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
