package dev.clocksync.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedOscillatorTest {

    private static final long SEED = 0x5EED_0001L;
    private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsAtTheInitialOffsetFromTheHostClock() {
        ManualTimeSource host = new ManualTimeSource(START);
        SimulatedOscillator oscillator = new SimulatedOscillator(host, -1_234_567, 50.0, 0, null);

        assertThat(oscillator.readNanos()).isEqualTo(START - 1_234_567);
        assertThat(oscillator.trueOffsetNanos()).isEqualTo(-1_234_567);
    }

    @Test
    void theTrueOffsetAtAGivenMonotonicTimeNeedsNoSecondReadOfTheHost() {
        ManualTimeSource host = new ManualTimeSource(START, 7 * SECOND);
        SimulatedOscillator oscillator = new SimulatedOscillator(host, 1_000, 100.0, 0, null);

        assertThat(oscillator.trueOffsetAtMonotonic(7 * SECOND)).isEqualTo(1_000);
        assertThat(oscillator.trueOffsetAtMonotonic(17 * SECOND)).isEqualTo(1_000 + 1_000_000);
        assertThat(oscillator.trueOffsetAtMonotonic(0))
                .as("not before construction")
                .isEqualTo(1_000);
        host.advance(Duration.ofSeconds(10));
        assertThat(oscillator.trueOffsetAtMonotonic(host.monotonicNanos())).isEqualTo(oscillator.trueOffsetNanos());
    }

    @Test
    void driftOf100PpmGains100MicrosecondsPerSecond() {
        ManualTimeSource host = new ManualTimeSource(START);
        SimulatedOscillator oscillator = new SimulatedOscillator(host, 0, 100.0, 0, null);

        host.advance(Duration.ofSeconds(1000));

        assertThat(oscillator.trueOffsetNanos()).isEqualTo(100_000_000L);
        assertThat(oscillator.readNanos()).isEqualTo(host.epochNanos() + 100_000_000L);
        assertThat(oscillator.driftPpm()).isEqualTo(100.0);
    }

    @Test
    void trueOffsetGrowsByDriftTimesElapsedMonotonicTimeWhereverTheMonotonicClockStarts() {
        qt().withFixedSeed(SEED)
                .forAll(
                        doubles().between(-500, 500),
                        longs().between(-2 * SECOND, 2 * SECOND),
                        longs().between(0, 10 * 86_400 * SECOND),
                        longs().between(-1_000_000 * SECOND, 1_000_000 * SECOND))
                .checkAssert((driftPpm, initialOffset, elapsed, monotonicStart) -> {
                    ManualTimeSource host = new ManualTimeSource(START, monotonicStart);
                    SimulatedOscillator oscillator = new SimulatedOscillator(host, initialOffset, driftPpm, 0, null);
                    assertThat(oscillator.trueOffsetNanos()).isEqualTo(initialOffset);

                    host.advance(elapsed);

                    double expected = initialOffset + driftPpm * 1e-6 * elapsed;
                    assertThat((double) oscillator.trueOffsetNanos()).isCloseTo(expected, within(1.0));
                    assertThat(oscillator.readNanos() - host.epochNanos()).isEqualTo(oscillator.trueOffsetNanos());
                });
    }

    @Test
    void aHostClockStepMovesTheReadingButNotTheTrueOffset() {
        ManualTimeSource host = new ManualTimeSource(START);
        SimulatedOscillator oscillator = new SimulatedOscillator(host, 0, 10.0, 0, null);
        host.advance(Duration.ofSeconds(100));
        long before = oscillator.readNanos();

        host.stepEpoch(5 * SECOND);

        assertThat(oscillator.readNanos()).isEqualTo(before + 5 * SECOND);
        assertThat(oscillator.trueOffsetNanos()).isEqualTo(1_000_000L);
    }

    @Test
    void wanderIsTheSameForTheSameSeedHoweverOftenTheOscillatorIsRead() {
        ManualTimeSource host = new ManualTimeSource(START);
        SimulatedOscillator readOften = new SimulatedOscillator(host, 0, 20.0, 0.05, new SplittableRandom(SEED));
        SimulatedOscillator readSeldom = new SimulatedOscillator(host, 0, 20.0, 0.05, new SplittableRandom(SEED));
        SimulatedOscillator otherSeed = new SimulatedOscillator(host, 0, 20.0, 0.05, new SplittableRandom(SEED + 1));

        for (int checkpoint = 1; checkpoint <= 5; checkpoint++) {
            for (int i = 0; i < 30_000; i++) {
                host.advance(37_000_001L); // not a divisor of the one-second wander grid
                readOften.readNanos();
            }
            assertThat(readSeldom.readNanos()).isEqualTo(readOften.readNanos());
            assertThat(readSeldom.driftPpm()).isEqualTo(readOften.driftPpm());
        }
        // the wander really moved the frequency, and differently for another seed
        assertThat(readOften.driftPpm()).isNotEqualTo(20.0);
        assertThat(otherSeed.trueOffsetNanos()).isNotEqualTo(readOften.trueOffsetNanos());
    }

    @Test
    void eachWanderStepIsTheGeneratorsNextGaussianScaledBySigma() {
        // the seed alone fixes the wander: a run can be replayed from the seed it printed
        ManualTimeSource host = new ManualTimeSource(START, 123_456_789L);
        SimulatedOscillator oscillator = new SimulatedOscillator(host, 0, 20.0, 0.05, new SplittableRandom(SEED));
        SplittableRandom replay = new SplittableRandom(SEED);

        host.advance(SECOND - 1);
        assertThat(oscillator.driftPpm()).isEqualTo(20.0);
        host.advance(1);
        double first = 20.0 + 0.05 * replay.nextGaussian();
        assertThat(oscillator.driftPpm()).isEqualTo(first);
        host.advance(SECOND);
        assertThat(oscillator.driftPpm()).isEqualTo(first + 0.05 * replay.nextGaussian());
    }

    @Test
    void theReadingDoesNotDependOnWhetherTheFrequencyWasAskedFor() {
        ManualTimeSource host = new ManualTimeSource(START);
        SimulatedOscillator onlyRead = new SimulatedOscillator(host, 0, 20.0, 0.5, new SplittableRandom(SEED));
        SimulatedOscillator asked = new SimulatedOscillator(host, 0, 20.0, 0.5, new SplittableRandom(SEED));
        SimulatedOscillator withoutWander = new SimulatedOscillator(host, 0, 20.0, 0, null);

        for (int second = 0; second < 10; second++) {
            host.advance(SECOND);
            asked.driftPpm();
        }

        assertThat(onlyRead.trueOffsetNanos()).isEqualTo(asked.trueOffsetNanos());
        assertThat(onlyRead.readNanos()).isEqualTo(asked.readNanos());
        assertThat(onlyRead.trueOffsetNanos()).isNotEqualTo(withoutWander.trueOffsetNanos());
    }

    @Test
    void wanderIsIntegratedPiecewiseAtTheCurrentFrequency() {
        ManualTimeSource host = new ManualTimeSource(START);
        SimulatedOscillator oscillator = new SimulatedOscillator(host, 0, 0.0, 1.0, new SplittableRandom(SEED));

        for (int second = 0; second < 2_000; second++) {
            long offsetBefore = oscillator.trueOffsetNanos();
            double frequencyPpm = oscillator.driftPpm();
            host.advance(SECOND);
            // 1 ppm of one second is 1000 ns
            assertThat((double) (oscillator.trueOffsetNanos() - offsetBefore))
                    .isCloseTo(frequencyPpm * 1_000, within(1.0));
        }
    }

    @Test
    void wanderIsARandomWalkWithTheGivenSigmaPerSquareRootSecond() {
        int oscillators = 400;
        double sigma = 0.1;
        long seconds = 10_000;
        ManualTimeSource host = new ManualTimeSource(START);
        SimulatedOscillator[] population = new SimulatedOscillator[oscillators];
        for (int i = 0; i < oscillators; i++) {
            population[i] = new SimulatedOscillator(host, 0, 0.0, sigma, new SplittableRandom(SEED + i));
        }

        host.advance(Duration.ofSeconds(seconds));

        double sumOfSquares = 0;
        for (SimulatedOscillator oscillator : population) {
            sumOfSquares += oscillator.driftPpm() * oscillator.driftPpm();
        }
        double variance = sumOfSquares / oscillators;
        // expected sigma^2 * t = 100 ppm^2; the sample variance of 400 is within about 7 % (one SE)
        assertThat(variance).isCloseTo(sigma * sigma * seconds, within(25.0));
    }

    @Test
    void rejectsInvalidParameters() {
        ManualTimeSource host = new ManualTimeSource(START);
        assertThatThrownBy(() -> new SimulatedOscillator(host, 0, 0, 0.1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random");
        assertThatThrownBy(() -> new SimulatedOscillator(host, 0, 0, -1, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wanderPpmPerSqrtSecond");
        assertThatThrownBy(() -> new SimulatedOscillator(host, 0, Double.NaN, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("driftPpm");
        assertThatThrownBy(() -> new SimulatedOscillator(host, 0, 1_000_000, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("driftPpm");
        assertThatThrownBy(() -> new SimulatedOscillator(host, 0, -1_000_000, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("driftPpm");
        assertThatThrownBy(() -> new SimulatedOscillator(host, 0, Double.POSITIVE_INFINITY, 0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("driftPpm");
        assertThatThrownBy(() -> new SimulatedOscillator(host, 0, 0, Double.NaN, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wanderPpmPerSqrtSecond");
        assertThatThrownBy(() -> new SimulatedOscillator(null, 0, 0, 0, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("host");
    }

    @Test
    void acceptsDriftJustInsideAMillionPpm() {
        ManualTimeSource host = new ManualTimeSource(START);
        SimulatedOscillator nearlyStopped = new SimulatedOscillator(host, 0, -999_999.0, 0, null);

        host.advance(SECOND);

        assertThat(nearlyStopped.readNanos() - START).isEqualTo(1_000); // 1 ppm of a second survives
    }
}
