package dev.clocksync.systemtest.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.systemtest.helm.ManifestChecks.Workload;
import dev.clocksync.systemtest.helm.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nodeClock.mode, rendered by the real helm: observe adds nothing privileged; serve makes the
 * agent's NTP port reachable from its node (a host port or the host's network); discipline adds a
 * chrony container with CAP_SYS_TIME and nothing else, its only source the agent in its pod.
 */
class NodeClockModesTest {

    static List<Manifest> render(String... args) {
        return Manifests.parse(Tools.render("clocksync", "clocksync", List.of(args)));
    }

    static PodSpec agentPod(List<Manifest> manifests) {
        return ManifestChecks.workload(manifests, "agent").template().getSpec();
    }

    static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    static ContainerPort ntpPort(PodSpec pod) {
        return container(pod, "agent").getPorts().stream()
                .filter(p -> p.getName().equals("ntp"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ntp port"));
    }

    @Test
    void observeServesNtpInsideThePodOnlyAndAddsNothingPrivileged() {
        for (String kind : List.of("Deployment", "DaemonSet")) {
            List<Manifest> manifests = render("--set", "agent.kind=" + kind);
            Workload agent = ManifestChecks.workload(manifests, "agent");
            ManifestChecks.hardened(agent);
            PodSpec pod = agent.template().getSpec();
            assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("agent");
            assertThat(ntpPort(pod).getProtocol()).isEqualTo("UDP");
            assertThat(ntpPort(pod).getContainerPort()).isEqualTo(11123);
            assertThat(ntpPort(pod).getHostPort()).as("no host port").isNull();
            assertThat(ManifestChecks.value(agent, "CLOCKSYNC_AGENT_NTP_PORT")).isEqualTo("11123");
            assertThat(ManifestChecks.value(agent, "CLOCKSYNC_AGENT_NTP_NODE_CLOCK_MODE"))
                    .isEqualTo("observe");
            assertThat(Manifests.ofKind(manifests, "ConfigMap"))
                    .noneMatch(m -> m.name().endsWith("-chrony"));
        }
    }

    @Test
    void serveWithAHostPortPublishesTheNtpPortOnTheNodeAndStaysHardened() {
        List<Manifest> manifests = render(
                "--set",
                "agent.kind=DaemonSet",
                "--set",
                "nodeClock.mode=serve",
                "--set",
                "nodeClock.ntp.hostPort=123");
        Workload agent = ManifestChecks.workload(manifests, "agent");
        ManifestChecks.hardened(agent);
        PodSpec pod = agent.template().getSpec();
        assertThat(ntpPort(pod).getHostPort()).isEqualTo(123);
        assertThat(container(pod, "agent").getPorts())
                .filteredOn(p -> p.getName().equals("http"))
                .allSatisfy(p -> assertThat(p.getHostPort())
                        .as("the HTTP port stays off the node")
                        .isNull());
        assertThat(ManifestChecks.value(agent, "CLOCKSYNC_AGENT_NTP_NODE_CLOCK_MODE"))
                .isEqualTo("serve");
        assertThat(Tools.notes(
                        "clocksync",
                        "clocksync",
                        List.of(
                                "--set",
                                "agent.kind=DaemonSet",
                                "--set",
                                "nodeClock.mode=serve",
                                "--set",
                                "nodeClock.ntp.hostPort=123")))
                .contains("server 127.0.0.1 port 123 iburst")
                .contains("[Time] NTP=127.0.0.1");
    }

    @Test
    void serveWithTheHostNetworkPutsTheAgentInTheNodesNetworkNamespace() {
        List<Manifest> manifests = render(
                "--set",
                "agent.kind=DaemonSet",
                "--set",
                "nodeClock.mode=serve",
                "--set",
                "nodeClock.ntp.access=hostNetwork");
        PodSpec pod = agentPod(manifests);
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        assertThat(ntpPort(pod).getHostPort()).isNull();
        Container agent = container(pod, "agent");
        assertThat(agent.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(agent.getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    void disciplineAddsAChronyWithCapSysTimeAloneWhoseOnlySourceIsItsAgent() {
        List<Manifest> manifests = render("--set", "agent.kind=DaemonSet", "--set", "nodeClock.mode=discipline");
        PodSpec pod = agentPod(manifests);
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("agent", "chrony");
        assertThat(pod.getHostNetwork())
                .as("chrony reaches its agent inside the pod")
                .isNotEqualTo(Boolean.TRUE);

        Container agent = container(pod, "agent");
        assertThat(agent.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(agent.getSecurityContext().getRunAsNonRoot()).isTrue();

        var chrony = container(pod, "chrony").getSecurityContext();
        assertThat(chrony.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(chrony.getCapabilities().getAdd()).containsExactly("SYS_TIME");
        assertThat(chrony.getPrivileged()).isFalse();
        assertThat(chrony.getAllowPrivilegeEscalation()).isFalse();
        assertThat(chrony.getReadOnlyRootFilesystem()).isTrue();
        assertThat(chrony.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container(pod, "chrony").getImage()).isEqualTo("localhost/clocksync-chrony:0.1.0-SNAPSHOT");
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());

        ConfigMap config =
                Manifests.as(Manifests.one(manifests, "ConfigMap", "clocksync-agent-chrony"), ConfigMap.class);
        List<String> servers = config.getData()
                .get("chrony.conf")
                .lines()
                .filter(l -> l.startsWith("server ") || l.startsWith("pool ") || l.startsWith("peer "))
                .toList();
        assertThat(servers).containsExactly("server 127.0.0.1 port 11123 iburst minpoll 2 maxpoll 4");
        assertThat(config.getData().get("chrony.conf")).contains("port 0", "cmdport 0");
        assertThat(Tools.notes(
                        "clocksync",
                        "clocksync",
                        List.of("--set", "agent.kind=DaemonSet", "--set", "nodeClock.mode=discipline")))
                .contains("Do not use this on nodes whose own time daemon");
    }

    @Test
    void onlyADaemonSetServesOrDisciplinesNodesAndOnlyKnownModesRender() {
        for (String mode : List.of("serve", "discipline")) {
            Tools.Result result = Tools.template("clocksync", "clocksync", List.of("--set", "nodeClock.mode=" + mode));
            assertThat(result.exitCode()).as(mode + " with a Deployment").isNotZero();
            assertThat(result.stderr() + result.stdout()).contains("needs agent.kind=DaemonSet");
        }
        Tools.Result unknown = Tools.template(
                "clocksync", "clocksync", List.of("--set", "agent.kind=DaemonSet", "--set", "nodeClock.mode=steer"));
        assertThat(unknown.exitCode()).isNotZero();
    }
}
