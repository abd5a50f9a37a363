package dev.clocksync.systemtest.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.clocksync.client.AgentUnavailableException;
import dev.clocksync.client.ClockNotSynchronizedException;
import dev.clocksync.client.ClockStatus;
import dev.clocksync.client.ClocksyncClient;
import dev.clocksync.client.ClocksyncClock;
import dev.clocksync.client.TimeInterval;
import dev.clocksync.systemtest.process.ProjectPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The client library against a real node agent process whose simulated clock starts 3 s behind
 * the host clock: unsynchronized, then corrected by a signed adjustment (as the daemon would), then
 * gone. The host clock is the truth the intervals are checked against.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientSystemTest {

    // behind the host: the correction steps it forward (a backward step would be held, with the hold in the bound)
    static final Duration OFFSET = Duration.ofSeconds(-3);
    static final Duration CORRECTION_ERROR = Duration.ofMillis(2);

    Path work;
    AgentUnderTest agent;
    ClocksyncClient client;
    ClocksyncClock clock;

    @BeforeAll
    void start() {
        work = ProjectPaths.workDirectory("client-system-test");
        agent = AgentUnderTest.start("client-agent", OFFSET, work);
        client = ClocksyncClient.builder()
                .agentUri(agent.baseUri())
                .timeout(Duration.ofSeconds(2))
                .build();
        clock = ClocksyncClock.builder(client)
                .pollInterval(Duration.ofMillis(200))
                .start();
    }

    @AfterAll
    void stop() {
        if (clock != null) {
            clock.close();
        }
        if (client != null) {
            client.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    @Order(1)
    void anUnsynchronizedAgentGivesAnUnboundedIntervalAndTheClockRefusesToTellTime() {
        TimeInterval now = client.now();

        assertThat(now.status()).isEqualTo(ClockStatus.UNKNOWN);
        assertThat(now.isBounded()).isFalse();
        assertThatThrownBy(clock::instant)
                .isInstanceOf(ClockNotSynchronizedException.class)
                .hasMessageContaining(agent.baseUri().toString());
        assertThatThrownBy(() -> clock.waitUntilSynced(Duration.ofMillis(500)))
                .isInstanceOf(ClockNotSynchronizedException.class)
                .hasMessageContaining("reports UNKNOWN");
    }

    @Test
    @Order(2)
    void afterACorrectionTheIntervalContainsTheHostClock() throws Exception {
        agent.adjust(OFFSET.negated(), CORRECTION_ERROR);

        for (int i = 0; i < 20; i++) {
            Instant before = Instant.now();
            TimeInterval now = client.now();
            Instant after = Instant.now();
            assertThat(now.status()).isEqualTo(ClockStatus.SYNCED);
            // the agent read its clock between these two host readings, so true time then was within them
            assertThat(now.earliest()).isBeforeOrEqualTo(after);
            assertThat(now.latest()).isAfterOrEqualTo(before);
            assertThat(now.errorBoundNanos())
                    .as("the agent's error plus half this request's round trip")
                    .isGreaterThanOrEqualTo(CORRECTION_ERROR.toNanos())
                    .isLessThan(Duration.ofSeconds(1).toNanos());
        }
    }

    @Test
    @Order(3)
    void theClockSynchronizesTellsTheHostTimeWithinItsBoundAndWaitsOutACommit() throws Exception {
        TimeInterval synced = clock.waitUntilSynced(Duration.ofSeconds(10));
        assertThat(synced.status()).isEqualTo(ClockStatus.SYNCED);

        Instant previous = Instant.MIN;
        for (int i = 0; i < 1_000; i++) {
            Instant before = Instant.now();
            Instant instant = clock.instant();
            Instant after = Instant.now();
            long bound = clock.interval().errorBoundNanos();
            assertThat(instant).isAfterOrEqualTo(previous);
            assertThat(instant).isBetween(before.minusNanos(bound), after.plusNanos(bound));
            previous = instant;
        }

        Instant commit = clock.instant();
        TimeInterval after = clock.waitUntilAfter(commit);
        assertThat(after.isAfter(commit)).isTrue();
        assertThat(Instant.now()).as("host time after the commit wait").isAfter(commit);
    }

    @Test
    @Order(4)
    void whenTheAgentIsGoneNowFailsClearlyAndTheClockRunsFreeOnItsLastReading() {
        Instant before = clock.instant();
        agent.close();

        assertThatThrownBy(client::now)
                .isInstanceOf(AgentUnavailableException.class)
                .hasMessageContaining(agent.baseUri().toString());
        await("the clock notices that the agent is gone")
                .atMost(Duration.ofSeconds(10))
                .until(() -> clock.interval().status() == ClockStatus.FREE_RUNNING);
        assertThat(clock.instant()).isAfterOrEqualTo(before);
        assertThat(clock.view().lastFailure())
                .hasValueSatisfying(f -> assertThat(f).contains("unavailable"));
    }
}
