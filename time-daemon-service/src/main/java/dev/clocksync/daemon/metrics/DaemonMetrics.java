package dev.clocksync.daemon.metrics;

import dev.clocksync.core.time.TimeSource;
import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.leader.Leadership;
import dev.clocksync.daemon.round.AdjustmentOutcome;
import dev.clocksync.daemon.round.AgentResult;
import dev.clocksync.daemon.round.AgentState;
import dev.clocksync.daemon.round.RoundListener;
import dev.clocksync.daemon.round.RoundOutcome;
import dev.clocksync.daemon.round.RoundRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Rounds as Prometheus sees them.
 *
 * <p>Gauges that describe the latest round read NaN while this instance does not lead: a replica
 * that lost the lease would otherwise keep exporting its last round forever, and alerts on, say,
 * unreachable agents would never resolve. Per-agent series are capped at the first
 * {@code max-agent-series} members by key, a stable choice, so that a very large cluster cannot
 * explode Prometheus and series do not churn from round to round; series of agents that left are
 * removed.
 */
@Component
class DaemonMetrics implements RoundListener {

    private static final double NANOS_PER_SECOND = 1e9;

    private final Leadership leadership;
    private final TimeSource timeSource;
    private final int maxAgentSeries;
    private final Timer roundDuration;
    private final Timer correction;
    private final Timer probeDelay;
    private final MultiGauge agentOffset;
    private final MultiGauge agentDelay;
    private final MultiGauge agentNodeOffset;
    private final Map<RoundOutcome, Counter> rounds = new EnumMap<>(RoundOutcome.class);
    private final Map<AdjustmentOutcome, Counter> adjustments = new EnumMap<>(AdjustmentOutcome.class);
    private volatile LatestRound latest = LatestRound.NONE;
    private Map<Tags, AgentValues> agentValues = Map.of();
    private volatile double lastSuccessSeconds;
    private boolean seenLeading;

