package dev.clocksync.core.reference;

import dev.clocksync.core.math.ExactMath;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Marzullo's algorithm: each candidate says the true offset lies in {@code [offset - delay/2,
 * offset + delay/2]} (half-delay rounded up, the error bound of its sample). The region covered by
 * the most intervals, if a strict majority covers it, gives the reference (its midpoint, rounded
 * down), the intervals covering it vote and the others are falsetickers; otherwise the median of
 * the eligible offsets is the reference.
 *
 * <p>Several disjoint regions can share the highest coverage; the one whose midpoint is nearest
 * the median wins, then the leftmost.
 */
final class IntersectionSelector implements Strategy {

    @Override
    public Selection choose(Electorate electorate) {
        int n = electorate.size();
        long[] lows = new long[n];
        long[] highs = new long[n];
        for (int i = 0; i < n; i++) {
            Candidate candidate = electorate.eligible().get(i);
            long halfWidth = ExactMath.halfUp(candidate.delayNanos());
            lows[i] = ExactMath.saturatedSubtract(candidate.offsetNanos(), halfWidth);
            highs[i] = ExactMath.saturatedAdd(candidate.offsetNanos(), halfWidth);
        }
        Region best = mostCoveredRegion(
                lows.clone(), highs.clone(), electorate.median().twice());
        if (!electorate.isMajority(best.coverage())) {
            return electorate.medianFallback();
        }
        long reference = ExactMath.floorAverage(best.low(), best.high());
        return electorate.chosen(reference, i -> lows[i] <= best.low() && highs[i] >= best.high(), true);
    }

    /**
     * Sweeps the sorted interval ends. Intervals are closed: at equal values starts are counted
     * before ends, so touching intervals overlap.
     */
    private static Region mostCoveredRegion(long[] lows, long[] highs, BigInteger twiceMedian) {
        Arrays.sort(lows);
        Arrays.sort(highs);
        int n = lows.length;
        Region best = null;
        int started = 0;
        int ended = 0;
        int coverage = 0;
        while (started < n) {
            if (lows[started] <= highs[ended]) {
                long low = lows[started++];
                coverage++;
                boolean nextIsEnd = started == n || lows[started] > highs[ended];
                if (nextIsEnd) {
                    Region region = new Region(low, highs[ended], coverage);
                    if (best == null || region.isBetterThan(best, twiceMedian)) {
                        best = region;
                    }
                }
            } else {
                ended++;
                coverage--;
            }
        }
        return best;
    }

    /** {@code [low, high]}, covered by {@code coverage} intervals. */
    private record Region(long low, long high, int coverage) {

        boolean isBetterThan(Region other, BigInteger twiceMedian) {
            if (coverage != other.coverage) {
                return coverage > other.coverage;
            }
            return distanceToMedian(twiceMedian).compareTo(other.distanceToMedian(twiceMedian)) < 0;
        }

        /** Twice the distance from the region's midpoint to the median. */
        private BigInteger distanceToMedian(BigInteger twiceMedian) {
            return BigInteger.valueOf(low)
                    .add(BigInteger.valueOf(high))
                    .subtract(twiceMedian)
                    .abs();
        }
    }
}
