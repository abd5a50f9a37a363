package dev.clocksync.benchmarks.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live modes refuse bad arguments with a reason, before anything starts. */
class LiveOptionsTest {

    @Test
    void clusterDefaultsAreTheIssuesAndOptionsOverrideThem() {
        ClusterOptions defaults = ClusterOptions.parse();
        assertThat(defaults.agents()).isEqualTo(20);
        assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.jitter()).isFalse();
        assertThat(defaults.variants()).containsExactly(ClusterVariant.Kind.CLOCKSYNC, ClusterVariant.Kind.CLASSIC);

        ClusterOptions given = ClusterOptions.parse(
                "--agents=5",
                "--window",
                "90s",
                "--jitter",
                "--variants",
                "classic",
                "--daemon-property",
                "clocksync.daemon.exchanges=16");
        assertThat(given.agents()).isEqualTo(5);
        assertThat(given.window()).isEqualTo(Duration.ofSeconds(90));
        assertThat(given.jitterMaxNanos()).isEqualTo(5_000_000L);
        assertThat(given.variants()).containsExactly(ClusterVariant.Kind.CLASSIC);
        assertThat(given.daemonProperties()).containsEntry("clocksync.daemon.exchanges", "16");
        assertThat(given.proxyPort(1)).isEqualTo(given.basePort() + 6);
    }

    @Test
    void clusterRefusesBadArguments() {
        assertThatThrownBy(() -> ClusterOptions.parse("--agents", "1")).hasMessageContaining("--agents must be from 2");
        assertThatThrownBy(() -> ClusterOptions.parse("--window", "10")).hasMessageContaining("unit");
        assertThatThrownBy(() -> ClusterOptions.parse("--window", "1s")).hasMessageContaining("--window must be from");
        assertThatThrownBy(() -> ClusterOptions.parse("--variants", "fast")).hasMessageContaining("fast");
        assertThatThrownBy(() -> ClusterOptions.parse("--jitter=1")).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> ClusterOptions.parse("--daemon-property", "novalue"))
                .hasMessageContaining("name=value");
        assertThatThrownBy(() -> ClusterOptions.parse("--agents")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ClusterOptions.parse("agents")).hasMessageContaining("unexpected argument");
    }

    @Test
    void durationsTakeTheServicesUnits() {
        assertThat(Args.durationValue("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Args.durationValue("x", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Args.durationValue("x", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Args.format(Duration.ofMillis(2000))).isEqualTo("2s");
        assertThat(Args.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void theTrueOffsetIsReadFromAPrometheusExposition() {
        String exposition = """
                # HELP clocksync_clock_true_offset_seconds Simulation only
                # TYPE clocksync_clock_true_offset_seconds gauge
                clocksync_clock_true_offset_seconds{application="clocksync-agent"} -1.2345E-5
                """;
        assertThat(TrueOffsets.parse(exposition)).isCloseTo(-12_345.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(TrueOffsets.parse("clocksync_clock_true_offset_seconds_max 1.0\n"))
                .isNaN();
    }

    @Test
    void percentilesAreNearestRank() {
        Stats stats = Stats.of(new double[] {5, 1, 4, 2, 3});
        assertThat(stats.p50()).isEqualTo(3);
        assertThat(stats.p99()).isEqualTo(5);
        assertThat(stats.max()).isEqualTo(5);
        assertThat(Stats.of(new double[0]).isEmpty()).isTrue();
    }
}
