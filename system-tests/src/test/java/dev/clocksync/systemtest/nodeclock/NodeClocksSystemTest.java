package dev.clocksync.systemtest.nodeclock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.systemtest.process.Faketime;
import dev.clocksync.systemtest.process.OutsideClock;
import dev.clocksync.systemtest.process.OutsideClock.Read;
import dev.clocksync.systemtest.process.ProjectPaths;
import dev.clocksync.systemtest.process.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real node clocks, on one machine: agents in host mode (their oscillator is their process's
 * real-time clock) whose clocks libfaketime shifts by +45 s, -12 min, +2 s running 100 ppm fast,
 * and not at all; the daemon runs on the machine's true clock. Everything is judged from outside:
 * the agents' served time against this test's own clock, their metrics, the daemon's API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeClocksSystemTest {

    static final String KEY = "node-clocks-test-key-0123456789";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long MS = 1_000_000;
    static final long SECOND = 1_000 * MS;

    /** Each agent's clock: its offset at start against this machine's, ns, and its rate error. */
    record FakedNode(String id, long offsetNanos, double driftPpm) {}

    static final List<FakedNode> NODES = List.of(
            new FakedNode("ahead-45s", 45 * SECOND, 0),
            new FakedNode("behind-12min", -720 * SECOND, 0),
            new FakedNode("ahead-2s-fast", 2 * SECOND, 100),
            new FakedNode("true", 0, 0));

    final Map<FakedNode, ServiceProcess> agents = new LinkedHashMap<>();
    final Map<FakedNode, Faketime.Drift> clocks = new LinkedHashMap<>();
    final ScheduledExecutorService clockUpdates = Executors.newSingleThreadScheduledExecutor();
    ServiceProcess daemon;

    @BeforeAll
    void start() {
        Path faketime = Faketime.require();
        Path logs = ProjectPaths.workDirectory("node-clocks");
        for (FakedNode node : NODES) {
            ServiceProcess.Builder agent = ServiceProcess.fromJar(ProjectPaths.agentJar())
                    .name("agent-" + node.id())
                    .logDirectory(logs)
                    .env("CLOCKSYNC_HMAC_KEY", KEY)
                    .args(
                            "--clocksync.agent.id=" + node.id(),
                            "--clocksync.agent.discipline.update-interval=1s",
                            "--clocksync.agent.warmup-requests=200");
            if (node.offsetNanos() != 0 || node.driftPpm() != 0) {
                Faketime.Drift clock = new Faketime.Drift(logs, node.id(), node.offsetNanos(), node.driftPpm());
                clocks.put(node, clock);
                Faketime.environment(faketime, clock).forEach(agent::env);
            }
            agents.put(node, agent.start());
        }
        clockUpdates.scheduleAtFixedRate(
                () -> clocks.values().forEach(Faketime.Drift::update), 100, 100, TimeUnit.MILLISECONDS);
        agents.values().forEach(a -> a.awaitReady(Duration.ofSeconds(300)));
        List<String> args = new ArrayList<>(List.of(
                "--clocksync.daemon.id=daemon",
                "--clocksync.daemon.interval=1s",
                "--logging.level.dev.clocksync=INFO"));
        int i = 0;
        for (Map.Entry<FakedNode, ServiceProcess> agent : agents.entrySet()) {
            String instance = "--spring.cloud.discovery.client.simple.instances.clocksync-agent[" + i++ + "].";
            args.add(instance + "uri=" + agent.getValue().baseUri());
            args.add(instance + "instance-id=" + agent.getKey().id());
            args.add(instance + "metadata.node=node-" + agent.getKey().id());
        }
        daemon = ServiceProcess.fromJar(ProjectPaths.daemonJar())
                .name("daemon")
                .logDirectory(logs)
                .env("CLOCKSYNC_HMAC_KEY", KEY)
                .args(args.toArray(String[]::new))
                .start()
                .awaitReady(Duration.ofSeconds(300));
    }

    @AfterAll
    void stop() {
        clockUpdates.shutdownNow();
        if (daemon != null) {
            daemon.close();
        }
        agents.values().forEach(ServiceProcess::close);
    }

    @Test
    @Order(1)
    void eachNodesOwnClockReallyDiffersAsFaked() throws Exception {
        for (FakedNode node : NODES) {
            ServiceProcess agent = agents.get(node);
            Read nodeClock = OutsideClock.read(agent.baseUri(), "/api/v1/clock/node", "nodeNanos");
            assertThat(nodeClock.valueNanos())
                    .as(
                            "%s's node clock against this machine's, ns (read within %d ns)",
                            node.id(), nodeClock.errorNanos())
                    .isCloseTo(
                            expectedNodeClockNanos(node),
                            org.assertj.core.data.Offset.offset(5 * MS + nodeClock.errorNanos()));
            JsonNode view = JSON.readTree(agent.get("/api/v1/clock/node").body());
            assertThat(view.path("clockMode").asString()).isEqualTo("host");
            assertThat(view.path("nodeOffsetNanos").asLong())
                    .isEqualTo(view.path("nodeNanos").asLong()
                            - view.path("clusterNanos").asLong());
        }
    }

    @Test
    @Order(2)
    void everyAgentIsCorrectedAndTheServedTimesAgreeWithinAMillisecond() throws Exception {
        await("the four agents' served times within 1 ms of each other, judged from outside")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    daemon.process().assertAlive();
                    List<Read> served = new ArrayList<>();
                    for (ServiceProcess agent : agents.values()) {
                        served.add(servedOffset(agent));
                    }
                    // The most the true spread can be, given what each read may be off by.
                    long worst = 0;
                    for (Read a : served) {
                        for (Read b : served) {
                            worst = Math.max(worst, a.valueNanos() - b.valueNanos() + a.errorNanos() + b.errorNanos());
                        }
                    }
                    assertThat(worst)
                            .as("spread of the served times at most, ns: " + served)
                            .isLessThan(MS);
                });
        JsonNode rounds = get(daemon, "/api/v1/rounds?limit=120");
        assertThat(rounds.size()).isPositive();
        for (JsonNode round : rounds) {
            for (JsonNode agent : round.path("agents")) {
                assertThat(agent.path("adjustment").asString())
                        .as("no agent refuses a correction's signature, however far off its clock")
                        .isNotEqualTo("UNAUTHORIZED");
            }
        }
        for (FakedNode node : NODES) {
            assertThat(rounds.valueStream()
                            .flatMap(round -> round.path("agents").valueStream())
                            .filter(a -> a.path("key").asString().equals(node.id()))
                            .anyMatch(a -> a.path("adjustment").asString().equals("STEPPED")
                                    || a.path("adjustment").asString().equals("SLEWED")))
                    .as(node.id() + " corrected")
                    .isTrue();
        }
    }

    @Test
    @Order(3)
    void eachNodeOffsetIsItsFakedOffsetAndFollowsTheDrift() throws Exception {
        for (FakedNode node : NODES) {
            ServiceProcess agent = agents.get(node);
            Read served = servedOffset(agent);
            long expected = expectedNodeClockNanos(node) - served.valueNanos();
            assertThat(nodeOffsetNanos(agent))
                    .as(
                            "clocksync_node_clock_offset_seconds of %s (served time read within %d ns)",
                            node.id(), served.errorNanos())
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(MS + served.errorNanos()));
        }
        // The fast node's offset, sampled for 10 s. It is its clock's lead over the cluster time,
        // and the cluster time runs at the consensus' rate: node offset plus the served time's
        // lead over this machine's clock is the node clock's lead, which grows at its 100 ppm.
        FakedNode drifting = NODES.get(2);
        List<double[]> points = new ArrayList<>();
        long from = System.nanoTime();
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    long lead = nodeOffsetNanos(agents.get(drifting))
                            + servedOffset(agents.get(drifting)).valueNanos();
                    points.add(new double[] {(System.nanoTime() - from) / 1e9, lead / 1e3});
                    return points.getLast()[0] >= 10;
                });
        assertThat(slope(points))
                .as("the fast node's clock gains its 100 ppm on this machine's, in us per second")
                .isBetween(80.0, 120.0);
    }

    /** Least-squares slope of y over x. */
    private static double slope(List<double[]> points) {
        assertThat(points).hasSizeGreaterThan(5);
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = points.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum();
        double sxx = points.stream().mapToDouble(p -> (p[0] - mx) * (p[0] - mx)).sum();
        return sxy / sxx;
    }

    @Test
    @Order(4)
    void theDaemonShowsTheNodesSkewWhileTheClusterClocksAgree() throws Exception {
        await("the daemon's view: nodes 12 min 45 s apart, cluster clocks within 1 ms")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    String metrics = get(daemon, "/actuator/prometheus", String.class);
                    double nodeSpread = sample(metrics, "clocksync_node_clock_spread_seconds");
                    double clusterSpread = sample(metrics, "clocksync_cluster_spread_seconds");
                    assertThat(nodeSpread)
                            .as("node skew, s")
                            .isCloseTo(765.0, org.assertj.core.data.Offset.offset(0.01));
                    assertThat(clusterSpread).as("cluster spread, s").isLessThan(0.001);
                    assertThat(metrics).contains("clocksync_agent_node_offset_seconds{");
                });
        JsonNode latest = get(daemon, "/api/v1/rounds/latest");
        assertThat(latest.path("nodeSpreadNanos").asLong())
                .isCloseTo(765 * SECOND, org.assertj.core.data.Offset.offset(10 * MS));
    }

    /** Where the faked clock of this node is now, against this machine's clock, ns. */
    private long expectedNodeClockNanos(FakedNode node) {
        Faketime.Drift clock = clocks.get(node);
        return clock == null ? 0 : clock.offsetNanos();
    }

    /** The agent's served time minus this machine's clock. */
    private static Read servedOffset(ServiceProcess agent) throws IOException, InterruptedException {
        return OutsideClock.served(agent.baseUri());
    }

    private static long nodeOffsetNanos(ServiceProcess agent) throws IOException, InterruptedException {
        return Math.round(
                sample(agent.get("/actuator/prometheus").body(), "clocksync_node_clock_offset_seconds") * 1e9);
    }

    private static double sample(String metrics, String name) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not exported"));
    }

    private static JsonNode get(ServiceProcess service, String path) throws IOException, InterruptedException {
        return JSON.readTree(get(service, path, String.class));
    }

    private static String get(ServiceProcess service, String path, Class<String> type)
            throws IOException, InterruptedException {
        return service.get(path).body();
    }
}
