package dev.clocksync.core.ntp;

import dev.clocksync.core.clock.ClockStatus;

/**
 * What an NTP server built on a disciplined clock advertises in every answer: whether its time
 * may be used (leap indicator and stratum), how far it may be off (root dispersion) and when it
 * was last corrected (reference timestamp).
 *
 * @param leapIndicator 0 (no warning) or 3 (alarm: not synchronized; clients ignore the server)
 * @param stratum the configured stratum, or 16 (unsynchronized) with the alarm
 * @param rootDispersionNanos the clock's error bound, which the server's clients add to theirs
 * @param referenceNanos cluster time of the clock's last correction, 0 before any
 */
public record ServerState(int leapIndicator, int stratum, long rootDispersionNanos, long referenceNanos) {

    public static final int NO_WARNING = 0;
    public static final int ALARM = 3;
    public static final int UNSYNCHRONIZED = 16;

    /**
     * @param status the clock's status
     * @param errorBoundNanos the clock's error bound ({@link Long#MAX_VALUE} while unknown)
     * @param sinceUpdateNanos monotonic time since the clock's last correction, negative before any
     * @param nowNanos the clock's time now
     * @param stratum the stratum to advertise while synchronized, 1 to 15
     * @param maxSinceUpdateNanos how long without a correction the clock is still offered
     */
    public static ServerState of(
            ClockStatus status,
            long errorBoundNanos,
            long sinceUpdateNanos,
            long nowNanos,
            int stratum,
            long maxSinceUpdateNanos) {
        if (stratum < 1 || stratum > 15) {
            throw new IllegalArgumentException("a server's stratum is 1 to 15, got " + stratum);
        }
        long reference = sinceUpdateNanos < 0 ? 0 : nowNanos - sinceUpdateNanos;
        boolean usable =
                status != ClockStatus.UNKNOWN && sinceUpdateNanos >= 0 && sinceUpdateNanos <= maxSinceUpdateNanos;
        return usable
                ? new ServerState(NO_WARNING, stratum, errorBoundNanos, reference)
                : new ServerState(ALARM, UNSYNCHRONIZED, errorBoundNanos, reference);
    }

    public boolean synchronizedClock() {
        return leapIndicator != ALARM;
    }
}
