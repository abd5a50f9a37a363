package dev.clocksync.core.clock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockReadingTest {

    @Test
    void intervalIsTheReadingPlusMinusTheBound() {
        ClockReading reading = new ClockReading(1_000_000, 250, ClockStatus.SYNCED);
        assertThat(reading.earliestNanos()).isEqualTo(999_750);
        assertThat(reading.latestNanos()).isEqualTo(1_000_250);
    }

    @Test
    void aZeroBoundIsTheReadingItself() {
        ClockReading reading = new ClockReading(1_000_000, 0, ClockStatus.SYNCED);
        assertThat(reading.earliestNanos()).isEqualTo(1_000_000);
        assertThat(reading.latestNanos()).isEqualTo(1_000_000);
    }

    @Test
    void aBoundReachingPastTheRangeOfALongSaturates() {
        ClockReading early = new ClockReading(Long.MIN_VALUE + 10, 11, ClockStatus.SYNCED);
        ClockReading late = new ClockReading(Long.MAX_VALUE - 10, 11, ClockStatus.SYNCED);
        assertThat(early.earliestNanos()).isEqualTo(Long.MIN_VALUE);
        assertThat(early.latestNanos()).isEqualTo(Long.MIN_VALUE + 21);
        assertThat(late.latestNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(late.earliestNanos()).isEqualTo(Long.MAX_VALUE - 21);
    }

    @Test
    void anUnknownBoundSaturatesInsteadOfOverflowing() {
        ClockReading reading = new ClockReading(1_000_000, Long.MAX_VALUE, ClockStatus.UNKNOWN);
        assertThat(reading.earliestNanos()).isEqualTo(Long.MIN_VALUE);
        assertThat(reading.latestNanos()).isEqualTo(Long.MAX_VALUE);
    }
}
