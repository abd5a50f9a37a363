package dev.clocksync.core.clock;

import dev.clocksync.core.math.ExactMath;
import dev.clocksync.core.time.Oscillator;
import dev.clocksync.core.time.TimeSource;
import java.util.Objects;

/**
 * A clock built on a raw {@link Oscillator} and disciplined by corrections from measurements.
 *
 * <p>Its time is the oscillator's reading plus a frequency compensation (estimated from successive
 * corrections), plus the slewed part of the pending correction, plus all earlier steps and slews,
 * plus the {@linkplain #scheduleLeap(LeapSmear) leap smear} if one is scheduled.
 *
 * <p><b>Published time never decreases once synchronized.</b> When the clock goes backward (a
 * backward step, or the host clock stepped back under the oscillator) the clock <em>holds</em>:
 * {@link #nowNanos()} keeps returning the last published value until the clock has caught up with
 * it. While holding, the distance by which the held value is ahead is added to the error bound. The
 * one exception is a step by the very first update, chrony's initial makestep: nothing has been
 * published as synchronized before it (every earlier reading said {@link ClockStatus#UNKNOWN}), and
 * holding a node 45 s ahead for 45 s would serve a stalled clock to no one's benefit.
 *
 * <p><b>Error bound</b> at monotonic time t: |pending slew| + the error of the last update (the
 * measurement's error, or for a partly taken one the same blend of it and the clock's prior bound) +
 * {@code maxDriftPpm} x (t - time of the last update), plus the hold distance above, plus the size
 * of any host clock jump seen since the last update. Before the first update the bound is unknown
 * and reported as {@link Long#MAX_VALUE}.
 *
 * <p><b>Status</b>: {@link ClockStatus#UNKNOWN} until the first update (even if the oscillator
 * jumps); {@link ClockStatus#DISRUPTED} while a correction of at least the step threshold is being
 * slewed because the policy forbade a step, or from an oscillator jump of at least the step
 * threshold against the monotonic clock until the next update; otherwise {@link
 * ClockStatus#FREE_RUNNING} when the last update is more than three update intervals old, else
 * {@link ClockStatus#SYNCED}.
 *
 * <p>A jump is an oscillator advance that differs from the monotonic advance by at least the step
 * threshold plus {@code maxFrequencyPpm} of the monotonic advance (the rate error an oscillator is
 * assumed to stay within). The clock follows the jump, but neither frequency compensation nor slew
 * is applied over it. Jumps are seen when the clock is observed (any method call), so a clock read
 * seldom notices them late or, if the host clock was stepped back and forth in between, not at all.
 *
 * <p>Thread-safe: all methods are synchronized.
 */
public final class DisciplinedClock {

    /** Parts per million: x ppm of n ns is x * n / PER_MILLION ns (exact for round values). */
    private static final double PER_MILLION = 1e6;

    private static final int FREE_RUNNING_INTERVALS = 3;

    /** Assumed random walk of a crystal's frequency, ppm squared per second (0.01 ppm per sqrt(s)). */
    private static final double FREQUENCY_WANDER_PPM2_PER_SECOND = 1e-4;

    /** A measurement's error is a bound; taken as two standard deviations. */
    private static final double BOUND_IN_SIGMAS = 2;

    private final Oscillator oscillator;
    private final TimeSource time;
    private final ClockPolicy policy;

    // The clock advances incrementally at each observation, so a change of frequency or of the
    // pending correction only affects time after it; the fractional carries keep the result
    // independent of how often the clock is observed, to within a nanosecond.
    private long lastOscillatorNanos;
    private long lastMonotonicNanos;
    private long clockNanos;
    private double frequencyCarryNanos;
    private double slewBudgetNanos;

    private double frequencyPpm;
    /** Uncertainty of {@link #frequencyPpm}, ppm squared; starts at the whole allowed range. */
    private double frequencyVariance;

    private long pendingSlewNanos;
    private long lastCorrectionNanos;
    private long lastErrorNanos;
    private long lastUpdateMonotonicNanos;
    private boolean lastUpdateStepped;
    private long jumpsSinceUpdateNanos;
    private boolean jumpedSinceUpdate;
    private long updates;
    private long steps;
    private long slews;

    private LeapSmear leapSmear;
    private long lastPublishedNanos = Long.MIN_VALUE;

