package dev.clocksync.client;

import java.time.Instant;

/** Nanoseconds since the Unix epoch, with arithmetic that saturates instead of overflowing. */
final class Nanos {

    private static final long PER_SECOND = 1_000_000_000L;

    private Nanos() {}

    static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, PER_SECOND), Math.floorMod(epochNanos, PER_SECOND));
    }

    /** The instant in epoch nanoseconds; instants beyond the long range (year 2262) saturate. */
    static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // overflow happened iff both operands have the sign opposite to the result's
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    static long saturatedSubtract(long a, long b) {
        long difference = a - b;
        if (((a ^ b) & (a ^ difference)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return difference;
    }

    /** How far a clock with the given rate error may have drifted over {@code elapsedNanos}, rounded up. */
    static long drift(long elapsedNanos, double ppm) {
        double drift = Math.ceil(elapsedNanos * (ppm / 1e6));
        return drift >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) drift;
    }
}
