package dev.clocksync.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.clocksync.core.time.HostOscillator;
import dev.clocksync.core.time.ManualTimeSource;
import dev.clocksync.core.time.SimulatedOscillator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generated sequences of time advances, corrections and host clock steps, with fixed seeds. */
class DisciplinedClockPropertiesTest {

    private static final long SEED = 0xC10C_5EEDL;
    private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final long SECOND = 1_000_000_000L;

    sealed interface Action permits Advance, Correct, HostStep {}

    record Advance(long nanos) implements Action {}

    record Correct(long correctionNanos, long errorNanos, boolean allowStep) implements Action {}

    record HostStep(long nanos) implements Action {}

    /** Magnitudes from 1 ns to 9 * 10^maxExponent ns, spread evenly over the orders of magnitude. */
    private static Gen<Long> magnitudes(int maxExponent) {
        return integers()
                .between(0, maxExponent)
                .zip(integers().between(1, 9), (exponent, mantissa) -> mantissa * pow10(exponent));
    }

    /** Signed values, 1 ns up to 9 * 10^12 ns (2.5 hours) either way. */
    private static Gen<Long> signedUpToHours() {
        return magnitudes(12).zip(booleans().all(), (magnitude, negative) -> negative ? -magnitude : magnitude);
    }

    private static Gen<Action> advances() {
        // up to 90 s; zero advances too, so that several actions happen at one instant
        return magnitudes(10).zip(booleans().all(), (nanos, none) -> (Action) new Advance(none ? 0 : nanos));
    }

    private static Gen<Action> corrections(Gen<Boolean> allowStep) {
        return signedUpToHours()
                .zip(magnitudes(7), allowStep, (c, error, step) -> (Action) new Correct(c, error, step));
    }

    private static Gen<Action> hostSteps() {
        return signedUpToHours().map(nanos -> (Action) new HostStep(nanos));
    }

    @Test
    void publishedTimeNeverDecreases() {
        AtomicInteger backwardMoves = new AtomicInteger();
        Gen<List<Action>> scripts = lists().of(
                        Generate.oneOf(advances(), corrections(booleans().all()), hostSteps()))
                .ofSizeBetween(1, 120);

        qt().withFixedSeed(SEED).forAll(doubles().between(-200, 200), scripts).checkAssert((driftPpm, script) -> {
            ManualTimeSource host = new ManualTimeSource(START);
            SimulatedOscillator oscillator = new SimulatedOscillator(host, 0, driftPpm, 0, null);
            DisciplinedClock clock = new DisciplinedClock(oscillator, host, ClockPolicy.defaults());
            long previous = clock.nowNanos();
            for (Action action : script) {
                long stepsBefore = clock.state().steps();
                long updatesBefore = clock.state().updates();
                perform(action, host, clock);
                boolean initialStep = updatesBefore == 0 && clock.state().steps() > stepsBefore;
                if (action instanceof HostStep(long nanos) && nanos < 0
                        || action instanceof Correct c
                                && c.correctionNanos() < 0
                                && clock.state().steps() > stepsBefore
                                && !initialStep) {
                    backwardMoves.incrementAndGet();
                }
                long now = clock.nowNanos();
                if (initialStep) {
                    // the initial makestep moves the clock either way: nothing was synchronized before it
                    assertThat(now).as("after %s", action).isEqualTo(clock.unheldNanos());
                    previous = now;
                }
                assertThat(now).as("after %s", action).isGreaterThanOrEqualTo(previous);
                long read = clock.read().epochNanos();
                assertThat(read).as("read after %s", action).isGreaterThanOrEqualTo(now);
                previous = read;
            }
        });

        // the scripts really moved the clock backward, so the hold was exercised
        assertThat(backwardMoves.get()).isGreaterThan(100);
    }

    @Test
    void slewRateNeverExceedsTheMaximumAndSlewsComplete() {
        // makestepLimit 0 and no allowStep: every correction, up to hours, is slewed
        ClockPolicy policy = new ClockPolicy(500, 128_000_000L, 0, 500.0, 15.0, 2 * SECOND, 0.5);
        Gen<List<Action>> scripts = lists().of(Generate.oneOf(advances(), corrections(Generate.constant(false))))
                .ofSizeBetween(1, 120);

        qt().withFixedSeed(SEED).forAll(scripts).checkAssert(script -> {
            ManualTimeSource host = new ManualTimeSource(START);
            // a perfect oscillator: what the clock adds beyond it is frequency term plus slew
            DisciplinedClock clock = new DisciplinedClock(new HostOscillator(host), host, policy);
            for (Action action : script) {
                if (action instanceof Advance(long nanos)) {
                    assertSlewWithinRate(clock, host, nanos, policy.maxSlewPpm());
                } else {
                    long before = clock.nowNanos();
                    assertThat(clock.apply(((Correct) action).correctionNanos(), 0, false))
                            .isEqualTo(CorrectionKind.SLEWED);
                    assertThat(clock.nowNanos())
                            .as("a slew does not move the clock at once")
                            .isEqualTo(before);
                }
            }
            long pending = Math.abs(clock.state().pendingSlewNanos());
            // 500 ppm: 2000 ns of oscillator time per ns of correction
            for (long left = pending * 2_000 + SECOND; left > 0; left -= 1_000 * SECOND) {
                assertSlewWithinRate(clock, host, Math.min(left, 1_000 * SECOND), policy.maxSlewPpm());
            }
            assertThat(clock.state().pendingSlewNanos()).isZero();
            assertThat(clock.state().steps()).isZero();
        });
    }

