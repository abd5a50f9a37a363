package dev.clocksync.daemon.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.daemon.discovery.AgentDirectory;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Beyond what Endpoints can hold (1,000 addresses): 1,500 agents in 15 EndpointSlices of 100 in a
 * mock API server (CRUD mode), followed by one running daemon as slices are added and deleted,
 * endpoints removed, and an endpoint turns not ready and ready again. No agent answers at these
 * addresses, so rounds are off and the test reads the daemon's membership itself.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndpointSliceScaleTest {

    static final int SLICES = 15;
    static final int PER_SLICE = 100;
    static final int PORT = 8081;
    static final Duration FOLLOWS_WITHIN = Duration.ofSeconds(30);

    static KubernetesClient client;

    final List<ConfigurableApplicationContext> daemons = new ArrayList<>();
    AgentDirectory directory;

    @BeforeAll
    void start() {
        directory = startDaemon("daemon-slices", client.getMasterUrl().toString());
    }

    @AfterAll
    void stop() {
        daemons.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    @Order(1)
    void fifteenHundredAgentsAcrossFifteenSlicesAreAllMembersWithTheirNodesAndZones() {
        for (int s = 0; s < SLICES; s++) {
            MockCluster.apply(client, slice(s, i -> true));
        }
        // Another Service's slice in the same namespace is no agent.
        MockCluster.apply(
                client,
                MockCluster.slice(
                        "other-abcde",
                        "other",
                        PORT,
                        List.of(MockCluster.endpoint("10.99.0.1", "other-0", "n", "z", true))));

        List<AgentEndpoint> members = awaitMembers(SLICES * PER_SLICE);

        assertThat(members).containsExactlyInAnyOrderElementsOf(expected(IntStream.range(0, SLICES * PER_SLICE)));
        assertThat(members.stream().map(AgentEndpoint::zone).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("eu-west-1a", "eu-west-1b", "eu-west-1c");
        assertThat(members.stream().map(AgentEndpoint::node).distinct()).hasSize(SLICES * PER_SLICE / 10);
    }

    @Test
    @Order(2)
    void scalingUpAndDownIsFollowedWithoutARestart() {
        MockCluster.apply(client, slice(SLICES, i -> true));
        assertThat(awaitMembers(1_600)).containsAll(expected(IntStream.range(1_500, 1_600)));

        // Scaled down: the first 40 agents leave slice 0.
        MockCluster.apply(client, slice(0, i -> i >= 40));
        assertThat(awaitMembers(1_560))
                .extracting(AgentEndpoint::pod)
                .doesNotContainAnyElementsOf(pods(IntStream.range(0, 40)));

        // Agent 100 turns not ready (its probe fails, or it terminates); 101 has no ready condition
        // at all, which Kubernetes defines as ready.
        MockCluster.apply(client, slice(1, i -> i != 100, i -> i == 101 ? null : i != 100));
        List<AgentEndpoint> members = awaitMembers(1_559);
        assertThat(members)
                .extracting(AgentEndpoint::pod)
                .doesNotContain("agent-100")
                .contains("agent-101");

        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(MockCluster.NAMESPACE)
                .withName(sliceName(SLICES))
                .delete();
        awaitMembers(1_459);

        MockCluster.apply(client, slice(1, i -> true));
        assertThat(awaitMembers(1_460)).containsExactlyInAnyOrderElementsOf(expected(IntStream.range(40, 1_500)));
    }

    /** A daemon that starts while the API server is unreachable finds its agents once it is reachable. */
    @Test
    @Order(3)
    void aDaemonStartedWhileTheApiServerIsUnreachableFindsItsAgentsLater() throws Exception {
        int present = directory.members().size();
        URI master = URI.create(client.getMasterUrl().toString());
        try (TcpProxy proxy = new TcpProxy(new InetSocketAddress(master.getHost(), master.getPort()))) {
            proxy.cut();
            AgentDirectory cutOff = startDaemon("daemon-cut-off", "http://127.0.0.1:" + proxy.port());
            assertThat(cutOff.members()).isEmpty();

            proxy.heal();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> cutOff.members().size() == present);
            assertThat(cutOff.members()).isEqualTo(directory.members());
        }
    }

    private AgentDirectory startDaemon(String id, String masterUrl) {
        ConfigurableApplicationContext daemon = MockCluster.startDaemon(
                id,
                masterUrl,
                "--clocksync.daemon.scheduling-enabled=false",
                "--clocksync.daemon.leader.enabled=false");
        daemons.add(daemon);
        return daemon.getBean(AgentDirectory.class);
    }

    private List<AgentEndpoint> awaitMembers(int count) {
        return await().atMost(FOLLOWS_WITHIN)
                .pollInterval(Duration.ofMillis(50))
                .until(directory::members, members -> members.size() == count);
    }

    /** Slice s holds agents 100 s .. 100 s + 99 that pass the filter, all ready. */
    private static EndpointSlice slice(int s, IntPredicate present) {
        return slice(s, present, i -> true);
    }

    private static EndpointSlice slice(int s, IntPredicate present, IntFunction<Boolean> ready) {
        List<Endpoint> endpoints = IntStream.range(s * PER_SLICE, (s + 1) * PER_SLICE)
                .filter(present)
                .mapToObj(i -> MockCluster.endpoint(ip(i), pod(i), node(i), zone(i), ready.apply(i)))
                .toList();
        return MockCluster.slice(sliceName(s), MockCluster.SERVICE, PORT, endpoints);
    }

    private static String sliceName(int s) {
        return MockCluster.SERVICE + "-" + (char) ('a' + s) + "x7k2";
    }

    private static List<AgentEndpoint> expected(IntStream agents) {
        return agents.mapToObj(i -> new AgentEndpoint(
                        "uid-" + pod(i), URI.create("http://" + ip(i) + ":" + PORT), pod(i), node(i), zone(i)))
                .toList();
    }

    private static Set<String> pods(IntStream agents) {
        return agents.mapToObj(EndpointSliceScaleTest::pod).collect(Collectors.toSet());
    }

    private static String ip(int i) {
        return "10.1." + (i / 250) + "." + (i % 250 + 1);
    }

    private static String pod(int i) {
        return "agent-" + i;
    }

    /** Ten agents per node, nodes spread over three zones. */
    private static String node(int i) {
        return "node-" + (i / 10);
    }

    private static String zone(int i) {
        return "eu-west-1" + (char) ('a' + (i / 10) % 3);
    }
}
