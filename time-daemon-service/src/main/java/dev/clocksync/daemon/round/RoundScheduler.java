package dev.clocksync.daemon.round;

import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.leader.Leadership;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The leader's loop: one round per interval, never two at once, and none at all while this
 * instance does not lead. Round numbers restart at 1 with every new term.
 */
@Component
public class RoundScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoundScheduler.class);

    private final RoundRunner runner;
    private final Leadership leadership;
    private final RoundHistory history;
    private final List<RoundListener> listeners;
    private final DaemonProperties properties;
    private final ReentrantLock lock = new ReentrantLock();

    private ScheduledExecutorService scheduler;
    private long currentTerm = -1;
    private long round;

    RoundScheduler(
            RoundRunner runner,
            Leadership leadership,
            RoundHistory history,
            List<RoundListener> listeners,
            DaemonProperties properties) {
        this.runner = runner;
        this.leadership = leadership;
        this.history = history;
        this.listeners = listeners;
        this.properties = properties;
    }

    /** Runs a round now if this instance leads; empty if it does not. */
    public Optional<RoundRecord> runNow() {
        lock.lock();
        try {
            if (!leadership.isLeader()) {
                return Optional.empty();
            }
            long term = leadership.term();
            if (term != currentTerm) {
                currentTerm = term;
                round = 0;
            }
            round++;
            RoundRunner.Ran ran = runner.run(leadership.selfId(), term, round);
            for (RoundRunner.Settled settled : ran.settled()) {
                AgentHistory.Confirmation c = settled.confirmation();
                history.settle(c.term(), c.round(), settled.key(), c.outcome(), c.detail())
                        .ifPresent(line -> {
                            RoundLog.logSettled(c.term(), c.round(), line);
                            listeners.forEach(l -> l.adjustmentSettled(line));
                        });
            }
            RoundRecord record = ran.record();
            history.add(record);
            RoundLog.log(record);
            listeners.forEach(l -> l.roundFinished(record));
            return Optional.of(record);
        } finally {
            lock.unlock();
        }
    }

    private void tick() {
        try {
            runNow();
        } catch (RuntimeException e) {
            log.error("Round failed", e);
        }
    }

    @Override
    public void start() {
        if (!properties.schedulingEnabled()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("clocksync-rounds").daemon(true).factory());
        long interval = properties.interval().toNanos();
        scheduler.scheduleAtFixedRate(this::tick, interval, interval, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
