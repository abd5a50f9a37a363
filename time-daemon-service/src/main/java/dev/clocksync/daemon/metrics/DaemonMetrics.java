package dev.clocksync.daemon.metrics;

import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.leader.Leadership;
import dev.clocksync.daemon.round.AdjustmentOutcome;
import dev.clocksync.daemon.round.AgentResult;
import dev.clocksync.daemon.round.AgentState;
import dev.clocksync.daemon.round.RoundListener;
import dev.clocksync.daemon.round.RoundRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Rounds as Prometheus sees them. Per-agent series are capped (the first agents by key) so that
 * a very large cluster cannot explode Prometheus; series of agents that left are removed.
 */
@Component
class DaemonMetrics implements RoundListener {

    private static final double NANOS_PER_SECOND = 1e9;

    private final MeterRegistry registry;
    private final int maxAgentSeries;
    private final Timer roundDuration;
    private final DistributionSummary correction;
    private final MultiGauge agentOffset;
    private final MultiGauge agentDelay;
    private final Map<AgentCount, AtomicLong> agentCounts = new EnumMap<>(AgentCount.class);
    private final AtomicLong spreadNanos = new AtomicLong(-1);

    DaemonMetrics(MeterRegistry registry, Leadership leadership, DaemonProperties properties) {
        this.registry = registry;
        this.maxAgentSeries = properties.metrics().maxAgentSeries();
        this.roundDuration = Timer.builder("clocksync.round.duration")
                .description("Duration of a round: discovery, probes and adjustments")
                .serviceLevelObjectives(
                        Duration.ofMillis(1),
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2))
                .register(registry);
        this.correction = DistributionSummary.builder("clocksync.correction")
                .description("Magnitude of the corrections sent to agents")
                .baseUnit("seconds")
                .register(registry);
        this.agentOffset = MultiGauge.builder("clocksync.agent.offset")
                .description("Agent clock minus daemon clock before correction, per agent")
                .baseUnit("seconds")
                .register(registry);
        this.agentDelay = MultiGauge.builder("clocksync.agent.delay")
                .description("Round-trip delay of the agent's minimum-delay exchange")
                .baseUnit("seconds")
                .register(registry);
        for (AgentCount count : AgentCount.values()) {
            AtomicLong value = new AtomicLong();
            agentCounts.put(count, value);
            Gauge.builder("clocksync.agents", value, AtomicLong::get)
                    .description("Agents by state in the latest round")
                    .tag("state", count.tag())
                    .register(registry);
        }
        Gauge.builder(
                        "clocksync.cluster.spread",
                        spreadNanos,
                        v -> v.get() < 0 ? Double.NaN : v.get() / NANOS_PER_SECOND)
                .description("Max - min offset of the voting clocks before correction")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("clocksync.leader", leadership, l -> l.isLeader() ? 1 : 0)
                .description("1 while this instance leads")
                .register(registry);
    }

    @Override
    public void roundFinished(RoundRecord record) {
        Counter.builder("clocksync.rounds")
                .description("Rounds run, by outcome")
                .tag("outcome", record.outcome().tag())
                .register(registry)
                .increment();
        roundDuration.record(Duration.ofNanos(record.durationNanos()));
        spreadNanos.set(record.spreadNanos() == null ? -1 : record.spreadNanos());

        List<AgentResult> agents = record.agents();
        agentCounts.get(AgentCount.DISCOVERED).set(agents.size());
        agentCounts
                .get(AgentCount.REACHABLE)
                .set(agents.stream()
                        .filter(a -> a.state() != AgentState.UNREACHABLE)
                        .count());
        agentCounts.get(AgentCount.VOTING).set(record.count(AgentState.VOTING));
        agentCounts.get(AgentCount.FALSETICKER).set(record.count(AgentState.FALSETICKER));
        agentCounts.get(AgentCount.UNREACHABLE).set(record.count(AgentState.UNREACHABLE));

        for (AgentResult agent : agents) {
            if (agent.adjustment() != AdjustmentOutcome.NOT_SENT || agent.correctionNanos() != null) {
                Counter.builder("clocksync.adjustments")
                        .description("Corrections by what became of them")
                        .tag(
                                "result",
                                agent.adjustment()
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', '-'))
                        .register(registry)
                        .increment();
            }
            if (agent.correctionNanos() != null && agent.adjustment() != AdjustmentOutcome.NOT_SENT) {
                correction.record(Math.abs(agent.correctionNanos()) / NANOS_PER_SECOND);
            }
        }
        List<AgentResult> measured = agents.stream()
                .filter(a -> a.offsetNanos() != null)
                .limit(maxAgentSeries)
                .toList();
        agentOffset.register(
                measured.stream()
                        .map(a -> MultiGauge.Row.of(tagsOf(a), a.offsetNanos() / NANOS_PER_SECOND))
                        .toList(),
                true);
        agentDelay.register(
                measured.stream()
                        .map(a -> MultiGauge.Row.of(tagsOf(a), a.delayNanos() / NANOS_PER_SECOND))
                        .toList(),
                true);
    }

    private static Tags tagsOf(AgentResult agent) {
        String id = agent.agentId() != null ? agent.agentId() : agent.key();
        return Tags.of("agent", id, "node", agent.node() == null ? "" : agent.node());
    }

    private enum AgentCount {
        DISCOVERED,
        REACHABLE,
        VOTING,
        FALSETICKER,
        UNREACHABLE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
