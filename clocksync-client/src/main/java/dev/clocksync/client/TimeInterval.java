package dev.clocksync.client;

import java.time.Instant;
import java.util.Optional;

/**
 * Where true time is, TrueTime / ClockBound style: within [{@code earliestNanos}, {@code
 * latestNanos}] (nanoseconds since the Unix epoch) unless the status says the bound is void. An
 * unbounded side is {@link Long#MIN_VALUE} or {@link Long#MAX_VALUE}.
 *
 * @param earliestNanos the earliest true time can be
 * @param latestNanos the latest true time can be
 * @param status the agent's status as this client sees it
 * @param reference what the agents are synchronized to ({@code consensus} or {@code daemon-clock}),
 *     or {@code null} where the agent does not say
 */
public record TimeInterval(long earliestNanos, long latestNanos, ClockStatus status, String reference) {

    public TimeInterval {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        if (earliestNanos > latestNanos) {
            throw new IllegalArgumentException(
                    "earliestNanos " + earliestNanos + " is after latestNanos " + latestNanos);
        }
    }

    /** An interval that says nothing: before the first synchronization. */
    static TimeInterval unbounded(ClockStatus status, String reference) {
        return new TimeInterval(Long.MIN_VALUE, Long.MAX_VALUE, status, reference);
    }

    /** Whether both sides are bounded. */
    public boolean isBounded() {
        return earliestNanos != Long.MIN_VALUE && latestNanos != Long.MAX_VALUE;
    }

    /** Whether the interval may be relied on: bounded, and synchronized or free-running. */
    public boolean isSynchronized() {
        return isBounded() && status.isSynchronized();
    }

    /** The middle of the interval, the best single estimate of true time. */
    public long midpointNanos() {
        requireBounded("midpoint");
        return earliestNanos + (latestNanos - earliestNanos) / 2;
    }

    /** Half the interval's width: how far the midpoint may be from true time. */
    public long errorBoundNanos() {
        return isBounded() ? Nanos.saturatedSubtract(latestNanos, earliestNanos) / 2 : Long.MAX_VALUE;
    }

    public Instant earliest() {
        requireBounded("earliest");
        return Nanos.toInstant(earliestNanos);
    }

    public Instant latest() {
        requireBounded("latest");
        return Nanos.toInstant(latestNanos);
    }

    public Instant midpoint() {
        return Nanos.toInstant(midpointNanos());
    }

    /** True time is certainly after {@code instant}: even the earliest it can be is later. */
    public boolean isAfter(Instant instant) {
        return isBounded() && earliestNanos > Nanos.of(instant);
    }

    /** True time is certainly before {@code instant}. */
    public boolean isBefore(Instant instant) {
        return isBounded() && latestNanos < Nanos.of(instant);
    }

    /** The reference mode, where the agent reports it. */
    public Optional<String> referenceMode() {
        return Optional.ofNullable(reference);
    }

    private void requireBounded(String what) {
        if (!isBounded()) {
            throw new ClockNotSynchronizedException(
                    "the interval is unbounded (status " + status + "): there is no " + what, status);
        }
    }
}
