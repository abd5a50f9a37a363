package dev.clocksync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.daemon.round.AdjustmentOutcome;
import dev.clocksync.daemon.round.AgentResult;
import dev.clocksync.daemon.round.AgentState;
import dev.clocksync.daemon.round.RoundHistory;
import dev.clocksync.daemon.round.RoundRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An agent that accepts connections and never answers (a hung process, a black-holed path) must
 * not stall a round: the round ends at its deadline, the silent agent is reported unreachable, and
 * the others are corrected as usual.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundDeadlineTest {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration ROUND_TIMEOUT = Duration.ofMillis(600);

    final List<ConfigurableApplicationContext> agents = new ArrayList<>();
    final List<Socket> heldOpen = new CopyOnWriteArrayList<>();
    ServerSocket blackHole;
    ConfigurableApplicationContext daemon;

    @BeforeAll
    void start() throws IOException {
        agents.add(TestAgents.start("agent-1", 300, 0, "--clocksync.agent.warmup-requests=200"));
        agents.add(TestAgents.start("agent-2", -300, 0, "--clocksync.agent.warmup-requests=200"));
        blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!blackHole.isClosed()) {
                try {
                    heldOpen.add(blackHole.accept()); // read nothing, answer nothing
                } catch (IOException e) {
                    return;
                }
            }
        });
        String instances = "--spring.cloud.discovery.client.simple.instances.clocksync-agent";
        daemon = new SpringApplicationBuilder(TimeDaemonApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--clocksync.daemon.interval=" + INTERVAL.toMillis() + "ms",
                        "--clocksync.daemon.round-timeout=" + ROUND_TIMEOUT.toMillis() + "ms",
                        "--clocksync.daemon.request-timeout=5s",
                        "--clocksync.daemon.security.hmac-key=" + TestAgents.KEY,
                        instances + "[0].uri=http://127.0.0.1:" + TestAgents.port(agents.get(0)),
                        instances + "[0].instance-id=agent-1",
                        instances + "[1].uri=http://127.0.0.1:" + TestAgents.port(agents.get(1)),
                        instances + "[1].instance-id=agent-2",
                        instances + "[2].uri=http://127.0.0.1:" + blackHole.getLocalPort(),
                        instances + "[2].instance-id=silent");
    }

    @AfterAll
    void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        agents.forEach(ConfigurableApplicationContext::close);
        blackHole.close();
        for (Socket socket : heldOpen) {
            socket.close();
        }
    }

    @Test
    void silentAgentCannotStallARound() {
        RoundHistory history = daemon.getBean(RoundHistory.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> history.latest(10_000).size() >= 3);
        List<RoundRecord> rounds = history.latest(3);
        for (RoundRecord round : rounds) {
            assertThat(Duration.ofNanos(round.durationNanos()))
                    .as("round %d duration (request timeout 5 s, round timeout 600 ms)", round.round())
                    .isLessThan(ROUND_TIMEOUT.plusMillis(300));
            AgentResult silent = round.agents().stream()
                    .filter(a -> a.key().equals("silent"))
                    .findFirst()
                    .orElseThrow();
            assertThat(silent.state()).isEqualTo(AgentState.UNREACHABLE);
            assertThat(silent.adjustment()).isEqualTo(AdjustmentOutcome.NOT_SENT);
            assertThat(round.agents())
                    .filteredOn(a -> !a.key().equals("silent"))
                    .allSatisfy(a -> assertThat(a.state()).isNotEqualTo(AgentState.UNREACHABLE));
        }
        assertThat(rounds)
                .as("the reachable agents are still corrected")
                .anySatisfy(r -> assertThat(r.agents())
                        .filteredOn(a -> !a.key().equals("silent"))
                        .allSatisfy(a ->
                                assertThat(a.adjustment()).isIn(AdjustmentOutcome.SLEWED, AdjustmentOutcome.STEPPED)));
    }
}
