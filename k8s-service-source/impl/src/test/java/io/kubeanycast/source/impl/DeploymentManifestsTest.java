/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.source.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.util.Yaml;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests in {@code karaf-distribution/kubernetes} parse as typed client-java objects and agree with
 * each other: least-privilege RBAC bound to the Deployment's ServiceAccount, one non-root replica replaced with
 * Recreate, probes, the configuration file mounted where the image's Karaf reads it, no default password.
 */
class DeploymentManifestsTest {
    private static final Path DIR = Path.of("..", "..", "karaf-distribution", "kubernetes");
    private static final String KUSTOMIZATION = "kustomization.yaml";
    private static final String NAMESPACE = "kube-anycast";
    // where the image's Karaf (KARAF_HOME /opt/kube-anycast) reads the Config Admin PID io.kubeanycast
    private static final String CONFIG_PATH = "/opt/kube-anycast/etc/io.kubeanycast.cfg";
    private static final String IMAGE = "kube-anycast:0.1.0-SNAPSHOT";

    private static final Map<Class<?>, List<Object>> OBJECTS = new HashMap<>();

    @BeforeAll
    static void loadManifests() throws IOException {
        for (Path file : manifestFiles()) {
            for (Object object : Yaml.loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
                assertNotNull(object, file + " has an empty document");
                OBJECTS.computeIfAbsent(object.getClass(), key -> new ArrayList<>()).add(object);
            }
        }
    }

    @Test
    void everyDocumentIsATypedKubernetesObject() {
        assertFalse(OBJECTS.isEmpty());
        for (Class<?> type : OBJECTS.keySet()) {
            assertEquals("io.kubernetes.client.openapi.models", type.getPackageName(),
                "a document did not load as a typed Kubernetes object: " + type);
        }
        for (Class<?> type : List.of(V1Namespace.class, V1ServiceAccount.class, V1ClusterRole.class,
                V1ClusterRoleBinding.class, V1ConfigMap.class, V1Secret.class, V1Deployment.class)) {
            assertEquals(1, OBJECTS.getOrDefault(type, List.of()).size(), "exactly one " + type.getSimpleName());
        }
        assertEquals(7, OBJECTS.values().stream().mapToInt(List::size).sum(), "no other objects: " + OBJECTS);
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        final Map<String, Object> kustomization = new org.yaml.snakeyaml.Yaml().load(
            Files.readString(DIR.resolve(KUSTOMIZATION), StandardCharsets.UTF_8));
        assertEquals("Kustomization", kustomization.get("kind"));
        final Set<String> listed = new TreeSet<>();
        for (Object resource : (List<?>) kustomization.get("resources")) {
            listed.add((String) resource);
        }
        final Set<String> files = new TreeSet<>();
        manifestFiles().forEach(file -> files.add(file.getFileName().toString()));
        assertEquals(files, listed);
    }

    @Test
    void namespacedObjectsLiveInTheNamespace() {
        assertEquals(NAMESPACE, one(V1Namespace.class).getMetadata().getName());
        assertEquals(NAMESPACE, one(V1ServiceAccount.class).getMetadata().getNamespace());
        assertEquals(NAMESPACE, one(V1ConfigMap.class).getMetadata().getNamespace());
        assertEquals(NAMESPACE, one(V1Secret.class).getMetadata().getNamespace());
        assertEquals(NAMESPACE, one(V1Deployment.class).getMetadata().getNamespace());
    }

    @Test
    void clusterRoleGrantsExactlyWhatKubeAnycastNeeds() {
        final Set<String> granted = new TreeSet<>();
        for (V1PolicyRule rule : one(V1ClusterRole.class).getRules()) {
            assertTrue(rule.getResourceNames() == null || rule.getResourceNames().isEmpty(), "no resourceNames");
            assertTrue(rule.getNonResourceURLs() == null || rule.getNonResourceURLs().isEmpty(),
                "no nonResourceURLs");
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(List.of(
            "/services:get", "/services:list", "/services:watch",
            "/nodes:get", "/nodes:list", "/nodes:watch",
            "discovery.k8s.io/endpointslices:get", "discovery.k8s.io/endpointslices:list",
            "discovery.k8s.io/endpointslices:watch",
            "/events:create", "/events:patch", "events.k8s.io/events:create", "events.k8s.io/events:patch")),
            granted);
    }

