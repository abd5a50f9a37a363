package dev.clocksync.core.time;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An oscillator that disagrees with the host's real-time clock the way a free-running quartz
 * does: reading = host real-time clock + initial offset + drift accumulated over the host's
 * monotonic time since construction. Several of these on one machine give a test or demo cluster
 * clocks that really disagree, and each knows its {@linkplain #trueOffsetNanos() true error}.
 *
 * <p>With a non-zero wander the frequency error performs a random walk: on a fixed grid of one
 * second of monotonic time (counted from construction) it moves by a Gaussian step of standard
 * deviation {@code wanderPpmPerSqrtSecond}. The frequency is constant within a grid step and the
 * drift is integrated piecewise, so for a seeded {@link RandomGenerator} the readings depend only
 * on the time at which they are taken, never on how often the oscillator was read before.
 * Catching up after a long unread gap costs one random draw per second of that gap.
 *
 * <p>Thread-safe.
 */
public final class SimulatedOscillator implements Oscillator {

    static final long WANDER_STEP_NANOS = 1_000_000_000L;

    private final TimeSource host;
    private final long initialOffsetNanos;
    private final double wanderPpmPerStep;
    private final RandomGenerator random;
    private final long startMonotonicNanos;

    /** Monotonic time since construction at the start of the current wander step. */
    private long stepStartElapsedNanos;
    /** Drift accumulated up to {@link #stepStartElapsedNanos}, in (fractional) nanoseconds. */
    private double driftBeforeStepNanos;

    private double currentDriftPpm;

    /**
     * @param host the host clocks: real time for the reading, monotonic time for the drift
     * @param initialOffsetNanos the error against the host clock at construction
     * @param driftPpm the (initial) frequency error, parts per million; positive runs fast
     * @param wanderPpmPerSqrtSecond standard deviation of the frequency random walk per square
     *     root of a second; 0 disables wander
     * @param random the source of the wander; may be null only when wander is 0
     */
    public SimulatedOscillator(
            TimeSource host,
            long initialOffsetNanos,
            double driftPpm,
            double wanderPpmPerSqrtSecond,
            RandomGenerator random) {
        this.host = Objects.requireNonNull(host, "host");
        if (!Double.isFinite(driftPpm) || Math.abs(driftPpm) >= 1_000_000) {
            throw new IllegalArgumentException("driftPpm must be finite and within +/-1e6 ppm, got " + driftPpm);
        }
        if (!Double.isFinite(wanderPpmPerSqrtSecond) || wanderPpmPerSqrtSecond < 0) {
            throw new IllegalArgumentException(
                    "wanderPpmPerSqrtSecond must be finite and >= 0, got " + wanderPpmPerSqrtSecond);
        }
        if (wanderPpmPerSqrtSecond > 0 && random == null) {
            throw new IllegalArgumentException("a random generator is required when wander is enabled");
        }
        this.initialOffsetNanos = initialOffsetNanos;
        this.currentDriftPpm = driftPpm;
        this.wanderPpmPerStep = wanderPpmPerSqrtSecond * Math.sqrt(WANDER_STEP_NANOS / 1e9);
        this.random = random;
        this.startMonotonicNanos = host.monotonicNanos();
    }

    @Override
    public synchronized long readNanos() {
        return host.epochNanos() + offsetAt(elapsedNanos());
    }

    /** The current error against the host real-time clock: reading - host.epochNanos(). */
    public synchronized long trueOffsetNanos() {
        return offsetAt(elapsedNanos());
    }

    /**
     * The error against the host real-time clock at the given host monotonic time (not before
     * construction): with a reading and the monotonic time of the same observation, the host
     * clock's value is known without reading it a second time.
     */
    public synchronized long trueOffsetAtMonotonic(long monotonicNanos) {
        return offsetAt(Math.max(0, monotonicNanos - startMonotonicNanos));
    }

    /** The current frequency error in ppm (the initial drift plus the wander so far). */
    public synchronized double driftPpm() {
        catchUpWander(elapsedNanos());
        return currentDriftPpm;
    }

    private long elapsedNanos() {
        return host.monotonicNanos() - startMonotonicNanos;
    }

    private long offsetAt(long elapsedNanos) {
        catchUpWander(elapsedNanos);
        double inStepNanos = currentDriftPpm * (elapsedNanos - stepStartElapsedNanos) / 1e6;
        return initialOffsetNanos + Math.round(driftBeforeStepNanos + inStepNanos);
    }

    private void catchUpWander(long elapsedNanos) {
        if (wanderPpmPerStep == 0) {
            return;
        }
        while (elapsedNanos - stepStartElapsedNanos >= WANDER_STEP_NANOS) {
            driftBeforeStepNanos += currentDriftPpm * WANDER_STEP_NANOS / 1e6;
            stepStartElapsedNanos += WANDER_STEP_NANOS;
            currentDriftPpm += wanderPpmPerStep * random.nextGaussian();
        }
    }
}
