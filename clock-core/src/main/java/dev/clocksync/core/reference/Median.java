package dev.clocksync.core.reference;

import dev.clocksync.core.math.ExactMath;
import java.math.BigInteger;

/**
 * The median of a sorted sequence, kept as its two middle values (equal for an odd count) so
 * that distances to it can be compared exactly even when it lies halfway between two integers.
 */
record Median(long lower, long upper) {

    static Median of(long[] sortedValues) {
        int n = sortedValues.length;
        if (n == 0) {
            throw new IllegalArgumentException("the median of nothing");
        }
        return new Median(sortedValues[(n - 1) / 2], sortedValues[n / 2]);
    }

    /** The median rounded down to a whole nanosecond (mean of the two middle values for an even count). */
    long value() {
        return ExactMath.floorAverage(lower, upper);
    }

    /** Twice the median, exact. */
    BigInteger twice() {
        return BigInteger.valueOf(lower).add(BigInteger.valueOf(upper));
    }

    /** Whether {@code |x - median| > distance}, exactly. */
    boolean isFartherThan(long distance, long x) {
        BigInteger twiceGap =
                BigInteger.valueOf(x).shiftLeft(1).subtract(twice()).abs();
        return twiceGap.compareTo(BigInteger.valueOf(distance).shiftLeft(1)) > 0;
    }
}
