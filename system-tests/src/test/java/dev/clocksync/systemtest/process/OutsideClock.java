package dev.clocksync.systemtest.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a time another process serves against this machine's clock, as an NTP client would: each
 * read is bracketed by two readings of this clock and may be off by half its round trip; of
 * several reads the least delayed is kept. On a busy machine one read can take milliseconds.
 */
public final class OutsideClock {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int MAX_READS = 20;
    private static final long GOOD_ENOUGH_NANOS = 100_000;

    private OutsideClock() {}

    /**
     * A value read against this machine's clock, and how far it may be off.
     *
     * @param valueNanos the served time minus this machine's clock at the read
     * @param errorNanos half the round trip of the read
     */
    public record Read(long valueNanos, long errorNanos) {}

    /** {@code field} (nanoseconds since the epoch) of the JSON at {@code base + path}, against this clock. */
    public static Read read(URI base, String path, String field) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(5))
                .build();
        Read best = null;
        for (int i = 0; i < MAX_READS && (best == null || best.errorNanos() > GOOD_ENOUGH_NANOS); i++) {
            long before = nowNanos();
            String body =
                    HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            long after = nowNanos();
            long value = JSON.readTree(body).path(field).asLong();
            Read read = new Read(value - (before + (after - before) / 2), (after - before + 1) / 2);
            if (best == null || read.errorNanos() < best.errorNanos()) {
                best = read;
            }
        }
        return best;
    }

    /** The time {@code /api/v1/time} serves, against this clock. */
    public static Read served(URI agent) throws IOException, InterruptedException {
        return read(agent, "/api/v1/time", "epochNanos");
    }

    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