    @Test
    void bindingGivesTheRoleToTheServiceAccount() {
        final V1ClusterRoleBinding binding = one(V1ClusterRoleBinding.class);
        assertEquals("rbac.authorization.k8s.io", binding.getRoleRef().getApiGroup());
        assertEquals("ClusterRole", binding.getRoleRef().getKind());
        assertEquals(one(V1ClusterRole.class).getMetadata().getName(), binding.getRoleRef().getName());
        assertEquals(1, binding.getSubjects().size());
        final var subject = binding.getSubjects().get(0);
        assertEquals("ServiceAccount", subject.getKind());
        assertEquals(one(V1ServiceAccount.class).getMetadata().getName(), subject.getName());
        assertEquals(one(V1ServiceAccount.class).getMetadata().getNamespace(), subject.getNamespace());
    }

    @Test
    void deploymentRunsOneNonRootSpeakerOnTheHostNetwork() {
        final V1Deployment deployment = one(V1Deployment.class);
        assertEquals(1, deployment.getSpec().getReplicas());
        assertEquals("Recreate", deployment.getSpec().getStrategy().getType());
        assertNull(deployment.getSpec().getStrategy().getRollingUpdate());
        final Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertFalse(selector.isEmpty());
        assertTrue(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet()
            .containsAll(selector.entrySet()), "the selector matches the pod template");

        final V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(one(V1ServiceAccount.class).getMetadata().getName(), pod.getServiceAccountName());
        assertEquals(Boolean.TRUE, pod.getHostNetwork());
        assertEquals("ClusterFirstWithHostNet", pod.getDnsPolicy());
        final V1PodSecurityContext podSecurity = pod.getSecurityContext();
        assertEquals(Boolean.TRUE, podSecurity.getRunAsNonRoot());
        assertTrue(podSecurity.getRunAsUser() != null && podSecurity.getRunAsUser() > 0, "a numeric non-root uid");

        assertEquals(1, pod.getContainers().size());
        final V1Container container = pod.getContainers().get(0);
        assertEquals(IMAGE, container.getImage());
        final V1SecurityContext security = container.getSecurityContext();
        if (security != null) {
            assertFalse(Boolean.FALSE.equals(security.getRunAsNonRoot()));
            assertFalse(Boolean.TRUE.equals(security.getPrivileged()));
            assertFalse(security.getRunAsUser() != null && security.getRunAsUser() == 0);
        }
        assertNotNull(container.getResources().getRequests().get("memory"));
        assertNotNull(container.getResources().getRequests().get("cpu"));
        assertNotNull(container.getResources().getLimits().get("memory"));
    }

    @Test
    void heapLimitReachesTheJvmAndFitsTheMemoryLimit() {
        final V1Container container = container();
        // Karaf 4.4's scripts read JAVA_OPTS / EXTRA_JAVA_OPTS, never JAVA_MAX_MEM
        assertTrue(container.getEnv().stream().noneMatch(env -> "JAVA_MAX_MEM".equals(env.getName())),
            "JAVA_MAX_MEM is ignored by Karaf 4.4");
        final String opts = container.getEnv().stream().filter(env -> "EXTRA_JAVA_OPTS".equals(env.getName()))
            .map(V1EnvVar::getValue).findFirst().orElseThrow(() -> new AssertionError("no EXTRA_JAVA_OPTS"));
        final Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(opts);
        assertTrue(xmx.find(), "a heap limit in MiB: " + opts);
        final long heap = Long.parseLong(xmx.group(1)) * 1024 * 1024;
        final long limit = container.getResources().getLimits().get("memory").getNumber().longValue();
        // measured: 1 GiB heap -> 1.45 GiB RSS at 10,000 VIPs x 3 paths (docs/benchmarks); keep that headroom
        assertTrue(heap * 3 / 2 <= limit, "heap " + heap + " needs ~1.5x as memory limit, have " + limit);
    }

    @Test
    void readinessMeansAValidConfigurationWasApplied() throws IOException {
        // not "RESTCONF answers": a pod whose first configuration was refused announces nothing and must not look
        // ready. The image's check asks RESTCONF for configuration-applied (karaf-distribution/image).
        final V1Probe readiness = container().getReadinessProbe();
        assertNull(readiness.getTcpSocket(), "a TCP probe only tells that Jetty listens");
        assertEquals(List.of("/opt/kube-anycast/bin/kube-anycast-ready"), readiness.getExec().getCommand());
        final Path image = Path.of("..", "..", "karaf-distribution", "image");
        final String check = Files.readString(image.resolve("kube-anycast-ready"), StandardCharsets.UTF_8);
        assertTrue(check.contains("kube-anycast:kube-anycast-state/configuration-applied"), check);
        assertTrue(Files.readString(image.resolve("build-image.sh"), StandardCharsets.UTF_8)
            .contains("kube-anycast-ready"), "build-image.sh installs the check into the image's bin/");
        assertTrue(readiness.getTimeoutSeconds() >= 5, "the check waits up to 4 s for RESTCONF");
    }

