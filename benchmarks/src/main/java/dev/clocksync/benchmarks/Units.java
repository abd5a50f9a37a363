package dev.clocksync.benchmarks;

import java.util.Locale;

/** Human-readable durations for the reports. */
public final class Units {

    private Units() {}

    /** A signed duration in the largest unit that keeps it at or above 1: 812 ns, 23.4 us, 1.250 s. */
    public static String nanos(double nanos) {
        double magnitude = Math.abs(nanos);
        if (magnitude >= 3_600e9) {
            return format(nanos / 3_600e9, "h");
        }
        if (magnitude >= 1e9) {
            return format(nanos / 1e9, "s");
        }
        if (magnitude >= 1e6) {
            return format(nanos / 1e6, "ms");
        }
        if (magnitude >= 1e3) {
            return format(nanos / 1e3, "us");
        }
        return String.format(Locale.ROOT, "%.0f ns", nanos);
    }

    public static String ppm(double ppm) {
        return String.format(Locale.ROOT, "%.3f ppm", ppm);
    }

    private static String format(double value, String unit) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.1f %s" : magnitude >= 10 ? "%.2f %s" : "%.3f %s";
        return String.format(Locale.ROOT, pattern, value, unit);
    }
}
