package dev.clocksync.core.ntp;

/**
 * NTP's time formats (RFC 5905): the 64-bit timestamp, seconds since 1900-01-01 in the high 32
 * bits and a binary fraction in the low 32, and the 32-bit short format, 16.16 seconds, of root
 * delay and dispersion. Era 0 only (until 2036), as every deployed client reads it.
 */
public final class NtpTime {

    /** Seconds from 1900-01-01 (NTP's epoch) to 1970-01-01 (Unix's). */
    static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long FRACTIONS_PER_SECOND = 1L << 32;

    private NtpTime() {}

    /** The NTP timestamp of an instant, rounded to the nearest fraction (233 ps). */
    public static long timestamp(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        long fraction = (nanos * FRACTIONS_PER_SECOND + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
        return ((seconds + SECONDS_1900_TO_1970) << 32) + fraction;
    }

    /** The instant of an NTP timestamp, nanoseconds since the Unix epoch. */
    public static long epochNanos(long timestamp) {
        long seconds = (timestamp >>> 32) - SECONDS_1900_TO_1970;
        long fraction = timestamp & 0xFFFF_FFFFL;
        return seconds * NANOS_PER_SECOND
                + (fraction * NANOS_PER_SECOND + FRACTIONS_PER_SECOND / 2) / FRACTIONS_PER_SECOND;
    }

    /** A duration in NTP's short format, rounded up, saturating at its largest value. */
    public static int shortFormat(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        if (nanos >= 65_536 * NANOS_PER_SECOND) {
            return 0xFFFF_FFFF;
        }
        long units = (nanos * 65_536 + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
        return (int) Math.min(units, 0xFFFF_FFFFL);
    }
}
