/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.credentials.TokenFileAuthentication;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the {@link ApiClient} for a {@link SourceConfig}: in-cluster service account, kubeconfig file, or an
 * explicit URL. TLS is verified unless {@code k8s.insecure-skip-tls-verify} says otherwise. Every client it
 * returns has read timeout 0, which watches need. Stateless apart from the environment it reads; thread-safe.
 */
public class ApiClientFactory {
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private final Map<String, String> environment;
    private final Path serviceAccount;

    public ApiClientFactory() {
        this(System.getenv(), SERVICE_ACCOUNT);
    }

    ApiClientFactory(final Map<String, String> environment, final Path serviceAccount) {
        this.environment = Map.copyOf(environment);
        this.serviceAccount = serviceAccount;
    }

    /**
     * A client and the URL it talks to.
     */
    public record Connection(ApiClient client, String url) {
    }

    /**
     * Build a client; nothing is sent to the API server yet.
     *
     * @throws IOException when a credential, CA or kubeconfig file is missing or unreadable; the message names it
     */
    public Connection create(final SourceConfig config) throws IOException {
        final ClientBuilder builder = switch (config.mode()) {
            case IN_CLUSTER -> inCluster();
            case KUBECONFIG -> kubeconfig(Path.of(config.kubeconfig().orElseThrow()));
            case URL -> url(config);
        };
        if (config.insecureSkipTlsVerify()) {
            builder.setVerifyingSsl(false);
        }
        final ApiClient client = builder.build();
        // watches stay open for minutes without a byte when nothing changes; the watchdog handles dead ones
        client.setReadTimeout(0);
        return new Connection(client, client.getBasePath());
    }

    private ClientBuilder inCluster() throws IOException {
        final String host = environment.get("KUBERNETES_SERVICE_HOST");
        final String port = environment.get("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isEmpty() || port == null || port.isEmpty()) {
            throw new IOException("k8s.mode = in-cluster but KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT are not"
                + " set (not running in a pod?)");
        }
        final Path token = readable(serviceAccount.resolve("token"), "service account token");
        final Path ca = readable(serviceAccount.resolve("ca.crt"), "service account CA");
        return new ClientBuilder()
            .setBasePath("https://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port)
            .setCertificateAuthority(Files.readAllBytes(ca))
            .setAuthentication(new TokenFileAuthentication(token.toString()));
    }

    private static ClientBuilder kubeconfig(final Path file) throws IOException {
        readable(file, "kubeconfig");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            final KubeConfig kubeConfig = KubeConfig.loadKubeConfig(reader);
            // relative certificate and token paths in the kubeconfig resolve against its directory
            kubeConfig.setFile(file.toAbsolutePath().toFile());
            return ClientBuilder.kubeconfig(kubeConfig);
        }
    }

    private static ClientBuilder url(final SourceConfig config) throws IOException {
        final ClientBuilder builder = new ClientBuilder().setBasePath(config.url().orElseThrow());
        if (config.caFile().isPresent()) {
            builder.setCertificateAuthority(Files.readAllBytes(readable(Path.of(config.caFile().orElseThrow()),
                SourceConfig.CA_FILE)));
        }
        if (config.tokenFile().isPresent()) {
            final Path token = readable(Path.of(config.tokenFile().orElseThrow()), SourceConfig.TOKEN_FILE);
            builder.setAuthentication(new TokenFileAuthentication(token.toString()));
        }
        return builder;
    }

    private static Path readable(final Path file, final String what) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException(what + " " + file + " is missing or not readable");
        }
        return file;
    }
}
