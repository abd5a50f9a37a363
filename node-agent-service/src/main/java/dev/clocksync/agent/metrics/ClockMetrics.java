package dev.clocksync.agent.metrics;

import dev.clocksync.agent.adjust.AdjustmentService;
import dev.clocksync.core.clock.ClockStatus;
import dev.clocksync.core.clock.DisciplinedClock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** The agent's clock as Prometheus sees it. Signed values are gauges. */
@Component
class ClockMetrics implements MeterBinder {

    private static final double NANOS_PER_SECOND = 1e9;

    private final DisciplinedClock clock;
    private final AdjustmentService adjustments;

    ClockMetrics(DisciplinedClock clock, AdjustmentService adjustments) {
        this.clock = clock;
        this.adjustments = adjustments;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("clocksync.clock.last.correction", adjustments, a -> a.lastCorrectionNanos() / NANOS_PER_SECOND)
                .description("Last correction received from the daemon")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("clocksync.clock.frequency", clock, c -> c.state().frequencyPpm())
                .description("Frequency compensation applied to the oscillator")
                .baseUnit("ppm")
                .register(registry);
        Gauge.builder("clocksync.clock.error.bound", clock, ClockMetrics::errorBoundSeconds)
                .description("Bound on the clock's error; +Inf before the first synchronization")
                .baseUnit("seconds")
                .register(registry);
        for (ClockStatus status : ClockStatus.values()) {
            Gauge.builder("clocksync.clock.status", clock, c -> c.state().status() == status ? 1 : 0)
                    .description("1 for the clock's current status, 0 for the others")
                    .tag("status", status.name())
                    .register(registry);
        }
        FunctionCounter.builder("clocksync.clock.steps", clock, c -> c.state().steps())
                .description("Corrections applied by stepping the clock")
                .register(registry);
        FunctionCounter.builder("clocksync.clock.slews", clock, c -> c.state().slews())
                .description("Corrections applied by slewing the clock")
                .register(registry);
    }

    private static double errorBoundSeconds(DisciplinedClock clock) {
        long bound = clock.state().errorBoundNanos();
        return bound == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : bound / NANOS_PER_SECOND;
    }
}