    public DisciplinedClock(Oscillator oscillator, TimeSource time, ClockPolicy policy) {
        this.oscillator = Objects.requireNonNull(oscillator, "oscillator");
        this.time = Objects.requireNonNull(time, "time");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.lastOscillatorNanos = oscillator.readNanos();
        this.lastMonotonicNanos = time.monotonicNanos();
        this.clockNanos = lastOscillatorNanos;
        this.frequencyVariance = policy.maxFrequencyPpm() * policy.maxFrequencyPpm();
    }

    /**
     * The published time, nanoseconds since the Unix epoch. Never less than any value returned
     * before: after a backward step it holds the last published value until the clock passes it.
     */
    public synchronized long nowNanos() {
        observe();
        return publish();
    }

    /**
     * The disciplined clock itself, without the hold that keeps {@link #nowNanos()} monotonic.
     * This is what the daemon must measure: while a backward step is being held, the published
     * time says nothing about where the clock really is.
     */
    public synchronized long unheldNanos() {
        observe();
        return smearedNanos();
    }

    /**
     * The clock without the hold, the oscillator reading it came from and the monotonic time, from
     * one observation.
     */
    public synchronized ClockSnapshot snapshot() {
        long monotonic = observe();
        return new ClockSnapshot(smearedNanos(), lastOscillatorNanos, monotonic);
    }

    /** Published time, error bound and status, all from the same instant. */
    public synchronized ClockReading read() {
        long monotonic = observe();
        long published = publish();
        return new ClockReading(published, errorBound(monotonic, published), status(monotonic));
    }

    /**
     * Applies a measurement saying the clock is off by {@code -correctionNanos}.
     *
     * <p>Steps (applies at once) when |correction| is at least the step threshold and either fewer
     * than {@code makestepLimit} updates came before or {@code allowStep} is set. Otherwise slews:
     * the measurement already includes what is still pending of the previous correction, so the
     * new pending slew lies between the old one and the correction, as far toward the correction
     * as the measurement's error allows against the clock's own (see {@link #offsetGain}: all the
     * way for an exact measurement, or one the clock's bound cannot explain), and is amortized at
     * no more than {@code maxSlewPpm} of elapsed oscillator time.
     *
     * <p>The part of the correction the previous one did not predict (correction minus the
     * previous correction's unapplied remainder), divided by the monotonic time since the previous
     * update, is a frequency error; {@code frequencyGain} times it is added to the compensation,
     * clamped to +/- {@code maxFrequencyPpm}. The frequency is left alone on the first update,
     * when this or the previous update stepped, and when the oscillator jumped in between: then
     * the difference does not measure the oscillator's rate.
     *
     * @param correctionNanos what to add to the clock to correct it
     * @param errorNanos the measurement's error (half the round-trip delay plus dispersion), >= 0
     * @param allowStep allow a step beyond the first {@code makestepLimit} updates
     * @throws IllegalArgumentException if errorNanos is negative or correctionNanos is
     *     Long.MIN_VALUE
     */
    public synchronized CorrectionKind apply(long correctionNanos, long errorNanos, boolean allowStep) {
        if (errorNanos < 0) {
            throw new IllegalArgumentException("errorNanos must be >= 0, got " + errorNanos);
        }
        if (correctionNanos == Long.MIN_VALUE) {
            throw new IllegalArgumentException("correctionNanos out of range: " + correctionNanos);
        }
        long monotonic = observe();
        boolean step = Math.abs(correctionNanos) >= policy.stepThresholdNanos()
                && (updates < policy.makestepLimit() || allowStep);
        long steppedClockNanos = step ? Math.addExact(clockNanos, correctionNanos) : clockNanos;
        long priorErrorNanos = priorErrorBound(monotonic);
        long innovationNanos = correctionNanos - pendingSlewNanos;

        if (updates > 0 && !step && !lastUpdateStepped && !jumpedSinceUpdate) {
            updateFrequency(innovationNanos, monotonic - lastUpdateMonotonicNanos, lastErrorNanos + errorNanos);
        }
        if (step) {
            clockNanos = steppedClockNanos;
            if (updates == 0) {
                lastPublishedNanos = Long.MIN_VALUE;
            }
            pendingSlewNanos = 0;
            lastErrorNanos = errorNanos;
            steps++;
        } else {
            double gain = offsetGain(innovationNanos, priorErrorNanos, errorNanos);
            pendingSlewNanos = gain == 1 ? correctionNanos : between(pendingSlewNanos, correctionNanos, gain);
            // taken in full, the measurement's own error, exactly: a double holds 53 bits only
            lastErrorNanos = gain == 1 ? errorNanos : Math.round((1 - gain) * priorErrorNanos + gain * errorNanos);
            slews++;
        }
        slewBudgetNanos = 0;
        updates++;
        lastCorrectionNanos = correctionNanos;
        lastUpdateMonotonicNanos = monotonic;
        lastUpdateStepped = step;
        jumpedSinceUpdate = false;
        jumpsSinceUpdateNanos = 0;
        return step ? CorrectionKind.STEPPED : CorrectionKind.SLEWED;
    }

