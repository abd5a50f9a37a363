package dev.clocksync.systemtest.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.clocksync.systemtest.container.DaemonApi.Round;
import dev.clocksync.systemtest.process.Faketime;
import dev.clocksync.systemtest.process.OutsideClock;
import dev.clocksync.systemtest.process.OutsideClock.Read;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The images as a cluster: a daemon and three agents in containers on one network, the daemon
 * finding the agents by their network aliases (static discovery). The last test stops and
 * restarts an agent, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ContainerClusterTest.LogsOnFailure.class)
class ContainerClusterTest {

    private static final int AGENT_PORT = 8081;
    private static final int DAEMON_PORT = 8080;
    private static final long ONE_MS = 1_000_000;
    private static final String RUN_AS = "10001";
    private static final List<String> AGENTS = List.of("agent-1", "agent-2", "agent-3");
    /** In host mode, its container's clock 30 s ahead (libfaketime from this machine, bind-mounted). */
    private static final String FAKED = "agent-3";

    private static final long FAKED_OFFSET_NANOS = 30_000_000_000L;
    private static final String FAKETIME_IN_CONTAINER = "/opt/faketime/libfaketime.so.1";
    private static Path faketime;

    private static Network network;
    private static final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private static DaemonApi daemon;

    @BeforeAll
    static void startCluster() {
        Prerequisites.requireContainerEngine();
        faketime = Faketime.require();
        ClocksyncImages.build();
        network = Network.newNetwork();
        String key = Base64.getEncoder().encodeToString(randomBytes(24));
        for (String name : AGENTS) {
            start(name, agent(name, key));
        }
        start("daemon", daemon(key));
        GenericContainer<?> d = containers.get("daemon");
        daemon = new DaemonApi(d.getHost(), d.getMappedPort(DAEMON_PORT));
    }

    @AfterAll
    static void stopCluster() {
        new ArrayList<>(containers.values()).reversed().forEach(GenericContainer::stop);
        containers.clear();
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void containersRunAsANonRootUserOnAReadOnlyRootFilesystem() throws Exception {
        for (Map.Entry<String, GenericContainer<?>> entry : containers.entrySet()) {
            GenericContainer<?> container = entry.getValue();
            InspectContainerResponse info = container.getContainerInfo();
            assertThat(info.getConfig().getUser()).as(entry.getKey()).startsWith(RUN_AS);
            assertThat(info.getHostConfig().getReadonlyRootfs())
                    .as(entry.getKey())
                    .isTrue();

            ExecResult id = container.execInContainer("id", "-u");
            assertThat(id.getStdout().strip()).as(entry.getKey()).isEqualTo(RUN_AS);
            ExecResult write = container.execInContainer("sh", "-c", "touch /application/probe");
            assertThat(write.getExitCode()).as(entry.getKey()).isNotZero();
            assertThat(write.getStderr()).as(entry.getKey()).contains("Read-only file system");
            ExecResult tmp = container.execInContainer("sh", "-c", "touch /tmp/probe && rm /tmp/probe");
            assertThat(tmp.getExitCode()).as(entry.getKey() + " /tmp writable").isZero();
        }
    }

    @Test
    @Order(2)
    void livenessAndReadinessAnswer() {
        for (Map.Entry<String, GenericContainer<?>> entry : containers.entrySet()) {
            GenericContainer<?> container = entry.getValue();
            int port = container.getExposedPorts().getFirst();
            for (String path : List.of("/livez", "/readyz")) {
                assertThat(DaemonApi.status(container.getHost(), container.getMappedPort(port), path))
                        .as(entry.getKey() + " " + path)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    @Order(3)
    void agentsConvergeAndAStoppedAgentIsUnreachableThenRejoinsWithANewEpoch() throws Exception {
        awaitConvergence(Duration.ofSeconds(90));
        printFootprint();

        String stopped = "agent-2";
        String epochBefore = daemon.epochOf(stopped);
        assertThat(epochBefore).isNotBlank();
        DockerClient docker = DockerClientFactory.lazyClient();
        String id = containers.get(stopped).getContainerId();
        docker.stopContainerCmd(id).withTimeout(10).exec();

        await("daemon reports " + stopped + " unreachable")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Round latest = daemon.rounds(1).getFirst();
                    assertThat(latest.agent(stopped).state()).isEqualTo("UNREACHABLE");
                    assertThat(latest.outcome()).isEqualTo("PARTIAL");
                    assertThat(latest.voting()).isEqualTo(2);
                });

        long restarted = System.nanoTime();
        docker.startContainerCmd(id).exec();
        await(stopped + " rejoins with a new epoch")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Round latest = daemon.rounds(1).getFirst();
                    assertThat(latest.agent(stopped).state()).isNotEqualTo("UNREACHABLE");
                    assertThat(latest.agent(stopped).epoch()).isNotBlank().isNotEqualTo(epochBefore);
                });
        System.out.printf(
                "[figures] %s restarted and back in a round after %.1f s%n",
                stopped, (System.nanoTime() - restarted) / 1e9);
        assertThat(daemon.rounds(10))
                .as("the round that first saw the new epoch flags the restart")
                .anySatisfy(
                        round -> assertThat(round.agent(stopped).restarted()).isTrue());

        awaitConvergence(Duration.ofSeconds(90));
    }

