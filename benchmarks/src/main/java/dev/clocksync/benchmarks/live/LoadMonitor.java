package dev.clocksync.benchmarks.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The machine's 1-minute load average, read every few seconds while a benchmark runs: on a shared
 * 2-core machine the figures mean little without it.
 */
final class LoadMonitor implements AutoCloseable {

    private final List<Double> readings = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("load-monitor").daemon(true).factory());

    LoadMonitor() {
        timer.scheduleAtFixedRate(this::read, 0, 5, TimeUnit.SECONDS);
    }

    private void read() {
        ProcFs.loadAverage().ifPresent(load -> {
            synchronized (readings) {
                readings.add(load);
            }
        });
    }

    /** What was read so far: min, mean and max of the 1-minute load average. */
    Summary summary() {
        read();
        synchronized (readings) {
            return Summary.of(readings);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Min, mean and max of the readings (NaN without any). */
    record Summary(double min, double mean, double max, int readings) {

        static Summary of(List<Double> values) {
            if (values.isEmpty()) {
                return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            double sum = 0;
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (double v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return new Summary(min, sum / values.size(), max, values.size());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", mean, min, max);
        }
    }
}
