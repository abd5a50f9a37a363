package dev.clocksync.core.protocol;

import dev.clocksync.core.clock.ClockStatus;

/**
 * Synchronized time for applications ({@code GET /api/v1/time}), TrueTime / ClockBound style:
 * the reference's time lies within [earliestNanos, latestNanos] unless the status says the bound
 * is void. What the reference is matters: {@code consensus} bounds the distance to the cluster's
 * agreed time (not to UTC), {@code daemon-clock} the distance to the daemon's clock (UTC as far
 * as that host is), {@code unknown} before the first adjustment.
 */
public record TimeReading(
        long epochNanos,
        long earliestNanos,
        long latestNanos,
        long errorBoundNanos,
        ClockStatus status,
        String reference) {}
