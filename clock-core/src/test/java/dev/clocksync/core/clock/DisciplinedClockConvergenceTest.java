package dev.clocksync.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.clocksync.core.time.ManualTimeSource;
import dev.clocksync.core.time.SimulatedOscillator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A drifting oscillator corrected every 5 s converges in offset and frequency, from exact offset
 * measurements and from noisy ones whose error bound it is told.
 */
class DisciplinedClockConvergenceTest {

    private static final long SEED = 0xD1F7_2026L;
    private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final long SECOND = 1_000_000_000L;
    private static final long INTERVAL = 5 * SECOND;
    private static final int CORRECTIONS = 20;

    /**
     * Defaults, except a 5 ms step threshold. At 500 ppm a slew removes at most 2.5 ms per 5 s
     * round, 50 ms in 20 rounds, so an initial offset between about 50 ms and the default 128 ms
     * threshold could not be removed within 20 corrections by any clock obeying the slew limit.
     * With 5 ms the first update steps every offset above that; 200 ppm of drift still yields only
     * 1 ms per round, so later corrections are slewed.
     */
    private static final ClockPolicy POLICY = new ClockPolicy(500, 5_000_000L, 3, 500.0, 15.0, INTERVAL, 0.5);

    @Test
    void convergesBelowOnePpmAndTenMicrosecondsWithinTwentyCorrections() {
        qt().withFixedSeed(SEED)
                .forAll(doubles().between(-200, 200), longs().between(-2 * SECOND, 2 * SECOND))
                .checkAssert((driftPpm, initialOffset) -> {
                    ManualTimeSource host = new ManualTimeSource(START);
                    SimulatedOscillator oscillator = new SimulatedOscillator(host, initialOffset, driftPpm, 0, null);
                    DisciplinedClock clock = new DisciplinedClock(oscillator, host, POLICY);

                    long correction = 0;
                    for (int i = 1; i <= CORRECTIONS; i++) {
                        host.advance(INTERVAL);
                        correction = host.epochNanos() - clock.nowNanos(); // the truth, error 0
                        clock.apply(correction, 0, false);
                    }

                    ClockState state = clock.state();
                    assertThat(Math.abs(oscillator.driftPpm() + state.frequencyPpm()))
                            .as("residual frequency error, ppm")
                            .isLessThan(1.0);
                    assertThat(Math.abs(correction))
                            .as("offset at the 20th correction")
                            .isLessThan(10_000L);
                    host.advance(INTERVAL);
                    assertThat(Math.abs(host.epochNanos() - clock.nowNanos()))
                            .as("offset one interval later")
                            .isLessThan(10_000L);
                    assertThat(state.status()).isEqualTo(ClockStatus.SYNCED);
                });
    }

    /** Measurements wrong by up to this much either way (half a 100 us round trip), and saying so. */
    private static final long NOISE = 50_000;

    private static final int NOISY_CORRECTIONS = 50;

    @Test
    void noisyMeasurementsAreAveragedOutOfTheFrequencyEstimate() {
        // Each measurement alone says the frequency only to within 2 * 50 us / 5 s = 20 ppm.
        qt().withFixedSeed(SEED)
                .forAll(doubles().between(-200, 200), longs().between(-2 * SECOND, 2 * SECOND), longs().all())
                .checkAssert((driftPpm, initialOffset, noiseSeed) -> {
                    NoisyRun run = NoisyRun.of(driftPpm, initialOffset, noiseSeed, NOISE);

                    assertThat(Math.abs(run.residualFrequencyPpm()))
                            .as("residual frequency error, ppm")
                            .isLessThan(1.0);
                    assertThat(Math.abs(run.offsetNanos()))
                            .as("offset one interval after the last correction")
                            .isLessThanOrEqualTo(2 * NOISE);
                });
    }

    @Test
    void aClockToldNoisyMeasurementsWereExactTurnsTheNoiseIntoFrequencyError() {
        // The same clocks and the same noise; only the error bound given with each correction differs.
        SplittableRandom scenarios = new SplittableRandom(SEED);
        double told = 0;
        double notTold = 0;
        int runs = 40;
        for (int i = 0; i < runs; i++) {
            double driftPpm = scenarios.nextDouble(-200, 200);
            long initialOffset = scenarios.nextLong(-2 * SECOND, 2 * SECOND);
            long noiseSeed = scenarios.nextLong();
            told += Math.abs(
                    NoisyRun.of(driftPpm, initialOffset, noiseSeed, NOISE).residualFrequencyPpm());
            notTold += Math.abs(NoisyRun.claimingExact(driftPpm, initialOffset, noiseSeed, NOISE)
                    .residualFrequencyPpm());
        }

        assertThat(notTold / runs)
                .as("mean residual, ppm, told the measurements were exact")
                .isGreaterThan(1.0);
        assertThat(told / runs).as("mean residual, ppm, told their error").isLessThan(notTold / runs / 4);
    }

    /** A clock corrected from measurements wrong by a seeded uniform error within +/- noise. */
    private record NoisyRun(double residualFrequencyPpm, long offsetNanos) {

        static NoisyRun of(double driftPpm, long initialOffset, long noiseSeed, long noise) {
            return run(driftPpm, initialOffset, noiseSeed, noise, noise);
        }

        static NoisyRun claimingExact(double driftPpm, long initialOffset, long noiseSeed, long noise) {
            return run(driftPpm, initialOffset, noiseSeed, noise, 0);
        }

        private static NoisyRun run(
                double driftPpm, long initialOffset, long noiseSeed, long noise, long reportedError) {
            // the monotonic clock starts far from 0, as System.nanoTime does
            ManualTimeSource host = new ManualTimeSource(START, 987_654_321_000L);
            SimulatedOscillator oscillator = new SimulatedOscillator(host, initialOffset, driftPpm, 0, null);
            DisciplinedClock clock = new DisciplinedClock(oscillator, host, POLICY);
            SplittableRandom measurementNoise = new SplittableRandom(noiseSeed);
            for (int i = 1; i <= NOISY_CORRECTIONS; i++) {
                host.advance(INTERVAL);
                // the daemon measures the clock itself, not the published time that holds a backward step
                long truth = host.epochNanos() - clock.unheldNanos();
                clock.apply(truth + measurementNoise.nextLong(-noise, noise + 1), reportedError, false);
            }
            double residualFrequencyPpm = oscillator.driftPpm() + clock.state().frequencyPpm();
            host.advance(INTERVAL);
            return new NoisyRun(residualFrequencyPpm, host.epochNanos() - clock.unheldNanos());
        }
    }

    @Test
    void withoutFrequencyCompensationTheResidualDriftRemains() {
        // the same loop with gain 0 shows what the frequency estimate achieves above
        ClockPolicy noFrequency = new ClockPolicy(500, 5_000_000L, 3, 500.0, 15.0, INTERVAL, 0.0);
        ManualTimeSource host = new ManualTimeSource(START);
        SimulatedOscillator oscillator = new SimulatedOscillator(host, 1_500_000_000L, 150.0, 0, null);
        DisciplinedClock clock = new DisciplinedClock(oscillator, host, noFrequency);

        long correction = 0;
        for (int i = 1; i <= CORRECTIONS; i++) {
            host.advance(INTERVAL);
            correction = host.epochNanos() - clock.nowNanos();
            clock.apply(correction, 0, false);
        }

        assertThat(clock.state().frequencyPpm()).isZero();
        assertThat(correction).isEqualTo(-750_000L); // 150 ppm of 5 s, every round
    }
}
