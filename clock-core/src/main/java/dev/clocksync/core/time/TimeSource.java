package dev.clocksync.core.time;

/**
 * The host's two clocks: the real-time clock (nanoseconds since the Unix epoch, may be stepped by
 * the host) and a monotonic clock for measuring intervals. Every piece of logic takes its time
 * from an injected {@code TimeSource}, so tests drive time by hand with {@link ManualTimeSource}.
 */
public interface TimeSource {

    /** Host real-time clock, nanoseconds since the Unix epoch. */
    long epochNanos();

    /** Monotonic clock with an arbitrary origin; only differences are meaningful. */
    long monotonicNanos();

    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
