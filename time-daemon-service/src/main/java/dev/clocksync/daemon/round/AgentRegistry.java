package dev.clocksync.daemon.round;

import dev.clocksync.daemon.discovery.AgentEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The last known state of every current member: what the agents API serves, and where a new
 * epoch (an agent restart) is noticed. Members that leave discovery are forgotten.
 */
@Component
public class AgentRegistry {

    private final Map<String, AgentView> views = new ConcurrentHashMap<>();

    boolean restarted(String key, String epoch) {
        AgentView known = views.get(key);
        return known != null
                && known.epoch() != null
                && epoch != null
                && !known.epoch().equals(epoch);
    }

    void record(List<AgentEndpoint> members, List<AgentResult> results, Instant at) {
        retainOnly(members);
        for (AgentResult result : results) {
            AgentView previous = views.get(result.key());
            boolean reached = result.state() != AgentState.UNREACHABLE;
            Instant lastSeen = reached ? at : previous == null ? null : previous.lastSeen();
            String epoch = result.epoch() != null ? result.epoch() : previous == null ? null : previous.epoch();
            views.put(result.key(), new AgentView(result.key(), epoch, lastSeen, result));
        }
    }

    private void retainOnly(List<AgentEndpoint> members) {
        Set<String> keys = members.stream().map(AgentEndpoint::key).collect(Collectors.toSet());
        views.keySet().retainAll(keys);
    }

    /** Current members with their latest round result, ordered by key. */
    public List<AgentView> agents() {
        List<AgentView> list = new ArrayList<>(views.values());
        list.sort(Comparator.comparing(AgentView::key));
        return list;
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
