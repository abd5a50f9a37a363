package dev.clocksync.benchmarks.live;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a set of figures, nearest-rank: p99 of 60 values is the 60th, so a short
 * window's p99 is its maximum.
 *
 * @param count how many figures
 * @param p50 median
 * @param p99 99th percentile
 * @param max largest
 * @param min smallest
 */
record Stats(int count, double p50, double p99, double max, double min) {

    static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Stats of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    static Stats of(double[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(
                sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1], sorted[0]);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    boolean isEmpty() {
        return count == 0;
    }
}
