package dev.clocksync.systemtest.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clocksync.systemtest.helm.ManifestChecks.Expect;
import dev.clocksync.systemtest.helm.ManifestChecks.Workload;
import dev.clocksync.systemtest.helm.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conventions platform teams expect of a chart (node_exporter's and cert-manager's): global
 * values, image registry and digest, tolerations and node selection of a node agent, update
 * strategies, security contexts and affinity as values, common labels, and the scrape and rule
 * objects of the prometheus-operator with their usual knobs.
 */
class ChartConventionsTest {

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static List<Manifest> render(String... args) {
        return Manifests.parse(Tools.render("clocksync", "clocksync", List.of(args)));
    }

    static List<String> images(List<Manifest> manifests) {
        List<String> images = new ArrayList<>();
        for (String component : List.of("daemon", "agent")) {
            images.add(ManifestChecks.workload(manifests, component).container().getImage());
        }
        images.add(testPod(manifests).getSpec().getContainers().get(0).getImage());
        return images;
    }

    static Pod testPod(List<Manifest> manifests) {
        List<Manifest> pods = Manifests.ofKind(manifests, "Pod");
        assertThat(pods).as("helm test pods").hasSize(1);
        return Manifests.as(pods.get(0), Pod.class);
    }

    static PodSpec pod(List<Manifest> manifests, String component) {
        return ManifestChecks.workload(manifests, component).template().getSpec();
    }

    @Test
    void imagesAreRegistryRepositoryTagAndDigest() {
        assertThat(images(render()))
                .containsExactly(
                        "localhost/clocksync-daemon:0.1.0-SNAPSHOT",
                        "localhost/clocksync-agent:0.1.0-SNAPSHOT",
                        "localhost/clocksync-daemon:0.1.0-SNAPSHOT");
        assertThat(images(render(
                        "--set", "daemon.image.registry=ghcr.io",
                        "--set", "daemon.image.repository=acme/clocksync-daemon",
                        "--set", "daemon.image.tag=1.2.3",
                        "--set", "daemon.image.digest=" + DIGEST,
                        "--set", "agent.image.registry=",
                        "--set", "agent.image.repository=registry.example.com:5000/time/clocksync-agent")))
                .containsExactly(
                        "ghcr.io/acme/clocksync-daemon:1.2.3@" + DIGEST,
                        "registry.example.com:5000/time/clocksync-agent:0.1.0-SNAPSHOT",
                        "ghcr.io/acme/clocksync-daemon:1.2.3@" + DIGEST);
        assertThat(images(render(
                        "--set", "test.image.repository=library/bash",
                        "--set", "test.image.registry=docker.io",
                        "--set-string", "test.image.tag=5.2")))
                .last()
                .isEqualTo("docker.io/library/bash:5.2");
    }

    /** As a subchart's would: global.imageRegistry replaces every registry, unknown global keys pass. */
    @Test
    void globalValuesAreAcceptedAndTheirRegistryAndPullSecretsApply() {
        List<Manifest> manifests = render(
                "--set", "global.imageRegistry=mirror.example.com/cache",
                "--set", "global.imagePullSecrets[0]=mirror-pull",
                "--set", "global.imagePullSecrets[1].name=other-pull",
                "--set", "global.storageClass=fast",
                "--set", "imagePullSecrets[0].name=regcred");
        assertThat(images(manifests))
                .containsExactly(
                        "mirror.example.com/cache/clocksync-daemon:0.1.0-SNAPSHOT",
                        "mirror.example.com/cache/clocksync-agent:0.1.0-SNAPSHOT",
                        "mirror.example.com/cache/clocksync-daemon:0.1.0-SNAPSHOT");
        List<List<LocalObjectReference>> secrets = List.of(
                pod(manifests, "daemon").getImagePullSecrets(),
                pod(manifests, "agent").getImagePullSecrets(),
                testPod(manifests).getSpec().getImagePullSecrets());
        assertThat(secrets)
                .allSatisfy(list -> assertThat(list)
                        .extracting(LocalObjectReference::getName)
                        .containsExactly("regcred", "mirror-pull", "other-pull"));
    }

