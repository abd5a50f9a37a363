package dev.clocksync.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.clocksync.core.time.HostOscillator;
import dev.clocksync.core.time.ManualTimeSource;
import dev.clocksync.core.time.SimulatedOscillator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DisciplinedClockTest {

    private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final ManualTimeSource host = new ManualTimeSource(START);
    private final DisciplinedClock clock = new DisciplinedClock(new HostOscillator(host), host, ClockPolicy.defaults());

    @Test
    void followsTheOscillatorBeforeAnyCorrection() {
        host.advance(Duration.ofSeconds(3));
        assertThat(clock.nowNanos()).isEqualTo(START + 3 * SECOND);
    }

    @Test
    void aSnapshotGivesTheClockItsOscillatorAndTheMonotonicTimeOfOneObservation() {
        host.advance(3 * SECOND);
        clock.apply(-45 * SECOND, 0, false);
        host.advance(SECOND);

        ClockSnapshot snapshot = clock.snapshot();
        assertThat(snapshot.oscillatorNanos()).isEqualTo(host.epochNanos());
        assertThat(snapshot.clockNanos()).isEqualTo(host.epochNanos() - 45 * SECOND);
        assertThat(snapshot.monotonicNanos()).isEqualTo(host.monotonicNanos());
        assertThat(snapshot.oscillatorMinusClockNanos()).isEqualTo(45 * SECOND);
    }

    @Test
    void aSnapshotIsNotHeldAfterABackwardStep() {
        clock.apply(0, 0, false);
        assertThat(clock.nowNanos()).isEqualTo(START);
        clock.apply(-SECOND, 0, false);
        assertThat(clock.snapshot().clockNanos()).isEqualTo(START - SECOND);
        assertThat(clock.nowNanos()).as("published time holds").isEqualTo(START);
    }

    @Test
    void theFirstUpdatesBackwardStepShowsAtOnceAsNothingWasSynchronizedBefore() {
        host.advance(SECOND);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.UNKNOWN);

        assertThat(clock.apply(-45 * SECOND, 1_000, false)).isEqualTo(CorrectionKind.STEPPED);

        assertThat(clock.nowNanos()).isEqualTo(START + SECOND - 45 * SECOND);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(1_000);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.SYNCED);
        // from then on, backward steps are held again
        clock.apply(-SECOND, 1_000, true);
        assertThat(clock.nowNanos()).isEqualTo(START + SECOND - 45 * SECOND);
    }

    @Test
    void isUnknownWithAnUnboundedErrorBeforeTheFirstCorrection() {
        ClockReading reading = clock.read();
        assertThat(reading.status()).isEqualTo(ClockStatus.UNKNOWN);
        assertThat(reading.errorBoundNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(clock.state().errorBoundNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void statusGoesFromUnknownToSyncedToFreeRunningAndBack() {
        assertThat(clock.read().status()).isEqualTo(ClockStatus.UNKNOWN);

        clock.apply(1_000, 10_000, false);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.SYNCED);

        host.advance(3 * 2 * SECOND); // exactly three update intervals: not yet more than three
        assertThat(clock.read().status()).isEqualTo(ClockStatus.SYNCED);
        host.advance(1);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.FREE_RUNNING);
        host.advance(Duration.ofHours(1));
        assertThat(clock.state().status()).isEqualTo(ClockStatus.FREE_RUNNING);

        clock.apply(-2_000, 10_000, false);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.SYNCED);
    }

    @Test
    void errorBoundGrowsLinearlyAtMaxDriftSinceTheLastUpdate() {
        clock.apply(0, 1_000, false);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(1_000);

        host.advance(SECOND); // 15 ppm of 1 s = 15 us
        assertThat(clock.read().errorBoundNanos()).isEqualTo(16_000);
        host.advance(SECOND);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(31_000);
        host.advance(98 * SECOND);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(1_501_000);

        // Against the clock's own 1.5 ms, a 2 us measurement takes nearly all the weight.
        clock.apply(0, 2_000, false);
        assertThat(clock.read().errorBoundNanos()).isBetween(2_000L, 2_003L);
    }

    @Test
    void errorBoundIncludesThePendingSlew() {
        clock.apply(0, 0, false);
        host.advance(SECOND);
        clock.apply(MS, 0, false);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(MS);

        host.advance(SECOND); // slews 500 us of the 1 ms
        assertThat(clock.state().pendingSlewNanos()).isEqualTo(500_000);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(500_000 + 15_000);
    }

    /** Five exact measurements a second apart: the clock then knows its offset and rate well. */
    private void settle() {
        for (int i = 0; i < 5; i++) {
            clock.apply(0, 0, false);
            host.advance(SECOND);
        }
    }

    @Test
    void aMeasurementMuchNoisierThanWhatTheClockKnowsMovesItLittle() {
        settle();
        long prior = clock.read().errorBoundNanos();
        long error = 20 * prior;
        clock.apply(prior, error, false);

        double gain = 1.0 / (1 + 20 * 20); // prior^2 / (prior^2 + error^2)
        long pending = clock.state().pendingSlewNanos();
        assertThat(pending).isEqualTo(Math.round(gain * prior));
        assertThat(clock.read().errorBoundNanos())
                .as("the same blend of the two bounds, plus what is still to slew")
                .isEqualTo(Math.round((1 - gain) * prior + gain * error) + pending);
    }

    @Test
    void aMeasurementAsGoodAsWhatTheClockKnowsIsTakenHalfway() {
        settle();
        long prior = clock.read().errorBoundNanos();
        clock.apply(prior, prior, false);

        assertThat(clock.state().pendingSlewNanos()).isEqualTo(prior / 2);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(prior / 2 + prior);
    }

    @Test
    void aMeasurementTheClockCannotExplainIsTakenInFull() {
        settle();
        long prior = clock.read().errorBoundNanos();
        long error = 10_000;
        long correction = prior + error + 1;
        clock.apply(correction, error, false);

        assertThat(clock.state().pendingSlewNanos()).isEqualTo(correction);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(correction + error);
    }

    @Test
    void aMeasurementDisagreeingByExactlyBothBoundsIsStillWeighed() {
        clock.apply(0, 1_000, false); // the clock's own error is now 1 us

        clock.apply(2_000, 1_000, false); // news of exactly 1 us + 1 us: weighed half and half

        assertThat(clock.state().pendingSlewNanos()).isEqualTo(1_000);
        clock.apply(3_001, 1_000, false); // 1 ns beyond the 1 us + 1 us bounds now: taken in full
        assertThat(clock.state().pendingSlewNanos()).isEqualTo(3_001);
    }

    @Test
    void aWeighedMeasurementMovesThePendingSlewPartWayFromWhereItWas() {
        clock.apply(4_000, 1_000, false); // first: taken in full, 4 us to slew, error 1 us

        clock.apply(5_000, 1_000, false); // as good as the clock: half of the 1 us news

        assertThat(clock.state().pendingSlewNanos()).isEqualTo(4_500);
        clock.apply(3_000, 1_000, false); // backward too: from 4.5 us halfway towards 3 us
        assertThat(clock.state().pendingSlewNanos()).isEqualTo(3_750);
    }

    @Test
    void anExactMeasurementIsTakenInFull() {
        settle();
        clock.apply(3_000, 0, false);
        assertThat(clock.state().pendingSlewNanos()).isEqualTo(3_000);
    }

    @Test
    void stepsOnlyWithinTheMakestepLimitUnlessAllowed() {
        long big = 200 * MS;
        assertThat(clock.apply(big, 0, false)).isEqualTo(CorrectionKind.STEPPED);
        assertThat(clock.apply(-big, 0, false)).isEqualTo(CorrectionKind.STEPPED);
        assertThat(clock.apply(big, 0, false)).isEqualTo(CorrectionKind.STEPPED);
        assertThat(clock.apply(big, 0, false)).isEqualTo(CorrectionKind.SLEWED);
        assertThat(clock.apply(-big, 0, true)).isEqualTo(CorrectionKind.STEPPED);
        assertThat(clock.apply(127 * MS, 0, true)).isEqualTo(CorrectionKind.SLEWED);

        ClockState state = clock.state();
        assertThat(state.updates()).isEqualTo(6);
        assertThat(state.steps()).isEqualTo(4);
        assertThat(state.slews()).isEqualTo(2);
        assertThat(state.lastCorrectionNanos()).isEqualTo(127 * MS);
    }

    @Test
    void aStepIsAppliedAtOnceAndASlewGradually() {
        clock.apply(300 * MS, 0, false);
        assertThat(clock.nowNanos()).isEqualTo(START + 300 * MS);

        clock.apply(5 * MS, 0, false);
        assertThat(clock.nowNanos()).isEqualTo(START + 300 * MS);
        host.advance(SECOND);
        assertThat(clock.nowNanos()).isEqualTo(START + SECOND + 300 * MS + 500_000);
        host.advance(Duration.ofSeconds(20));
        assertThat(clock.nowNanos()).isEqualTo(START + 21 * SECOND + 305 * MS);
        assertThat(clock.state().pendingSlewNanos()).isZero();
    }

    @Test
    void aNewCorrectionReplacesWhatIsStillPending() {
        clock.apply(0, 0, false);
        clock.apply(10 * MS, 0, false);
        host.advance(SECOND); // 0.5 ms of 10 ms slewed

        clock.apply(-MS, 0, false);

        assertThat(clock.state().pendingSlewNanos()).isEqualTo(-MS);
        long before = clock.nowNanos();
        host.advance(Duration.ofSeconds(10));
        // the remaining 9.5 ms were dropped; 1 ms taken away; frequency term measured separately
        double frequencyNanos = clock.state().frequencyPpm() * 10_000;
        assertThat((double) (clock.nowNanos() - before)).isCloseTo(10 * SECOND - MS + frequencyNanos, within(2.0));
    }

    @Test
    void publishedTimeHoldsAcrossABackwardStepAndTheBoundCoversTheHold() {
        clock.apply(0, 1_000, false);
        host.advance(SECOND);
        long beforeStep = clock.nowNanos();

        assertThat(clock.apply(-SECOND, 1_000, true)).isEqualTo(CorrectionKind.STEPPED);

        assertThat(clock.nowNanos()).isEqualTo(beforeStep);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(SECOND + 1_000);
        host.advance(SECOND / 2);
        assertThat(clock.nowNanos()).isEqualTo(beforeStep);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(SECOND / 2 + 1_000 + 7_500);
        host.advance(SECOND / 2);
        assertThat(clock.nowNanos()).isEqualTo(beforeStep);
        host.advance(1);
        assertThat(clock.nowNanos()).isEqualTo(beforeStep + 1);
    }

    @Test
    void disruptedWhileALargeCorrectionIsSlewedOutsideTheStepPolicy() {
        for (int i = 0; i < 3; i++) {
            clock.apply(0, 0, false);
        }
        assertThat(clock.apply(200 * MS, 0, false)).isEqualTo(CorrectionKind.SLEWED);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.DISRUPTED);

        // 200 ms - 128 ms = 72 ms at 500 us/s: 144 s until below the step threshold
        host.advance(Duration.ofSeconds(143));
        assertThat(clock.read().status()).isEqualTo(ClockStatus.DISRUPTED);
        host.advance(SECOND);
        assertThat(clock.state().pendingSlewNanos()).isEqualTo(128 * MS);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.DISRUPTED);
        host.advance(2_000); // slews 1 ns
        assertThat(clock.read().status()).isEqualTo(ClockStatus.FREE_RUNNING); // no update for 144 s

        clock.apply(120 * MS, 0, false);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.SYNCED);
    }

    @Test
    void aLargeCorrectionThatIsAllowedToStepDoesNotDisrupt() {
        for (int i = 0; i < 3; i++) {
            clock.apply(0, 0, false);
        }
        assertThat(clock.apply(200 * MS, 0, true)).isEqualTo(CorrectionKind.STEPPED);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.SYNCED);
    }

    @Test
    void disruptedFromAHostClockStepUntilTheNextCorrection() {
        clock.apply(0, 1_000, false);
        host.advance(SECOND);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.SYNCED);

        host.stepEpoch(SECOND);

        ClockReading reading = clock.read();
        assertThat(reading.status()).isEqualTo(ClockStatus.DISRUPTED);
        assertThat(reading.errorBoundNanos()).isEqualTo(1_000 + 15_000 + SECOND);
        host.advance(Duration.ofSeconds(60));
        assertThat(clock.read().status()).isEqualTo(ClockStatus.DISRUPTED);

        clock.apply(-SECOND, 1_000, false);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.SYNCED);
    }

    @Test
    void aBackwardHostStepIsHeldAndDisrupts() {
        clock.apply(0, 0, false);
        host.advance(SECOND);
        long before = clock.nowNanos();

        host.stepEpoch(-SECOND);

        assertThat(clock.read().status()).isEqualTo(ClockStatus.DISRUPTED);
        assertThat(clock.nowNanos()).isEqualTo(before);
        host.advance(SECOND + 1);
        assertThat(clock.nowNanos()).isEqualTo(before + 1);
    }

    @Test
    void hostStepsBelowTheThresholdAndOrdinaryDriftAreNotDisruptions() {
        clock.apply(0, 0, false);
        host.stepEpoch(127 * MS);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.SYNCED);

        ManualTimeSource otherHost = new ManualTimeSource(START);
        SimulatedOscillator fast = new SimulatedOscillator(otherHost, 0, 200.0, 0, null);
        DisciplinedClock drifting = new DisciplinedClock(fast, otherHost, ClockPolicy.defaults());
        drifting.apply(0, 0, false);
        otherHost.advance(Duration.ofSeconds(1000)); // 200 ms of drift, unobserved
        assertThat(drifting.state().status()).isEqualTo(ClockStatus.FREE_RUNNING);
    }

    @Test
    void aHostStepOfExactlyTheStepThresholdIsAJump() {
        clock.apply(0, 1_000, false);

        host.stepEpoch(128 * MS);

        assertThat(clock.read().status()).isEqualTo(ClockStatus.DISRUPTED);
    }

    @Test
    void aJumpAllowsForTheLargestRateErrorOverTheElapsedTime() {
        // over 1 s an oscillator within 500 ppm may drift 500 us: 128.5 ms is the jump threshold
        ManualTimeSource justBelowHost = new ManualTimeSource(START);
        DisciplinedClock justBelow =
                new DisciplinedClock(new HostOscillator(justBelowHost), justBelowHost, ClockPolicy.defaults());
        justBelow.apply(0, 0, false);
        justBelowHost.advance(SECOND);
        justBelowHost.stepEpoch(128 * MS + 500_000 - 1);
        assertThat(justBelow.read().status()).isEqualTo(ClockStatus.SYNCED);

        clock.apply(0, 0, false);
        host.advance(SECOND);
        host.stepEpoch(128 * MS + 500_000);
        assertThat(clock.read().status()).isEqualTo(ClockStatus.DISRUPTED);
    }

    @Test
    void aMeasurementTakenInFullLeavesExactlyItsOwnErrorHoweverLarge() {
        long beyondDoublePrecision = (1L << 53) + 1; // 104 days and a nanosecond
        clock.apply(0, beyondDoublePrecision, false);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(beyondDoublePrecision);
    }

    @Test
    void errorBoundSaturatesInsteadOfOverflowing() {
        clock.apply(0, Long.MAX_VALUE - 1_000, false);
        assertThat(clock.read().errorBoundNanos()).isEqualTo(Long.MAX_VALUE - 1_000);

        host.advance(SECOND); // 15 us of drift more than fits

        ClockReading reading = clock.read();
        assertThat(reading.errorBoundNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(reading.earliestNanos()).isEqualTo(Long.MIN_VALUE);
        assertThat(reading.latestNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void freeRunningAfterThreeIntervalsOfTheLongestIntervalWhoseTripleFits() {
        long interval = Long.MAX_VALUE / 3; // three of them are Long.MAX_VALUE - 1
        ClockPolicy policy = new ClockPolicy(500, 128 * MS, 3, 500.0, 15.0, interval, 0.5);
        ManualTimeSource fromEpoch = new ManualTimeSource(0);
        DisciplinedClock patient = new DisciplinedClock(new HostOscillator(fromEpoch), fromEpoch, policy);
        patient.apply(0, 0, false);

        fromEpoch.advance(Long.MAX_VALUE - 1);
        assertThat(patient.read().status()).isEqualTo(ClockStatus.SYNCED);
        fromEpoch.advance(1);
        assertThat(patient.read().status()).isEqualTo(ClockStatus.FREE_RUNNING);
    }

    @Test
    void aSlewProceedsAtTheFullRateHoweverOftenTheClockIsObserved() {
        ManualTimeSource seldomHost = new ManualTimeSource(START);
        DisciplinedClock seldom =
                new DisciplinedClock(new HostOscillator(seldomHost), seldomHost, ClockPolicy.defaults());
        clock.apply(10_000, 0, false);
        seldom.apply(10_000, 0, false);

        // 500 ppm of 1 us is half a nanosecond per observation: the fractions must add up
        for (int i = 0; i < 1_000; i++) {
            host.advance(1_000);
            clock.nowNanos();
        }
        seldomHost.advance(MS);

        assertThat(clock.nowNanos()).isEqualTo(START + MS + 500).isEqualTo(seldom.nowNanos());
        assertThat(clock.state().pendingSlewNanos()).isEqualTo(9_500);
    }

    @Test
    void unheldTimeShowsTheClockItselfWhilePublishedTimeHoldsABackwardStep() {
        clock.apply(0, 0, false);
        host.advance(SECOND);
        assertThat(clock.nowNanos()).isEqualTo(START + SECOND);

        clock.apply(-SECOND, 0, true);
        host.advance(MS);

        assertThat(clock.unheldNanos()).isEqualTo(START + MS);
        assertThat(clock.nowNanos()).isEqualTo(START + SECOND);
    }

    @Test
    void rejectsACorrectionThatCannotBeNegatedAndNothingChanges() {
        assertThatThrownBy(() -> clock.apply(Long.MIN_VALUE, 0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("correctionNanos");
        assertThat(clock.state().updates()).isZero();
        assertThat(clock.nowNanos()).isEqualTo(START);
    }

    @Test
    void frequencyIsNotUpdatedOnTheFirstUpdateNorAroundASteps() {
        clock.apply(300 * MS, 0, false); // first update (and a step)
        assertThat(clock.state().frequencyPpm()).isZero();
        host.advance(Duration.ofSeconds(10));
        clock.apply(1_000, 0, false); // previous update stepped
        assertThat(clock.state().frequencyPpm()).isZero();
        host.advance(Duration.ofSeconds(10));
        clock.apply(200 * MS, 0, false); // this update steps (second of three makestep updates)
        assertThat(clock.state().frequencyPpm()).isZero();
    }

    @Test
    void frequencyMovesByGainTimesTheUnpredictedPartOverTheInterval() {
        clock.apply(0, 0, false);
        host.advance(Duration.ofSeconds(10));

        clock.apply(1_000, 0, false); // 1 us in 10 s = 0.1 ppm, half of it taken
        assertThat(clock.state().frequencyPpm()).isCloseTo(0.05, within(1e-12));

        host.advance(SECOND); // the 1 us is slewed by now; 100 us more in 1 s is 100 ppm
        clock.apply(100_000, 0, false);
        assertThat(clock.state().frequencyPpm()).isCloseTo(0.05 + 50, within(1e-9));
    }

    @Test
    void thePendingRemainderIsPredictedAndDoesNotCountAsFrequencyError() {
        clock.apply(0, 0, false);
        host.advance(Duration.ofSeconds(100));
        clock.apply(10 * MS, 0, false); // unpredicted 10 ms in 100 s: 100 ppm, half of it taken
        assertThat(clock.state().frequencyPpm()).isCloseTo(50.0, within(1e-9));
        host.advance(SECOND);
        long remainder = clock.state().pendingSlewNanos();
        assertThat(remainder).isEqualTo(9_500_000);

        clock.apply(remainder + 100, 0, false); // only 100 ns in 1 s was not predicted
        assertThat(clock.state().frequencyPpm()).isCloseTo(50.05, within(1e-9));
    }

    @Test
    void frequencyIsClampedToTheMaximum() {
        clock.apply(0, 0, false);
        host.advance(SECOND);
        clock.apply(-100 * MS, 0, false);
        assertThat(clock.state().frequencyPpm()).isEqualTo(-500.0);
    }

    @Test
    void frequencyIsNotUpdatedAcrossAHostClockJump() {
        for (int i = 0; i < 3; i++) {
            clock.apply(0, 0, false);
        }
        host.advance(SECOND);
        host.stepEpoch(200 * MS);
        // slewed (makestep used up), the previous update did not step, but the host clock jumped
        assertThat(clock.apply(-200 * MS, 0, false)).isEqualTo(CorrectionKind.SLEWED);
        assertThat(clock.state().frequencyPpm()).isZero();
    }

    @Test
    void frequencyCompensationCorrectsTheRateOfTheOscillator() {
        clock.apply(0, 0, false);
        host.advance(SECOND);
        clock.apply(20 * MS, 0, false); // clamps to +500 ppm, slews 20 ms over 40 s
        long before = clock.nowNanos();
        host.advance(Duration.ofSeconds(100));
        // 100 s + 500 ppm (50 ms) + the 20 ms slew
        assertThat(clock.nowNanos() - before).isEqualTo(100 * SECOND + 50 * MS + 20 * MS);
    }

    @Test
    void rejectsANegativeMeasurementError() {
        assertThatThrownBy(() -> clock.apply(0, -1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("errorNanos");
        assertThat(clock.state().updates()).isZero();
    }

    @Test
    void leapSmearIsAddedToPublishedTime() {
        long leap = 1_483_228_800L * SECOND;
        ManualTimeSource nearLeap = new ManualTimeSource(leap);
        DisciplinedClock smeared = new DisciplinedClock(new HostOscillator(nearLeap), nearLeap, ClockPolicy.defaults());

        smeared.scheduleLeap(new LeapSmear(leap, 1));
        nearLeap.advance(SECOND / 2);
        assertThat(smeared.nowNanos()).isEqualTo(leap);

        smeared.scheduleLeap(null); // clearing moves the clock forward by the smear at once
        assertThat(smeared.nowNanos()).isEqualTo(leap + SECOND / 2);
    }

    @Test
    void publishedTimeNeverDecreasesForAnyThreadWhileCorrectionsStepItBack() throws InterruptedException {
        int readers = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int r = 0; r < readers; r++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    long previous = Long.MIN_VALUE;
                    for (int i = 0; i < 50_000; i++) {
                        long now = i % 2 == 0 ? clock.nowNanos() : clock.read().epochNanos();
                        if (now < previous) {
                            throw new AssertionError(now + " after " + previous);
                        }
                        previous = now;
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        start.countDown();
        for (int i = 0; i < 20_000; i++) {
            host.advance(MS);
            clock.apply(i % 2 == 0 ? -SECOND : SECOND / 3, 0, true);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(clock.state().steps()).isEqualTo(20_000);
    }
}
