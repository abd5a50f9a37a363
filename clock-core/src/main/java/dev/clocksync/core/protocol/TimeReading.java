package dev.clocksync.core.protocol;

import dev.clocksync.core.clock.ClockStatus;

/**
 * Synchronized time for applications ({@code GET /api/v1/time}), TrueTime / ClockBound style:
 * true time lies within [earliestNanos, latestNanos] unless the status says the bound is void.
 */
public record TimeReading(
        long epochNanos, long earliestNanos, long latestNanos, long errorBoundNanos, ClockStatus status) {}
