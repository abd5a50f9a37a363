package dev.clocksync.systemtest.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.systemtest.helm.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What must hold for every rendering of the chart and every kustomize overlay: labels and
 * selectors, hardened pods, least-privilege RBAC, the shared key, and the names that the daemon's
 * configuration and the other resources must agree on.
 */
final class ManifestChecks {

    static final String NAME = "app.kubernetes.io/name";
    static final String INSTANCE = "app.kubernetes.io/instance";
    static final String COMPONENT = "app.kubernetes.io/component";
    static final Set<String> COMPONENTS = Set.of("daemon", "agent", "shared", "monitoring", "test");

    /**
     * How the manifests were made.
     *
     * @param release expected app.kubernetes.io/instance
     * @param namespace expected namespace of every object
     * @param managedBy Helm or kustomize
     * @param chartLabel expected helm.sh/chart, or null where it must be absent
     */
    record Expect(String release, String namespace, String managedBy, String chartLabel) {}

    /** Workloads by component, with the pod template that each runs. */
    record Workload(Manifest manifest, LabelSelector selector, PodTemplateSpec template) {

        String component() {
            return manifest.resource().getMetadata().getLabels().get(COMPONENT);
        }

        Container container() {
            assertThat(template.getSpec().getContainers())
                    .as(manifest + " containers")
                    .hasSize(1);
            return template.getSpec().getContainers().get(0);
        }
    }

    private ManifestChecks() {}

    /** Runs every check. */
    static void checkAll(List<Manifest> manifests, Expect expect) {
        recommendedLabels(manifests, expect);
        Workload daemon = workload(manifests, "daemon");
        Workload agent = workload(manifests, "agent");
        selectorsMatchPods(manifests, List.of(daemon, agent));
        hardened(daemon);
        hardened(agent);
        probesAndPorts(daemon, 8080);
        probesAndPorts(agent, 8081);
        sharedKey(manifests, daemon, agent);
        daemonConfiguration(manifests, daemon, agent);
        leastPrivilege(manifests, daemon, expect);
        agentIdentity(agent);
        nodeLocal(manifests, daemon, agent);
    }

    /**
     * Only agents that run one per node are reached as their node's agent: through a Service whose
     * internal traffic stays on the node, or through host ports; the daemon publishes no host port.
     */
    static void nodeLocal(List<Manifest> manifests, Workload daemon, Workload agent) {
        boolean daemonSet = agent.manifest().resource() instanceof DaemonSet;
        for (Manifest m : Manifests.ofKind(manifests, "Service")) {
            Service service = Manifests.as(m, Service.class);
            if ("Local".equals(service.getSpec().getInternalTrafficPolicy())) {
                assertThat(daemonSet)
                        .as(m + " is node-local, so the agents must run one per node")
                        .isTrue();
                assertThat(service.getSpec().getClusterIP())
                        .as(m + " needs a cluster IP")
                        .isNotEqualTo("None");
                assertThat(selected(List.of(daemon, agent), service.getSpec().getSelector()))
                        .as(m + " selects the agents")
                        .containsExactly(agent);
            }
        }
        assertThat(daemon.container().getPorts())
                .as(daemon.manifest() + " host ports")
                .allSatisfy(p -> assertThat(p.getHostPort()).isNull());
        if (!daemonSet) {
            assertThat(agent.container().getPorts())
                    .as(agent.manifest() + " host ports (agents not one per node)")
                    .allSatisfy(p -> assertThat(p.getHostPort()).isNull());
        }
    }

    static void recommendedLabels(List<Manifest> manifests, Expect expect) {
        for (Manifest m : manifests) {
            boolean clusterScoped = m.kind().equals("ClusterRole") || m.kind().equals("ClusterRoleBinding");
            assertThat(m.resource().getMetadata().getNamespace())
                    .as(m + " namespace")
                    .isEqualTo(clusterScoped ? null : expect.namespace());
            Map<String, String> labels = m.resource().getMetadata().getLabels();
            assertThat(labels).as(m + " labels").isNotNull();
            assertThat(labels)
                    .as(m + " recommended labels")
                    .containsEntry(NAME, "clocksync")
                    .containsEntry(INSTANCE, expect.release())
                    .containsEntry("app.kubernetes.io/part-of", "clocksync")
                    .containsEntry("app.kubernetes.io/managed-by", expect.managedBy())
                    .containsKey("app.kubernetes.io/version");
            assertThat(labels.get("app.kubernetes.io/version"))
                    .as(m + " version")
                    .isNotBlank();
            assertThat(labels.get(COMPONENT)).as(m + " component").isIn(COMPONENTS);
            if (expect.chartLabel() != null) {
                assertThat(labels).as(m + " chart label").containsEntry("helm.sh/chart", expect.chartLabel());
            } else {
                assertThat(labels).as(m + " chart label").doesNotContainKey("helm.sh/chart");
            }
        }
    }

