package dev.clocksync.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that tells the clocksync agent's time without asking the agent on every
 * reading: it polls the agent in the background and extrapolates between polls on the caller's
 * monotonic clock, widening the interval by the client's maximum drift. {@link #instant()} is the
 * middle of the interval and never goes backward (after a poll that moves the estimate back, it
 * holds until the estimate catches up).
 *
 * <pre>{@code
 * ClocksyncClock clock = ClocksyncClock.builder(client).pollInterval(Duration.ofSeconds(1)).start();
 * clock.waitUntilSynced(Duration.ofSeconds(30));
 * Instant commit = clock.instant();
 * clock.waitUntilAfter(commit);   // commit wait: true time is now certainly past commit
 * }</pre>
 *
 * <p>Before the first synchronized reading, {@link #instant()} throws {@link
 * ClockNotSynchronizedException}; afterwards it keeps answering when the agent becomes unreachable
 * or unsynchronized, with status {@link ClockStatus#FREE_RUNNING} and an interval that keeps
 * widening. Thread-safe. {@link #close()} stops the polling (for every zone view).
 */
public final class ClocksyncClock extends Clock implements AutoCloseable {

    private final AgentTracker tracker;
    private final ZoneId zone;

    private ClocksyncClock(AgentTracker tracker, ZoneId zone) {
        this.tracker = tracker;
        this.zone = zone;
    }

    public static Builder builder(ClocksyncClient client) {
        return new Builder(client);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return zone.equals(this.zone) ? this : new ClocksyncClock(tracker, zone);
    }

    /**
     * The best estimate of true time: the middle of {@link #interval()}, never earlier than an
     * instant returned before.
     *
     * @throws ClockNotSynchronizedException before the first synchronized reading
     */
    @Override
    public Instant instant() {
        return Nanos.toInstant(tracker.publishedNanos());
    }

    @Override
    public long millis() {
        return Math.floorDiv(tracker.publishedNanos(), 1_000_000L);
    }

    /** Where true time is now; unbounded before the first synchronized reading. Never throws. */
    public TimeInterval interval() {
        return tracker.interval();
    }

    /** The interval together with how this clock's polling goes. */
    public ClockView view() {
        return tracker.view();
    }

    /**
     * Commit wait: returns once true time is certainly past {@code instant} (the earliest side of
     * the interval is later), with the interval at that moment.
     *
     * @throws ClockNotSynchronizedException the clock has no synchronized reading to wait on
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public TimeInterval waitUntilAfter(Instant instant) throws InterruptedException {
        Objects.requireNonNull(instant, "instant");
        long target = Nanos.of(instant);
        Ticker ticker = tracker.ticker();
        // earliest advances by (1 - maxDrift) per nanosecond of the caller's clock
        double rate = 1 - tracker.maxDriftPpm() / 1e6;
        while (true) {
            TimeInterval interval = tracker.interval();
            if (!interval.isBounded()) {
                throw new ClockNotSynchronizedException(tracker.notSynchronizedYet(), interval.status());
            }
            if (interval.earliestNanos() > target) {
                return interval;
            }
            double gap = (double) target - interval.earliestNanos() + 1;
            ticker.sleep((long) Math.min(Long.MAX_VALUE / 2.0, Math.ceil(gap / rate)));
        }
    }

    /**
     * Waits until the agent answers a synchronized ({@link ClockStatus#SYNCED}) reading, polling
     * it meanwhile; returns the interval then. Like {@code chronyc waitsync}, for a start-up that
     * must not hand out unsynchronized time.
     *
     * @throws ClockNotSynchronizedException the timeout passed first; the message says what the
     *     agent last answered, or why it could not be reached
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public TimeInterval waitUntilSynced(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        Ticker ticker = tracker.ticker();
        long deadline = Nanos.saturatedAdd(ticker.nanos(), timeout.toNanos());
        long retry =
                Math.min(tracker.pollIntervalNanos(), Duration.ofMillis(100).toNanos());
        while (true) {
            if (tracker.freshlySynced()) {
                return tracker.interval();
            }
            try {
                tracker.poll();
            } catch (ClocksyncException e) {
                // recorded; reported if the deadline passes
            }
            if (tracker.freshlySynced()) {
                return tracker.interval();
            }
            long remaining = deadline - ticker.nanos();
            if (remaining <= 0) {
                throw new ClockNotSynchronizedException(
                        "not synchronized within " + timeout + ": " + tracker.notSynchronizedYet(),
                        tracker.lastStatus());
            }
            ticker.sleep(Math.min(retry, remaining));
        }
    }

    /** Asks the agent once, now; tests poll by hand. */
    void poll() {
        tracker.poll();
    }

    /** Stops the background polling; readings go on extrapolating from the last poll. */
    @Override
    public void close() {
        tracker.close();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClocksyncClock clock && clock.tracker == tracker && clock.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(tracker) * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
        return "ClocksyncClock[" + tracker.view().agentUri() + ", " + zone + "]";
    }

    /** Configuration of a {@link ClocksyncClock}. */
    public static final class Builder {

        private final ClocksyncClient client;
        private Duration pollInterval = Duration.ofSeconds(1);
        private ZoneId zone = ZoneOffset.UTC;
        private boolean background = true;

        private Builder(ClocksyncClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** Time between polls of the agent; default 1 s, at least 10 ms. */
        public Builder pollInterval(Duration pollInterval) {
            Objects.requireNonNull(pollInterval, "pollInterval");
            if (pollInterval.compareTo(Duration.ofMillis(10)) < 0) {
                throw new IllegalArgumentException("pollInterval must be at least 10ms, got " + pollInterval);
            }
            this.pollInterval = pollInterval;
            return this;
        }

        /** The zone of {@link Clock#getZone()}; default UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Tests: no background polling; they poll by hand, on the client's ticker. */
        Builder withoutBackgroundPolling() {
            this.background = false;
            return this;
        }

        /** Starts the clock; its first poll runs at once, in the background. */
        public ClocksyncClock start() {
            AgentTracker tracker = new AgentTracker(client, pollInterval);
            if (background) {
                tracker.startPolling();
            }
            return new ClocksyncClock(tracker, zone);
        }
    }
}
