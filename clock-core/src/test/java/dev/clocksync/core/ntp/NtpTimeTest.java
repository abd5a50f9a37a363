package dev.clocksync.core.ntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void theUnixEpochIsNtpSecond2208988800() {
        assertThat(NtpTime.timestamp(0)).isEqualTo(2_208_988_800L << 32);
        assertThat(NtpTime.epochNanos(2_208_988_800L << 32)).isZero();
    }

    @Test
    void halfASecondIsHalfTheFraction() {
        assertThat(NtpTime.timestamp(1_500_000_000L)).isEqualTo(((2_208_988_801L) << 32) | 0x8000_0000L);
    }

    @Test
    void instantsBeforeTheUnixEpochKeepTheirFraction() {
        assertThat(NtpTime.epochNanos(NtpTime.timestamp(-250_000_000L))).isEqualTo(-250_000_000L);
    }

    @Test
    void aTimestampRoundTripsToTheNanosecond() {
        qt().withFixedSeed(0x4E54_5001L)
                .forAll(longs().between(0, 2_000_000_000_000_000_000L))
                .checkAssert(nanos ->
                        assertThat(NtpTime.epochNanos(NtpTime.timestamp(nanos))).isEqualTo(nanos));
    }

    @Test
    void theShortFormatIsSixteenDotSixteenSecondsRoundedUpAndSaturating() {
        assertThat(NtpTime.shortFormat(0)).isZero();
        assertThat(NtpTime.shortFormat(-5)).isZero();
        assertThat(NtpTime.shortFormat(1_000_000_000L)).isEqualTo(0x0001_0000);
        assertThat(NtpTime.shortFormat(1))
                .as("a nanosecond rounds up to one unit")
                .isEqualTo(1);
        assertThat(NtpTime.shortFormat(15_258L)).isEqualTo(1); // 1/65536 s = 15 258.8 ns
        assertThat(NtpTime.shortFormat(15_259L)).isEqualTo(2);
        assertThat(NtpTime.shortFormat(65_535_999_999_999L)).isEqualTo(0xFFFF_FFFF);
        assertThat(NtpTime.shortFormat(65_536_000_000_000L)).isEqualTo(0xFFFF_FFFF);
        assertThat(NtpTime.shortFormat(Long.MAX_VALUE)).isEqualTo(0xFFFF_FFFF);
    }
}