    /** The discipline state, as of now. */
    public synchronized ClockState state() {
        long monotonic = observe();
        long published = publish();
        return new ClockState(
                status(monotonic),
                frequencyPpm,
                pendingSlewNanos,
                lastCorrectionNanos,
                errorBound(monotonic, published),
                updates,
                steps,
                slews,
                updates == 0 ? -1 : Math.max(0, monotonic - lastUpdateMonotonicNanos));
    }

    /**
     * Schedules a leap smear, replacing any earlier one; {@code null} clears it. Scheduling or
     * clearing inside a smear window moves the clock at once (backward moves are held).
     */
    public synchronized void scheduleLeap(LeapSmear smear) {
        observe();
        this.leapSmear = smear;
    }

    /** Advances the clock to now; returns the monotonic time of the observation. */
    private long observe() {
        long oscillatorNanos = oscillator.readNanos();
        long monotonicNanos = time.monotonicNanos();
        long oscillatorAdvance = oscillatorNanos - lastOscillatorNanos;
        long monotonicAdvance = Math.max(0, monotonicNanos - lastMonotonicNanos);
        long deviation = oscillatorAdvance - monotonicAdvance;

        long rateBearingNanos = oscillatorAdvance;
        if (isJump(deviation, monotonicAdvance)) {
            jumpedSinceUpdate = true;
            jumpsSinceUpdateNanos = ExactMath.saturatedAdd(jumpsSinceUpdateNanos, Math.abs(deviation));
            rateBearingNanos = monotonicAdvance;
        }
        clockNanos += oscillatorAdvance;
        compensateFrequency(rateBearingNanos);
        slew(rateBearingNanos);

        lastOscillatorNanos = oscillatorNanos;
        lastMonotonicNanos = monotonicNanos;
        return monotonicNanos;
    }

    private boolean isJump(long deviation, long monotonicAdvance) {
        long allowance = (long) (policy.maxFrequencyPpm() * monotonicAdvance / PER_MILLION);
        return Math.abs(deviation) >= ExactMath.saturatedAdd(policy.stepThresholdNanos(), allowance);
    }

    private void compensateFrequency(long oscillatorNanos) {
        frequencyCarryNanos += frequencyPpm * oscillatorNanos / PER_MILLION;
        long whole = (long) frequencyCarryNanos;
        frequencyCarryNanos -= whole;
        clockNanos += whole;
    }

    private void slew(long oscillatorNanos) {
        if (pendingSlewNanos == 0 || oscillatorNanos <= 0) {
            return;
        }
        slewBudgetNanos += (double) policy.maxSlewPpm() * oscillatorNanos / PER_MILLION;
        long budget = (long) slewBudgetNanos;
        long remaining = Math.abs(pendingSlewNanos);
        long slewed = Math.min(remaining, budget);
        slewBudgetNanos = slewed == remaining ? 0 : slewBudgetNanos - slewed;
        long signed = pendingSlewNanos > 0 ? slewed : -slewed;
        clockNanos += signed;
        pendingSlewNanos -= signed;
    }

