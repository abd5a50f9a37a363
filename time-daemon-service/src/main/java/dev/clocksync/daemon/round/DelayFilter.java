package dev.clocksync.daemon.round;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * chrony's delay-ratio test across rounds: a sample whose round trip is more than {@code ratio}
 * times the shortest this agent had in its last {@code window} rounds was taken while something
 * (a pause, a queue) sat on the path, and its offset is correspondingly uncertain. Such a sample
 * neither votes nor corrects, unless its excess over the shortest is within {@code floorNanos}:
 * on fast paths a ratio alone would refuse samples whose extra error (at most half the excess)
 * is too small to matter. Every delay enters the window, so after a lasting change of the path
 * the filter follows within {@code window} rounds.
 */
final class DelayFilter {

    private final double ratio;
    private final long floorNanos;
    private final int window;
    private final Map<String, Deque<Long>> recent = new HashMap<>();

    DelayFilter(double ratio, long floorNanos, int window) {
        if (ratio < 1 || floorNanos < 0 || window < 1) {
            throw new IllegalArgumentException("ratio must be >= 1, floor >= 0 and window >= 1");
        }
        this.ratio = ratio;
        this.floorNanos = floorNanos;
        this.window = window;
    }

    /** Records the delay; true when it passes against the agent's earlier ones (or it has none). */
    synchronized boolean accept(String agent, long delayNanos) {
        Deque<Long> delays = recent.computeIfAbsent(agent, key -> new ArrayDeque<>());
        long shortest = delays.stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        delays.addLast(delayNanos);
        if (delays.size() > window) {
            delays.removeFirst();
        }
        return shortest == Long.MAX_VALUE || delayNanos <= ratio * shortest || delayNanos - shortest <= floorNanos;
    }

    synchronized void retainOnly(Collection<String> agents) {
        recent.keySet().retainAll(agents);
    }
}
