package dev.clocksync.core.clock;

/**
 * The discipline state of a {@link DisciplinedClock}, for metrics and diagnostics.
 *
 * @param frequencyPpm the frequency compensation currently applied, ppm of oscillator time
 * @param pendingSlewNanos the part of the last slewed correction not yet applied
 * @param lastCorrectionNanos the correction passed to the last update (0 before any)
 * @param errorBoundNanos as in {@link ClockReading}; {@link Long#MAX_VALUE} while unknown
 * @param updates corrections applied so far
 * @param steps corrections that were stepped
 * @param slews corrections that were slewed
 * @param sinceUpdateNanos monotonic time since the last correction; -1 before the first
 */
public record ClockState(
        ClockStatus status,
        double frequencyPpm,
        long pendingSlewNanos,
        long lastCorrectionNanos,
        long errorBoundNanos,
        long updates,
        long steps,
        long slews,
        long sinceUpdateNanos) {}
