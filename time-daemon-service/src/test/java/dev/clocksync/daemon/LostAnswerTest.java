package dev.clocksync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.daemon.round.AdjustmentOutcome;
import dev.clocksync.daemon.round.AgentResult;
import dev.clocksync.daemon.round.RoundHistory;
import dev.clocksync.daemon.round.RoundOutcome;
import dev.clocksync.daemon.round.RoundRecord;
import dev.clocksync.daemon.round.RoundScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An adjustment the agent applied but whose answer never came back is not recorded as failed:
 * it is unconfirmed until the agent's next probe shows what it did, and is then settled, in the
 * round record and in the adjustment counter alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostAnswerTest {

    ConfigurableApplicationContext agent;
    ConfigurableApplicationContext other;
    LostAnswerProxy proxy;
    ConfigurableApplicationContext daemon;

    @BeforeAll
    void start() throws IOException {
        agent = TestAgents.start("agent-1", 40, 0, "--clocksync.agent.warmup-requests=200");
        other = TestAgents.start("agent-2", -40, 0, "--clocksync.agent.warmup-requests=200");
        proxy = new LostAnswerProxy(TestAgents.port(agent));
        String instances = "--spring.cloud.discovery.client.simple.instances.clocksync-agent";
        daemon = new SpringApplicationBuilder(TimeDaemonApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--clocksync.daemon.scheduling-enabled=false",
                        "--clocksync.daemon.request-timeout=2s",
                        // generous on a busy machine: this test is about answers, not deadlines
                        "--clocksync.daemon.interval=20s",
                        "--clocksync.daemon.round-timeout=15s",
                        "--clocksync.daemon.security.hmac-key=" + TestAgents.KEY,
                        instances + "[0].uri=http://127.0.0.1:" + proxy.port(),
                        instances + "[0].instance-id=agent-1",
                        instances + "[1].uri=http://127.0.0.1:" + TestAgents.port(other),
                        instances + "[1].instance-id=agent-2");
    }

    @AfterAll
    void stop() {
        for (AutoCloseable started : new AutoCloseable[] {daemon, proxy, agent, other}) {
            if (started != null) {
                try {
                    started.close();
                } catch (Exception e) {
                    System.err.println("closing " + started + ": " + e);
                }
            }
        }
    }

    @Test
    void anAppliedAdjustmentWhoseAnswerWasLostIsSettledAsAppliedByTheNextProbe() {
        RoundScheduler rounds = daemon.getBean(RoundScheduler.class);
        RoundHistory history = daemon.getBean(RoundHistory.class);
        MeterRegistry meters = daemon.getBean(MeterRegistry.class);

        RoundRecord warmUp = rounds.runNow().orElseThrow();
        assertThat(line(warmUp, "agent-1").adjustment().applied())
                .as(warmUp.toString())
                .isTrue();
        long updates = agent.getBean(DisciplinedClock.class).state().updates();

        proxy.loseAnswersToPosts(true);
        RoundRecord first = rounds.runNow().orElseThrow();
        assertThat(line(first, "agent-1").adjustment())
                .as(line(first, "agent-1").toString())
                .isEqualTo(AdjustmentOutcome.UNCONFIRMED);
        assertThat(first.outcome()).isEqualTo(RoundOutcome.PARTIAL);
        await("the agent applies it all the same")
                .atMost(Duration.ofSeconds(30))
                .until(() -> agent.getBean(DisciplinedClock.class).state().updates() == updates + 1);
        assertThat(adjustments(meters, "unconfirmed"))
                .as("not counted until settled")
                .isZero();

        proxy.loseAnswersToPosts(false);
        RoundRecord second = rounds.runNow().orElseThrow();

        List<RoundRecord> kept = history.latest(2);
        assertThat(kept.get(0)).isEqualTo(second);
        RoundRecord amended = kept.get(1);
        assertThat(amended.round()).isEqualTo(first.round());
        assertThat(line(amended, "agent-1").adjustment()).isEqualTo(AdjustmentOutcome.APPLIED);
        assertThat(line(amended, "agent-1").detail()).contains("applied");
        assertThat(amended.outcome()).isEqualTo(RoundOutcome.OK);
        assertThat(adjustments(meters, "applied")).isEqualTo(1);
        assertThat(adjustments(meters, "slewed") + adjustments(meters, "stepped"))
                .as("two in the warm-up round, agent-2's in the lost one, two in the next")
                .isEqualTo(5);
        assertThat(adjustments(meters, "unconfirmed")).isZero();
        assertThat(adjustments(meters, "failed")).isZero();
        assertThat(line(second, "agent-1").adjustment().applied()).isTrue();
    }

    private static AgentResult line(RoundRecord record, String key) {
        return record.agents().stream()
                .filter(a -> a.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static double adjustments(MeterRegistry meters, String result) {
        return meters.get("clocksync.adjustments")
                .tag("result", result)
                .counter()
                .count();
    }
}
