package dev.clocksync.benchmarks;

import dev.clocksync.core.exchange.Exchange;
import java.util.random.RandomGenerator;

/**
 * The simulated network between the daemon and an agent. A round trip is a fixed base plus
 * exponential queueing, now and then a stall (a GC pause or a descheduled thread); it splits
 * between the two directions uniformly at random, so an exchange's offset is wrong by an amount
 * uniform within +/- delay / 2, the worst case the NTP bound allows.
 */
final class MeasurementModel {

    static final long BASE_DELAY_NANOS = 100_000L;
    static final double MEAN_QUEUEING_NANOS = 150_000;
    static final double STALL_PROBABILITY = 0.02;
    static final long MIN_STALL_NANOS = 1_000_000L;
    static final long MAX_STALL_NANOS = 20_000_000L;
    static final long PROCESSING_NANOS = 20_000L;

    private final RandomGenerator random;

    MeasurementModel(RandomGenerator random) {
        this.random = random;
    }

    /** One round trip on the wire, processing at the agent excluded. */
    long delayNanos() {
        long delay = BASE_DELAY_NANOS + (long) (MEAN_QUEUEING_NANOS * random.nextExponential());
        if (random.nextDouble() < STALL_PROBABILITY) {
            delay += random.nextLong(MIN_STALL_NANOS, MAX_STALL_NANOS + 1);
        }
        return delay;
    }

    /**
     * An exchange sent at daemon time {@code t1} to an agent whose clock is {@code trueOffsetNanos}
     * ahead of the daemon's: T2 = T1 + out + offset, T4 = T3 - offset + back, out + back = delay.
     */
    Exchange exchange(long t1, long trueOffsetNanos) {
        long delay = delayNanos();
        long outbound = random.nextLong(delay + 1);
        long t2 = t1 + outbound + trueOffsetNanos;
        long t3 = t2 + PROCESSING_NANOS;
        long t4 = t1 + outbound + PROCESSING_NANOS + (delay - outbound);
        return new Exchange(t1, t2, t3, t4);
    }

    static String describe() {
        return "round trips " + Units.nanos(BASE_DELAY_NANOS) + " + Exp(mean " + Units.nanos((long) MEAN_QUEUEING_NANOS)
                + "), " + Math.round(STALL_PROBABILITY * 100) + "% stalls of " + Units.nanos(MIN_STALL_NANOS) + " to "
                + Units.nanos(MAX_STALL_NANOS) + "; asymmetry uniform within +/- delay/2";
    }
}