    @Test
    @Order(4)
    void theFakedAgentsNodeClockIsThirtySecondsAheadOfTheClusterTime() throws Exception {
        awaitConvergence(Duration.ofSeconds(90));
        GenericContainer<?> faked = containers.get(FAKED);
        URI agent = URI.create("http://" + faked.getHost() + ":" + faked.getMappedPort(AGENT_PORT));
        Read served = OutsideClock.served(agent);
        Read node = OutsideClock.read(agent, "/api/v1/clock/node", "nodeNanos");
        assertThat(node.valueNanos())
                .as("the container's clock against this machine's (read within %d ns)", node.errorNanos())
                .isCloseTo(FAKED_OFFSET_NANOS, org.assertj.core.data.Offset.offset(50 * ONE_MS + node.errorNanos()));
        assertThat(daemon.rounds(1).getFirst().agent(FAKED).nodeOffsetNanos())
                .as("the daemon's view of its node offset: node clock minus cluster time")
                .isCloseTo(
                        FAKED_OFFSET_NANOS - served.valueNanos(),
                        org.assertj.core.data.Offset.offset(5 * ONE_MS + served.errorNanos() + node.errorNanos()));
        assertThat(daemon.rounds(30))
                .as("its corrections are never refused for their signature")
                .allSatisfy(round -> assertThat(round.agent(FAKED).adjustment()).isNotEqualTo("UNAUTHORIZED"));
    }

