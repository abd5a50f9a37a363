package dev.clocksync.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state behind a {@link ClocksyncClock}: the latest synchronized reading (the anchor), held
 * on the caller's monotonic clock and extrapolated from there; and what became of each poll.
 *
 * <p>A reading that is not synchronized (an agent that restarted, or whose clock broke
 * continuity) does not replace the anchor: the caller's monotonic clock did not jump, so
 * extrapolating the last good reading, with its growing bound, stays honest.
 */
final class AgentTracker implements AutoCloseable {

    private final ClocksyncClient client;
    private final Ticker ticker;
    private final long pollIntervalNanos;
    private final long staleAfterNanos;
    private final AtomicLong lastPublishedNanos = new AtomicLong(Long.MIN_VALUE);
    private ScheduledExecutorService poller;

    private Anchor anchor;
    private ClockStatus lastStatus = ClockStatus.UNKNOWN;
    private String lastFailure;
    private long polls;
    private long failedPolls;

    AgentTracker(ClocksyncClient client, Duration pollInterval) {
        this.client = client;
        this.ticker = client.ticker();
        this.pollIntervalNanos = pollInterval.toNanos();
        // as the agent's own FREE_RUNNING: no fresh reading for more than three intervals
        this.staleAfterNanos = 3 * pollIntervalNanos;
    }

    synchronized void startPolling() {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "clocksync-clock-poller");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, pollIntervalNanos, TimeUnit.NANOSECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // recorded by poll(); the schedule must go on
        }
    }

    /** Asks the agent once; the outcome is recorded and, if it got no reading, thrown. */
    void poll() {
        ClocksyncClient.Measurement measurement;
        try {
            measurement = client.measure();
        } catch (ClocksyncException e) {
            recordFailure(e.getMessage());
            throw e;
        }
        record(measurement);
    }

    private synchronized void recordFailure(String reason) {
        polls++;
        failedPolls++;
        lastFailure = reason;
    }

    private synchronized void record(ClocksyncClient.Measurement measurement) {
        polls++;
        TimeInterval interval = measurement.interval();
        lastStatus = interval.status();
        if (interval.isSynchronized()) {
            anchor = new Anchor(narrowed(interval, measurement.atTicks()), measurement.atTicks());
            lastFailure = null;
        } else {
            failedPolls++;
            lastFailure = "the agent at " + client.agentUri() + " reports " + interval.status();
        }
    }

    /**
     * Both the new reading and the old one carried forward contain true time, so their
     * intersection does, and is narrower: one slow poll (a cold connection, a pause) does not widen
     * the clock's interval. Disjoint intervals mean one of them was wrong: trust the newer.
     */
    private TimeInterval narrowed(TimeInterval reading, long atTicks) {
        if (anchor == null) {
            return reading;
        }
        TimeInterval carried = extrapolate(anchor, atTicks);
        long earliest = Math.max(carried.earliestNanos(), reading.earliestNanos());
        long latest = Math.min(carried.latestNanos(), reading.latestNanos());
        return earliest <= latest ? new TimeInterval(earliest, latest, reading.status(), reading.reference()) : reading;
    }

    private TimeInterval extrapolate(Anchor from, long toTicks) {
        long elapsed = Math.max(0, toTicks - from.atTicks());
        long drift = Nanos.drift(elapsed, client.maxDriftPpm());
        TimeInterval read = from.interval();
        return new TimeInterval(
                Nanos.saturatedSubtract(Nanos.saturatedAdd(read.earliestNanos(), elapsed), drift),
                Nanos.saturatedAdd(Nanos.saturatedAdd(read.latestNanos(), elapsed), drift),
                read.status(),
                read.reference());
    }

    /** The interval now, extrapolated from the anchor on the caller's monotonic clock. */
    synchronized TimeInterval interval() {
        if (anchor == null) {
            return TimeInterval.unbounded(lastStatus, null);
        }
        long now = ticker.nanos();
        TimeInterval carried = extrapolate(anchor, now);
        boolean stale = now - anchor.atTicks() > staleAfterNanos || lastFailure != null;
        return stale
                ? new TimeInterval(
                        carried.earliestNanos(), carried.latestNanos(), ClockStatus.FREE_RUNNING, carried.reference())
                : carried;
    }

    /** The midpoint of the interval, held so that it never goes backward. */
    long publishedNanos() {
        TimeInterval interval = interval();
        if (!interval.isBounded()) {
            throw new ClockNotSynchronizedException(notSynchronizedYet(), interval.status());
        }
        long midpoint = interval.midpointNanos();
        return lastPublishedNanos.accumulateAndGet(midpoint, Math::max);
    }

    synchronized ClockView view() {
        long age = anchor == null ? Long.MAX_VALUE : Math.max(0, ticker.nanos() - anchor.atTicks());
        return new ClockView(
                client.agentUri().toString(), interval(), age, polls, failedPolls, Optional.ofNullable(lastFailure));
    }

    /** Whether the latest poll brought a reading that the agent called SYNCED. */
    synchronized boolean freshlySynced() {
        return anchor != null && lastStatus == ClockStatus.SYNCED && lastFailure == null;
    }

    synchronized String notSynchronizedYet() {
        String why = lastFailure != null ? lastFailure : "no poll has answered yet";
        return "no synchronized reading from the clocksync agent at " + client.agentUri() + " yet: " + why;
    }

    synchronized ClockStatus lastStatus() {
        return lastStatus;
    }

    Ticker ticker() {
        return ticker;
    }

    long pollIntervalNanos() {
        return pollIntervalNanos;
    }

    double maxDriftPpm() {
        return client.maxDriftPpm();
    }

    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = poller;
            poller = null;
        }
        if (running != null) {
            running.shutdownNow();
        }
    }

    private record Anchor(TimeInterval interval, long atTicks) {}
}
