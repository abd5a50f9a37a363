package dev.clocksync.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.clocksync.core.clock.ClockStatus;
import dev.clocksync.core.reference.ReferenceStrategy;
import dev.clocksync.core.time.ManualTimeSource;
import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.leader.Leadership;
import dev.clocksync.daemon.round.AdjustmentOutcome;
import dev.clocksync.daemon.round.AgentResult;
import dev.clocksync.daemon.round.AgentState;
import dev.clocksync.daemon.round.RoundOutcome;
import dev.clocksync.daemon.round.RoundRecord;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The daemon's meters as a real Prometheus registry renders them. */
class DaemonMetricsTest {

    static final Instant START = Instant.parse("2026-11-26T12:00:00Z");

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final SwitchableLeadership leadership = new SwitchableLeadership();
    final ManualTimeSource time = new ManualTimeSource(START.getEpochSecond() * 1_000_000_000L);

    DaemonMetrics metrics(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("clocksync.daemon.interval", "2s"));
        all.putAll(settings);
        DaemonProperties properties = new Binder(new MapConfigurationPropertySource(all))
                .bindOrCreate("clocksync.daemon", DaemonProperties.class);
        return new DaemonMetrics(registry, leadership, properties, time);
    }

    @Test
    void everySeriesExistsBeforeTheFirstRound() {
        metrics(Map.of());
        Scrape scrape = scrape();

        assertThat(scrape.type("clocksync_rounds_total")).isEqualTo("counter");
        for (String outcome : List.of("ok", "partial", "no-reference", "no-agents")) {
            assertThat(scrape.value("clocksync_rounds_total", "outcome=\"" + outcome + "\""))
                    .isZero();
        }
        assertThat(scrape.type("clocksync_adjustments_total")).isEqualTo("counter");
        for (String result : List.of(
                "slewed",
                "stepped",
                "duplicate",
                "applied",
                "refused",
                "unauthorized",
                "failed",
                "unconfirmed",
                "not-sent")) {
            assertThat(scrape.value("clocksync_adjustments_total", "result=\"" + result + "\""))
                    .isZero();
        }
        assertThat(scrape.type("clocksync_round_duration_seconds")).isEqualTo("histogram");
        assertThat(scrape.type("clocksync_correction_seconds")).isEqualTo("histogram");
        assertThat(scrape.type("clocksync_probe_delay_seconds")).isEqualTo("histogram");
        assertThat(scrape.value("clocksync_probe_delay_seconds_bucket", "le=\"2.5E-4\""))
                .isZero();
        assertThat(scrape.type("clocksync_agents")).isEqualTo("gauge");
        for (String state :
                List.of("discovered", "reachable", "voting", "falseticker", "noisy", "too-slow", "unreachable")) {
            assertThat(scrape.value("clocksync_agents", "state=\"" + state + "\""))
                    .isZero();
        }
        assertThat(scrape.value("clocksync_cluster_spread_seconds")).isNaN();
        assertThat(scrape.value("clocksync_reference_offset_seconds")).isNaN();
        assertThat(scrape.value("clocksync_round_interval_seconds")).isEqualTo(2.0);
        assertThat(scrape.value("clocksync_round_last_success_timestamp_seconds"))
                .isEqualTo(START.getEpochSecond());
        assertThat(scrape.value("clocksync_leader")).isEqualTo(1.0);
        assertThat(scrape.has("clocksync_agent_offset_seconds")).isFalse();
    }

    @Test
    void aRoundSetsCountsSpreadPerAgentSeriesAndHistograms() {
        DaemonMetrics metrics = metrics(Map.of());
        metrics.roundFinished(round(
                RoundOutcome.PARTIAL,
                3_000_000L,
                agent("a", AgentState.VOTING, 1_000_000L, 200_000L, 2_000_000L, AdjustmentOutcome.SLEWED),
                agent("b", AgentState.VOTING, 5_000_000L, 400_000L, -2_000_000L, AdjustmentOutcome.STEPPED),
                agent(
                        "c",
                        AgentState.FALSETICKER,
                        5_000_000_000L,
                        300_000L,
                        -4_997_000_000L,
                        AdjustmentOutcome.REFUSED),
                unreachable("d")));
        Scrape scrape = scrape();

        assertThat(scrape.value("clocksync_rounds_total", "outcome=\"partial\""))
                .isEqualTo(1.0);
        assertThat(scrape.value("clocksync_agents", "state=\"discovered\"")).isEqualTo(4.0);
        assertThat(scrape.value("clocksync_agents", "state=\"reachable\"")).isEqualTo(3.0);
        assertThat(scrape.value("clocksync_agents", "state=\"voting\"")).isEqualTo(2.0);
        assertThat(scrape.value("clocksync_agents", "state=\"falseticker\"")).isEqualTo(1.0);
        assertThat(scrape.value("clocksync_agents", "state=\"unreachable\"")).isEqualTo(1.0);
        assertThat(scrape.value("clocksync_cluster_spread_seconds")).isEqualTo(0.004);
        assertThat(scrape.value("clocksync_reference_offset_seconds")).isEqualTo(0.003);
        assertThat(scrape.value("clocksync_agent_offset_seconds", "agent=\"c\"", "node=\"node-c\"", "zone=\"zone-a\""))
                .isEqualTo(5.0);
        assertThat(scrape.value("clocksync_agent_delay_seconds", "agent=\"b\"")).isEqualTo(0.0004);
        assertThat(scrape.has("clocksync_agent_offset_seconds", "agent=\"d\"")).isFalse();
        assertThat(scrape.value("clocksync_adjustments_total", "result=\"slewed\""))
                .isEqualTo(1.0);
        assertThat(scrape.value("clocksync_adjustments_total", "result=\"refused\""))
                .isEqualTo(1.0);
        assertThat(scrape.value("clocksync_correction_seconds_count")).isEqualTo(3.0);
        assertThat(scrape.value("clocksync_correction_seconds_bucket", "le=\"0.01\""))
                .isEqualTo(2.0);
        assertThat(scrape.value("clocksync_probe_delay_seconds_count")).isEqualTo(3.0);
        assertThat(scrape.value("clocksync_probe_delay_seconds_bucket", "le=\"2.5E-4\""))
                .isEqualTo(1.0);
        assertThat(scrape.value("clocksync_round_duration_seconds_count")).isEqualTo(1.0);
        assertThat(scrape.value("clocksync_round_last_success_timestamp_seconds"))
                .isEqualTo(START.getEpochSecond() + 10.003, offset(1e-6));
    }

    @Test
    void aRoundWithoutReferenceIsNotASuccess() {
        DaemonMetrics metrics = metrics(Map.of());
        metrics.roundFinished(round(RoundOutcome.NO_REFERENCE, null, unreachable("a")));

        Scrape scrape = scrape();
        assertThat(scrape.value("clocksync_rounds_total", "outcome=\"no-reference\""))
                .isEqualTo(1.0);
        assertThat(scrape.value("clocksync_round_last_success_timestamp_seconds"))
                .isEqualTo(START.getEpochSecond());
        assertThat(scrape.value("clocksync_cluster_spread_seconds")).isNaN();
    }

    @Test
    void perAgentSeriesAreCappedAndAgentsThatLeftAreRemoved() {
        DaemonMetrics metrics = metrics(Map.of("clocksync.daemon.metrics.max-agent-series", "2"));
        metrics.roundFinished(round(
                RoundOutcome.OK,
                0L,
                agent("a", AgentState.VOTING, 1_000L, 100_000L, -1_000L, AdjustmentOutcome.SLEWED),
                agent("b", AgentState.VOTING, 2_000L, 100_000L, -2_000L, AdjustmentOutcome.SLEWED),
                agent("c", AgentState.VOTING, 3_000L, 100_000L, -3_000L, AdjustmentOutcome.SLEWED)));
        assertThat(scrape().agents("clocksync_agent_offset_seconds")).containsExactlyInAnyOrder("a", "b");

        metrics.roundFinished(round(
                RoundOutcome.OK,
                0L,
                agent("b", AgentState.VOTING, 2_500L, 100_000L, -2_000L, AdjustmentOutcome.SLEWED),
                agent("c", AgentState.VOTING, 3_000L, 100_000L, -3_000L, AdjustmentOutcome.SLEWED)));
        Scrape scrape = scrape();
        assertThat(scrape.agents("clocksync_agent_offset_seconds")).containsExactlyInAnyOrder("b", "c");
        assertThat(scrape.agents("clocksync_agent_delay_seconds")).containsExactlyInAnyOrder("b", "c");
        assertThat(scrape.value("clocksync_agent_offset_seconds", "agent=\"b\""))
                .isEqualTo(2.5e-6);
    }

    @Test
    void aReplicaThatDoesNotLeadExportsNoRoundState() {
        DaemonMetrics metrics = metrics(Map.of());
        metrics.roundFinished(round(
                RoundOutcome.OK,
                0L,
                agent("a", AgentState.VOTING, 1_000L, 100_000L, 0L, AdjustmentOutcome.SLEWED),
                unreachable("b")));
        leadership.leader = false;

        Scrape scrape = scrape();
        assertThat(scrape.value("clocksync_leader")).isZero();
        assertThat(scrape.value("clocksync_agents", "state=\"unreachable\"")).isNaN();
        assertThat(scrape.value("clocksync_cluster_spread_seconds")).isNaN();
        assertThat(scrape.value("clocksync_agent_offset_seconds", "agent=\"a\""))
                .isNaN();
        assertThat(scrape.value("clocksync_round_last_success_timestamp_seconds"))
                .isNaN();
        assertThat(scrape.value("clocksync_rounds_total", "outcome=\"ok\"")).isEqualTo(1.0);
        assertThat(scrape.value("clocksync_round_interval_seconds")).isEqualTo(2.0);
    }

    @Test
    void aReplicaThatStartsLeadingCountsItsLastSuccessFromThen() {
        DaemonMetrics metrics = metrics(Map.of());
        metrics.roundFinished(
                round(RoundOutcome.OK, 0L, agent("a", AgentState.VOTING, 0L, 1L, 0L, AdjustmentOutcome.SLEWED)));
        assertThat(scrape().value("clocksync_round_last_success_timestamp_seconds"))
                .isEqualTo(START.getEpochSecond() + 10.003, offset(1e-6));

        leadership.leader = false;
        assertThat(scrape().value("clocksync_round_last_success_timestamp_seconds"))
                .isNaN();
        time.advance(Duration.ofHours(1));
        leadership.leader = true;

        assertThat(scrape().value("clocksync_round_last_success_timestamp_seconds"))
                .isEqualTo(START.getEpochSecond() + 3600.0);
    }

    static RoundRecord round(RoundOutcome outcome, Long referenceNanos, AgentResult... agents) {
        Long spread = null;
        List<Long> voting = new ArrayList<>();
        for (AgentResult a : agents) {
            if (a.state() == AgentState.VOTING) {
                voting.add(a.offsetNanos());
            }
        }
        if (!voting.isEmpty()) {
            spread = voting.stream().mapToLong(Long::longValue).max().getAsLong()
                    - voting.stream().mapToLong(Long::longValue).min().getAsLong();
        }
        return new RoundRecord(
                7,
                1,
                "daemon",
                START.plusSeconds(10),
                3_000_000L,
                ReferenceStrategy.GAMMA_CLUSTER,
                "consensus",
                outcome,
                referenceNanos,
                spread,
                null,
                List.of(agents));
    }

    static AgentResult agent(
            String id, AgentState state, long offset, long delay, long correction, AdjustmentOutcome adjustment) {
        return new AgentResult(
                id,
                id,
                "http://" + id,
                "pod-" + id,
                "node-" + id,
                "zone-a",
                "epoch",
                false,
                state,
                offset,
                delay,
                correction,
                adjustment,
                ClockStatus.SYNCED,
                100_000L,
                null,
                null);
    }

    static AgentResult unreachable(String id) {
        return new AgentResult(
                id,
                null,
                "http://" + id,
                "",
                "",
                "",
                null,
                false,
                AgentState.UNREACHABLE,
                null,
                null,
                null,
                AdjustmentOutcome.NOT_SENT,
                null,
                null,
                null,
                "connection refused");
    }

    Scrape scrape() {
        return new Scrape(registry.scrape());
    }

    /** Lines of the Prometheus text format, looked up by name and label fragments. */
    record Scrape(String text) {

        String type(String family) {
            return text.lines()
                    .filter(l -> l.startsWith("# TYPE " + family + " "))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .findFirst()
                    .orElse(null);
        }

        boolean has(String name, String... labels) {
            return line(name, labels).isPresent();
        }

        double value(String name, String... labels) {
            String line = line(name, labels)
                    .orElseThrow(() -> new AssertionError(name + " " + List.of(labels) + " not in\n" + text));
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }

        List<String> agents(String name) {
            return text.lines()
                    .filter(l -> l.startsWith(name + "{"))
                    .map(l -> l.replaceAll(".*agent=\"([^\"]*)\".*", "$1"))
                    .toList();
        }

        private Optional<String> line(String name, String... labels) {
            return text.lines()
                    .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                    .filter(l -> List.of(labels).stream().allMatch(l::contains))
                    .findFirst();
        }
    }

    static final class SwitchableLeadership implements Leadership {

        volatile boolean leader = true;

        @Override
        public String selfId() {
            return "daemon";
        }

        @Override
        public boolean isLeader() {
            return leader;
        }

        @Override
        public long term() {
            return 7;
        }

        @Override
        public Optional<String> leaderId() {
            return leader ? Optional.of("daemon") : Optional.empty();
        }

        @Override
        public String mode() {
            return "static";
        }
    }
}
