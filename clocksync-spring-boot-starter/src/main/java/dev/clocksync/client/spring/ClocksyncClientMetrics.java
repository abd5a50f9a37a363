package dev.clocksync.client.spring;

import dev.clocksync.client.ClockStatus;
import dev.clocksync.client.ClockView;
import dev.clocksync.client.ClocksyncClock;
import dev.clocksync.client.TimeInterval;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The application's view of clocksync time: {@code clocksync.client.error.bound} (seconds,
 * +Inf while unbounded), {@code clocksync.client.status} (1 for the current status, tag status),
 * {@code clocksync.client.reading.age} (seconds since the reading the clock extrapolates from) and
 * {@code clocksync.client.polls} (counter, tag result ok or failed).
 */
class ClocksyncClientMetrics implements MeterBinder {

    private final ClocksyncClock clock;

    ClocksyncClientMetrics(ClocksyncClock clock) {
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("clocksync.client.error.bound", clock, c -> seconds(c.interval()))
                .description("Bound on the error of the clocksync time the application reads")
                .baseUnit("seconds")
                .register(registry);
        for (ClockStatus status : ClockStatus.values()) {
            Gauge.builder("clocksync.client.status", clock, c -> c.interval().status() == status ? 1 : 0)
                    .description("1 for the clocksync clock's current status as the application sees it")
                    .tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("clocksync.client.reading.age", clock, c -> age(c.view()))
                .description("Time since the synchronized reading the clock extrapolates from")
                .baseUnit("seconds")
                .register(registry);
        FunctionCounter.builder("clocksync.client.polls", clock, c -> {
                    ClockView view = c.view();
                    return view.polls() - view.failedPolls();
                })
                .description("Polls of the agent")
                .tag("result", "ok")
                .register(registry);
        FunctionCounter.builder("clocksync.client.polls", clock, c -> c.view().failedPolls())
                .description("Polls of the agent")
                .tag("result", "failed")
                .register(registry);
    }

    private static double seconds(TimeInterval interval) {
        return interval.isBounded() ? interval.errorBoundNanos() / 1e9 : Double.POSITIVE_INFINITY;
    }

    private static double age(ClockView view) {
        return view.readingAgeNanos() == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : view.readingAgeNanos() / 1e9;
    }
}
