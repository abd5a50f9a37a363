package dev.clocksync.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.agent.adjust.AdjustmentService;
import dev.clocksync.agent.clock.AgentIdentity;
import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.core.clock.ClockPolicy;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.signing.ProbeNonces;
import dev.clocksync.core.time.ManualTimeSource;
import dev.clocksync.core.time.SimulatedOscillator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The agent's meters as a real Prometheus registry renders them, on a simulated clock. */
class ClockMetricsTest {

    final ManualTimeSource time = new ManualTimeSource(1_800_000_000_000_000_000L);
    final SimulatedOscillator oscillator = new SimulatedOscillator(time, 250_000_000L, 0, 0, new Random(1));
    final DisciplinedClock clock = new DisciplinedClock(oscillator, time, ClockPolicy.defaults());
    final ProbeNonces nonces = new ProbeNonces(time, Duration.ofSeconds(30));
    final AdjustmentService adjustments = new AdjustmentService(
            clock,
            new AgentIdentity("agent-1", "epoch-1"),
            new Binder(new MapConfigurationPropertySource(Map.of("clocksync.agent.id", "agent-1")))
                    .bindOrCreate("clocksync.agent", AgentProperties.class),
            time,
            nonces);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void anUnsynchronizedClockIsUnknownWithAnInfiniteErrorBound() {
        new ClockMetrics(clock, adjustments).bindTo(registry);
        String text = registry.scrape();

        assertThat(value(text, "clocksync_clock_status{status=\"UNKNOWN\"}")).isEqualTo(1.0);
        assertThat(value(text, "clocksync_clock_status{status=\"SYNCED\"}")).isZero();
        assertThat(value(text, "clocksync_clock_error_bound_seconds")).isInfinite();
        assertThat(value(text, "clocksync_clock_frequency_ppm")).isZero();
        assertThat(text)
                .contains("# TYPE clocksync_clock_steps_total counter", "# TYPE clocksync_clock_slews_total counter");
    }

    @Test
    void aStepShowsInStatusOffsetAndCounters() {
        new ClockMetrics(clock, adjustments).bindTo(registry);
        adjustments.apply(
                new AdjustmentRequest("daemon", 1L, 1L, -250_000_000L, time.epochNanos(), 50_000L, nonces.issue()));
        time.advance(Duration.ofMillis(10));
        String text = registry.scrape();

        assertThat(value(text, "clocksync_clock_status{status=\"SYNCED\"}")).isEqualTo(1.0);
        assertThat(value(text, "clocksync_clock_last_correction_seconds")).isEqualTo(-0.25);
        assertThat(value(text, "clocksync_clock_steps_total") + value(text, "clocksync_clock_slews_total"))
                .isEqualTo(1.0);
        assertThat(value(text, "clocksync_clock_error_bound_seconds")).isBetween(0.0, 0.001);
    }

    static double value(String text, String nameAndLabels) {
        return PrometheusText.value(text, nameAndLabels);
    }
}