    @Test
    void probesAllowForOpenDaylightsBootTime() {
        final V1Container container = container();
        final V1Probe readiness = container.getReadinessProbe();
        assertNotNull(readiness, "readiness probe");
        assertTrue(readiness.getInitialDelaySeconds() >= 20, "ODL needs about 20-60 s to boot");

        final V1Probe liveness = container.getLivenessProbe();
        assertNotNull(liveness, "liveness probe");
        assertTrue(Set.of(8101, 8181).contains(liveness.getTcpSocket().getPort().getIntValue()));
        // a liveness probe that fires during a slow boot kills the pod forever: leave well over 60 s
        final int grace = liveness.getInitialDelaySeconds()
            + liveness.getPeriodSeconds() * (liveness.getFailureThreshold() - 1);
        assertTrue(grace >= 120, "liveness gives up only after " + grace + " s");
    }

    @Test
    void configFileIsMountedWhereTheImageReadsIt() {
        final V1Container container = container();
        final List<V1VolumeMount> mounts = container.getVolumeMounts().stream()
            .filter(mount -> CONFIG_PATH.equals(mount.getMountPath())).toList();
        assertEquals(1, mounts.size(), "one mount at " + CONFIG_PATH);
        final V1VolumeMount mount = mounts.get(0);
        assertEquals("io.kubeanycast.cfg", mount.getSubPath());
        assertEquals(Boolean.TRUE, mount.getReadOnly());

        final V1Volume volume = one(V1Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(candidate -> candidate.getName().equals(mount.getName())).findFirst().orElseThrow();
        final V1ConfigMap configMap = one(V1ConfigMap.class);
        assertEquals(configMap.getMetadata().getName(), volume.getConfigMap().getName());
        assertTrue(configMap.getData().containsKey(mount.getSubPath()), "the ConfigMap holds the mounted key");
    }

    @Test
    void configWatchesTheClusterFromInsideAndStartsNoSession() throws IOException {
        final Properties cfg = new Properties();
        cfg.load(new StringReader(one(V1ConfigMap.class).getData().get("io.kubeanycast.cfg")));
        final Map<String, String> config = new HashMap<>();
        cfg.stringPropertyNames().forEach(key -> config.put(key, cfg.getProperty(key)));

        assertEquals(SourceConfig.Mode.IN_CLUSTER, SourceConfig.parse(config).mode());
        // a neighbor is only a commented example: nothing connects anywhere until the operator configures it
        assertEquals("", config.get("bgp.neighbors"));
        assertTrue(config.keySet().stream().noneMatch(key -> key.startsWith("bgp.neighbor.")), config.toString());
        assertNotNull(config.get("announce.cluster-cidrs"));
        assertNotNull(config.get("announce.external-cidrs"));
    }

    @Test
    void restconfPasswordComesFromTheSecretWhichHasNoDefault() {
        final V1Secret secret = one(V1Secret.class);
        assertTrue(secret.getData() == null || secret.getData().isEmpty(), "no password in the repository");
        assertTrue(secret.getStringData() == null || secret.getStringData().isEmpty(),
            "no password in the repository");

        final List<V1EnvVar> fromSecret = container().getEnv().stream()
            .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null).toList();
        assertEquals(1, fromSecret.size());
        final var ref = fromSecret.get(0).getValueFrom().getSecretKeyRef();
        assertEquals(secret.getMetadata().getName(), ref.getName());
        // required: without the operator's password the pod does not start (rather than start with a default)
        assertFalse(Boolean.TRUE.equals(ref.getOptional()));
    }

    private static V1Container container() {
        return one(V1Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static <T> T one(final Class<T> type) {
        final List<Object> objects = OBJECTS.getOrDefault(type, List.of());
        assertEquals(1, objects.size(), "exactly one " + type.getSimpleName());
        return type.cast(objects.get(0));
    }

    private static List<Path> manifestFiles() throws IOException {
        assertTrue(Files.isDirectory(DIR), DIR.toAbsolutePath() + " is missing");
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                .filter(file -> !file.getFileName().toString().equals(KUSTOMIZATION))
                .sorted()
                .toList();
        }
    }
}
