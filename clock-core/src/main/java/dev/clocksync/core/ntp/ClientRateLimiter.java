package dev.clocksync.core.ntp;

import dev.clocksync.core.time.TimeSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-client rate limiting of an NTP server, a token bucket per client address: each client may
 * send {@code burst} requests at once and {@code perSecond} on average. A request over the limit
 * is answered with a kiss-o'-death RATE at most once a second per client (a well-behaved client
 * then backs off) and otherwise dropped, so that a flood, spoofed or not, gets little back. The
 * number of clients remembered is bounded; the longest idle are forgotten first. Thread-safe.
 */
public final class ClientRateLimiter {

    private static final long KISS_INTERVAL_NANOS = 1_000_000_000L;
    private static final double NANOS_PER_SECOND = 1e9;

    private final TimeSource time;
    private final double burst;
    private final double perSecond;
    private final Map<Object, Bucket> buckets;

    /**
     * @param burst requests a client may send at once, at least 1
     * @param perSecond requests a client may send on average per second, positive
     * @param maxClients clients remembered at once, at least 1
     */
    public ClientRateLimiter(TimeSource time, int burst, double perSecond, int maxClients) {
        this.time = Objects.requireNonNull(time, "time");
        if (burst < 1 || !(perSecond > 0) || maxClients < 1) {
            throw new IllegalArgumentException("burst and maxClients must be >= 1 and perSecond > 0, got burst " + burst
                    + ", perSecond " + perSecond + ", maxClients " + maxClients);
        }
        this.burst = burst;
        this.perSecond = perSecond;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** What to do with a request from {@code client} arriving now. */
    public synchronized Decision admit(Object client) {
        long now = time.monotonicNanos();
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / NANOS_PER_SECOND * perSecond);
        bucket.refilledAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Decision.SERVE;
        }
        if (bucket.kissedAt == Long.MIN_VALUE || now - bucket.kissedAt >= KISS_INTERVAL_NANOS) {
            bucket.kissedAt = now;
            return Decision.KISS;
        }
        return Decision.DROP;
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;
        long kissedAt = Long.MIN_VALUE;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    /** The verdict on one request. */
    public enum Decision {
        /** Within the limit: answer it. */
        SERVE,
        /** Over the limit: answer with a kiss-o'-death RATE. */
        KISS,
        /** Over the limit, kissed recently: no answer. */
        DROP
    }
}
