package dev.clocksync.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.clocksync.core.time.HostOscillator;
import dev.clocksync.core.time.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The frequency estimate as a scalar Kalman filter: each measured frequency error moves the
 * estimate by {@code frequencyGain x P / (P + R)}, where P is the estimate's variance (the whole
 * +/-maxFrequencyPpm range at first, shrinking with each update, growing by the assumed wander of
 * 1e-4 ppm^2 per second) and R the measurement's variance: the two measurements' error bounds,
 * taken as two sigmas, over the interval between them.
 */
class DisciplinedClockFrequencyTest {

    private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final long MONOTONIC_START = 5_000_000_000_000L; // System.nanoTime is rarely 0
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final ManualTimeSource host = new ManualTimeSource(START, MONOTONIC_START);

    private DisciplinedClock clockWith(ClockPolicy policy) {
        return new DisciplinedClock(new HostOscillator(host), host, policy);
    }

    @Test
    void theFirstUpdateLeavesTheFrequencyAloneHoweverLongAfterTheStartItComes() {
        DisciplinedClock clock = clockWith(ClockPolicy.defaults());
        host.advance(Duration.ofSeconds(10));

        assertThat(clock.apply(MS, 0, false)).isEqualTo(CorrectionKind.SLEWED);

        assertThat(clock.state().frequencyPpm()).isZero();
    }

    @Test
    void exactMeasurementsMoveTheFrequencyByTheFullGain() {
        DisciplinedClock clock = clockWith(ClockPolicy.defaults());
        clock.apply(0, 0, false);
        host.advance(Duration.ofSeconds(10));

        clock.apply(1_000, 0, false); // 1 us in 10 s = 0.1 ppm

        assertThat(clock.state().frequencyPpm()).isCloseTo(0.5 * 0.1, within(1e-12));
    }

    @Test
    void aMeasurementAsUncertainAsTheEstimateMovesTheFrequencyByHalfTheGain() {
        DisciplinedClock clock = clockWith(ClockPolicy.defaults());
        clock.apply(0, 4 * MS, false);
        host.advance(Duration.ofSeconds(10));

        // Both errors count: (4 ms + 6 ms) / 2 sigmas / 10 s = 500 ppm, as uncertain as the
        // +/-500 ppm the estimate starts with, so R = P and the gain halves.
        clock.apply(1_000, 6 * MS, false);

        assertThat(clock.state().frequencyPpm()).isCloseTo(0.5 * 0.5 * 0.1, within(1e-9));
    }

    @Test
    void theMoreUncertainTheMeasurementTheLessItMovesTheFrequency() {
        double previous = Double.POSITIVE_INFINITY;
        for (long error : new long[] {0, 10_000, MS, 10 * MS, 100 * MS}) {
            ManualTimeSource time = new ManualTimeSource(START, MONOTONIC_START);
            DisciplinedClock clock = new DisciplinedClock(new HostOscillator(time), time, ClockPolicy.defaults());
            clock.apply(0, error, false);
            time.advance(Duration.ofSeconds(10));
            clock.apply(1_000, error, false);

            double frequency = clock.state().frequencyPpm();
            assertThat(frequency).as("error %d ns", error).isPositive().isLessThan(previous);
            previous = frequency;
        }
    }

    @Test
    void afterAnExactMeasurementAtFullGainOnlyTheWanderSinceThenIsUncertain() {
        ClockPolicy fullGain = new ClockPolicy(500, 128 * MS, 3, 500.0, 15.0, 2 * SECOND, 1.0);
        DisciplinedClock clock = clockWith(fullGain);
        clock.apply(0, 0, false);
        host.advance(Duration.ofSeconds(10));
        clock.apply(1_000, 0, false); // exact, gain 1: the estimate is now certain
        assertThat(clock.state().frequencyPpm()).isCloseTo(0.1, within(1e-12));

        host.advance(Duration.ofSeconds(100));
        // P = 1e-4 ppm^2/s * 100 s = 0.01 ppm^2; R = (20 us / 2 / 100 s)^2 = (0.1 ppm)^2 = 0.01
        // ppm^2: the gain halves again. 10 us in 100 s is a further 0.1 ppm.
        clock.apply(10_000, 20_000, false);

        assertThat(clock.state().frequencyPpm()).isCloseTo(0.1 + 0.5 * 0.1, within(1e-9));
    }

    @Test
    void eachUpdateShrinksTheUncertaintyOfTheEstimate() {
        // Full gain, R = P: the gain is 1/2 and P halves. The next measurement, as noisy, now has
        // R = 2P: the gain is 1/3 (the wander of 10 s adds a negligible 0.001 ppm^2 to P).
        ClockPolicy fullGain = new ClockPolicy(500, 128 * MS, 3, 500.0, 15.0, 2 * SECOND, 1.0);
        DisciplinedClock clock = clockWith(fullGain);
        clock.apply(0, 0, false);
        host.advance(Duration.ofSeconds(10));
        clock.apply(0, 10 * MS, false); // R = (500 ppm)^2 = P: gain 1/2, nothing unpredicted
        assertThat(clock.state().frequencyPpm()).isZero();
        // what the clock now takes as its own error, which the next frequency measurement shares
        long clocksError = clock.read().errorBoundNanos();
        assertThat(clocksError).isBetween(0L, 10 * MS);

        host.advance(Duration.ofSeconds(10));
        clock.apply(1_000, 10 * MS - clocksError, false); // R again (500 ppm)^2, now 2P: gain 1/3 of 0.1 ppm

        assertThat(clock.state().frequencyPpm()).isCloseTo(0.1 / 3, within(1e-9));
    }
}
