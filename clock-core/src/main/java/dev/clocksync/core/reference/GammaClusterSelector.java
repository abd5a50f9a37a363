package dev.clocksync.core.reference;

import dev.clocksync.core.math.ExactMath;
import java.math.BigInteger;

/**
 * Gusella &amp; Zatti's fault-tolerant average: the largest set of offsets that agree pairwise
 * within gamma is, over sorted offsets, a window of width gamma. If that window holds a strict
 * majority of the eligible candidates, its mean is the reference; otherwise the median of all
 * eligible offsets is.
 *
 * <p>Ties between windows of equal size: the smaller spread, then the mean nearest the median,
 * then the window of smaller offsets.
 */
final class GammaClusterSelector implements Strategy {

    private final long gammaNanos;

    GammaClusterSelector(long gammaNanos) {
        this.gammaNanos = gammaNanos;
    }

    @Override
    public Selection choose(Electorate electorate) {
        Window best = largestAgreeingWindow(electorate);
        if (!electorate.isMajority(best.size())) {
            return electorate.medianFallback();
        }
        long reference = electorate.mean(best.from(), best.to());
        return electorate.chosen(reference, best::contains, true);
    }

    private Window largestAgreeingWindow(Electorate electorate) {
        BigInteger twiceMedian = electorate.median().twice();
        int n = electorate.size();
        Window best = null;
        int end = 0;
        for (int start = 0; start < n; start++) {
            long limit = ExactMath.saturatedAdd(electorate.offset(start), gammaNanos);
            end = Math.max(end, start + 1);
            while (end < n && electorate.offset(end) <= limit) {
                end++;
            }
            Window window = new Window(start, end);
            if (best == null || window.isBetterThan(best, electorate, twiceMedian)) {
                best = window;
            }
        }
        return best;
    }

    /** Sorted positions {@code [from, to)}. */
    private record Window(int from, int to) {

        int size() {
            return to - from;
        }

        boolean contains(int index) {
            return index >= from && index < to;
        }

        boolean isBetterThan(Window other, Electorate electorate, BigInteger twiceMedian) {
            if (size() != other.size()) {
                return size() > other.size();
            }
            // Both spreads are at most gamma, so neither subtraction overflows.
            long spread = electorate.offset(to - 1) - electorate.offset(from);
            long otherSpread = electorate.offset(other.to - 1) - electorate.offset(other.from);
            if (spread != otherSpread) {
                return spread < otherSpread;
            }
            // |mean - median| compared exactly: with equal sizes k, compare |2 sum - k * 2 median|.
            return distanceToMedian(electorate, twiceMedian).compareTo(other.distanceToMedian(electorate, twiceMedian))
                    < 0;
        }

        private BigInteger distanceToMedian(Electorate electorate, BigInteger twiceMedian) {
            return electorate
                    .sum(from, to)
                    .shiftLeft(1)
                    .subtract(twiceMedian.multiply(BigInteger.valueOf(size())))
                    .abs();
        }
    }
}
