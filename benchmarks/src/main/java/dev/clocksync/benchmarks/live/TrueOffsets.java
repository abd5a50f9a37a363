package dev.clocksync.benchmarks.live;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Reads every simulated agent's true offset (clocksync_clock_true_offset_seconds: its clock minus
 * this machine's real clock, which the agent reads at one instant) from all agents at once. The
 * agents answer at slightly different instants: a reading keeps the span from the first request
 * sent to the last answer received, within which every agent read its clock.
 */
final class TrueOffsets {

    static final String METRIC = "clocksync_clock_true_offset_seconds";

    private final List<URI> urls;

    /** @param agents the agents' base URIs (http://127.0.0.1:port) */
    TrueOffsets(List<URI> agents) {
        this.urls = agents.stream()
                .map(a -> a.resolve("/actuator/prometheus?includedNames=" + METRIC))
                .toList();
    }

    /**
     * One reading of all agents.
     *
     * @param takenAtNanos System.nanoTime when the reading started
     * @param offsetsNanos each agent's true offset, NaN where it did not answer
     * @param spanNanos from the first request sent to the last answer received
     */
    record Reading(long takenAtNanos, double[] offsetsNanos, long spanNanos) {

        boolean complete() {
            for (double offset : offsetsNanos) {
                if (Double.isNaN(offset)) {
                    return false;
                }
            }
            return true;
        }

        /** max - min true offset; NaN unless every agent answered. */
        double spreadNanos() {
            if (!complete()) {
                return Double.NaN;
            }
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (double offset : offsetsNanos) {
                min = Math.min(min, offset);
                max = Math.max(max, offset);
            }
            return max - min;
        }
    }

    Reading read() {
        int n = urls.size();
        double[] offsets = new double[n];
        long[] sent = new long[n];
        long[] received = new long[n];
        CountDownLatch gate = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int agent = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                sent[agent] = System.nanoTime();
                offsets[agent] = fetch(urls.get(agent));
                received[agent] = System.nanoTime();
            }));
        }
        long takenAt = System.nanoTime();
        gate.countDown();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            first = Math.min(first, sent[i]);
            last = Math.max(last, received[i]);
        }
        return new Reading(takenAt, offsets, last - first);
    }

    /** The true offset in nanoseconds, NaN if the agent does not answer with one. */
    private static double fetch(URI url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setConnectTimeout(1_000);
            connection.setReadTimeout(2_000);
            if (connection.getResponseCode() != 200) {
                try (InputStream error = connection.getErrorStream()) {
                    if (error != null) {
                        error.readAllBytes();
                    }
                }
                return Double.NaN;
            }
            String text;
            try (InputStream in = connection.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return parse(text);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** The metric's value in a Prometheus text exposition, in nanoseconds; NaN if absent. */
    static double parse(String exposition) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(METRIC) && line.length() > METRIC.length()) {
                char next = line.charAt(METRIC.length());
                if (next == '{' || next == ' ') {
                    String value = line.substring(line.lastIndexOf(' ') + 1).strip();
                    try {
                        return Double.parseDouble(value) * 1e9;
                    } catch (NumberFormatException e) {
                        return Double.NaN;
                    }
                }
            }
        }
        return Double.NaN;
    }
}
