package dev.clocksync.daemon.round;

import dev.clocksync.daemon.DaemonProperties;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
