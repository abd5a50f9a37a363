package dev.clocksync.systemtest.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clocksync.systemtest.helm.ManifestChecks.Expect;
import dev.clocksync.systemtest.helm.ManifestChecks.Workload;
import dev.clocksync.systemtest.helm.Manifests.Manifest;
import dev.clocksync.systemtest.process.ProjectPaths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/** The chart, checked with the real helm binary: lint, render, strict parsing, invariants, schema. */
class HelmChartTest {

    static Stream<String> ciValues() throws IOException {
        try (Stream<Path> files = Files.list(Tools.CHART.resolve("ci"))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("-values.yaml"))
                    .sorted()
                    .toList();
            assertThat(names)
                    .contains(
                            "default-values.yaml",
                            "daemonset-values.yaml",
                            "eks-ec2-values.yaml",
                            "minimal-values.yaml",
                            "platform-values.yaml");
            return names.stream();
        }
    }

    static String chartLabel() {
        Map<String, Object> chart = yaml(Tools.CHART.resolve("Chart.yaml"));
        return "clocksync-" + chart.get("version");
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void lintsStrictly(String values) {
        Tools.Result lint = Tools.run(List.of(
                        Tools.helm().toString(),
                        "lint",
                        "--strict",
                        Tools.CHART.toString(),
                        "--namespace",
                        "clocksync",
                        "-f",
                        Tools.CHART.resolve("ci").resolve(values).toString()))
                .assertSuccess();
        assertThat(lint.stdout()).contains("0 chart(s) failed");
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void rendersManifestsThatMeetTheInvariants(String values) {
        List<Manifest> manifests = Manifests.parse(Tools.render(
                "clocksync",
                "clocksync",
                List.of("-f", Tools.CHART.resolve("ci").resolve(values).toString())));
        ManifestChecks.checkAll(manifests, new Expect("clocksync", "clocksync", "Helm", chartLabel()));
        testPodChecksTheDaemon(manifests);
    }

    @Test
    void disablingTheTestRendersNoTestPod() {
        List<Manifest> enabled = Manifests.parse(Tools.render("clocksync", "clocksync", List.of()));
        List<Manifest> disabled =
                Manifests.parse(Tools.render("clocksync", "clocksync", List.of("--set", "test.enabled=false")));

        assertThat(Manifests.ofKind(enabled, "Pod")).hasSize(1);
        assertThat(Manifests.ofKind(disabled, "Pod")).isEmpty();
        assertThat(disabled).hasSize(enabled.size() - 1);
    }

    /** Another release name and namespace: every derived name must still line up. */
    @Test
    void namesFollowTheReleaseName() {
        List<Manifest> manifests = Manifests.parse(Tools.render(
                "edge",
                "timekeeping",
                List.of("--set", "agent.kind=DaemonSet", "--set", "networkPolicy.enabled=true")));
        ManifestChecks.checkAll(manifests, new Expect("edge", "timekeeping", "Helm", chartLabel()));
        Workload daemon = ManifestChecks.workload(manifests, "daemon");
        assertThat(daemon.manifest().name()).isEqualTo("edge-clocksync-daemon");
        assertThat(ManifestChecks.value(daemon, "CLOCKSYNC_DAEMON_AGENT_SERVICE_ID"))
                .isEqualTo("edge-clocksync-agent");
        assertThat(ManifestChecks.value(daemon, "CLOCKSYNC_DAEMON_LEADER_LEASE_NAME"))
                .isEqualTo("edge-clocksync-daemon-leader");
        assertThat(ManifestChecks.workload(manifests, "agent").manifest().resource())
                .isInstanceOf(DaemonSet.class);
    }

    @Test
    void defaultsAreTwoDaemonsAndAScalableAgentDeployment() {
        List<Manifest> manifests = Manifests.parse(Tools.render("clocksync", "clocksync", List.of()));
        Workload daemon = ManifestChecks.workload(manifests, "daemon");
        Workload agent = ManifestChecks.workload(manifests, "agent");
        assertThat(Manifests.as(daemon.manifest(), Deployment.class).getSpec().getReplicas())
                .isEqualTo(2);
        assertThat(Manifests.as(agent.manifest(), Deployment.class).getSpec().getReplicas())
                .isEqualTo(3);
        assertThat(names(manifests, "PodDisruptionBudget"))
                .containsExactlyInAnyOrder("clocksync-daemon", "clocksync-agent");
        assertThat(names(manifests, "Secret")).containsExactly("clocksync-hmac");
        assertThat(ManifestChecks.value(daemon, "CLOCKSYNC_DAEMON_AGENT_SERVICE_ID"))
                .as("the README's defaults")
                .isEqualTo("clocksync-agent");
        assertThat(ManifestChecks.value(daemon, "CLOCKSYNC_DAEMON_LEADER_LEASE_NAME"))
                .isEqualTo("clocksync-daemon-leader");
        assertThat(manifests)
                .as("monitoring and network policies are opt-in")
                .noneMatch(m -> Manifests.CUSTOM_KINDS.contains(m.kind())
                        || m.kind().equals("NetworkPolicy")
                        || m.kind().equals("ConfigMap"));
        List<Manifest> scaled =
                Manifests.parse(Tools.render("clocksync", "clocksync", List.of("--set", "agent.replicas=7")));
        assertThat(Manifests.as(ManifestChecks.workload(scaled, "agent").manifest(), Deployment.class)
                        .getSpec()
                        .getReplicas())
                .isEqualTo(7);
    }

    @Test
    void existingSecretReplacesTheGeneratedOne() {
        List<Manifest> manifests = Manifests.parse(Tools.render(
                "clocksync",
                "clocksync",
                List.of("--set", "hmac.existingSecret=my-key", "--set", "hmac.existingSecretKey=k")));
        assertThat(names(manifests, "Secret")).isEmpty();
        for (String component : List.of("daemon", "agent")) {
            var ref = ManifestChecks.secretRef(ManifestChecks.workload(manifests, component));
            assertThat(ref.getName() + "/" + ref.getKey()).isEqualTo("my-key/k");
        }
    }

    @Test
    void daemonSetAgentsAreNamedByNodeAndHaveNoDisruptionBudget() {
        List<Manifest> manifests = Manifests.parse(Tools.render(
                "clocksync",
                "clocksync",
                List.of("-f", Tools.CHART.resolve("ci/daemonset-values.yaml").toString())));
        Workload agent = ManifestChecks.workload(manifests, "agent");
        assertThat(agent.manifest().resource()).isInstanceOf(DaemonSet.class);
        assertThat(ManifestChecks.fieldRef(agent, "CLOCKSYNC_AGENT_ID")).isEqualTo("spec.nodeName");
        assertThat(names(manifests, "PodDisruptionBudget")).containsExactly("clocksync-daemon");
        Pod test = Manifests.as(Manifests.ofKind(manifests, "Pod").get(0), Pod.class);
        assertThat(test.getSpec().getContainers().get(0).getEnv())
                .filteredOn(e -> e.getName().equals("EXPECTED_AGENTS"))
                .singleElement()
                .satisfies(
                        e -> assertThat(e.getValue()).as("any number of nodes").isEqualTo("0"));
        assertThat(firstIngressPeerLabels(manifests, "clocksync-agent"))
                .as("the daemon may reach the agents")
                .containsEntry(ManifestChecks.COMPONENT, "daemon");
        assertThat(firstIngressPeerLabels(manifests, "clocksync-daemon"))
                .as("the test pod may reach the daemon")
                .containsEntry(ManifestChecks.COMPONENT, "test");
    }

    private static java.util.Map<String, String> firstIngressPeerLabels(List<Manifest> manifests, String policy) {
        NetworkPolicy network = Manifests.as(Manifests.one(manifests, "NetworkPolicy", policy), NetworkPolicy.class);
        return network.getSpec()
                .getIngress()
                .get(0)
                .getFrom()
                .get(0)
                .getPodSelector()
                .getMatchLabels();
    }

    @Test
    void eksValuesRunHostClocksOnEveryNodeAnchoredToTheDaemonsNode() {
        List<Manifest> manifests = Manifests.parse(Tools.render(
                "clocksync",
                "clocksync",
                List.of("-f", Tools.CHART.resolve("ci/eks-ec2-values.yaml").toString())));
        Workload daemon = ManifestChecks.workload(manifests, "daemon");
        Workload agent = ManifestChecks.workload(manifests, "agent");
        assertThat(agent.manifest().resource()).isInstanceOf(DaemonSet.class);
        assertThat(ManifestChecks.value(agent, "CLOCKSYNC_AGENT_CLOCK_MODE")).isEqualTo("host");
        assertThat(ManifestChecks.env(agent)).doesNotContainKey("CLOCKSYNC_AGENT_CLOCK_SIMULATED_RANDOM_OFFSET");
        assertThat(ManifestChecks.value(daemon, "CLOCKSYNC_DAEMON_REFERENCE_MODE"))
                .isEqualTo("daemon-clock");
        GenericKubernetesResource monitor =
                Manifests.as(Manifests.ofKind(manifests, "ServiceMonitor").get(0), GenericKubernetesResource.class);
        assertThat(monitor.<Boolean>get("spec", "attachMetadata", "node")).isTrue();
        assertThat(monitor.<String>get("spec", "endpoints", 0, "relabelings", 0, "targetLabel"))
                .isEqualTo("zone");
        assertThat(monitor.<List<String>>get("spec", "endpoints", 0, "relabelings", 0, "sourceLabels"))
                .containsExactly(
                        "__meta_kubernetes_pod_label_app_kubernetes_io_component",
                        "__meta_kubernetes_node_label_topology_kubernetes_io_zone");
        assertThat(monitor.<String>get("spec", "endpoints", 0, "relabelings", 0, "regex"))
                .isEqualTo("agent;(.+)");
        assertThat(manifests)
                .as("zones come from the agents' EndpointSlices: nothing cluster-wide")
                .noneMatch(m -> m.kind().equals("ClusterRole") || m.kind().equals("ClusterRoleBinding"));
    }

    @Test
    void defaultsGrantNothingClusterWide() {
        List<Manifest> manifests = Manifests.parse(Tools.render("clocksync", "clocksync", List.of()));
        assertThat(manifests)
                .noneMatch(m -> m.kind().equals("ClusterRole") || m.kind().equals("ClusterRoleBinding"));
    }

    /** The monitoring objects carry the very files docker/compose.yaml uses. */
    @Test
    void monitoringObjectsCarryTheComposeRulesAndDashboard() throws IOException {
        List<Manifest> manifests = Manifests.parse(Tools.render(
                "clocksync",
                "clocksync",
                List.of("-f", Tools.CHART.resolve("ci/daemonset-values.yaml").toString())));
        Path root = ProjectPaths.root();

        GenericKubernetesResource rule =
                Manifests.as(Manifests.ofKind(manifests, "PrometheusRule").get(0), GenericKubernetesResource.class);
        assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        Map<String, Object> rules = yaml(root.resolve("docker/prometheus/rules/clocksync-alerts.yml"));
        assertThat(rule.getAdditionalProperties().get("spec")).isEqualTo(rules);

        GenericKubernetesResource monitor =
                Manifests.as(Manifests.ofKind(manifests, "ServiceMonitor").get(0), GenericKubernetesResource.class);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.<String>get("spec", "endpoints", 0, "port")).isEqualTo("http");
        assertThat(monitor.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
        assertThat(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"))
                .containsEntry(ManifestChecks.INSTANCE, "clocksync");
        assertThat(monitor.<List<String>>get("spec", "namespaceSelector", "matchNames"))
                .containsExactly("clocksync");
        assertThat(monitor.<Map<String, Object>>get("spec").keySet())
                .isSubsetOf("selector", "namespaceSelector", "endpoints", "attachMetadata", "jobLabel");

        ConfigMap dashboard =
                Manifests.as(Manifests.ofKind(manifests, "ConfigMap").get(0), ConfigMap.class);
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        String json = Files.readString(root.resolve("docker/grafana/dashboards/clocksync.json"));
        assertThat(dashboard.getData().get("clocksync.json")).isEqualTo(json.stripTrailing());
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(dashboard.getData().get("clocksync.json"))
                        .path("uid")
                        .asString())
                .isEqualTo("clocksync");
    }

    /**
     * Runbook links: by default the rules file's own (values.yaml's runbookBaseUrl is the page the
     * file links to); with another page, every alert's link moves there with its anchor, and
     * nothing else changes.
     */
    @Test
    @SuppressWarnings("unchecked")
    void runbookLinksPointIntoTheConfiguredPage() {
        Path file = ProjectPaths.root().resolve("docker/prometheus/rules/clocksync-alerts.yml");
        Map<String, Object> rules = yaml(file);
        Map<String, Object> prometheusRule =
                (Map<String, Object>) yaml(Tools.CHART.resolve("values.yaml")).get("prometheusRule");
        String defaultPage = String.valueOf(prometheusRule.get("runbookBaseUrl"));
        List<Map<String, Object>> fileAlerts = alertRules(rules);
        assertThat(fileAlerts).isNotEmpty();
        assertThat(fileAlerts)
                .as("the rules file links into the chart's default page")
                .allSatisfy(alert -> assertThat(annotation(alert, "runbook_url"))
                        .isEqualTo(defaultPage + "#"
                                + String.valueOf(alert.get("alert")).toLowerCase(java.util.Locale.ROOT)));

        String page = "https://wiki.example.com/sre/clocksync";
        List<Manifest> manifests = Manifests.parse(Tools.render(
                "clocksync",
                "clocksync",
                List.of("--set", "prometheusRule.enabled=true", "--set", "prometheusRule.runbookBaseUrl=" + page)));
        GenericKubernetesResource rule =
                Manifests.as(Manifests.ofKind(manifests, "PrometheusRule").get(0), GenericKubernetesResource.class);
        Map<String, Object> spec =
                (Map<String, Object>) rule.getAdditionalProperties().get("spec");
        List<Map<String, Object>> rendered = alertRules(spec);
        assertThat(rendered).hasSameSizeAs(fileAlerts);
        for (Map<String, Object> alert : rendered) {
            assertThat(annotation(alert, "runbook_url"))
                    .isEqualTo(page + "#" + String.valueOf(alert.get("alert")).toLowerCase(java.util.Locale.ROOT));
        }
        rendered.forEach(alert -> ((Map<String, Object>) alert.get("annotations")).remove("runbook_url"));
        fileAlerts.forEach(alert -> ((Map<String, Object>) alert.get("annotations")).remove("runbook_url"));
        assertThat(spec).as("the rules but for their links").isEqualTo(rules);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules(Map<String, Object> rules) {
        List<Map<String, Object>> alerts = new java.util.ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("alert")) {
                    alerts.add(rule);
                }
            }
        }
        return alerts;
    }

    private static Object annotation(Map<String, Object> alert, String name) {
        return ((Map<?, ?>) alert.get("annotations")).get(name);
    }

    /**
     * The chart links the rules and the dashboard from docker/ rather than copying them; the
     * packaged chart must hold their contents, not links.
     */
    @Test
    void packagedChartHoldsTheLinkedFiles() throws IOException {
        Path out = Files.createTempDirectory("clocksync-chart");
        try {
            Tools.run(List.of(
                            Tools.helm().toString(),
                            "package",
                            Tools.CHART.toString(),
                            "--destination",
                            out.toString()))
                    .assertSuccess();
            Path archive;
            try (Stream<Path> files = Files.list(out)) {
                archive = files.filter(p -> p.toString().endsWith(".tgz"))
                        .findFirst()
                        .orElseThrow();
            }
            Map<String, byte[]> entries = TarGz.read(archive);
            Path root = ProjectPaths.root();
            assertThat(entries.get("clocksync/files/clocksync-alerts.yml"))
                    .isEqualTo(Files.readAllBytes(root.resolve("docker/prometheus/rules/clocksync-alerts.yml")));
            assertThat(entries.get("clocksync/files/clocksync.json"))
                    .isEqualTo(Files.readAllBytes(root.resolve("docker/grafana/dashboards/clocksync.json")));
            assertThat(entries)
                    .containsKeys(
                            "clocksync/values.schema.json", "clocksync/templates/NOTES.txt", "clocksync/README.md");
        } finally {
            try (Stream<Path> files = Files.walk(out)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "agent.kind=Pod",
                "agent.replicas=-1",
                "daemon.replicas=0",
                "unknownKey=1",
                "daemon.unknownKey=1",
                "agent.clock.mode=wall",
                "daemon.reference.strategy=AVERAGE",
                "daemon.reference.mode=ntp",
                "daemon.interval=2",
                "agent.clock.simulated.driftPpm=900",
                "serviceMonitor.extra=true",
                "hmac.existingSecretKey=has space"
            })
    void schemaRejectsBadValues(String assignment) {
        Tools.Result result = Tools.template("clocksync", "clocksync", List.of("--set", assignment));
        assertThat(result.exitCode()).as("helm template --set " + assignment).isNotZero();
        assertThat(result.stderr()).contains("values don't meet the specifications of the schema");
    }

    @Test
    void strictParsingRejectsFieldsTheModelDoesNotKnow() {
        String valid = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  clusterIP: None\n";
        assertThat(Manifests.parse(valid)).hasSize(1);
        assertThatThrownBy(() -> Manifests.parse(valid + "  clusterIp: None\n"))
                .hasMessageContaining("unknown field(s) [clusterIp]");
        assertThatThrownBy(() -> Manifests.parse("apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n"))
                .hasMessageContaining("unknown kind");
    }

    /**
     * The helm test pod asks the daemon Service for rounds with the expected number of agents. It
     * must be there: with {@code test.enabled=false} the chart renders no Pod at all, which {@link
     * #disablingTheTestRendersNoTestPod()} checks.
     */
    static void testPodChecksTheDaemon(List<Manifest> manifests) {
        List<Manifest> pods = Manifests.ofKind(manifests, "Pod");
        assertThat(pods).as("the helm test pod").hasSize(1);
        Pod pod = Manifests.as(pods.get(0), Pod.class);
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "test");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        Map<String, String> env = pod.getSpec().getContainers().get(0).getEnv().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getName(), e -> e.getValue()));
        Workload daemon = ManifestChecks.workload(manifests, "daemon");
        String namespace = pod.getMetadata().getNamespace();
        assertThat(env.get("DAEMON_HOST")).isEqualTo(daemon.manifest().name() + "." + namespace + ".svc");
        Manifests.one(manifests, "Service", daemon.manifest().name());
        Workload agent = ManifestChecks.workload(manifests, "agent");
        String expected = agent.manifest().resource() instanceof Deployment d
                ? String.valueOf(d.getSpec().getReplicas())
                : "0";
        assertThat(env.get("EXPECTED_AGENTS")).isEqualTo(expected);
        ManifestChecks.hardened(new Workload(
                pods.get(0),
                null,
                new io.fabric8.kubernetes.api.model.PodTemplateSpec(pod.getMetadata(), pod.getSpec())));
    }

    static List<String> names(List<Manifest> manifests, String kind) {
        return Manifests.ofKind(manifests, kind).stream().map(Manifest::name).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Just enough of tar to read a packaged chart. */
    static final class TarGz {

        private TarGz() {}

        static Map<String, byte[]> read(Path archive) throws IOException {
            Map<String, byte[]> entries = new java.util.HashMap<>();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
                byte[] header = new byte[512];
                while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                    String name = field(header, 0, 100);
                    String prefix = field(header, 345, 155);
                    long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                    byte[] content = in.readNBytes((int) size);
                    in.skipNBytes((512 - size % 512) % 512);
                    char type = (char) header[156];
                    if (type == '0' || type == 0) {
                        entries.put(prefix.isEmpty() ? name : prefix + "/" + name, content);
                    }
                }
            }
            return entries;
        }

        private static String field(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
        }
    }
}