    /**
     * Three consecutive rounds with every agent voting and a spread below 1 ms as the daemon
     * measures it, and the truth agreeing: the simulated agents' true offsets (each knows its
     * error against this machine's clock) and the faked agent's served time read from outside,
     * within 1 ms of each other once each read's own uncertainty is counted against it.
     */
    private static void awaitConvergence(Duration timeout) {
        long start = System.nanoTime();
        await("three agents voting with a spread below 1 ms for three rounds")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<Round> rounds = daemon.rounds(3);
                    assertThat(rounds).hasSize(3).allSatisfy(round -> {
                        assertThat(round.voting())
                                .as("voting agents in round " + round.round())
                                .isEqualTo(3);
                        assertThat(round.spreadNanos())
                                .as("spread of round " + round.round())
                                .isNotNull()
                                .isLessThan(ONE_MS);
                    });
                    assertThat(trueSpreadAtMostNanos())
                            .as("true spread at most, ns")
                            .isLessThan(ONE_MS);
                });
        System.out.printf(
                "[figures] converged after %.1f s; latest spreads %s ns%n",
                (System.nanoTime() - start) / 1e9,
                daemon.rounds(3).stream().map(Round::spreadNanos).toList());
    }

    private static GenericContainer<?> agent(String name, String key) {
        List<String> args = new ArrayList<>(List.of(
                "--clocksync.agent.id=" + name,
                "--clocksync.agent.discipline.step-threshold=1ms",
                "--clocksync.agent.discipline.update-interval=1s"));
        GenericContainer<?> agent = new GenericContainer<>(DockerImageName.parse(ClocksyncImages.AGENT));
        if (name.equals(FAKED)) {
            agent.withFileSystemBind(faketime.toString(), FAKETIME_IN_CONTAINER, BindMode.READ_ONLY);
            Faketime.environment(Path.of(FAKETIME_IN_CONTAINER), "+30s").forEach(agent::withEnv);
        } else {
            args.addAll(List.of(
                    "--clocksync.agent.clock.mode=simulated",
                    "--clocksync.agent.clock.simulated.random-offset=2s",
                    "--clocksync.agent.clock.simulated.random-drift-ppm=100"));
        }
        return agent.withNetworkAliases(name)
                .withCommand(args.toArray(String[]::new))
                .withExposedPorts(AGENT_PORT)
                .withEnv("CLOCKSYNC_HMAC_KEY", key)
                .waitingFor(ready(AGENT_PORT))
                .withCreateContainerCmdModifier(
                        cmd -> cmd.getHostConfig().withReadonlyRootfs(true).withMemory(256L << 20));
    }

    private static GenericContainer<?> daemon(String key) {
        List<String> args = new ArrayList<>(List.of("--clocksync.daemon.id=daemon", "--clocksync.daemon.interval=1s"));
        for (int i = 0; i < AGENTS.size(); i++) {
            String prefix = "--spring.cloud.discovery.client.simple.instances.clocksync-agent[" + i + "].";
            args.add(prefix + "uri=http://" + AGENTS.get(i) + ":" + AGENT_PORT);
            args.add(prefix + "instance-id=" + AGENTS.get(i));
        }
        return new GenericContainer<>(DockerImageName.parse(ClocksyncImages.DAEMON))
                .withNetworkAliases("daemon")
                .withCommand(args.toArray(String[]::new))
                .withExposedPorts(DAEMON_PORT)
                .withEnv("CLOCKSYNC_HMAC_KEY", key)
                .waitingFor(ready(DAEMON_PORT))
                .withCreateContainerCmdModifier(
                        cmd -> cmd.getHostConfig().withReadonlyRootfs(true).withMemory(512L << 20));
    }

    /** The largest the agents' true spread can be, from their own true offsets and an outside read. */
    private static long trueSpreadAtMostNanos() throws Exception {
        List<Read> offsets = new ArrayList<>();
        for (String name : AGENTS) {
            GenericContainer<?> container = containers.get(name);
            URI agent = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(AGENT_PORT));
            if (name.equals(FAKED)) {
                offsets.add(OutsideClock.served(agent));
            } else {
                String metrics = DaemonApi.text(agent.resolve("/actuator/prometheus"));
                double seconds = metrics.lines()
                        .filter(l -> l.startsWith("clocksync_clock_true_offset_seconds"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(name + " exports no true offset"));
                offsets.add(new Read(Math.round(seconds * 1e9), 0));
            }
        }
        long worst = 0;
        for (Read a : offsets) {
            for (Read b : offsets) {
                worst = Math.max(worst, a.valueNanos() - b.valueNanos() + a.errorNanos() + b.errorNanos());
            }
        }
        return worst;
    }

    private static WaitStrategy ready(int port) {
        return Wait.forHttp("/readyz").forPort(port).forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3));
    }

    private static void start(String name, GenericContainer<?> container) {
        container.withNetwork(network).withTmpFs(Map.of("/tmp", "rw,size=64m"));
        containers.put(name, container);
        long start = System.nanoTime();
        container.start();
        System.out.printf("[figures] %s: container start to ready %.1f s%n", name, (System.nanoTime() - start) / 1e9);
    }

    private static void printFootprint() throws Exception {
        for (Map.Entry<String, GenericContainer<?>> entry : containers.entrySet()) {
            ExecResult rss = entry.getValue().execInContainer("sh", "-c", "grep VmRSS /proc/1/status");
            System.out.printf(
                    "[figures] %s: %s%n", entry.getKey(), rss.getStdout().strip());
        }
        DockerClient docker = DockerClientFactory.lazyClient();
        for (String image : List.of(ClocksyncImages.AGENT, ClocksyncImages.DAEMON)) {
            Long size = docker.inspectImageCmd(image).exec().getSize();
            System.out.printf("[figures] image %s: %d MB%n", image, size == null ? -1 : size / 1_000_000);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** A failed test leaves the end of every container's log in the test output. */
    static class LogsOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            containers.forEach((name, container) -> {
                String logs = container.getLogs();
                String[] lines = logs.split("\n");
                int from = Math.max(0, lines.length - 40);
                System.out.printf(
                        "----- last lines of %s -----%n%s%n",
                        name, String.join("\n", List.of(lines).subList(from, lines.length)));
            });
        }
    }
}
