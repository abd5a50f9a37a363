package dev.clocksync.daemon.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.core.clock.ClockState;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.signing.ProbeNonces;
import dev.clocksync.daemon.TestAgents;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import dev.clocksync.daemon.leader.Leadership;
import dev.clocksync.daemon.probe.AgentClient;
import dev.clocksync.daemon.round.RoundHistory;
import dev.clocksync.daemon.round.RoundRecord;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * Two daemon replicas elect a leader with a Lease in a mock API server (CRUD mode). Each reaches
 * the API server through its own TCP proxy, so the test can partition either from it.
 * Lease timings are short (3 s lease, 2 s renew deadline, 500 ms retry) to keep the test quick.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderElectionTest {

    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    static KubernetesClient client;

    final List<ConfigurableApplicationContext> agents = new ArrayList<>();
    final List<Replica> replicas = new ArrayList<>();

    record Replica(String id, TcpProxy proxy, ConfigurableApplicationContext context) {
        Leadership leadership() {
            return context.getBean(Leadership.class);
        }

        RoundHistory history() {
            return context.getBean(RoundHistory.class);
        }

        long rounds() {
            return history().latest(10_000).size();
        }
    }

    @BeforeAll
    void start() throws Exception {
        int port = MockCluster.freePort(3);
        long[] offsets = {-400, 250, 900};
        for (int i = 0; i < offsets.length; i++) {
            agents.add(MockCluster.startAgent(i, port, offsets[i], 10.0 * (i - 1)));
        }
        MockCluster.createService(client);
        MockCluster.publishSlice(client, agents);
        URI master = URI.create(client.getMasterUrl().toString());
        for (String id : List.of("daemon-a", "daemon-b")) {
            TcpProxy proxy = new TcpProxy(new InetSocketAddress(master.getHost(), master.getPort()));
            ConfigurableApplicationContext context = MockCluster.startDaemon(
                    id,
                    "http://127.0.0.1:" + proxy.port(),
                    "--clocksync.daemon.interval=" + INTERVAL.toMillis() + "ms",
                    "--clocksync.daemon.leader.lease-duration=" + LEASE.toMillis() + "ms",
                    "--clocksync.daemon.leader.renew-deadline=2s",
                    "--clocksync.daemon.leader.retry-period=500ms");
            replicas.add(new Replica(id, proxy, context));
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (Replica replica : replicas) {
            if (replica.context().isActive()) {
                replica.context().close();
            }
            replica.proxy().close();
        }
        agents.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    @Order(1)
    void exactlyOneReplicaRunsRounds() {
        Replica leader = awaitLeader(replicas, Duration.ofSeconds(15));
        Replica follower = other(leader);
        long start = leader.rounds();
        await().atMost(Duration.ofSeconds(10)).until(() -> leader.rounds() >= start + 4);
        assertThat(follower.rounds()).as("rounds run by the follower").isZero();
        assertThat(follower.leadership().isLeader()).isFalse();
        assertThat(follower.leadership().leaderId()).contains(leader.id());
        assertThat(leader.history().latest().orElseThrow().term())
                .isEqualTo(leader.leadership().term());

        // A follower is ready (it serves the read APIs) and names the leader over HTTP.
        RestClient followerApi = RestClient.create("http://127.0.0.1:" + TestAgents.port(follower.context()));
        assertThat(followerApi
                        .get()
                        .uri("/readyz")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> view =
                followerApi.get().uri("/api/v1/leader").retrieve().body(Map.class);
        assertThat(view)
                .containsEntry("leader", false)
                .containsEntry("leaderId", leader.id())
                .containsEntry("mode", "lease");
        assertThat(followerApi
                        .get()
                        .uri("/api/v1/agents")
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void partitionedLeaderIsReplacedAndFencedOff() {
        Replica old = awaitLeader(replicas, Duration.ofSeconds(5));
        Replica next = other(old);
        long oldTerm = old.leadership().term();
        RoundRecord oldLast = old.history().latest().orElseThrow();

        long cutAt = System.nanoTime();
        old.proxy().cut();
        await().atMost(LEASE.plus(INTERVAL).plus(Duration.ofSeconds(2)))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> next.leadership().isLeader());
        Duration takeover = Duration.ofNanos(System.nanoTime() - cutAt);
        System.out.printf(
                "New leader %s after %d ms without the old one's lease renewals%n", next.id(), takeover.toMillis());
        assertThat(takeover).isLessThanOrEqualTo(LEASE.plus(INTERVAL).plus(Duration.ofSeconds(1)));
        assertThat(next.leadership().term()).isGreaterThan(oldTerm);

        // The new leader's rounds reach every agent: they now know the new term.
        long newTerm = next.leadership().term();
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        next.history().latest().filter(r -> r.term() == newTerm).isPresent());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> agents.stream()
                        .allMatch(a -> a.getBean(dev.clocksync.agent.adjust.AdjustmentService.class)
                                        .position()
                                        .term()
                                == newTerm));

        // The deposed leader, still up, tries to adjust with its old term: refused, no clock moves.
        AgentClient deposed = old.context().getBean(AgentClient.class);
        for (ConfigurableApplicationContext agent : agents) {
            DisciplinedClock clock = agent.getBean(DisciplinedClock.class);
            ClockState before = clock.state();
            AgentEndpoint endpoint = new AgentEndpoint(
                    "x",
                    URI.create("http://" + agent.getEnvironment().getProperty("server.address") + ":"
                            + TestAgents.port(agent)),
                    "",
                    "");
            AdjustmentRequest stale = new AdjustmentRequest(
                    old.id(),
                    oldTerm,
                    oldLast.round() + 1,
                    50_000_000L,
                    0L,
                    0L,
                    agent.getBean(ProbeNonces.class).issue());
            assertThat(deposed.adjust(endpoint, stale))
                    .isInstanceOfSatisfying(
                            AgentClient.Delivery.Refused.class,
                            refused -> assertThat(refused.status()).isEqualTo(409));
            ClockState after = clock.state();
            assertThat(after.updates()).isEqualTo(before.updates());
            assertThat(after.lastCorrectionNanos()).isEqualTo(before.lastCorrectionNanos());
        }
        old.proxy().heal();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> old.leadership().leaderId().equals(Optional.of(next.id())));
        assertThat(old.leadership().isLeader()).isFalse();
    }

    @Test
    @Order(3)
    void gracefulShutdownOfTheLeaderHandsOverWithinAboutTwoSeconds() {
        Replica leader = awaitLeader(replicas, Duration.ofSeconds(5));
        Replica follower = other(leader);
        long oldTerm = leader.leadership().term();
        long start = System.nanoTime();
        leader.context().close();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> follower.leadership().isLeader());
        Duration handover = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("Handover after graceful shutdown: %d ms%n", handover.toMillis());
        assertThat(handover).isLessThan(Duration.ofMillis(2_500));
        assertThat(follower.leadership().term()).isGreaterThan(oldTerm);
    }

    private Replica other(Replica replica) {
        return replicas.stream().filter(r -> r != replica).findFirst().orElseThrow();
    }

    private static Replica awaitLeader(List<Replica> replicas, Duration timeout) {
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> {
                            List<Replica> leaders = replicas.stream()
                                    .filter(r -> r.context().isActive()
                                            && r.leadership().isLeader())
                                    .toList();
                            return leaders.size() == 1 ? leaders.get(0) : null;
                        },
                        r -> r != null);
    }
}
