package dev.clocksync.systemtest.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.client.ClockStatus;
import dev.clocksync.client.spring.ClocksyncClientAutoConfiguration;
import dev.clocksync.systemtest.process.ProjectPaths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Spring Boot starter in an application context against a real agent process: health UNKNOWN
 * while the agent is unsynchronized, then UP with the agent's error bound, and the application's
 * primary Clock telling the host time within that bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StarterSystemTest {

    AgentUnderTest agent;

    @BeforeAll
    void start() {
        agent = AgentUnderTest.start(
                "starter-agent", Duration.ofSeconds(-2), ProjectPaths.workDirectory("starter-system-test"));
    }

    @AfterAll
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void theApplicationsClockIsClocksyncTimeAndItsHealthFollowsTheAgent() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClocksyncClientAutoConfiguration.class))
                .withBean("systemClock", Clock.class, Clock::systemUTC)
                .withPropertyValues(
                        "clocksync.client.agent-url=" + agent.baseUri(),
                        "clocksync.client.poll-interval=100ms",
                        "clocksync.client.primary=true")
                .run(context -> {
                    HealthIndicator health = context.getBean("clocksyncHealthIndicator", HealthIndicator.class);
                    await("a first poll")
                            .atMost(Duration.ofSeconds(10))
                            .untilAsserted(() ->
                                    assertThat(health.health().getDetails()).containsKey("lastFailure"));
                    Health unsynchronized = health.health();
                    assertThat(unsynchronized.getStatus()).isEqualTo(Status.UNKNOWN);
                    assertThat((String) unsynchronized.getDetails().get("lastFailure"))
                            .contains("reports UNKNOWN");

                    agent.adjust(Duration.ofSeconds(2), Duration.ofMillis(2));

                    await("health UP")
                            .atMost(Duration.ofSeconds(10))
                            .until(() -> health.health().getStatus().equals(Status.UP));
                    Health up = health.health();
                    assertThat(up.getDetails()).containsEntry("status", ClockStatus.SYNCED);
                    long bound = (long) up.getDetails().get("errorBoundNanos");
                    assertThat(bound).isBetween(2_000_000L, 1_000_000_000L);

                    Clock clock = context.getBean(Clock.class);
                    Instant before = Instant.now();
                    Instant clocksync = clock.instant();
                    Instant after = Instant.now();
                    assertThat(clocksync).isBetween(before.minusNanos(bound * 2), after.plusNanos(bound * 2));
                });
    }
}
