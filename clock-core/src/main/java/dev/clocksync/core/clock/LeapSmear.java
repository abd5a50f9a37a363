package dev.clocksync.core.clock;

/**
 * A scheduled leap second, smeared linearly over the 24 hours from noon UTC before to noon UTC
 * after it instead of being stepped.
 *
 * <p>The smear applies to a clock that runs through the leap second without applying it (as a
 * disciplined oscillator does): before the smear window such a clock equals POSIX time, after an
 * inserted leap second it is one second ahead of POSIX time (one second behind after a deleted
 * one). {@link #offsetNanos(long)} takes that clock's reading and returns what to add: 0 before
 * the window, growing linearly to {@code -direction} seconds at its end and staying there, so the
 * smeared time equals POSIX time outside the window, never jumps, and is never more than half a
 * second from true UTC.
 *
 * <p>In the clock's own (continuous) time the window runs from {@code leap - 12 h} to {@code leap
 * + 12 h + direction s}: noon after the leap comes one second later (or earlier) on a clock that
 * did not apply it.
 *
 * @param leapEpochNanos the POSIX instant of the UTC midnight at which the leap second occurs
 * @param direction +1 for an inserted leap second, -1 for a deleted one
 */
public record LeapSmear(long leapEpochNanos, int direction) {

    static final long SECOND_NANOS = 1_000_000_000L;
    static final long HALF_DAY_NANOS = 12 * 3600 * SECOND_NANOS;
    private static final long DAY_NANOS = 2 * HALF_DAY_NANOS;

    public LeapSmear {
        if (Math.floorMod(leapEpochNanos, DAY_NANOS) != 0) {
            throw new IllegalArgumentException(
                    "leapEpochNanos must be a UTC midnight (a multiple of 86400 s), got " + leapEpochNanos);
        }
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException(
                    "direction must be +1 (inserted) or -1 (deleted leap second), got " + direction);
        }
    }

    /** Start of the smear window (noon UTC before the leap), in the clock's time. */
    public long windowStartNanos() {
        return leapEpochNanos - HALF_DAY_NANOS;
    }

    /** End of the smear window (noon UTC after the leap), in the clock's continuous time. */
    public long windowEndNanos() {
        return leapEpochNanos + HALF_DAY_NANOS + direction * SECOND_NANOS;
    }

    /**
     * The amount to add to the clock's un-smeared reading {@code epochNanos} (continuous time that
     * equals POSIX time before the window) to get smeared time.
     */
    public long offsetNanos(long epochNanos) {
        long start = windowStartNanos();
        if (epochNanos <= start) {
            return 0;
        }
        if (epochNanos >= windowEndNanos()) {
            return -direction * SECOND_NANOS;
        }
        // The window lasts (86400 + direction) s and the smear is exactly 1 s = 1e9 ns, so the
        // offset in ns is the elapsed ns divided by (86400 + direction): exact in long arithmetic.
        long windowSeconds = DAY_NANOS / SECOND_NANOS + direction;
        return -direction * ((epochNanos - start) / windowSeconds);
    }
}
