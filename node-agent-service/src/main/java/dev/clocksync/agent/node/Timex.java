package dev.clocksync.agent.node;

/**
 * The node kernel's NTP state, as adjtimex(2) reports it in read-only mode, in node_exporter's
 * timex units.
 *
 * @param state the call's result: 0 TIME_OK, 1 TIME_INS, 2 TIME_DEL, 3 TIME_OOP, 4 TIME_WAIT, 5
 *     TIME_ERROR (the clock is not synchronized)
 * @param status the STA_* flags
 * @param offsetNanos the time daemon's last offset estimate
 * @param frequencyPpm the kernel's frequency adjustment
 * @param maxErrorNanos the kernel's maximum error
 * @param estimatedErrorNanos the kernel's estimated error
 * @param taiOffsetSeconds TAI minus UTC as the kernel knows it
 */
public record Timex(
        int state,
        int status,
        long offsetNanos,
        double frequencyPpm,
        long maxErrorNanos,
        long estimatedErrorNanos,
        int taiOffsetSeconds) {

    static final int TIME_ERROR = 5;
    /** A time daemon disciplines the clock with its phase-locked loop. */
    static final int STA_PLL = 0x0001;
    /** The clock is not synchronized. */
    static final int STA_UNSYNC = 0x0040;
    /** The offset is in nanoseconds, not microseconds. */
    static final int STA_NANO = 0x2000;

    /** As node_exporter's node_timex_sync_status: the kernel does not say TIME_ERROR. */
    public boolean synchronizedByKernel() {
        return state != TIME_ERROR;
    }

    public boolean unsync() {
        return (status & STA_UNSYNC) != 0;
    }

    public boolean pll() {
        return (status & STA_PLL) != 0;
    }
}