    DaemonMetrics(MeterRegistry registry, Leadership leadership, DaemonProperties properties, TimeSource timeSource) {
        this.leadership = leadership;
        this.timeSource = timeSource;
        this.maxAgentSeries = properties.metrics().maxAgentSeries();
        // Counted from start: a daemon that never completes a round alerts after three intervals too.
        this.lastSuccessSeconds = timeSource.epochNanos() / NANOS_PER_SECOND;
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
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30))
                .register(registry);
        // Timers, not DistributionSummary: a summary's histogram rounds fractional values up to
        // whole units, which would put every sub-second value in the 1 s bucket.
        this.correction = Timer.builder("clocksync.correction")
                .description("Magnitude of the corrections sent to agents")
                .serviceLevelObjectives(
                        Duration.ofNanos(1_000),
                        Duration.ofNanos(10_000),
                        Duration.ofNanos(100_000),
                        Duration.ofMillis(1),
                        Duration.ofMillis(10),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(100),
                        Duration.ofSeconds(1000))
                .register(registry);
        this.probeDelay = Timer.builder("clocksync.probe.delay")
                .description("Round-trip delay of each reached agent's minimum-delay exchange")
                .serviceLevelObjectives(
                        Duration.ofNanos(50_000),
                        Duration.ofNanos(100_000),
                        Duration.ofNanos(250_000),
                        Duration.ofNanos(500_000),
                        Duration.ofMillis(1),
                        Duration.ofNanos(2_500_000),
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1))
                .register(registry);
        this.agentOffset = MultiGauge.builder("clocksync.agent.offset")
                .description("Agent clock minus daemon clock before correction, per agent")
                .baseUnit("seconds")
                .register(registry);
        this.agentDelay = MultiGauge.builder("clocksync.agent.delay")
                .description("Round-trip delay of the agent's minimum-delay exchange, per agent")
                .baseUnit("seconds")
                .register(registry);
        this.agentNodeOffset = MultiGauge.builder("clocksync.agent.node.offset")
                .description("The agent's node clock minus its cluster time, per agent")
                .baseUnit("seconds")
                .register(registry);
        for (RoundOutcome outcome : RoundOutcome.values()) {
            rounds.put(
                    outcome,
                    Counter.builder("clocksync.rounds")
                            .description("Rounds run, by outcome")
                            .tag("outcome", outcome.tag())
                            .register(registry));
        }
        for (AdjustmentOutcome result : AdjustmentOutcome.values()) {
            adjustments.put(
                    result,
                    Counter.builder("clocksync.adjustments")
                            .description("Corrections by what became of them")
                            .tag("result", tagOf(result))
                            .register(registry));
        }
        for (AgentCount count : AgentCount.values()) {
            leaderGauge("clocksync.agents", r -> r.count(count))
                    .description("Agents by state in the latest round")
                    .tag("state", count.tag())
                    .register(registry);
        }
        leaderGauge("clocksync.cluster.spread", LatestRound::spreadSeconds)
                .description("Max - min offset of the voting clocks before correction")
                .baseUnit("seconds")
                .register(registry);
        leaderGauge("clocksync.node.clock.spread", LatestRound::nodeSpreadSeconds)
                .description("Max - min node offset of the reached agents: the real skew of the nodes' clocks")
                .baseUnit("seconds")
                .register(registry);
        leaderGauge("clocksync.reference.offset", LatestRound::referenceSeconds)
                .description("Chosen reference minus the daemon's clock")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("clocksync.round.last.success.timestamp", this, DaemonMetrics::lastSuccess)
                .description("End of the latest round that corrected agents (outcome ok or partial), Unix time")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("clocksync.round.interval", properties, p -> p.interval().toNanos() / NANOS_PER_SECOND)
                .description("Configured time between the starts of two rounds")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("clocksync.leader", leadership, l -> l.isLeader() ? 1 : 0)
                .description("1 while this instance leads")
                .register(registry);
    }

    @Override
    public void roundFinished(RoundRecord record) {
        rounds.get(record.outcome()).increment();
        roundDuration.record(Duration.ofNanos(record.durationNanos()));
        if (record.outcome() == RoundOutcome.OK || record.outcome() == RoundOutcome.PARTIAL) {
            Instant end = record.startedAt().plusNanos(record.durationNanos());
            lastSuccessSeconds = end.getEpochSecond() + end.getNano() / NANOS_PER_SECOND;
        }
        latest = LatestRound.of(record);

        for (AgentResult agent : record.agents()) {
            // An unconfirmed adjustment is counted once settled (adjustmentSettled), as what it became.
            boolean counted = agent.adjustment() != AdjustmentOutcome.UNCONFIRMED
                    && (agent.adjustment() != AdjustmentOutcome.NOT_SENT || agent.correctionNanos() != null);
            if (counted) {
                adjustments.get(agent.adjustment()).increment();
            }
            if (agent.correctionNanos() != null && agent.adjustment() != AdjustmentOutcome.NOT_SENT) {
                correction.record(Duration.ofNanos(Math.abs(agent.correctionNanos())));
            }
            if (agent.delayNanos() != null) {
                probeDelay.record(Duration.ofNanos(Math.max(agent.delayNanos(), 0)));
            }
        }
        Map<Tags, AgentValues> current = new HashMap<>();
        record.agents().stream()
                .limit(maxAgentSeries)
                .filter(a -> a.offsetNanos() != null && a.delayNanos() != null)
                .forEach(a -> {
                    AgentValues values = agentValues.getOrDefault(tagsOf(a), new AgentValues());
                    values.offsetSeconds = a.offsetNanos() / NANOS_PER_SECOND;
                    values.delaySeconds = a.delayNanos() / NANOS_PER_SECOND;
                    values.nodeOffsetSeconds =
                            a.nodeOffsetNanos() == null ? Double.NaN : a.nodeOffsetNanos() / NANOS_PER_SECOND;
                    current.put(tagsOf(a), values);
                });
        agentValues = current;
        // Rows already registered keep their holder and are not re-registered (no gap in a scrape
        // that runs meanwhile); rows of agents no longer measured are removed.
        agentOffset.register(rows(current, v -> v.offsetSeconds), false);
        agentDelay.register(rows(current, v -> v.delaySeconds), false);
        agentNodeOffset.register(rows(current, v -> v.nodeOffsetSeconds), false);
    }

    @Override
    public void adjustmentSettled(AgentResult settled) {
        adjustments.get(settled.adjustment()).increment();
    }

    private List<MultiGauge.Row<?>> rows(Map<Tags, AgentValues> values, ToDoubleFunction<AgentValues> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>(values.size());
        values.forEach((tags, holder) -> rows.add(
                MultiGauge.Row.of(tags, holder, h -> leadership.isLeader() ? value.applyAsDouble(h) : Double.NaN)));
        return rows;
    }

    private Gauge.Builder<DaemonMetrics> leaderGauge(String name, ToDoubleFunction<LatestRound> value) {
        return Gauge.builder(name, this, m -> m.leadership.isLeader() ? value.applyAsDouble(m.latest) : Double.NaN);
    }

    /**
     * A replica that starts leading has had no chance to run a round yet: the age of its last
     * success counts from the first scrape that sees it lead, not from a round it ran as leader
     * long ago, so that a failover does not look like missed rounds.
     */
    private synchronized double lastSuccess() {
        if (!leadership.isLeader()) {
            seenLeading = false;
            return Double.NaN;
        }
        if (!seenLeading) {
            seenLeading = true;
            lastSuccessSeconds = Math.max(lastSuccessSeconds, timeSource.epochNanos() / NANOS_PER_SECOND);
        }
        return lastSuccessSeconds;
    }

    private static Tags tagsOf(AgentResult agent) {
        String id = agent.agentId() != null ? agent.agentId() : agent.key();
        return Tags.of(
                "agent",
                id,
                "node",
                agent.node() == null ? "" : agent.node(),
                "zone",
                agent.zone() == null ? "" : agent.zone());
    }

    private static String tagOf(AdjustmentOutcome result) {
        return result.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One exported agent's latest measurement, read by its two per-agent gauges. */
    private static final class AgentValues {
        volatile double offsetSeconds;
        volatile double delaySeconds;
        volatile double nodeOffsetSeconds;
    }

    /** What the round gauges show: counts by state, spread and reference of the latest round. */
    private record LatestRound(
            Map<AgentCount, Long> counts, Long spreadNanos, Long nodeSpreadNanos, Long referenceNanos) {

        static final LatestRound NONE = new LatestRound(Map.of(), null, null, null);

        static LatestRound of(RoundRecord record) {
            Map<AgentCount, Long> counts = new EnumMap<>(AgentCount.class);
            long unreachable = record.count(AgentState.UNREACHABLE);
            counts.put(AgentCount.DISCOVERED, (long) record.agents().size());
            counts.put(AgentCount.REACHABLE, record.agents().size() - unreachable);
            counts.put(AgentCount.VOTING, record.count(AgentState.VOTING));
            counts.put(AgentCount.FALSETICKER, record.count(AgentState.FALSETICKER));
            counts.put(AgentCount.NOISY, record.count(AgentState.NOISY));
            counts.put(AgentCount.TOO_SLOW, record.count(AgentState.TOO_SLOW));
            counts.put(AgentCount.UNREACHABLE, unreachable);
            return new LatestRound(counts, record.spreadNanos(), record.nodeSpreadNanos(), record.referenceNanos());
        }

        double count(AgentCount count) {
            return counts.getOrDefault(count, 0L);
        }

        double spreadSeconds() {
            return spreadNanos == null ? Double.NaN : spreadNanos / NANOS_PER_SECOND;
        }

        double nodeSpreadSeconds() {
            return nodeSpreadNanos == null ? Double.NaN : nodeSpreadNanos / NANOS_PER_SECOND;
        }

        double referenceSeconds() {
            return referenceNanos == null ? Double.NaN : referenceNanos / NANOS_PER_SECOND;
        }
    }

    private enum AgentCount {
        DISCOVERED,
        REACHABLE,
        VOTING,
        FALSETICKER,
        NOISY,
        TOO_SLOW,
        UNREACHABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
