package dev.clocksync.daemon.round;

import dev.clocksync.core.exchange.RecentDelays;
import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The daemon's memory of every current member, one {@link AgentHistory} each: what the agents
 * API serves, and what rounds consult. Members that leave discovery are forgotten.
 */
@Component
public class AgentRegistry {

    /** Rounds of each agent's delays the delay-ratio test looks back on. */
    static final int DELAY_WINDOW = 8;

    private final Map<String, AgentHistory> histories = new ConcurrentHashMap<>();
    private final Supplier<RecentDelays> newDelays;

    AgentRegistry(DaemonProperties properties) {
        DaemonProperties.Reference reference = properties.reference();
        this.newDelays = () -> new RecentDelays(
                reference.maxDelayRatio(), reference.delayRatioFloor().toNanos(), DELAY_WINDOW);
    }

    /** The histories of exactly these members: new ones start empty, others are forgotten. */
    Map<AgentEndpoint, AgentHistory> of(List<AgentEndpoint> members) {
        Set<String> keys = members.stream().map(AgentEndpoint::key).collect(Collectors.toSet());
        histories.keySet().retainAll(keys);
        return members.stream()
                .collect(Collectors.toMap(
                        m -> m, m -> histories.computeIfAbsent(m.key(), k -> new AgentHistory(newDelays.get()))));
    }

    void record(List<AgentResult> results, Instant at) {
        for (AgentResult result : results) {
            AgentHistory history = histories.get(result.key());
            if (history != null) {
                history.record(result, at);
            }
        }
    }

    /** Current members with their latest round result, ordered by key. */
    public List<AgentView> agents() {
        return histories.entrySet().stream()
                .filter(e -> e.getValue().last() != null)
                .map(e -> new AgentView(
                        e.getKey(),
                        e.getValue().epoch(),
                        e.getValue().lastSeen(),
                        e.getValue().last()))
                .sorted(Comparator.comparing(AgentView::key))
                .toList();
    }

    /**
     * One member as last seen.
     *
     * @param key membership key
     * @param epoch the agent's boot id as last reported
     * @param lastSeen when it last answered a probe
     * @param last its result in the latest round
     */
    public record AgentView(String key, String epoch, Instant lastSeen, AgentResult last) {}
}