    static Workload workload(List<Manifest> manifests, String component) {
        List<Workload> found = manifests.stream()
                .map(ManifestChecks::asWorkload)
                .flatMap(Optional::stream)
                .filter(w -> component.equals(w.component()))
                .toList();
        assertThat(found).as(component + " workloads").hasSize(1);
        return found.get(0);
    }

    private static Optional<Workload> asWorkload(Manifest m) {
        if (m.resource() instanceof Deployment d) {
            return Optional.of(
                    new Workload(m, d.getSpec().getSelector(), d.getSpec().getTemplate()));
        }
        if (m.resource() instanceof DaemonSet d) {
            return Optional.of(
                    new Workload(m, d.getSpec().getSelector(), d.getSpec().getTemplate()));
        }
        return Optional.empty();
    }

    /** Selectors name exactly one component's pods, and every pod carries the recommended labels. */
    static void selectorsMatchPods(List<Manifest> manifests, List<Workload> workloads) {
        for (Workload w : workloads) {
            Map<String, String> podLabels = w.template().getMetadata().getLabels();
            assertThat(w.selector().getMatchExpressions())
                    .as(w.manifest() + " selector expressions")
                    .isEmpty();
            assertThat(w.selector().getMatchLabels())
                    .as(w.manifest() + " selector")
                    .containsOnlyKeys(NAME, INSTANCE, COMPONENT)
                    .containsEntry(COMPONENT, w.component());
            assertThat(podLabels)
                    .as(w.manifest() + " pod labels")
                    .containsAllEntriesOf(w.selector().getMatchLabels());
            assertThat(podLabels)
                    .as(w.manifest() + " pod labels")
                    .containsAllEntriesOf(w.manifest().resource().getMetadata().getLabels());
        }
        for (Manifest m : Manifests.ofKind(manifests, "Service")) {
            Service service = Manifests.as(m, Service.class);
            List<Workload> selected = selected(workloads, service.getSpec().getSelector());
            assertThat(selected).as(m + " selects the pods of one workload").hasSize(1);
            Container container = selected.get(0).container();
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(container.getPorts())
                        .as(m + " port " + port.getName() + " targets a named container port")
                        .anySatisfy(p -> assertThat(p.getName())
                                .isEqualTo(port.getTargetPort().getStrVal()));
            }
        }
        for (Manifest m : Manifests.ofKind(manifests, "PodDisruptionBudget")) {
            LabelSelector selector =
                    Manifests.as(m, PodDisruptionBudget.class).getSpec().getSelector();
            assertThat(selected(workloads, selector.getMatchLabels()))
                    .as(m + " selects the pods of one workload")
                    .hasSize(1);
        }
        for (Manifest m : Manifests.ofKind(manifests, "NetworkPolicy")) {
            LabelSelector selector =
                    Manifests.as(m, NetworkPolicy.class).getSpec().getPodSelector();
            assertThat(selected(workloads, selector.getMatchLabels()))
                    .as(m + " selects the pods of one workload")
                    .hasSize(1);
        }
    }

    static List<Workload> selected(List<Workload> workloads, Map<String, String> selector) {
        assertThat(selector).as("selector").isNotEmpty();
        return workloads.stream()
                .filter(w -> w.template().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    /** Non-root numeric user, read-only root with an emptyDir at /tmp, no capabilities, RuntimeDefault seccomp. */
    static void hardened(Workload w) {
        PodSpec pod = w.template().getSpec();
        String what = w.manifest().toString();
        assertThat(pod.getSecurityContext().getRunAsNonRoot())
                .as(what + " runAsNonRoot")
                .isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser())
                .as(what + " runAsUser")
                .isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                .as(what + " seccomp")
                .isEqualTo("RuntimeDefault");
        assertThat(pod.getHostNetwork()).as(what + " hostNetwork").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).as(what + " hostPID").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).as(what + " hostIPC").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes())
                .as(what + " volumes")
                .allSatisfy(v -> assertThat(v.getHostPath()).isNull());
        for (Container c : pod.getContainers()) {
            var sc = c.getSecurityContext();
            assertThat(sc).as(what + " container securityContext").isNotNull();
            assertThat(sc.getRunAsNonRoot())
                    .as(what + " container runAsNonRoot")
                    .isTrue();
            assertThat(sc.getRunAsUser()).as(what + " container runAsUser").isEqualTo(10001L);
            assertThat(sc.getReadOnlyRootFilesystem())
                    .as(what + " readOnlyRootFilesystem")
                    .isTrue();
            assertThat(sc.getAllowPrivilegeEscalation())
                    .as(what + " allowPrivilegeEscalation")
                    .isFalse();
            assertThat(sc.getPrivileged()).as(what + " privileged").isNotEqualTo(Boolean.TRUE);
            assertThat(sc.getCapabilities().getDrop())
                    .as(what + " capabilities dropped")
                    .containsExactly("ALL");
            assertThat(sc.getCapabilities().getAdd())
                    .as(what + " capabilities added")
                    .isNullOrEmpty();
            assertThat(sc.getSeccompProfile().getType())
                    .as(what + " container seccomp")
                    .isEqualTo("RuntimeDefault");
            VolumeMount tmp = c.getVolumeMounts().stream()
                    .filter(mount -> "/tmp".equals(mount.getMountPath()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(what + " mounts nothing at /tmp"));
            Volume volume = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(tmp.getName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(what + " has no volume " + tmp.getName()));
            assertThat(volume.getEmptyDir()).as(what + " /tmp is an emptyDir").isNotNull();
        }
    }

    /** The HTTP port (API, probes, metrics) is named http; further ports, if any, have names of their own. */
    static void probesAndPorts(Workload w, int port) {
        Container c = w.container();
        assertThat(c.getPorts())
                .as(w.manifest() + " ports")
                .extracting(ContainerPort::getName)
                .doesNotHaveDuplicates()
                .contains("http");
        assertThat(c.getPorts())
                .filteredOn(p -> p.getName().equals("http"))
                .singleElement()
                .satisfies(p -> assertThat(p.getContainerPort())
                        .as(w.manifest() + " http port")
                        .isEqualTo(port));
        assertThat(httpGet(c.getLivenessProbe().getHttpGet(), w)).isEqualTo("/livez@http");
        assertThat(httpGet(c.getReadinessProbe().getHttpGet(), w)).isEqualTo("/readyz@http");
        assertThat(c.getResources().getRequests())
                .as(w.manifest() + " requests")
                .containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).as(w.manifest() + " limits").containsKey("memory");
    }

    private static String httpGet(HTTPGetAction action, Workload w) {
        assertThat(action).as(w.manifest() + " probe").isNotNull();
        return action.getPath() + "@" + action.getPort().getStrVal();
    }

    static Map<String, EnvVar> env(Workload w) {
        return w.container().getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> {
            throw new AssertionError(w.manifest() + " sets " + a.getName() + " twice");
        }));
    }

    static String value(Workload w, String name) {
        EnvVar var = env(w).get(name);
        assertThat(var).as(w.manifest() + " env " + name).isNotNull();
        return var.getValue();
    }

    static String fieldRef(Workload w, String name) {
        EnvVar var = env(w).get(name);
        assertThat(var).as(w.manifest() + " env " + name).isNotNull();
        assertThat(var.getValueFrom())
                .as(w.manifest() + " env " + name + " valueFrom")
                .isNotNull();
        return var.getValueFrom().getFieldRef().getFieldPath();
    }

    /** Both read the key from the same Secret; a rendered Secret holds a key of at least 16 bytes. */
    static void sharedKey(List<Manifest> manifests, Workload daemon, Workload agent) {
        SecretKeySelector daemonRef = secretRef(daemon);
        SecretKeySelector agentRef = secretRef(agent);
        assertThat(agentRef.getName()).as("agent and daemon key Secret").isEqualTo(daemonRef.getName());
        assertThat(agentRef.getKey()).as("agent and daemon key").isEqualTo(daemonRef.getKey());
        manifests.stream()
                .filter(m -> m.kind().equals("Secret") && m.name().equals(daemonRef.getName()))
                .findFirst()
                .ifPresent(m -> {
                    Secret secret = Manifests.as(m, Secret.class);
                    String encoded = secret.getData() != null ? secret.getData().get(daemonRef.getKey()) : null;
                    String plain = secret.getStringData() != null
                            ? secret.getStringData().get(daemonRef.getKey())
                            : null;
                    byte[] key = encoded != null
                            ? Base64.getDecoder().decode(encoded)
                            : Objects.requireNonNull(plain, m + " has no " + daemonRef.getKey())
                                    .getBytes(StandardCharsets.UTF_8);
                    assertThat(key.length).as(m + " key length").isGreaterThanOrEqualTo(16);
                });
    }

    static SecretKeySelector secretRef(Workload w) {
        EnvVar var = env(w).get("CLOCKSYNC_HMAC_KEY");
        assertThat(var).as(w.manifest() + " CLOCKSYNC_HMAC_KEY").isNotNull();
        assertThat(var.getValue()).as(w.manifest() + " key never inline").isNull();
        return var.getValueFrom().getSecretKeyRef();
    }

    /** The names the daemon is configured with are those of the rendered Service and Role. */
    static void daemonConfiguration(List<Manifest> manifests, Workload daemon, Workload agent) {
        String agentService = value(daemon, "CLOCKSYNC_DAEMON_AGENT_SERVICE_ID");
        Service service = Manifests.as(Manifests.one(manifests, "Service", agentService), Service.class);
        assertThat(service.getSpec().getClusterIP())
                .as("agent Service is headless")
                .isEqualTo("None");
        assertThat(service.getSpec().getPublishNotReadyAddresses())
                .as("only ready agents are members")
                .isNotEqualTo(Boolean.TRUE);
        assertThat(selected(List.of(daemon, agent), service.getSpec().getSelector()))
                .as("agent Service selects the agents")
                .containsExactly(agent);
        assertThat(fieldRef(daemon, "CLOCKSYNC_DAEMON_ID")).isEqualTo("metadata.name");
        assertThat(value(daemon, "CLOCKSYNC_DAEMON_LEADER_ENABLED")).isEqualTo("true");
        assertThat(leaseNames(manifests))
                .as("the Role's Lease is the daemon's")
                .containsExactly(value(daemon, "CLOCKSYNC_DAEMON_LEADER_LEASE_NAME"));
        assertThat(daemon.template().getSpec().getEnableServiceLinks())
                .as("no service-link variables bound as properties")
                .isFalse();
        List<TopologySpreadConstraint> spread = daemon.template().getSpec().getTopologySpreadConstraints();
        assertThat(spread).as("daemon topology spread").isNotEmpty();
        for (TopologySpreadConstraint constraint : spread) {
            assertThat(selected(
                            List.of(daemon, agent),
                            constraint.getLabelSelector().getMatchLabels()))
                    .containsExactly(daemon);
        }
    }

    static Set<String> leaseNames(List<Manifest> manifests) {
        Role role = Manifests.as(Manifests.ofKind(manifests, "Role").get(0), Role.class);
        return role.getRules().stream()
                .filter(r -> r.getResources().contains("leases"))
                .flatMap(r -> r.getResourceNames().stream())
                .collect(Collectors.toSet());
    }

    /** Exactly the README's table: namespaced rules only, bound to the daemon's account. */
    static void leastPrivilege(List<Manifest> manifests, Workload daemon, Expect expect) {
        assertThat(manifests)
                .as("nothing cluster-wide: the agents' zones come from their EndpointSlices, not from Nodes")
                .noneMatch(m -> m.kind().equals("ClusterRole") || m.kind().equals("ClusterRoleBinding"));
        List<Manifest> roles = Manifests.ofKind(manifests, "Role");
        assertThat(roles).as("Roles").hasSize(1);
        Role role = Manifests.as(roles.get(0), Role.class);
        String lease = value(daemon, "CLOCKSYNC_DAEMON_LEADER_LEASE_NAME");
        assertThat(role.getRules().stream().map(ManifestChecks::rule).collect(Collectors.toSet()))
                .as("Role rules")
                .containsExactlyInAnyOrder(
                        "[discovery.k8s.io]|[endpointslices]|[]|[list, watch]",
                        "[]|[pods]|[]|[get]",
                        "[coordination.k8s.io]|[leases]|[" + lease + "]|[get, patch, update]",
                        "[coordination.k8s.io]|[leases]|[]|[create]");
        assertThat(role.getRules()).as("Role rules").hasSize(4);
        List<Manifest> bindings = Manifests.ofKind(manifests, "RoleBinding");
        assertThat(bindings).as("RoleBindings").hasSize(1);
        RoleBinding binding = Manifests.as(bindings.get(0), RoleBinding.class);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        String account = daemon.template().getSpec().getServiceAccountName();
        assertThat(binding.getSubjects())
                .extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ServiceAccount", account, expect.namespace()));
        Manifests.one(manifests, "ServiceAccount", account);
    }

    private static String rule(PolicyRule rule) {
        return sorted(rule.getApiGroups()) + "|" + sorted(rule.getResources()) + "|" + sorted(rule.getResourceNames())
                + "|" + sorted(rule.getVerbs());
    }

    private static List<String> sorted(List<String> values) {
        return values == null ? List.of() : values.stream().sorted().toList();
    }

    /** Agents have no API access; one per node is named by its node, otherwise by its pod. */
    static void agentIdentity(Workload agent) {
        PodSpec pod = agent.template().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).as("agent API token").isFalse();
        assertThat(pod.getEnableServiceLinks()).as("agent service links").isFalse();
        boolean daemonSet = agent.manifest().resource() instanceof DaemonSet;
        assertThat(fieldRef(agent, "CLOCKSYNC_AGENT_ID")).isEqualTo(daemonSet ? "spec.nodeName" : "metadata.name");
        assertThat(value(agent, "CLOCKSYNC_AGENT_CLOCK_MODE")).isIn("host", "simulated");
    }
}
