package dev.clocksync.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Test;

class LeapSmearTest {

    private static final long SECOND = 1_000_000_000L;
    /** 2017-01-01T00:00:00Z, the instant of the last inserted leap second (after 2016-12-31T23:59:60). */
    private static final long LEAP = 1_483_228_800L * SECOND;

    private static final long HOUR = 3600 * SECOND;

    @Test
    void insertedLeapSmearsFromZeroToMinusOneSecondOverTheWindow() {
        LeapSmear smear = new LeapSmear(LEAP, 1);

        assertThat(smear.offsetNanos(LEAP - 12 * HOUR - 1)).isZero();
        assertThat(smear.offsetNanos(LEAP - 12 * HOUR)).isZero();
        // half the window (43200.5 s of 86401 s) has passed half a second after the leap
        assertThat(smear.offsetNanos(LEAP + SECOND / 2)).isEqualTo(-SECOND / 2);
        assertThat(smear.offsetNanos(LEAP + 12 * HOUR + SECOND)).isEqualTo(-SECOND);
        assertThat(smear.offsetNanos(LEAP + 48 * HOUR)).isEqualTo(-SECOND);
    }

    @Test
    void deletedLeapSmearsToPlusOneSecond() {
        LeapSmear smear = new LeapSmear(LEAP, -1);

        assertThat(smear.windowEndNanos()).isEqualTo(LEAP + 12 * HOUR - SECOND);
        assertThat(smear.offsetNanos(LEAP - SECOND / 2)).isEqualTo(SECOND / 2);
        assertThat(smear.offsetNanos(LEAP + 12 * HOUR)).isEqualTo(SECOND);
    }

    @Test
    void offsetIsContinuousAndMonotoneAtMillisecondResolutionAcrossTheWholeWindow() {
        LeapSmear smear = new LeapSmear(LEAP, 1);
        long previous = smear.offsetNanos(smear.windowStartNanos() - SECOND);
        for (long t = smear.windowStartNanos() - SECOND; t <= smear.windowEndNanos() + SECOND; t += 1_000_000) {
            long offset = smear.offsetNanos(t);
            // 1 ms / 86401 = 11.57 ns per millisecond, plus rounding
            if (previous - offset < 0 || previous - offset > 13) {
                fail("offset moved by %d ns in 1 ms at %d", offset - previous, t);
            }
            previous = offset;
        }
        assertThat(previous).isEqualTo(-SECOND);
    }

    @Test
    void rejectsALeapThatIsNotAtUtcMidnight() {
        assertThatThrownBy(() -> new LeapSmear(LEAP + HOUR, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UTC midnight");
        assertThatThrownBy(() -> new LeapSmear(LEAP - 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsADirectionOtherThanPlusOrMinusOne() {
        assertThatThrownBy(() -> new LeapSmear(LEAP, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("direction");
        assertThatThrownBy(() -> new LeapSmear(LEAP, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
