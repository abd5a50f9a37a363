package dev.clocksync.core.clock;

/**
 * One consistent snapshot of a {@link DisciplinedClock}: true time lies within {@code epochNanos
 * +/- errorBoundNanos} unless the status says otherwise. An unknown bound is {@link Long#MAX_VALUE}.
 */
public record ClockReading(long epochNanos, long errorBoundNanos, ClockStatus status) {

    /** The earliest the true time can be; {@link Long#MIN_VALUE} when unbounded. */
    public long earliestNanos() {
        long earliest = epochNanos - errorBoundNanos;
        return errorBoundNanos == Long.MAX_VALUE || earliest > epochNanos ? Long.MIN_VALUE : earliest;
    }

    /** The latest the true time can be; {@link Long#MAX_VALUE} when unbounded. */
    public long latestNanos() {
        long latest = epochNanos + errorBoundNanos;
        return errorBoundNanos == Long.MAX_VALUE || latest < epochNanos ? Long.MAX_VALUE : latest;
    }
}
