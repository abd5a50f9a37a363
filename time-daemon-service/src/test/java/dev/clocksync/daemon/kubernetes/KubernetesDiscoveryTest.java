package dev.clocksync.daemon.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.clocksync.daemon.TestAgents;
import dev.clocksync.daemon.round.AgentResult;
import dev.clocksync.daemon.round.AgentState;
import dev.clocksync.daemon.round.RoundHistory;
import dev.clocksync.daemon.round.RoundRecord;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The daemon finds its agents through Spring Cloud Kubernetes in a mock API server (CRUD mode):
 * a headless Service and its Endpoints, which the test edits to scale the agents 3 -> 6 -> 2
 * while rounds run against real agents over real HTTP.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesDiscoveryTest {

    static KubernetesClient client;

    final List<ConfigurableApplicationContext> agents = new ArrayList<>();
    ConfigurableApplicationContext daemon;
    RoundHistory history;

    @BeforeAll
    void start() {
        long[] offsets = {-900, 350, 1200, -40, 700, -1500};
        int port = MockCluster.freePort(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            agents.add(MockCluster.startAgent(i, port, offsets[i], 20.0 * (i - 3)));
        }
        MockCluster.createService(client);
        for (ConfigurableApplicationContext agent : agents) {
            client.nodes()
                    .resource(new io.fabric8.kubernetes.api.model.NodeBuilder()
                            .withNewMetadata()
                            .withName(MockCluster.nodeName(agent))
                            .addToLabels("topology.kubernetes.io/zone", "zone-of-" + MockCluster.nodeName(agent))
                            .endMetadata()
                            .build())
                    .create();
        }
        MockCluster.publishEndpoints(client, agents.subList(0, 3));
        daemon = MockCluster.startDaemon("daemon-k8s", client.getMasterUrl().toString());
        history = daemon.getBean(RoundHistory.class);
    }

    @AfterAll
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        agents.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void discoversAgentsWithPodAndNodeNamesAndFollowsScaling() {
        RoundRecord first = awaitRoundWith(3, 0);
        assertThat(first.agents())
                .extracting(AgentResult::agentId, AgentResult::pod, AgentResult::node, AgentResult::zone)
                .containsExactlyInAnyOrder(
                        tuple("agent-1", "agent-1-pod", "agent-1-node", "zone-of-agent-1-node"),
                        tuple("agent-2", "agent-2-pod", "agent-2-node", "zone-of-agent-2-node"),
                        tuple("agent-3", "agent-3-pod", "agent-3-node", "zone-of-agent-3-node"));
        awaitConverged(agents.subList(0, 3));

        MockCluster.publishEndpoints(client, agents);
        RoundRecord scaledUp = awaitRoundWith(6, first.round());
        assertThat(scaledUp.count(AgentState.UNREACHABLE)).isZero();
        awaitConverged(agents);

        MockCluster.publishEndpoints(client, agents.subList(0, 2));
        long before = history.latest().orElseThrow().round();
        RoundRecord scaledDown = awaitRoundWith(2, before);
        assertThat(scaledDown.round())
                .as("membership follows within one round of the change")
                .isLessThanOrEqualTo(before + 2);
        assertThat(agentTags(daemon.getBean(MeterRegistry.class)))
                .as("vanished agents leave their metric series")
                .containsExactlyInAnyOrder("agent-1", "agent-2");
    }

    private RoundRecord awaitRoundWith(int members, long afterRound) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> history.latest()
                                .filter(r ->
                                        r.round() > afterRound && r.agents().size() == members)
                                .orElse(null),
                        r -> r != null);
    }

    private void awaitConverged(List<ConfigurableApplicationContext> running) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> TestAgents.trueSpreadNanos(running), spread -> spread < 2_000_000L);
    }

    private static Set<String> agentTags(MeterRegistry registry) {
        return registry.find("clocksync.agent.offset").gauges().stream()
                .map(g -> g.getId().getTag("agent"))
                .collect(Collectors.toSet());
    }
}
