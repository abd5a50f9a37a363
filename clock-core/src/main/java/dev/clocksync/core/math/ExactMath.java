package dev.clocksync.core.math;

import java.math.BigInteger;

/**
 * Integer arithmetic that cannot overflow, whatever offsets a broken agent reports or however long
 * a clock runs unsynchronized: a falseticker must never be able to crash or skew a round, nor an
 * error bound wrap around, through overflow.
 */
public final class ExactMath {

    private ExactMath() {}

    /** {@code floor((a + b) / 2)}. */
    public static long floorAverage(long a, long b) {
        return (a >> 1) + (b >> 1) + (a & b & 1L);
    }

    /** {@code floor(sum / count)}; the caller guarantees the result fits a long (a mean of longs does). */
    public static long floorDivide(BigInteger sum, long count) {
        BigInteger[] quotientAndRemainder = sum.divideAndRemainder(BigInteger.valueOf(count));
        BigInteger quotient = quotientAndRemainder[0];
        if (quotientAndRemainder[1].signum() < 0) {
            quotient = quotient.subtract(BigInteger.ONE);
        }
        return quotient.longValueExact();
    }

    public static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // Overflow happened iff both operands have the sign opposite to the result.
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    public static long saturatedSubtract(long a, long b) {
        long difference = a - b;
        if (((a ^ b) & (a ^ difference)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return difference;
    }

    /** Half of a non-negative delay, rounded up: the error bound of an offset measured with it. */
    public static long halfUp(long delayNanos) {
        return (delayNanos >> 1) + (delayNanos & 1L);
    }
}
