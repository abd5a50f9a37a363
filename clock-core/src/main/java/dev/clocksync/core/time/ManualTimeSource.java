package dev.clocksync.core.time;

import java.time.Duration;

/**
 * A {@link TimeSource} that only moves when told to, for deterministic tests and simulations.
 * Both clocks advance together; {@link #stepEpoch(long)} moves the real-time clock alone, as a
 * host whose clock is stepped.
 */
public final class ManualTimeSource implements TimeSource {

    private long epochNanos;
    private long monotonicNanos;

    /** Real time at {@code epochNanos}, the monotonic clock at 0. */
    public ManualTimeSource(long epochNanos) {
        this(epochNanos, 0);
    }

    /**
     * Real time at {@code epochNanos}, the monotonic clock at {@code monotonicNanos}. Like {@code
     * System.nanoTime}, whose origin is arbitrary (and often far from 0), the monotonic clock can
     * start anywhere: code that only uses its differences must not notice where.
     */
    public ManualTimeSource(long epochNanos, long monotonicNanos) {
        this.epochNanos = epochNanos;
        this.monotonicNanos = monotonicNanos;
    }

    @Override
    public synchronized long epochNanos() {
        return epochNanos;
    }

    @Override
    public synchronized long monotonicNanos() {
        return monotonicNanos;
    }

    public synchronized void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only advances, got " + nanos + " ns");
        }
        epochNanos += nanos;
        monotonicNanos += nanos;
    }

    public void advance(Duration duration) {
        advance(duration.toNanos());
    }

    public synchronized void stepEpoch(long nanos) {
        epochNanos += nanos;
    }
}
