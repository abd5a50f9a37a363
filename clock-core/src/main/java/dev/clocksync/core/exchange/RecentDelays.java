package dev.clocksync.core.exchange;

import java.util.Arrays;

/**
 * chrony's delay-ratio test across rounds, for one source: a sample whose round trip is more than
 * {@code ratio} times the shortest of the source's last {@code window} samples was taken while
 * something (a pause, a queue) sat on the path, and its offset is correspondingly uncertain;
 * unless its excess over that shortest is within {@code floorNanos}: on fast paths a ratio alone
 * would judge samples whose extra error (at most half the excess) is too small to matter. Every
 * delay enters the window, so after a lasting change of the path the test follows within
 * {@code window} samples. Not thread-safe: one instance per source, used by one round at a time.
 */
public final class RecentDelays {

    private final double ratio;
    private final long floorNanos;
    private final long[] delays;
    private int count;
    private int next;

    /**
     * @param ratio at least 1
     * @param floorNanos at least 0
     * @param window at least 1
     */
    public RecentDelays(double ratio, long floorNanos, int window) {
        if (!(ratio >= 1) || floorNanos < 0 || window < 1) {
            throw new IllegalArgumentException("ratio must be >= 1, floor >= 0 and window >= 1, got ratio " + ratio
                    + ", floor " + floorNanos + " ns, window " + window);
        }
        this.ratio = ratio;
        this.floorNanos = floorNanos;
        this.delays = new long[window];
    }

    /**
     * Records the delay and says whether it passes against the earlier ones (the first always
     * does).
     */
    public boolean admit(long delayNanos) {
        long shortest = count == 0
                ? Long.MAX_VALUE
                : Arrays.stream(delays, 0, count).min().getAsLong();
        delays[next] = delayNanos;
        next = (next + 1) % delays.length;
        count = Math.min(count + 1, delays.length);
        return shortest == Long.MAX_VALUE || delayNanos <= ratio * shortest || delayNanos - shortest <= floorNanos;
    }
}
