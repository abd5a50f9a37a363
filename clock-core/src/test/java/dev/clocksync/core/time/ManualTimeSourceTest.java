package dev.clocksync.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ManualTimeSourceTest {

    private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    private static final long MONOTONIC_START = -8_765_432_100_000L; // System.nanoTime may be negative

    @Test
    void startsWhereItIsToldWithTheMonotonicClockAtZeroUnlessToldOtherwise() {
        ManualTimeSource atZero = new ManualTimeSource(START);
        ManualTimeSource anywhere = new ManualTimeSource(START, MONOTONIC_START);

        assertThat(atZero.epochNanos()).isEqualTo(START);
        assertThat(atZero.monotonicNanos()).isZero();
        assertThat(anywhere.epochNanos()).isEqualTo(START);
        assertThat(anywhere.monotonicNanos()).isEqualTo(MONOTONIC_START);
    }

    @Test
    void advancingMovesBothClocksByTheSameAmount() {
        ManualTimeSource time = new ManualTimeSource(START, MONOTONIC_START);

        time.advance(1_500);
        time.advance(Duration.ofSeconds(2));

        assertThat(time.epochNanos()).isEqualTo(START + 2_000_001_500L);
        assertThat(time.monotonicNanos()).isEqualTo(MONOTONIC_START + 2_000_001_500L);
    }

    @Test
    void aStepMovesTheRealTimeClockAloneEitherWay() {
        ManualTimeSource time = new ManualTimeSource(START, MONOTONIC_START);

        time.stepEpoch(-3_000);
        assertThat(time.epochNanos()).isEqualTo(START - 3_000);
        time.stepEpoch(5_000);
        assertThat(time.epochNanos()).isEqualTo(START + 2_000);

        assertThat(time.monotonicNanos()).isEqualTo(MONOTONIC_START);
    }

    @Test
    void refusesToGoBackAndThenNeitherClockMoved() {
        ManualTimeSource time = new ManualTimeSource(START, MONOTONIC_START);

        assertThatThrownBy(() -> time.advance(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> time.advance(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);

        assertThat(time.epochNanos()).isEqualTo(START);
        assertThat(time.monotonicNanos()).isEqualTo(MONOTONIC_START);
        time.advance(0);
        assertThat(time.epochNanos()).isEqualTo(START);
    }
}
