package dev.clocksync.core.clock;

/**
 * How a {@link DisciplinedClock} may be corrected.
 *
 * @param maxSlewPpm the fastest a pending correction is amortized, ppm of elapsed oscillator time
 * @param stepThresholdNanos corrections at least this large may be stepped (applied at once)
 * @param makestepLimit steps are allowed unasked during the first this many updates
 * @param maxFrequencyPpm bound on the frequency compensation, +/- ppm; also the largest rate
 *     error assumed of an oscillator when telling a host clock step from drift
 * @param maxDriftPpm the assumed worst residual frequency error; the error bound grows at this rate
 * @param updateIntervalNanos the expected time between corrections; no correction for more than
 *     three of these makes the clock {@link ClockStatus#FREE_RUNNING}
 * @param frequencyGain share of each measured frequency error added to the compensation, in [0, 1]
 */
public record ClockPolicy(
        long maxSlewPpm,
        long stepThresholdNanos,
        int makestepLimit,
        double maxFrequencyPpm,
        double maxDriftPpm,
        long updateIntervalNanos,
        double frequencyGain) {

    public ClockPolicy {
        if (maxSlewPpm <= 0 || maxSlewPpm >= 1_000_000) {
            // at 1e6 ppm or more a negative slew would stop or reverse the clock
            throw new IllegalArgumentException("maxSlewPpm must be in (0, 1000000), got " + maxSlewPpm);
        }
        if (stepThresholdNanos <= 0) {
            throw new IllegalArgumentException("stepThresholdNanos must be > 0, got " + stepThresholdNanos);
        }
        if (makestepLimit < 0) {
            throw new IllegalArgumentException("makestepLimit must be >= 0, got " + makestepLimit);
        }
        if (!Double.isFinite(maxFrequencyPpm) || maxFrequencyPpm < 0 || maxFrequencyPpm >= 1_000_000) {
            throw new IllegalArgumentException("maxFrequencyPpm must be in [0, 1000000), got " + maxFrequencyPpm);
        }
        if (!Double.isFinite(maxDriftPpm) || maxDriftPpm < 0 || maxDriftPpm >= 1_000_000) {
            throw new IllegalArgumentException("maxDriftPpm must be in [0, 1000000), got " + maxDriftPpm);
        }
        if (updateIntervalNanos <= 0) {
            throw new IllegalArgumentException("updateIntervalNanos must be > 0, got " + updateIntervalNanos);
        }
        if (!(frequencyGain >= 0 && frequencyGain <= 1)) {
            throw new IllegalArgumentException("frequencyGain must be in [0, 1], got " + frequencyGain);
        }
    }

    /** 500 ppm slew, 128 ms step threshold, 3 makestep updates, +/-500 ppm, 15 ppm, 2 s, gain 0.5. */
    public static ClockPolicy defaults() {
        return new ClockPolicy(500, 128_000_000L, 3, 500.0, 15.0, 2_000_000_000L, 0.5);
    }
}
