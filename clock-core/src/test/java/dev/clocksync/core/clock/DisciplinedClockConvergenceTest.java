package dev.clocksync.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.clocksync.core.time.ManualTimeSource;
import dev.clocksync.core.time.SimulatedOscillator;
import org.junit.jupiter.api.Test;

/**
 * A drifting oscillator corrected every 5 s from exact offset measurements converges in offset
 * and frequency.
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
