package dev.clocksync.core.clock;

/**
 * One observation of a {@link DisciplinedClock}: the clock (without the monotonic hold), the raw
 * oscillator it is built on and the host's monotonic clock, all read at the same instant. In host
 * mode the oscillator is the node's own clock, so {@link #oscillatorMinusClockNanos()} is the
 * node's offset from the cluster time, free of the error two separate readings would add.
 *
 * @param clockNanos the disciplined clock, nanoseconds since the Unix epoch
 * @param oscillatorNanos the oscillator's reading it was computed from
 * @param monotonicNanos the host's monotonic clock at the observation
 */
public record ClockSnapshot(long clockNanos, long oscillatorNanos, long monotonicNanos) {

    /** Oscillator minus disciplined clock. */
    public long oscillatorMinusClockNanos() {
        return oscillatorNanos - clockNanos;
    }
}