    /** Advances time and checks that the clock gained no more than the slew limit allows. */
    private static void assertSlewWithinRate(
            DisciplinedClock clock, ManualTimeSource host, long nanos, long maxSlewPpm) {
        ClockState before = clock.state();
        long clockBefore = clock.nowNanos();
        host.advance(nanos);
        long clockAfter = clock.nowNanos();
        ClockState after = clock.state();

        double frequencyTerm = before.frequencyPpm() * nanos / 1e6;
        double slewed = clockAfter - clockBefore - nanos - frequencyTerm;
        double limit = maxSlewPpm * (double) nanos / 1e6;
        // 3 ns: the sub-nanosecond carries of the frequency term and of the slew budget
        assertThat(Math.abs(slewed)).as("slew over %d ns", nanos).isLessThanOrEqualTo(limit + 3);
        assertThat(Math.abs(slewed)).isLessThanOrEqualTo(Math.abs(before.pendingSlewNanos()) + 3.0);
        // what was slewed came out of the pending correction, in its direction
        double pendingDecrease = before.pendingSlewNanos() - after.pendingSlewNanos();
        assertThat(Math.abs(slewed - pendingDecrease)).isLessThanOrEqualTo(3.0);
        assertThat(slewed * Math.signum(before.pendingSlewNanos())).isGreaterThanOrEqualTo(-3.0);
    }

    @Test
    void stepsHappenOnlyAsThePolicyAllows() {
        Gen<List<Action>> scripts = lists().of(
                        Generate.oneOf(advances(), corrections(booleans().all())))
                .ofSizeBetween(1, 60);

        qt().withFixedSeed(SEED)
                .forAll(integers().between(0, 5), magnitudes(9), scripts)
                .checkAssert((makestepLimit, stepThreshold, script) -> {
                    ClockPolicy policy =
                            new ClockPolicy(500, stepThreshold, makestepLimit, 500.0, 15.0, 2 * SECOND, 0.5);
                    ManualTimeSource host = new ManualTimeSource(START);
                    DisciplinedClock clock = new DisciplinedClock(new HostOscillator(host), host, policy);
                    long updates = 0;
                    long steps = 0;
                    boolean mayBeHolding = false;
                    for (Action action : script) {
                        if (action instanceof Advance(long nanos)) {
                            host.advance(nanos);
                            continue;
                        }
                        Correct correct = (Correct) action;
                        long c = correct.correctionNanos();
                        boolean mayStep =
                                Math.abs(c) >= stepThreshold && (updates < makestepLimit || correct.allowStep());
                        long before = clock.nowNanos();
                        long pendingBefore = clock.state().pendingSlewNanos();

                        CorrectionKind kind = clock.apply(c, correct.errorNanos(), correct.allowStep());

                        updates++;
                        ClockState state = clock.state();
                        if (mayStep) {
                            steps++;
                            assertThat(kind).isEqualTo(CorrectionKind.STEPPED);
                            assertThat(state.pendingSlewNanos()).isZero();
                            // forward steps show at once (unless an earlier backward step is still held);
                            // backward steps are held
                            if (updates == 1) {
                                // the initial makestep shows at once, either way
                                assertThat(clock.nowNanos()).isEqualTo(before + c);
                            } else if (c < 0) {
                                assertThat(clock.nowNanos()).isEqualTo(before);
                                mayBeHolding = true;
                            } else if (mayBeHolding) {
                                assertThat(clock.nowNanos()).isBetween(before, before + c);
                            } else {
                                assertThat(clock.nowNanos()).isEqualTo(before + c);
                            }
                        } else {
                            assertThat(kind).isEqualTo(CorrectionKind.SLEWED);
                            // the measurement's news is taken in full when exact, else in part
                            if (correct.errorNanos() == 0) {
                                assertThat(state.pendingSlewNanos()).isEqualTo(c);
                            } else {
                                assertThat(state.pendingSlewNanos())
                                        .isBetween(Math.min(pendingBefore, c), Math.max(pendingBefore, c));
                            }
                            assertThat(clock.nowNanos()).isEqualTo(before);
                        }
                        assertThat(state.updates()).isEqualTo(updates);
                        assertThat(state.steps()).isEqualTo(steps);
                        assertThat(state.slews()).isEqualTo(updates - steps);
                    }
                });
    }

    private static void perform(Action action, ManualTimeSource host, DisciplinedClock clock) {
        switch (action) {
            case Advance(long nanos) -> host.advance(nanos);
            case Correct(long correctionNanos, long errorNanos, boolean allowStep) ->
                clock.apply(correctionNanos, errorNanos, allowStep);
            case HostStep(long nanos) -> host.stepEpoch(nanos);
        }
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