    /** Installed as a dependency of another chart, with that chart's globals and values for it. */
    @Test
    void worksAsASubchartWithItsParentsGlobals() throws IOException {
        Path parent = Tools.copyChart();
        try {
            Files.createDirectories(parent.resolve("charts"));
            Files.move(parent.resolve("clocksync"), parent.resolve("charts/clocksync"));
            Files.writeString(
                    parent.resolve("Chart.yaml"),
                    "apiVersion: v2\nname: platform\nversion: 1.0.0\ndependencies:\n"
                            + "  - name: clocksync\n    version: 0.1.0\n");
            Files.writeString(parent.resolve("values.yaml"), """
                    global:
                      imageRegistry: mirror.example.com
                      domain: example.com
                    clocksync:
                      agent:
                        kind: DaemonSet
                    """);
            String rendered = Tools.run(List.of(
                            Tools.helm().toString(),
                            "template",
                            "platform",
                            parent.toString(),
                            "--namespace",
                            "clocksync"))
                    .assertSuccess()
                    .stdout();
            List<Manifest> manifests = Manifests.parse(rendered);
            ManifestChecks.checkAll(manifests, new Expect("platform", "clocksync", "Helm", HelmChartTest.chartLabel()));
            assertThat(ManifestChecks.workload(manifests, "agent").manifest().resource())
                    .isInstanceOf(DaemonSet.class);
            assertThat(images(manifests)).allSatisfy(image -> assertThat(image).startsWith("mirror.example.com/"));

            Files.writeString(parent.resolve("values.yaml"), "clocksync:\n  agent:\n    kind: Pod\n");
            Tools.Result refused =
                    Tools.run(List.of(Tools.helm().toString(), "template", "platform", parent.toString()));
            assertThat(refused.exitCode())
                    .as("the subchart's schema still applies")
                    .isNotZero();
            assertThat(refused.stderr()).contains("clocksync", "kind");
        } finally {
            Tools.delete(parent);
        }
    }