    /**
     * How far the clock may be from where it believes it is (its offset once the pending slew is
     * done), just before a measurement: the error bound without the pending slew and the hold.
     * Unbounded before the first update.
     */
    private long priorErrorBound(long monotonicNanos) {
        if (updates == 0) {
            return Long.MAX_VALUE;
        }
        long sinceUpdate = Math.max(0, monotonicNanos - lastUpdateMonotonicNanos);
        long driftNanos = (long) Math.ceil(policy.maxDriftPpm() * sinceUpdate / PER_MILLION);
        return ExactMath.saturatedAdd(ExactMath.saturatedAdd(lastErrorNanos, driftNanos), jumpsSinceUpdateNanos);
    }

    /**
     * The share of a measurement's news (its innovation: what it says beyond the slew still
     * pending) that the clock takes: the clock's own error bound and the measurement's are
     * weighed against each other, as a Kalman filter weighs variances, so that a measurement much
     * noisier than what the clock already knows moves it little and one much better moves it
     * almost fully. A measurement that disagrees with the clock by more than both bounds together
     * proves one of them wrong (an unlearned frequency, a reference that moved); it is then taken
     * in full. The result is a convex combination of the two estimates, so the clock's new error
     * is at most the same combination of the two bounds.
     */
    private static double offsetGain(long innovationNanos, long priorErrorNanos, long measurementErrorNanos) {
        double prior = priorErrorNanos;
        double measurement = measurementErrorNanos;
        if (priorErrorNanos == Long.MAX_VALUE || Math.abs((double) innovationNanos) > prior + measurement) {
            return 1;
        }
        double total = prior * prior + measurement * measurement;
        return total == 0 ? 1 : prior * prior / total;
    }

    /** The point {@code share} of the way from {@code from} to {@code to}, never outside them. */
    private static long between(long from, long to, double share) {
        long point = from + Math.round(share * ((double) to - from));
        return Math.clamp(point, Math.min(from, to), Math.max(from, to));
    }

    /**
     * A scalar Kalman update of the frequency. The unpredicted part of a correction over the
     * interval is a frequency error whose uncertainty is the two measurements' errors over the
     * same interval: exact measurements move the frequency by the full gain, noisy ones (short
     * intervals, long round trips) by little, so that measurement noise is averaged out rather
     * than turned into frequency noise.
     */
    private void updateFrequency(long unpredictedNanos, long intervalNanos, long measurementErrorNanos) {
        if (intervalNanos <= 0) {
            return;
        }
        double errorPpm = (double) unpredictedNanos / intervalNanos * PER_MILLION;
        double noisePpm = measurementErrorNanos / BOUND_IN_SIGMAS / intervalNanos * PER_MILLION;
        frequencyVariance += FREQUENCY_WANDER_PPM2_PER_SECOND * intervalNanos / 1e9;
        double total = frequencyVariance + noisePpm * noisePpm;
        double gain = total == 0 ? 0 : policy.frequencyGain() * frequencyVariance / total;
        double limit = policy.maxFrequencyPpm();
        frequencyPpm = Math.clamp(frequencyPpm + gain * errorPpm, -limit, limit);
        frequencyVariance *= 1 - gain;
    }

    private long smearedNanos() {
        return leapSmear == null ? clockNanos : clockNanos + leapSmear.offsetNanos(clockNanos);
    }

    private long publish() {
        lastPublishedNanos = Math.max(lastPublishedNanos, smearedNanos());
        return lastPublishedNanos;
    }

    private ClockStatus status(long monotonicNanos) {
        if (updates == 0) {
            return ClockStatus.UNKNOWN;
        }
        if (jumpedSinceUpdate || Math.abs(pendingSlewNanos) >= policy.stepThresholdNanos()) {
            return ClockStatus.DISRUPTED;
        }
        long interval = policy.updateIntervalNanos();
        long freeRunningAfter =
                interval > Long.MAX_VALUE / FREE_RUNNING_INTERVALS ? Long.MAX_VALUE : interval * FREE_RUNNING_INTERVALS;
        if (monotonicNanos - lastUpdateMonotonicNanos > freeRunningAfter) {
            return ClockStatus.FREE_RUNNING;
        }
        return ClockStatus.SYNCED;
    }

    private long errorBound(long monotonicNanos, long publishedNanos) {
        if (updates == 0) {
            return Long.MAX_VALUE;
        }
        long bound = ExactMath.saturatedAdd(priorErrorBound(monotonicNanos), Math.abs(pendingSlewNanos));
        return ExactMath.saturatedAdd(bound, publishedNanos - smearedNanos());
    }
}
