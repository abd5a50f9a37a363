package dev.clocksync.core.exchange;

/**
 * One NTP-style four-timestamp exchange between the daemon and an agent, all instants in
 * nanoseconds since the Unix epoch.
 *
 * <p>With a true agent-minus-daemon offset {@code θ} and one-way delays {@code d1} (out) and
 * {@code d2} (back), {@code T2 = T1 + d1 + θ} and {@code T4 = T3 + d2 - θ}, so {@link #offsetNanos()}
 * is {@code θ + (d1 - d2) / 2}: exact on a symmetric path, and never further from {@code θ} than
 * half the round-trip {@link #delayNanos()} on an asymmetric one.
 *
 * @param t1 T1, daemon clock when the request left
 * @param t2 T2, agent clock when the request arrived
 * @param t3 T3, agent clock when the answer left
 * @param t4 T4, daemon clock when the answer arrived
 */
public record Exchange(long t1, long t2, long t3, long t4) {

    public Exchange {
        if (t4 < t1) {
            throw new IllegalArgumentException(
                    "T4 (" + t4 + ") is before T1 (" + t1 + "): the answer came back before the request left");
        }
        if (t3 < t2) {
            throw new IllegalArgumentException(
                    "T3 (" + t3 + ") is before T2 (" + t2 + "): the agent answered before it received the request");
        }
    }

    /**
     * The agent's clock minus the daemon's, {@code ((T2 - T1) + (T3 - T4)) / 2}, rounded down to
     * a whole nanosecond.
     */
    public long offsetNanos() {
        // Each difference is small for real clocks; halving before adding keeps even absurd
        // readings (a rogue agent near Long.MAX_VALUE) from overflowing the sum.
        return floorHalfSum(t2 - t1, t3 - t4);
    }

    /**
     * Round-trip time on the network, {@code (T4 - T1) - (T3 - T2)}: the daemon's elapsed time
     * minus the agent's processing time. Clamped at 0, as coarse clocks can make the processing
     * time look longer than the whole exchange.
     */
    public long delayNanos() {
        return Math.max(0L, (t4 - t1) - (t3 - t2));
    }

    /** This exchange reduced to what the daemon keeps: offset and delay. */
    public Sample sample() {
        return new Sample(offsetNanos(), delayNanos());
    }

    /** {@code floor((a + b) / 2)} without overflow. */
    private static long floorHalfSum(long a, long b) {
        return (a >> 1) + (b >> 1) + (a & b & 1L);
    }
}
