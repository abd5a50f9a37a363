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

    public ManualTimeSource(long epochNanos) {
        this.epochNanos = epochNanos;
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
