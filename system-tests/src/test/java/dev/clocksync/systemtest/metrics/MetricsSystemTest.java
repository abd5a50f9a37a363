package dev.clocksync.systemtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.systemtest.metrics.PrometheusApi.Sample;
import dev.clocksync.systemtest.metrics.PrometheusServer.ScrapeJob;
import dev.clocksync.systemtest.process.FreePorts;
import dev.clocksync.systemtest.process.Prerequisites;
import dev.clocksync.systemtest.process.ProjectPaths;
import dev.clocksync.systemtest.process.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The built daemon and three agents as processes, scraped by a real Prometheus that also
 * evaluates the project's alert rules; everything is asserted through Prometheus's HTTP API.
 *
 * <p>Agents have simulated clocks; agent-3 starts 5 s off. The daemon uses the MEAN strategy,
 * where every clock votes, so that the 5 s clock is in the cluster spread at first (with the
 * default GAMMA_CLUSTER it would be a falseticker outside the spread). Prometheus is scraping
 * the agents before the daemon starts, so it sees the daemon's first round.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsSystemTest {

    static final String NAMESPACE = "clocksync-system-test";
    static final String CLUSTER = "local";
    static final String KEY = "system-test-key-0123456789";
    static final int AGENTS = 3;
    /**
     * Round interval: long enough that a first round against cold JVMs fits its deadline (three
     * quarters of it) and that every round's gauges are scraped a few times at 1 s.
     */
    static final String INTERVAL = "3s";

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    final List<AutoCloseable> started = new ArrayList<>();
    final List<ServiceProcess> agents = new ArrayList<>();
    Path rulesFile;
    Path dashboardFile;
    Path work;
    PrometheusServer prometheus;
    PrometheusApi api;
    ServiceProcess daemon;

    @BeforeAll
    void start() {
        Path binary = Prerequisites.executable("PROMETHEUS_BIN", "prometheus").orElse(null);
        Prerequisites.require(
                binary != null,
                "Prometheus not found: put `prometheus` on the PATH or set PROMETHEUS_BIN"
                        + " (Debian/Ubuntu: apt-get install --no-install-recommends prometheus)");
        Path root = ProjectPaths.root();
        rulesFile = root.resolve("docker/prometheus/rules/clocksync-alerts.yml");
        dashboardFile = root.resolve("docker/grafana/dashboards/clocksync.json");
        Path agentJar = ProjectPaths.agentJar();
        Path daemonJar = ProjectPaths.daemonJar();
        work = ProjectPaths.workDirectory("metrics-system-test");

        for (int i = 1; i <= AGENTS; i++) {
            agents.add(started(ServiceProcess.fromJar(agentJar)
                    .name("agent-" + i)
                    .logDirectory(work)
                    .env("CLOCKSYNC_HMAC_KEY", KEY)
                    .env("POD_NAMESPACE", NAMESPACE)
                    .env("CLOCKSYNC_METRICS_CLUSTER", CLUSTER)
                    .args(
                            "--clocksync.agent.id=agent-" + i,
                            "--clocksync.agent.clock.mode=simulated",
                            "--clocksync.agent.clock.simulated.initial-offset=" + (i == AGENTS ? "5s" : "0s"),
                            "--clocksync.agent.clock.simulated.random-drift-ppm=100",
                            "--clocksync.agent.clock.simulated.seed=" + (20261126L + i),
                            "--clocksync.agent.discipline.update-interval=" + INTERVAL,
                            "--clocksync.agent.discipline.step-threshold=1ms",
                            "--clocksync.agent.warmup-requests=0")
                    .start()));
        }
        int daemonPort = FreePorts.next();
        prometheus = started(PrometheusServer.start(
                binary,
                work,
                List.of(
                        new ScrapeJob(DocumentedSeries.DAEMON, List.of("127.0.0.1:" + daemonPort)),
                        new ScrapeJob(
                                DocumentedSeries.AGENT,
                                agents.stream()
                                        .map(a -> "127.0.0.1:" + a.port())
                                        .toList())),
                List.of(rulesFile)));
        api = prometheus.api();
        agents.forEach(a -> a.awaitReady(START_TIMEOUT));
        await("Prometheus scraping all agents")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.query("up{job=\"" + DocumentedSeries.AGENT + "\"} == 1")
                                .size()
                        == AGENTS);

        List<String> daemonArgs = new ArrayList<>(List.of(
                "--clocksync.daemon.id=daemon",
                "--clocksync.daemon.interval=" + INTERVAL,
                "--clocksync.daemon.reference.strategy=MEAN",
                "--logging.level.dev.clocksync.daemon.rounds=DEBUG"));
        for (int i = 0; i < AGENTS; i++) {
            String instance = "--spring.cloud.discovery.client.simple.instances.clocksync-agent[" + i + "].";
            daemonArgs.add(instance + "uri=" + agents.get(i).baseUri());
            daemonArgs.add(instance + "instance-id=agent-" + (i + 1));
            daemonArgs.add(instance + "metadata.node=node-" + (i + 1));
        }
        daemon = started(ServiceProcess.fromJar(daemonJar)
                .name("daemon")
                .port(daemonPort)
                .logDirectory(work)
                .env("CLOCKSYNC_HMAC_KEY", KEY)
                .env("POD_NAMESPACE", NAMESPACE)
                .env("CLOCKSYNC_METRICS_CLUSTER", CLUSTER)
                .args(daemonArgs.toArray(String[]::new))
                .start());
        daemon.awaitReady(START_TIMEOUT);
    }

    @AfterAll
    void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + started.get(i) + ": " + e);
            }
        }
        if (work != null) {
            System.out.println("metrics system test: logs, Prometheus configuration and data in " + work);
        }
    }

    @Test
    @Order(1)
    void spreadStartsAboveOneSecondAndTheSkewAlertHolds() {
        String spreadSeries = "clocksync_cluster_spread_seconds{job=\"" + DocumentedSeries.DAEMON + "\"}";
        Sample first = await("a first measured spread")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> firstMeasured(spreadSeries), s -> s != null);

        assertThat(first.value())
                .as("spread of the daemon's first round, seconds")
                .isGreaterThan(1.0);
        assertThat(api.query(skewAlertExpression(), first.timestampSeconds()))
                .as("skew alert expression at the first round")
                .singleElement()
                .satisfies(s -> assertThat(s.labels())
                        .containsEntry("namespace", NAMESPACE)
                        .containsEntry("cluster", CLUSTER));
    }

    /**
     * Judged by the agents' own true offsets (each simulated clock knows its error against the
     * host clock) as well as by what the daemon reports, and never by one round alone: on a busy
     * machine a round may measure an agent as noisy, and it then does not vote in that round.
     */
    @Test
    @Order(2)
    void spreadFallsBelowOneMillisecondAndTheSkewAlertClears() {
        String expression = skewAlertExpression();
        String trueSpread = "max(clocksync_clock_true_offset_seconds) - min(clocksync_clock_true_offset_seconds)";
        await("true and measured spread below 1 ms, the skew alert expression false, every agent SYNCED")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    daemon.process().assertAlive();
                    assertThat(api.query("count(clocksync_clock_true_offset_seconds)"))
                            .as("agents reporting their true offset")
                            .singleElement()
                            .satisfies(s -> assertThat(s.value()).isEqualTo(AGENTS));
                    assertThat(api.query(trueSpread + " < 0.001"))
                            .as("true spread below 1 ms")
                            .isNotEmpty();
                    assertThat(api.query("clocksync_cluster_spread_seconds < 0.001"))
                            .as("measured spread below 1 ms")
                            .isNotEmpty();
                    assertThat(api.query(expression)).as(expression).isEmpty();
                    assertThat(api.query("clocksync_clock_status{status=\"SYNCED\"} == 1"))
                            .as("agents reporting SYNCED")
                            .hasSize(AGENTS);
                    assertThat(api.query("max_over_time(clocksync_agents{state=\"voting\"}[1m]) == " + AGENTS))
                            .as("a recent round in which every agent voted")
                            .isNotEmpty();
                });
    }

    /**
     * The agents' simulated node clocks stay 5 s apart however well their cluster clocks agree:
     * the node skew alert goes pending (its 10 minutes are longer than this test) while the
     * cluster spread is below 1 ms.
     */
    @Test
    @Order(3)
    void theNodeSkewAlertIsRaisedWhileTheClusterTimeAgrees() {
        await("ClocksyncNodeClockSkewHigh pending or firing")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(api.query("ALERTS{alertname=\"ClocksyncNodeClockSkewHigh\"}"))
                        .singleElement()
                        .satisfies(s -> assertThat(s.labels())
                                .containsEntry("namespace", NAMESPACE)
                                .containsEntry("cluster", CLUSTER)));
        assertThat(api.query("clocksync_node_clock_spread_seconds > 4.9"))
                .as("the daemon's view of the nodes' skew")
                .isNotEmpty();
        assertThat(api.query("count(clocksync_node_clock_offset_seconds)"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(AGENTS));
    }

    @Test
    @Order(4)
    void everyDocumentedSeriesExistsWithItsTypeAndLabels() {
        Map<String, Set<String>> types = api.metadataTypes();
        for (DocumentedSeries documented : DocumentedSeries.ALL) {
            List<Map<String, String>> series = api.series(documented.series() + "{job=\"" + documented.job() + "\"}");
            assertThat(series)
                    .as(documented.series() + " scraped from " + documented.job())
                    .isNotEmpty();
            for (Map<String, String> labels : series) {
                assertThat(labels.keySet())
                        .as("labels of " + labels)
                        .containsAll(DocumentedSeries.COMMON_LABELS)
                        .containsAll(documented.labels());
                assertThat(labels)
                        .containsEntry("namespace", NAMESPACE)
                        .containsEntry("cluster", CLUSTER)
                        .containsEntry("application", documented.job());
            }
            Set<String> type = types.getOrDefault(documented.family(), types.get(documented.series()));
            assertThat(type).as("metadata type of " + documented.family()).containsExactly(documented.type());
        }

        assertThat(labelValues("outcome", "clocksync_rounds_total"))
                .containsExactlyInAnyOrder("ok", "partial", "no-reference", "no-agents");
        assertThat(labelValues("state", "clocksync_agents"))
                .containsExactlyInAnyOrder(
                        "discovered", "reachable", "voting", "falseticker", "noisy", "too-slow", "unreachable");
        assertThat(labelValues("result", "clocksync_adjustments_total"))
                .containsExactlyInAnyOrder(
                        "slewed",
                        "stepped",
                        "duplicate",
                        "applied",
                        "refused",
                        "unauthorized",
                        "failed",
                        "unconfirmed",
                        "not-sent");
        assertThat(labelValues("status", "clocksync_clock_status"))
                .containsExactlyInAnyOrder("UNKNOWN", "SYNCED", "FREE_RUNNING", "DISRUPTED");
        assertThat(labelValues("agent", "clocksync_agent_offset_seconds"))
                .containsExactlyInAnyOrder("agent-1", "agent-2", "agent-3");
        assertThat(labelValues("node", "clocksync_agent_offset_seconds"))
                .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        assertThat(api.query("clocksync_clock_steps_total > 0"))
                .as("agents that stepped their initial offset")
                .isNotEmpty();
        assertThat(api.query("clocksync_leader"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
        assertThat(api.query("clocksync_round_interval_seconds"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(3.0));
    }

    @Test
    @Order(5)
    void everyDashboardQueryReturnsData() {
        Dashboard dashboard = Dashboard.read(dashboardFile);
        assertThat(dashboard.uid()).isEqualTo("clocksync");
        assertThat(dashboard.variableTypes())
                .containsEntry("datasource", "datasource")
                .containsEntry("job", "query")
                .containsEntry("namespace", "query");

        Map<String, String> values = new LinkedHashMap<>();
        // Grafana's built-in intervals; with 1 s scrapes, 30 s holds many samples.
        values.put("__rate_interval", "30s");
        values.put("__interval", "5s");
        values.put("__range", "5m");
        values.put("topk", dashboard.currentValue("topk"));
        for (Dashboard.LabelValuesVariable variable : dashboard.labelValuesVariables()) {
            Set<String> found = api.labelValues(variable.label(), Dashboard.substitute(variable.selector(), values));
            assertThat(found).as("values of variable $" + variable.name()).isNotEmpty();
            // As Grafana fills in a multi-value variable with every value selected.
            values.put(
                    variable.name(), found.size() == 1 ? found.iterator().next() : "(" + String.join("|", found) + ")");
        }
        assertThat(values.get("job")).contains(DocumentedSeries.DAEMON, DocumentedSeries.AGENT);
        assertThat(values.get("namespace")).isEqualTo(NAMESPACE);

        List<Dashboard.Query> queries = dashboard.queries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(20);
        List<String> empty = new ArrayList<>();
        await("every dashboard query returns data")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    empty.clear();
                    for (Dashboard.Query query : queries) {
                        String expr = Dashboard.substitute(query.expr(), values);
                        assertThat(Dashboard.variablesIn(expr))
                                .as("unfilled variables in " + expr)
                                .isEmpty();
                        if (api.query(expr).isEmpty()) {
                            empty.add(query.panel() + " [" + query.refId() + "]: " + expr);
                        }
                    }
                    assertThat(empty).as("dashboard queries without data").isEmpty();
                });
    }

    @Test
    @Order(6)
    void prometheusLoadedAndEvaluatesEveryAlertRule() {
        JsonNode groups = api.ruleGroups();
        List<String> rules = new ArrayList<>();
        await("every rule evaluated")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    rules.clear();
                    for (JsonNode group : api.ruleGroups()) {
                        for (JsonNode rule : group.path("rules")) {
                            rules.add(rule.path("name").asString());
                            assertThat(rule.path("health").asString())
                                    .as(rule.path("name").asString() + ": "
                                            + rule.path("lastError").asString())
                                    .isEqualTo("ok");
                        }
                    }
                });
        assertThat(groups).isNotEmpty();
        assertThat(rules).containsAll(AlertRulesTest.alertNames(rulesFile));
        assertThat(api.query(
                        "ALERTS{alertname=~\"ClocksyncNoLeader|ClocksyncMultipleLeaders|ClocksyncAgentsUnreachable\"}"))
                .as("alerts that must not be active in a healthy cluster")
                .isEmpty();
    }

    private Sample firstMeasured(String series) {
        List<List<PrometheusApi.Sample>> all = api.rawSamples(series + "[10m]");
        return all.stream()
                .flatMap(List::stream)
                .filter(s -> !Double.isNaN(s.value()))
                .findFirst()
                .orElse(null);
    }

    private String skewAlertExpression() {
        for (JsonNode group : api.ruleGroups()) {
            for (JsonNode rule : group.path("rules")) {
                if ("ClocksyncClockSkewHigh".equals(rule.path("name").asString())) {
                    return rule.path("query").asString();
                }
            }
        }
        throw new AssertionError("rule ClocksyncClockSkewHigh not loaded from " + rulesFile);
    }

    private Set<String> labelValues(String label, String metric) {
        return api.labelValues(label, metric);
    }

    private <T extends AutoCloseable> T started(T closeable) {
        started.add(closeable);
        return closeable;
    }
}
