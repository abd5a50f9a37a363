package dev.clocksync.benchmarks;

import dev.clocksync.core.reference.ReferenceStrategy;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one strategy achieved over a run.
 *
 * @param strategy the reference strategy
 * @param spreadsNanos true spread (max - min true offset of the honest clocks) at the probe of each
 *     round, before its correction: index k is the spread after k rounds of corrections
 * @param medianFrequencyErrorPpm median over honest clocks of |rate - cluster rate| at the end
 * @param maxFrequencyErrorPpm the largest of those
 * @param clusterRatePpm the honest clocks' mean rate error against true time at the end
 * @param clusterOffsetNanos the honest clocks' mean true offset at the end: where the cluster went
 */
record StrategyResult(
        ReferenceStrategy strategy,
        long[] spreadsNanos,
        double medianFrequencyErrorPpm,
        double maxFrequencyErrorPpm,
        double clusterRatePpm,
        double clusterOffsetNanos) {

    static final long CONVERGED_NANOS = 2_000_000L;
    /** Steady state: the probes of rounds 10 to 60, counted from 1. */
    static final int STEADY_FIRST_ROUND = 10;

    static final int STEADY_LAST_ROUND = 60;

    /** Rounds of corrections until the true spread was first below 2 ms; empty if never. */
    OptionalInt roundsToConverge() {
        for (int k = 0; k < spreadsNanos.length; k++) {
            if (spreadsNanos[k] < CONVERGED_NANOS) {
                return OptionalInt.of(k);
            }
        }
        return OptionalInt.empty();
    }

    /** Rounds of corrections after which the true spread stayed below 2 ms to the end; empty if it did not. */
    OptionalInt roundsToStayConverged() {
        int k = spreadsNanos.length;
        while (k > 0 && spreadsNanos[k - 1] < CONVERGED_NANOS) {
            k--;
        }
        return k == spreadsNanos.length ? OptionalInt.empty() : OptionalInt.of(k);
    }

    OptionalLong medianSteadySpreadNanos() {
        long[] steady = steadySpreads();
        return steady.length == 0 ? OptionalLong.empty() : OptionalLong.of(steady[steady.length / 2]);
    }

    OptionalLong worstSteadySpreadNanos() {
        long[] steady = steadySpreads();
        return steady.length == 0 ? OptionalLong.empty() : OptionalLong.of(steady[steady.length - 1]);
    }

    private long[] steadySpreads() {
        int from = STEADY_FIRST_ROUND - 1;
        int to = Math.min(STEADY_LAST_ROUND, spreadsNanos.length);
        return from >= to
                ? new long[0]
                : Arrays.stream(spreadsNanos, from, to).sorted().toArray();
    }
}
