package dev.clocksync.client.spring;

import dev.clocksync.client.ClockView;
import dev.clocksync.client.ClocksyncClock;
import dev.clocksync.client.TimeInterval;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code clocksync}: UP while the clock's interval holds (SYNCED, or FREE_RUNNING on a
 * past reading), UNKNOWN before the first synchronized reading, DOWN when the agent reports its
 * clock DISRUPTED with nothing to fall back on. Only the application's overall health reflects it:
 * Kubernetes' liveness and readiness groups do not include it unless configured to.
 */
class ClocksyncHealthIndicator implements HealthIndicator {

    private final ClocksyncClock clock;

    ClocksyncHealthIndicator(ClocksyncClock clock) {
        this.clock = clock;
    }

    @Override
    public Health health() {
        ClockView view = clock.view();
        TimeInterval interval = view.interval();
        Health.Builder health = switch (interval.status()) {
            case SYNCED, FREE_RUNNING -> interval.isBounded() ? Health.up() : Health.unknown();
            case UNKNOWN -> Health.unknown();
            case DISRUPTED -> Health.down();
        };
        health.withDetail("agent", view.agentUri()).withDetail("status", interval.status());
        if (interval.isBounded()) {
            health.withDetail("errorBoundNanos", interval.errorBoundNanos())
                    .withDetail("readingAgeMillis", view.readingAgeNanos() / 1_000_000);
        }
        interval.referenceMode().ifPresent(reference -> health.withDetail("reference", reference));
        view.lastFailure().ifPresent(failure -> health.withDetail("lastFailure", failure));
        return health.build();
    }
}
