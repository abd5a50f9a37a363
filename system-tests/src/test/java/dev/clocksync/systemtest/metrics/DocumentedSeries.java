package dev.clocksync.systemtest.metrics;

import java.util.List;
import java.util.Set;

/**
 * The series the README documents, as Prometheus stores them: name of a sample series, its
 * metric family's type, and the labels it carries besides the common ones.
 */
record DocumentedSeries(String job, String series, String family, String type, Set<String> labels) {

    static final String DAEMON = "clocksync-daemon";
    static final String AGENT = "clocksync-agent";

    /** On every series: the scrape's job and instance, and the services' common tags. */
    static final Set<String> COMMON_LABELS = Set.of("job", "instance", "application", "namespace", "cluster");

    static final List<DocumentedSeries> ALL = List.of(
            counter(DAEMON, "clocksync_rounds", "outcome"),
            histogram(DAEMON, "clocksync_round_duration_seconds"),
            gauge(DAEMON, "clocksync_agents", "state"),
            gauge(DAEMON, "clocksync_cluster_spread_seconds"),
            gauge(DAEMON, "clocksync_agent_offset_seconds", "agent", "node"),
            gauge(DAEMON, "clocksync_agent_delay_seconds", "agent", "node"),
            gauge(DAEMON, "clocksync_agent_node_offset_seconds", "agent", "node"),
            gauge(DAEMON, "clocksync_node_clock_spread_seconds"),
            histogram(DAEMON, "clocksync_correction_seconds"),
            histogram(DAEMON, "clocksync_probe_delay_seconds"),
            counter(DAEMON, "clocksync_adjustments", "result"),
            gauge(DAEMON, "clocksync_leader"),
            gauge(DAEMON, "clocksync_reference_offset_seconds"),
            gauge(DAEMON, "clocksync_round_last_success_timestamp_seconds"),
            gauge(DAEMON, "clocksync_round_interval_seconds"),
            gauge(AGENT, "clocksync_clock_last_correction_seconds"),
            gauge(AGENT, "clocksync_clock_frequency_ppm"),
            gauge(AGENT, "clocksync_clock_error_bound_seconds"),
            gauge(AGENT, "clocksync_clock_status", "status"),
            counter(AGENT, "clocksync_clock_steps"),
            counter(AGENT, "clocksync_clock_slews"),
            gauge(AGENT, "clocksync_clock_true_offset_seconds"),
            gauge(AGENT, "clocksync_node_clock_offset_seconds"),
            gauge(AGENT, "clocksync_node_timex_offset_seconds"),
            gauge(AGENT, "clocksync_node_timex_maxerror_seconds"),
            gauge(AGENT, "clocksync_node_timex_estimated_error_seconds"),
            gauge(AGENT, "clocksync_node_timex_frequency_ppm"),
            gauge(AGENT, "clocksync_node_timex_sync_status"),
            gauge(AGENT, "clocksync_node_timex_status"),
            gauge(AGENT, "clocksync_node_timex_unsync"),
            gauge(AGENT, "clocksync_node_timex_pll"),
            counter(AGENT, "clocksync_ntp_requests", "result"),
            gauge(AGENT, "clocksync_ntp_synchronized"),
            gauge(AGENT, "clocksync_node_clock_mode", "mode"));

    private static DocumentedSeries gauge(String job, String name, String... labels) {
        return new DocumentedSeries(job, name, name, "gauge", Set.of(labels));
    }

    private static DocumentedSeries counter(String job, String family, String... labels) {
        return new DocumentedSeries(job, family + "_total", family, "counter", Set.of(labels));
    }

    /** Checked through its _bucket series, which carries the le label. */
    private static DocumentedSeries histogram(String job, String family) {
        return new DocumentedSeries(job, family + "_bucket", family, "histogram", Set.of("le"));
    }
}
