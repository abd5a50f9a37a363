package dev.clocksync.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.agent.metrics.PrometheusText;
import dev.clocksync.core.clock.ClockPolicy;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.time.AnchoredOscillator;
import dev.clocksync.core.time.HostOscillator;
import dev.clocksync.core.time.ManualTimeSource;
import dev.clocksync.core.time.SimulatedOscillator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class NodeClockTest {

    static final long START = 1_800_000_000_000_000_000L;
    static final long MS = 1_000_000;

    final ManualTimeSource time = new ManualTimeSource(START);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void inHostModeTheNodeOffsetIsTheNodeClockMinusTheClockThatRunsOnTheCrystal() {
        AnchoredOscillator crystal = new AnchoredOscillator(time);
        DisciplinedClock clock = new DisciplinedClock(crystal, time, ClockPolicy.defaults());
        NodeClock node = new NodeClock(clock, crystal, time, properties("host"), new Adjtimex(null));
        assertThat(node.read().nodeOffsetNanos())
                .as("before any correction the clock is the node's")
                .isZero();

        clock.apply(-45_000 * MS, 0, false); // this node runs 45 s ahead of the cluster
        time.advance(Duration.ofSeconds(1));
        NodeClock.NodeReading reading = node.read();
        assertThat(reading.nodeOffsetNanos()).isEqualTo(45_000 * MS);
        assertThat(reading.clusterNanos()).isEqualTo(time.epochNanos() - 45_000 * MS);
        assertThat(reading.trueOffsetNanos()).isEmpty();

        time.stepEpoch(-45_000 * MS); // the node's own time daemon steps its clock to the cluster's
        assertThat(node.read().nodeOffsetNanos())
                .as("the node's step moves the node offset")
                .isZero();
        assertThat(node.read().clusterNanos())
                .as("but not the cluster clock, which runs on the crystal")
                .isEqualTo(reading.clusterNanos());
    }

    @Test
    void anOscillatorThatIsTheNodesClockGivesTheNodeOffsetFromOneObservation() {
        HostOscillator nodeClock = new HostOscillator(time);
        DisciplinedClock clock = new DisciplinedClock(nodeClock, time, ClockPolicy.defaults());
        NodeClock node = new NodeClock(clock, nodeClock, time, properties("host"), new Adjtimex(null));
        clock.apply(-45_000 * MS, 0, false);
        time.stepEpoch(-2 * MS);
        assertThat(node.read().nodeOffsetNanos())
                .as("the clock follows its oscillator's small step")
                .isEqualTo(45_000 * MS);
    }

    @Test
    void aSimulatedClockReportsItsSimulatedNodeOffsetAndItsTrueErrorFromOneObservation() {
        SimulatedOscillator oscillator = new SimulatedOscillator(time, 250 * MS, 100, 0, null);
        DisciplinedClock clock = new DisciplinedClock(oscillator, time, ClockPolicy.defaults());
        NodeClock node = new NodeClock(clock, oscillator, time, properties("simulated"), new Adjtimex(null));
        clock.apply(-250 * MS, 0, false);
        time.advance(Duration.ofSeconds(10)); // 100 ppm: the node gains 1 ms, the clock with it

        NodeClock.NodeReading reading = node.read();
        assertThat(reading.nodeOffsetNanos()).isEqualTo(250 * MS);
        assertThat(reading.trueOffsetNanos()).hasValue(MS);
        assertThat(reading.clusterNanos() - reading.trueOffsetNanos().getAsLong())
                .as("cluster time minus its true error is the machine's clock")
                .isEqualTo(time.epochNanos());

        new NodeMetrics(node).bindTo(registry);
        String text = registry.scrape();
        assertThat(PrometheusText.value(text, "clocksync_node_clock_offset_seconds"))
                .isEqualTo(0.25);
        assertThat(PrometheusText.value(text, "clocksync_clock_true_offset_seconds"))
                .isEqualTo(0.001);
        assertThat(text).doesNotContain("clocksync_node_timex_");
    }

    @Test
    void theKernelsNtpStateIsExportedAsADirectReadShowsIt() {
        Adjtimex adjtimex = Adjtimex.load();
        Optional<Timex> direct = adjtimex.read();
        assertThat(direct)
                .as("adjtimex(2) read-only works unprivileged on Linux")
                .isPresent();
        DisciplinedClock clock = new DisciplinedClock(new HostOscillator(time), time, ClockPolicy.defaults());
        new NodeMetrics(new NodeClock(clock, new HostOscillator(time), time, properties("host"), adjtimex))
                .bindTo(registry);
        String text = registry.scrape();

        Timex timex = direct.orElseThrow();
        assertThat(PrometheusText.value(text, "clocksync_node_timex_sync_status"))
                .isEqualTo(timex.synchronizedByKernel() ? 1.0 : 0.0);
        assertThat(PrometheusText.value(text, "clocksync_node_timex_unsync")).isEqualTo(timex.unsync() ? 1.0 : 0.0);
        assertThat(PrometheusText.value(text, "clocksync_node_timex_pll")).isEqualTo(timex.pll() ? 1.0 : 0.0);
        assertThat(PrometheusText.value(text, "clocksync_node_timex_status")).isEqualTo(timex.status());
        assertThat(PrometheusText.value(text, "clocksync_node_timex_maxerror_seconds"))
                .as("grows by 500 ppm between two reads at most")
                .isCloseTo(timex.maxErrorNanos() / 1e9, org.assertj.core.data.Offset.offset(0.01));
        assertThat(PrometheusText.value(text, "clocksync_node_timex_frequency_ppm"))
                .isEqualTo(timex.frequencyPpm());
        assertThat(timex.state()).isBetween(0, 5);
    }

    @Test
    void withoutAdjtimexTheKernelsStateIsLeftOut() {
        DisciplinedClock clock = new DisciplinedClock(new HostOscillator(time), time, ClockPolicy.defaults());
        NodeClock node = new NodeClock(clock, new HostOscillator(time), time, properties("host"), new Adjtimex(null));
        assertThat(node.timex()).isEmpty();
        new NodeMetrics(node).bindTo(registry);
        assertThat(registry.scrape())
                .contains("clocksync_node_clock_offset_seconds")
                .doesNotContain("timex");
    }

    private static AgentProperties properties(String mode) {
        return new Binder(new MapConfigurationPropertySource(Map.of("clocksync.agent.clock.mode", mode)))
                .bindOrCreate("clocksync.agent", AgentProperties.class);
    }
}
