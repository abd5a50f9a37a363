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
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The daemon finds its agents in a mock API server (CRUD mode): the EndpointSlice of their
 * headless Service, which the test edits to scale the agents 3 -> 6 -> 2 while rounds run against
 * real agents over real HTTP; and rounds read membership from the informer's cache, not the API
 * server.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesDiscoveryTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

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
        MockCluster.publishSlice(client, agents.subList(0, 3));
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
    @Order(1)
    void discoversAgentsWithPodNodeAndZoneFromTheSliceAndFollowsScaling() {
        RoundRecord first = awaitRoundWith(3, 0);
        assertThat(first.agents())
                .extracting(AgentResult::agentId, AgentResult::pod, AgentResult::node, AgentResult::zone)
                .containsExactlyInAnyOrder(
                        tuple("agent-1", "agent-1-pod", "agent-1-node", "zone-of-agent-1-node"),
                        tuple("agent-2", "agent-2-pod", "agent-2-node", "zone-of-agent-2-node"),
                        tuple("agent-3", "agent-3-pod", "agent-3-node", "zone-of-agent-3-node"));
        awaitConverged(agents.subList(0, 3));

        MockCluster.publishSlice(client, agents);
        RoundRecord scaledUp = awaitRoundWith(6, first.round());
        assertThat(scaledUp.count(AgentState.UNREACHABLE)).isZero();
        awaitConverged(agents);

        MockCluster.publishSlice(client, agents.subList(0, 2));
        long before = history.latest().orElseThrow().round();
        RoundRecord scaledDown = awaitRoundWith(2, before);
        assertThat(scaledDown.round())
                .as("membership follows within one round of the change")
                .isLessThanOrEqualTo(before + 2);
        assertThat(agentTags(daemon.getBean(MeterRegistry.class)))
                .as("vanished agents leave their metric series")
                .containsExactlyInAnyOrder("agent-1", "agent-2");
    }

    /**
     * Every request the mock server receives is recorded: across several rounds the daemon renews
     * its Lease but never asks for Endpoints or EndpointSlices (the informer's watch was opened
     * before the first round).
     */
    @Test
    @Order(2)
    void roundsReadMembershipFromTheInformerCacheNotTheApiServer() throws InterruptedException {
        long start = awaitRound(r -> !r.agents().isEmpty()).round();
        drainRequests();

        awaitRound(r -> r.round() >= start + 3 && !r.agents().isEmpty());
        List<RecordedRequest> during = drainRequests();
        assertThat(during)
                .as("the daemon's API traffic during the rounds is recorded")
                .anyMatch(r -> r.getPath().contains("/leases/"));
        assertThat(during)
                .extracting(r -> r.getMethod() + " " + r.getPath())
                .as("requests for membership during three rounds")
                .noneMatch(line -> line.contains("/endpointslices") || line.contains("/endpoints"));
    }

    private static List<RecordedRequest> drainRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(50, TimeUnit.MILLISECONDS);
                r != null;
                r = server.takeRequest(50, TimeUnit.MILLISECONDS)) {
            requests.add(r);
        }
        return requests;
    }

    private RoundRecord awaitRoundWith(int members, long afterRound) {
        return awaitRound(r -> r.round() > afterRound && r.agents().size() == members);
    }

    private RoundRecord awaitRound(Predicate<RoundRecord> wanted) {
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> history.latest().filter(wanted).orElse(null), r -> r != null);
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
