package dev.clocksync.example;

import dev.clocksync.client.ClocksyncClock;
import dev.clocksync.client.TimeInterval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Records an "event" every few seconds, timestamped with the application's {@link Clock}, which
 * the starter has made clocksync's. Each log line shows the timestamp and the interval that
 * certainly contains true time; then the recorder waits until true time is certainly past the
 * timestamp (a commit wait), so that no later event anywhere in the cluster can carry an earlier one.
 */
@Component
class EventRecorder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    private final Clock clock;
    private final ClocksyncClock clocksync;
    private final Duration syncTimeout;
    private final Duration interval;

    EventRecorder(
            Clock clock,
            ClocksyncClock clocksync,
            @Value("${example.sync-timeout:60s}") Duration syncTimeout,
            @Value("${example.interval:2s}") Duration interval) {
        this.clock = clock;
        this.clocksync = clocksync;
        this.syncTimeout = syncTimeout;
        this.interval = interval;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        log.info(
                "Waiting up to {} for the clocksync agent at {}",
                syncTimeout,
                clocksync.view().agentUri());
        clocksync.waitUntilSynced(syncTimeout);
        for (long event = 1; !Thread.currentThread().isInterrupted(); event++) {
            Instant timestamp = clock.instant();
            TimeInterval now = clocksync.interval();
            log.info(
                    "event {} at {} (true time within [{}, {}], +/- {} us, {}, reference {})",
                    event,
                    timestamp,
                    now.earliest(),
                    now.latest(),
                    now.errorBoundNanos() / 1_000,
                    now.status(),
                    now.referenceMode().orElse("not reported"));
            long waitedNanos = System.nanoTime();
            clocksync.waitUntilAfter(timestamp);
            log.info(
                    "event {} committed: true time is past its timestamp (commit wait {} us)",
                    event,
                    (System.nanoTime() - waitedNanos) / 1_000);
            Thread.sleep(interval);
        }
    }
}