    @Test
    void daemonSetAgentsTolerateEveryTaintOnEveryLinuxNodeAndDeploymentsDoNot() {
        List<Manifest> daemonSet = render(
                "--set", "agent.kind=DaemonSet",
                "--set", "agent.tolerations[0].key=example.com/dedicated",
                "--set", "agent.tolerations[0].operator=Exists");
        PodSpec agents = pod(daemonSet, "agent");
        assertThat(agents.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
        assertThat(agents.getTolerations())
                .extracting(Toleration::getKey, Toleration::getOperator, Toleration::getEffect)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("example.com/dedicated", "Exists", null),
                        org.assertj.core.groups.Tuple.tuple(null, "Exists", null));

        List<Manifest> deployment = render();
        assertThat(pod(deployment, "agent").getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
        assertThat(pod(deployment, "agent").getTolerations())
                .as("a Deployment's agents would stay on failed nodes and return to drained ones")
                .isNullOrEmpty();
        assertThat(pod(deployment, "daemon").getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
        assertThat(pod(deployment, "daemon").getTolerations()).isNullOrEmpty();

        PodSpec selective =
                pod(render("--set", "agent.kind=DaemonSet", "--set-json", "agent.daemonSet.tolerations=[]"), "agent");
        assertThat(selective.getTolerations()).as("tolerations left out").isNullOrEmpty();
    }

    @Test
    void updateStrategiesAreValuesWithSafeDefaults() {
        List<Manifest> defaults = render();
        DeploymentStrategy daemon = Manifests.as(
                        ManifestChecks.workload(defaults, "daemon").manifest(), Deployment.class)
                .getSpec()
                .getStrategy();
        DeploymentStrategy agents = Manifests.as(
                        ManifestChecks.workload(defaults, "agent").manifest(), Deployment.class)
                .getSpec()
                .getStrategy();
        for (DeploymentStrategy strategy : List.of(daemon, agents)) {
            assertThat(strategy.getType()).isEqualTo("RollingUpdate");
            assertThat(strategy.getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
            assertThat(strategy.getRollingUpdate().getMaxUnavailable().getIntVal())
                    .isZero();
        }
        DaemonSetUpdateStrategy perNode = Manifests.as(
                        ManifestChecks.workload(render("--set", "agent.kind=DaemonSet"), "agent")
                                .manifest(),
                        DaemonSet.class)
                .getSpec()
                .getUpdateStrategy();
        assertThat(perNode.getType()).isEqualTo("RollingUpdate");
        assertThat(perNode.getRollingUpdate().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(perNode.getRollingUpdate().getMaxSurge())
                .as("no surge pod on a node")
                .isNull();

        List<Manifest> changed = render(
                "--set", "daemon.updateStrategy.type=Recreate",
                "--set", "agent.kind=DaemonSet",
                "--set", "agent.daemonSet.updateStrategy.type=OnDelete");
        DeploymentStrategy recreate = Manifests.as(
                        ManifestChecks.workload(changed, "daemon").manifest(), Deployment.class)
                .getSpec()
                .getStrategy();
        assertThat(recreate.getType()).isEqualTo("Recreate");
        assertThat(recreate.getRollingUpdate())
                .as("rollingUpdate only with RollingUpdate")
                .isNull();
        DaemonSetUpdateStrategy onDelete = Manifests.as(
                        ManifestChecks.workload(changed, "agent").manifest(), DaemonSet.class)
                .getSpec()
                .getUpdateStrategy();
        assertThat(onDelete.getType()).isEqualTo("OnDelete");
        assertThat(onDelete.getRollingUpdate()).isNull();
        assertThat(Manifests.as(
                                ManifestChecks.workload(
                                                render(
                                                        "--set",
                                                        "agent.deployment.updateStrategy.rollingUpdate.maxSurge=25%"),
                                                "agent")
                                        .manifest(),
                                Deployment.class)
                        .getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxSurge()
                        .getStrVal())
                .isEqualTo("25%");
    }

    /** The defaults are the hardened settings every rendering is checked for; a change shows, and is caught. */
    @Test
    void securityContextsAreValuesWhoseDefaultsAreHardened() {
        List<Manifest> defaults = render();
        ManifestChecks.hardened(ManifestChecks.workload(defaults, "daemon"));
        ManifestChecks.hardened(ManifestChecks.workload(defaults, "agent"));

        List<Manifest> changed = render(
                "--set", "agent.podSecurityContext.runAsUser=20000",
                "--set", "agent.securityContext.runAsUser=20000",
                "--set", "daemon.podSecurityContext.fsGroupChangePolicy=OnRootMismatch",
                "--set", "daemon.securityContext.readOnlyRootFilesystem=false");
        PodSpec agent = pod(changed, "agent");
        assertThat(agent.getSecurityContext().getRunAsUser()).isEqualTo(20000L);
        assertThat(agent.getContainers().get(0).getSecurityContext().getRunAsUser())
                .isEqualTo(20000L);
        assertThat(agent.getContainers()
                        .get(0)
                        .getSecurityContext()
                        .getCapabilities()
                        .getDrop())
                .as("the rest of the default stays")
                .containsExactly("ALL");
        PodSpec daemon = pod(changed, "daemon");
        assertThat(daemon.getSecurityContext().getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
        assertThat(daemon.getSecurityContext().getRunAsNonRoot()).isTrue();
        Container test = testPod(changed).getSpec().getContainers().get(0);
        assertThat(test.getSecurityContext().getReadOnlyRootFilesystem())
                .as("the test pod runs the daemon's image with the daemon's contexts")
                .isFalse();
        assertThatThrownBy(() -> ManifestChecks.hardened(ManifestChecks.workload(changed, "daemon")))
                .hasMessageContaining("readOnlyRootFilesystem");
        assertThatThrownBy(() -> ManifestChecks.hardened(ManifestChecks.workload(changed, "agent")))
                .hasMessageContaining("runAsUser");
    }

    @Test
    void affinityIsAValuePerComponent() {
        String nodeAffinity = "{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
                + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"example.com/pool\",\"operator\":\"NotIn\","
                + "\"values\":[\"gpu\"]}]}]}}}";
        String antiAffinity =
                "{\"podAntiAffinity\":{\"preferredDuringSchedulingIgnoredDuringExecution\":[{\"weight\":100,"
                        + "\"podAffinityTerm\":{\"topologyKey\":\"kubernetes.io/hostname\",\"labelSelector\":{\"matchLabels\":"
                        + "{\"app.kubernetes.io/component\":\"daemon\"}}}}]}}";
        List<Manifest> manifests = render(
                "--set", "agent.kind=DaemonSet",
                "--set-json", "agent.affinity=" + nodeAffinity,
                "--set-json", "daemon.affinity=" + antiAffinity);
        assertThat(pod(manifests, "agent").getAffinity())
                .isEqualTo(SERIALIZATION.unmarshal(nodeAffinity, Affinity.class));
        assertThat(pod(manifests, "daemon").getAffinity())
                .isEqualTo(SERIALIZATION.unmarshal(antiAffinity, Affinity.class));
        assertThat(pod(render(), "agent").getAffinity()).as("none by default").isNull();
        assertThat(pod(render(), "daemon").getAffinity()).isNull();
    }

    /** On every object and every pod, never on a selector (selectors cannot change on upgrade). */
    @Test
    void commonLabelsLabelEveryObjectAndPodButNoSelector() {
        List<Manifest> manifests = Manifests.parse(Tools.render(
                "clocksync",
                "clocksync",
                List.of(
                        "-f",
                        Tools.CHART.resolve("ci/daemonset-values.yaml").toString(),
                        "--set",
                        "commonLabels.team=platform",
                        "--set-string",
                        "commonLabels.example\\.com/cost-center=4711")));
        ManifestChecks.checkAll(manifests, new Expect("clocksync", "clocksync", "Helm", HelmChartTest.chartLabel()));
        assertThat(manifests).hasSizeGreaterThan(15);
        assertThat(manifests)
                .allSatisfy(m -> assertThat(m.resource().getMetadata().getLabels())
                        .as(m.toString())
                        .containsEntry("team", "platform")
                        .containsEntry("example.com/cost-center", "4711"));
        for (String component : List.of("daemon", "agent")) {
            Workload workload = ManifestChecks.workload(manifests, component);
            assertThat(workload.template().getMetadata().getLabels()).containsEntry("team", "platform");
            assertThat(workload.selector().getMatchLabels()).doesNotContainKey("team");
        }
        assertThat(testPod(manifests).getMetadata().getLabels()).containsEntry("team", "platform");
        for (Manifest m : Manifests.ofKind(manifests, "Service")) {
            assertThat(Manifests.as(m, Service.class).getSpec().getSelector()).doesNotContainKey("team");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "commonLabels.app\\.kubernetes\\.io/name=other",
                "commonLabels.helm\\.sh/chart=x",
                "commonLabels.bad key=x",
                "daemon.image.digest=latest",
                "agent.image.registry=https://registry.example.com",
                "agent.daemonSet.updateStrategy.type=Recreate",
                "daemon.updateStrategy.type=OnDelete",
                "daemon.securityContext.readOnlyRootFileSystem=true",
                "agent.podSecurityContext.runAsUser=-1",
                "agent.affinity.nodeAfinity.x=y",
                "serviceMonitor.scrapeTimeout=10sec",
                "serviceMonitor.relabelings[0].action=rename",
                "podMonitor.metricRelabelings[0].sourceLabel=x",
                "prometheusRule.runbookBaseUrl=wiki/alerts",
                "prometheusRule.runbookBaseUrl=https://wiki.example.com/alerts#top",
                "global.imageRegistry=not a registry",
                "agent.nodeLocal.hostPort.ports.http=70000"
            })
    void schemaRejectsBadConventionValues(String assignment) {
        Tools.Result result = Tools.template("clocksync", "clocksync", List.of("--set", assignment));
        assertThat(result.exitCode()).as("helm template --set " + assignment).isNotZero();
        assertThat(result.stderr()).contains("values don't meet the specifications of the schema");
    }

    @Test
    void serviceMonitorTakesTimeoutJobLabelAndBothRelabelings() {
        List<Manifest> manifests = render(
                "--set", "serviceMonitor.enabled=true",
                "--set", "serviceMonitor.scrapeTimeout=5s",
                "--set", "serviceMonitor.jobLabel=app.kubernetes.io/component",
                "--set", "serviceMonitor.zoneLabel=true",
                "--set-json",
                        "serviceMonitor.relabelings=[{\"sourceLabels\":[\"__meta_kubernetes_pod_node_name\"],"
                                + "\"targetLabel\":\"node\"}]",
                "--set-json",
                        "serviceMonitor.metricRelabelings=[{\"sourceLabels\":[\"__name__\"],"
                                + "\"regex\":\"jvm_gc_.*\",\"action\":\"drop\"}]");
        GenericKubernetesResource monitor = monitor(manifests, "ServiceMonitor");
        assertThat(monitor.<String>get("spec", "jobLabel")).isEqualTo("app.kubernetes.io/component");
        assertThat(monitor.<String>get("spec", "endpoints", 0, "scrapeTimeout")).isEqualTo("5s");
        List<Map<String, Object>> relabelings = monitor.get("spec", "endpoints", 0, "relabelings");
        assertThat(relabelings)
                .extracting(r -> r.get("targetLabel"))
                .as("the chart's zone, then the user's")
                .containsExactly("zone", "node");
        List<Map<String, Object>> metricRelabelings = monitor.get("spec", "endpoints", 0, "metricRelabelings");
        assertThat(metricRelabelings)
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("action", "drop"));

        GenericKubernetesResource plain = monitor(render("--set", "serviceMonitor.enabled=true"), "ServiceMonitor");
        assertThat(plain.<Map<String, Object>>get("spec")).doesNotContainKey("jobLabel");
        assertThat(plain.<Map<String, Object>>get("spec", "endpoints", 0)).containsOnlyKeys("port", "path", "interval");
    }

    /** Pods directly, ready or not, under the job names the ServiceMonitor gives (its Services' names). */
    @Test
    void podMonitorScrapesThePodsUnderTheServiceMonitorsJobNames() {
        List<Manifest> manifests = render(
                "--set", "podMonitor.enabled=true",
                "--set", "podMonitor.interval=30s",
                "--set", "podMonitor.labels.release=kube-prometheus-stack",
                "--set-json",
                        "podMonitor.metricRelabelings=[{\"sourceLabels\":[\"__name__\"],\"regex\":\"clocksync_.*\","
                                + "\"action\":\"keep\"}]");
        assertThat(Manifests.ofKind(manifests, "ServiceMonitor")).isEmpty();
        GenericKubernetesResource monitor = monitor(manifests, "PodMonitor");
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(monitor.<String>get("spec", "podMetricsEndpoints", 0, "port"))
                .isEqualTo("http");
        assertThat(monitor.<String>get("spec", "podMetricsEndpoints", 0, "path"))
                .isEqualTo("/actuator/prometheus");
        assertThat(monitor.<String>get("spec", "podMetricsEndpoints", 0, "interval"))
                .isEqualTo("30s");
        Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
        List<Workload> scraped = new ArrayList<>();
        for (String component : List.of("daemon", "agent")) {
            Workload workload = ManifestChecks.workload(manifests, component);
            if (workload.template().getMetadata().getLabels().entrySet().containsAll(selector.entrySet())) {
                scraped.add(workload);
            }
        }
        assertThat(scraped).as("pods the PodMonitor's labels select").hasSize(2);
        assertThat(monitor.<List<String>>get("spec", "selector", "matchExpressions", 0, "values"))
                .containsExactlyInAnyOrder("daemon", "agent");

        Map<String, Object> job = monitor.<List<Map<String, Object>>>get(
                        "spec", "podMetricsEndpoints", 0, "relabelings")
                .get(0);
        assertThat(job).containsEntry("targetLabel", "job").containsEntry("regex", "(.+)");
        String replacement = String.valueOf(job.get("replacement"));
        List<String> services = HelmChartTest.names(render("--set", "serviceMonitor.enabled=true"), "Service");
        assertThat(List.of(replacement.replace("$1", "daemon"), replacement.replace("$1", "agent")))
                .as("the jobs a ServiceMonitor gives: the Services' names")
                .allSatisfy(name -> assertThat(services).contains(name));

        GenericKubernetesResource labelled = monitor(
                render("--set", "podMonitor.enabled=true", "--set", "podMonitor.jobLabel=app.kubernetes.io/component"),
                "PodMonitor");
        assertThat(labelled.<String>get("spec", "jobLabel")).isEqualTo("app.kubernetes.io/component");
        assertThat(labelled.<Map<String, Object>>get("spec", "podMetricsEndpoints", 0))
                .as("the job comes from the label alone")
                .doesNotContainKey("relabelings");
    }

    @Test
    void serviceMonitorAndPodMonitorTogetherAreRefused() {
        Tools.Result both = Tools.template(
                "clocksync",
                "clocksync",
                List.of("--set", "serviceMonitor.enabled=true", "--set", "podMonitor.enabled=true"));
        assertThat(both.exitCode()).isNotZero();
        assertThat(both.stderr()).contains("scrape the same pods twice");
    }

    static GenericKubernetesResource monitor(List<Manifest> manifests, String kind) {
        List<Manifest> found = Manifests.ofKind(manifests, kind);
        assertThat(found).as(kind + "s").hasSize(1);
        return Manifests.as(found.get(0), GenericKubernetesResource.class);
    }
}
