package dev.clocksync.client.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.client.ClocksyncClient;
import dev.clocksync.client.ClocksyncClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ClocksyncClientAutoConfigurationTest {

    final StubAgent agent = new StubAgent();
    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ClocksyncClientAutoConfiguration.class))
            .withPropertyValues("clocksync.client.agent-url=" + agent.uri(), "clocksync.client.poll-interval=50ms");

    @AfterEach
    void stop() {
        agent.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationClock {
        @Bean
        Clock systemClock() {
            return Clock.systemUTC();
        }
    }

    @Test
    void theClientAndTheClockAreConfiguredFromTheProperties() {
        runner.withPropertyValues("clocksync.client.timeout=250ms", "clocksync.client.max-drift-ppm=20")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ClocksyncClient.class);
                    assertThat(context).hasSingleBean(ClocksyncClock.class);
                    ClocksyncClient client = context.getBean(ClocksyncClient.class);
                    assertThat(client.agentUri()).isEqualTo(agent.uri());
                    assertThat(client.maxDriftPpm()).isEqualTo(20);
                });
    }

    @Test
    void withoutAnAgentUrlTheClientUsesTheEnvironmentOrLocalhost() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClocksyncClientAutoConfiguration.class))
                .run(context -> {
                    String configured = System.getenv(ClocksyncClient.AGENT_URL_VARIABLE);
                    URI expected = configured == null || configured.isBlank()
                            ? ClocksyncClient.DEFAULT_AGENT_URI
                            : URI.create(configured.strip());
                    assertThat(context.getBean(ClocksyncClient.class).agentUri())
                            .isEqualTo(expected);
                });
    }

    @Test
    void theClockIsTheApplicationsPrimaryClockOnlyWhenAskedTo() {
        runner.withUserConfiguration(ApplicationClock.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(Clock.class)).hasSize(2);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getBean(Clock.class))
                    .isInstanceOf(NoUniqueBeanDefinitionException.class);
        });
        runner.withUserConfiguration(ApplicationClock.class)
                .withPropertyValues("clocksync.client.primary=true")
                .run(context -> assertThat(context.getBean(Clock.class)).isInstanceOf(ClocksyncClock.class));
    }

    @Test
    void anApplicationsOwnClientAndClockWin() {
        runner.withBean(
                        "myClient",
                        ClocksyncClient.class,
                        () -> ClocksyncClient.builder()
                                .agentUri(URI.create("http://agent.example:9999"))
                                .build())
                .run(context -> {
                    assertThat(context).hasSingleBean(ClocksyncClient.class);
                    assertThat(context.getBean(ClocksyncClient.class).agentUri())
                            .isEqualTo(URI.create("http://agent.example:9999"));
                });
    }

    @Test
    void disabledItConfiguresNothing() {
        runner.withPropertyValues("clocksync.client.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(ClocksyncClient.class);
            assertThat(context).doesNotHaveBean(ClocksyncClock.class);
            assertThat(context).doesNotHaveBean(ClocksyncHealthIndicator.class);
        });
    }

    @Test
    void badSettingsStopTheStartWithAMessageThatNamesThem() {
        runner.withPropertyValues("clocksync.client.agent-url=ftp://agent:21")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("agentUri must be an absolute http(s) URI")
                        .hasMessageContaining("ftp://agent:21"));
        runner.withPropertyValues("clocksync.client.poll-interval=1ms")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("pollInterval must be at least 10ms"));
        runner.withPropertyValues("clocksync.client.max-drift-ppm=-5")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("maxDriftPpm must be within 0..100000, got -5"));
    }

    @Test
    void healthIsUnknownUntilTheFirstSynchronizedReadingThenUpWithTheErrorBound() {
        runner.run(context -> {
            ClocksyncHealthIndicator indicator = context.getBean(ClocksyncHealthIndicator.class);
            await().until(() -> context.getBean(ClocksyncClock.class).view().polls() > 0);
            Health before = indicator.health();
            assertThat(before.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(before.getDetails()).containsEntry("agent", agent.uri().toString());
            assertThat((String) before.getDetails().get("lastFailure")).contains("HTTP 503");

            agent.synced(40_000, "SYNCED");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> indicator.health().getStatus().equals(Status.UP));
            Health up = indicator.health();
            assertThat(up.getDetails())
                    .containsEntry("status", dev.clocksync.client.ClockStatus.SYNCED)
                    .containsEntry("reference", "consensus")
                    .containsKey("errorBoundNanos");
            assertThat((long) up.getDetails().get("errorBoundNanos")).isGreaterThanOrEqualTo(40_000);
        });
    }

    @Test
    void aDisruptedAgentWithNothingToFallBackOnIsDown() {
        agent.synced(40_000, "DISRUPTED");
        runner.run(context -> await().atMost(Duration.ofSeconds(10))
                .until(() -> context.getBean(ClocksyncHealthIndicator.class)
                        .health()
                        .getStatus()
                        .equals(Status.DOWN)));
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOffOrBeAbsentWithoutActuator() {
        runner.withPropertyValues("management.health.clocksync.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ClocksyncHealthIndicator.class));
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ClocksyncHealthIndicator.class);
                    assertThat(context).hasSingleBean(ClocksyncClock.class);
                });
    }

    @Test
    void gaugesShowTheClientsView() {
        agent.synced(40_000, "SYNCED");
        runner.run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(ClocksyncClientMetrics.class).bindTo(registry);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.get("clocksync.client.status")
                                    .tag("status", "SYNCED")
                                    .gauge()
                                    .value()
                            == 1);
            assertThat(registry.get("clocksync.client.status")
                            .tag("status", "UNKNOWN")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("clocksync.client.error.bound").gauge().value())
                    .isBetween(40e-6, 1.0);
            assertThat(registry.get("clocksync.client.reading.age").gauge().value())
                    .isBetween(0.0, 10.0);
            assertThat(registry.get("clocksync.client.polls")
                            .tag("result", "ok")
                            .functionCounter()
                            .count())
                    .isPositive();
        });
    }
}
