package dev.clocksync.systemtest.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.systemtest.helm.ManifestChecks.Expect;
import dev.clocksync.systemtest.helm.ManifestChecks.Workload;
import dev.clocksync.systemtest.helm.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Applications reach the agent of their own node: with agents as a DaemonSet, through a Service
 * whose internal traffic stays on the node, or (opt-in) through a host port on the node's IP from
 * the downward API. The lines that an application's Deployment adds, as NOTES and the chart's
 * README show them, name what the chart renders.
 */
class NodeLocalAccessTest {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final String URL = "CLOCKSYNC_AGENT_URL";

    static List<Manifest> render(String release, String namespace, String... args) {
        return Manifests.parse(Tools.render(release, namespace, List.of(args)));
    }

    static List<Service> localServices(List<Manifest> manifests) {
        return Manifests.ofKind(manifests, "Service").stream()
                .map(m -> Manifests.as(m, Service.class))
                .filter(s -> "Local".equals(s.getSpec().getInternalTrafficPolicy()))
                .toList();
    }

    @Test
    void daemonSetAgentsAreReachedThroughAServiceThatStaysOnTheNode() {
        List<Manifest> manifests = render("edge", "timekeeping", "--set", "agent.kind=DaemonSet");
        ManifestChecks.checkAll(manifests, new Expect("edge", "timekeeping", "Helm", HelmChartTest.chartLabel()));
        Workload daemon = ManifestChecks.workload(manifests, "daemon");
        Workload agent = ManifestChecks.workload(manifests, "agent");

        List<Service> local = localServices(manifests);
        assertThat(local).as("node-local Services").hasSize(1);
        Service service = local.get(0);
        assertThat(service.getMetadata().getName()).isEqualTo("edge-clocksync-agent-local");
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getClusterIP())
                .as("a cluster IP, for kube-proxy to route")
                .isNull();
        assertThat(ManifestChecks.selected(
                        List.of(daemon, agent), service.getSpec().getSelector()))
                .containsExactly(agent);
        assertThat(ManifestChecks.value(daemon, "CLOCKSYNC_DAEMON_AGENT_SERVICE_ID"))
                .as("discovery keeps the headless Service")
                .isNotEqualTo(service.getMetadata().getName());
        Service headless = Manifests.as(
                Manifests.one(manifests, "Service", ManifestChecks.value(daemon, "CLOCKSYNC_DAEMON_AGENT_SERVICE_ID")),
                Service.class);
        assertThat(ports(service))
                .as("every agent port")
                .isEqualTo(ports(headless))
                .isNotEmpty();
        assertThat(agent.container().getPorts())
                .as("no host port unless asked for")
                .allSatisfy(p -> assertThat(p.getHostPort()).isNull());
    }

    @Test
    void deploymentAgentsHaveNoNodeLocalAccessAndRefuseHostPorts() {
        List<Manifest> manifests = render("clocksync", "clocksync");
        assertThat(localServices(manifests)).as("agents are not one per node").isEmpty();
        assertThat(localServices(render(
                        "clocksync",
                        "clocksync",
                        "--set",
                        "agent.kind=DaemonSet",
                        "--set",
                        "agent.nodeLocal.service.enabled=false")))
                .isEmpty();

        Tools.Result refused =
                Tools.template("clocksync", "clocksync", List.of("--set", "agent.nodeLocal.hostPort.enabled=true"));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("agent.nodeLocal.hostPort needs agent.kind=DaemonSet");
    }

    @Test
    void hostPortsPublishTheNamedAgentPortsOnTheNode() {
        List<Manifest> manifests = render(
                "clocksync",
                "clocksync",
                "--set",
                "agent.kind=DaemonSet",
                "--set",
                "agent.nodeLocal.hostPort.enabled=true",
                "--set",
                "agent.nodeLocal.hostPort.ports.http=18081");
        ManifestChecks.checkAll(manifests, new Expect("clocksync", "clocksync", "Helm", HelmChartTest.chartLabel()));
        ContainerPort http = httpPort(ManifestChecks.workload(manifests, "agent"));
        assertThat(http.getContainerPort()).isEqualTo(8081);
        assertThat(http.getHostPort()).isEqualTo(18081);
        assertThat(ManifestChecks.workload(manifests, "daemon").container().getPorts())
                .allSatisfy(p -> assertThat(p.getHostPort()).isNull());

        Tools.Result unknown = Tools.template(
                "clocksync",
                "clocksync",
                List.of(
                        "--set", "agent.kind=DaemonSet",
                        "--set", "agent.nodeLocal.hostPort.enabled=true",
                        "--set", "agent.nodeLocal.hostPort.ports.metrics=9100"));
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("the agent has no port named metrics (its ports: http, ntp)");
    }

    /** NOTES give the Service's URL, and with host ports the downward-API variant, for this very release. */
    @Test
    void notesShowTheEnvironmentAnApplicationAddsForThisRelease() {
        String[] values = {
            "--set",
            "agent.kind=DaemonSet",
            "--set",
            "agent.nodeLocal.hostPort.enabled=true",
            "--set",
            "agent.nodeLocal.hostPort.ports.http=18081"
        };
        List<Manifest> manifests = render("edge", "timekeeping", values);
        String notes = Tools.notes("edge", "timekeeping", List.of(values));
        List<List<EnvVar>> blocks = envBlocks(notes);
        assertThat(blocks).as("env blocks in NOTES:\n" + notes).hasSize(2);

        Service service = localServices(manifests).get(0);
        int port = service.getSpec().getPorts().stream()
                .filter(p -> p.getName().equals("http"))
                .findFirst()
                .orElseThrow()
                .getPort();
        assertThat(blocks.get(0)).singleElement().satisfies(url -> {
            assertThat(url.getName()).isEqualTo(URL);
            assertThat(url.getValue())
                    .isEqualTo("http://" + service.getMetadata().getName() + ".timekeeping.svc:" + port);
        });

        List<EnvVar> hostPort = blocks.get(1);
        assertThat(hostPort).extracting(EnvVar::getName).containsExactly("NODE_IP", URL);
        assertThat(hostPort.get(0).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.hostIP");
        assertThat(hostPort.get(1).getValue())
                .isEqualTo("http://$(NODE_IP):"
                        + httpPort(ManifestChecks.workload(manifests, "agent")).getHostPort());
        assertThat(notes).contains("curl -s \"$CLOCKSYNC_AGENT_URL/api/v1/time\"");

        List<List<EnvVar>> serviceOnly =
                envBlocks(Tools.notes("edge", "timekeeping", List.of("--set", "agent.kind=DaemonSet")));
        assertThat(serviceOnly).containsExactly(blocks.get(0));
        String deployment = Tools.notes("edge", "timekeeping", List.of());
        assertThat(envBlocks(deployment)).isEmpty();
        assertThat(deployment).contains("not one per node", "agent.kind=DaemonSet");
    }

    /** The chart's README shows the lines that NOTES print for release clocksync in namespace clocksync. */
    @Test
    void chartReadmeShowsTheLinesNotesPrint() throws IOException {
        List<List<EnvVar>> notes = envBlocks(Tools.notes(
                "clocksync",
                "clocksync",
                List.of("--set", "agent.kind=DaemonSet", "--set", "agent.nodeLocal.hostPort.enabled=true")));
        String readme = Files.readString(Tools.CHART.resolve("README.md"));
        List<List<EnvVar>> shown = new ArrayList<>();
        for (String marker : List.of("<!-- node-local env: Service -->", "<!-- node-local env: host port -->")) {
            int at = readme.indexOf(marker);
            assertThat(at).as("README.md has " + marker).isNotNegative();
            int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
            String fenced = readme.substring(start, readme.indexOf("```\n", start));
            shown.addAll(envBlocks(fenced));
        }
        assertThat(notes).hasSize(2);
        assertThat(shown).isEqualTo(notes);
    }

    private static ContainerPort httpPort(Workload agent) {
        return agent.container().getPorts().stream()
                .filter(p -> p.getName().equals("http"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(agent.manifest() + " has no port http"));
    }

    private static List<String> ports(Service service) {
        return service.getSpec().getPorts().stream()
                .map((ServicePort p) -> p.getName() + "/" + p.getPort() + "->"
                        + p.getTargetPort().getStrVal() + "/" + p.getProtocol())
                .toList();
    }

    /** Every YAML block that starts with a line "env:", read as a container's env. */
    @SuppressWarnings("unchecked")
    static List<List<EnvVar>> envBlocks(String text) {
        List<List<EnvVar>> blocks = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("env:")) {
                continue;
            }
            int indent = lines[i].indexOf("env:");
            StringBuilder yaml = new StringBuilder("env:\n");
            int j = i + 1;
            while (j < lines.length
                    && !lines[j].isBlank()
                    && lines[j].length() - lines[j].stripLeading().length() > indent) {
                yaml.append(lines[j].substring(indent)).append('\n');
                j++;
            }
            Map<String, Object> tree = Manifests.trees(yaml.toString()).get(0);
            List<EnvVar> env = new ArrayList<>();
            for (Object item : (List<Object>) tree.get("env")) {
                env.add(SERIALIZATION.convertValue(item, EnvVar.class));
            }
            blocks.add(env);
            i = j - 1;
        }
        return blocks;
    }
}
