package dev.clocksync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeIntervalTest {

    @Test
    void anIntervalIsAfterAnInstantOnlyWhenEvenItsEarliestSideIs() {
        TimeInterval interval = new TimeInterval(1_000, 3_000, ClockStatus.SYNCED, null);

        assertThat(interval.isAfter(Nanos.toInstant(999))).isTrue();
        assertThat(interval.isAfter(Nanos.toInstant(1_000))).isFalse();
        assertThat(interval.isBefore(Nanos.toInstant(3_001))).isTrue();
        assertThat(interval.isBefore(Nanos.toInstant(3_000))).isFalse();
        assertThat(interval.midpointNanos()).isEqualTo(2_000);
        assertThat(interval.errorBoundNanos()).isEqualTo(1_000);
    }

    @Test
    void anIntervalWhoseSidesAreSwappedIsRefusedNamingBoth() {
        assertThatThrownBy(() -> new TimeInterval(5, 4, ClockStatus.SYNCED, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("earliestNanos 5")
                .hasMessageContaining("latestNanos 4");
    }

    @Test
    void instantsBeforeTheEpochAndBeyondTheNanosecondRangeConvert() {
        assertThat(Nanos.toInstant(-1)).isEqualTo(Instant.EPOCH.minusNanos(1));
        assertThat(Nanos.of(Instant.EPOCH.minusNanos(1))).isEqualTo(-1);
        assertThat(Nanos.of(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(Nanos.of(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void arithmeticSaturatesInsteadOfOverflowing() {
        assertThat(Nanos.saturatedAdd(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(Nanos.saturatedAdd(Long.MIN_VALUE + 1, -5)).isEqualTo(Long.MIN_VALUE);
        assertThat(Nanos.saturatedSubtract(Long.MIN_VALUE + 1, 5)).isEqualTo(Long.MIN_VALUE);
        assertThat(Nanos.saturatedSubtract(Long.MAX_VALUE, -1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Nanos.saturatedAdd(3, -5)).isEqualTo(-2);
        assertThat(Nanos.drift(1_000_000_000L, 100)).isEqualTo(100_000);
        assertThat(Nanos.drift(1, 100)).as("rounded up").isEqualTo(1);
        assertThat(Nanos.drift(Long.MAX_VALUE, 100_000)).isLessThan(Long.MAX_VALUE);
    }
}
