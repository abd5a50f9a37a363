package dev.clocksync.daemon.round;

import dev.clocksync.daemon.DaemonProperties;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The latest rounds, newest first, bounded by {@code clocksync.daemon.history-size}. */
@Component
public class RoundHistory {

    private final Deque<RoundRecord> rounds = new ArrayDeque<>();
    private final int capacity;

    RoundHistory(DaemonProperties properties) {
        this.capacity = properties.historySize();
    }

    synchronized void add(RoundRecord record) {
        rounds.addFirst(record);
        while (rounds.size() > capacity) {
            rounds.removeLast();
        }
    }

    /**
     * Settles one agent's adjustment in the record of (term, round), if it is still kept; returns
     * the amended line.
     */
    synchronized Optional<AgentResult> settle(
            long term, long round, String key, AdjustmentOutcome outcome, String detail) {
        List<RoundRecord> kept = new ArrayList<>(rounds);
        for (ListIterator<RoundRecord> it = kept.listIterator(); it.hasNext(); ) {
            RoundRecord record = it.next();
            if (record.term() == term && record.round() == round) {
                Optional<AgentResult> settled = record.agents().stream()
                        .filter(a -> a.key().equals(key))
                        .findFirst()
                        .map(a -> a.with(outcome, detail));
                settled.ifPresent(line -> it.set(record.withAgent(line)));
                rounds.clear();
                rounds.addAll(kept);
                return settled;
            }
        }
        return Optional.empty();
    }

    public synchronized Optional<RoundRecord> latest() {
        return Optional.ofNullable(rounds.peekFirst());
    }

    public synchronized List<RoundRecord> latest(int limit) {
        return new ArrayList<>(rounds).subList(0, Math.min(limit, rounds.size()));
    }

    public int capacity() {
        return capacity;
    }
}
