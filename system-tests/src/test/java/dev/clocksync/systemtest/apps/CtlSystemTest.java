package dev.clocksync.systemtest.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.systemtest.process.FreePorts;
import dev.clocksync.systemtest.process.ProjectPaths;
import dev.clocksync.systemtest.process.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * clocksyncctl, through its launcher script, against a real daemon and two real agents (and a
 * third agent the daemon does not know, so never synchronized). Every command is run as an
 * operator or a script would, and its exit code, table and JSON are checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CtlSystemTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** A reached agent's state in a table row: on a busy machine a slow probe may keep it from voting. */
    static final String REACHED = "  (VOTING|FALSETICKER|NOISY|TOO_SLOW)  ";

    Path work;
    AgentUnderTest agent1;
    AgentUnderTest agent2;
    AgentUnderTest loner;
    ServiceProcess daemon;

    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    void start() {
        work = ProjectPaths.workDirectory("ctl-system-test");
        // The default step threshold: on a busy machine a noisy millisecond correction past the
        // makestep limit would otherwise leave an agent DISRUPTED while it is slewed in.
        String[] daemonDriven = {
            "--clocksync.agent.discipline.update-interval=1s", "--clocksync.agent.discipline.step-threshold=128ms"
        };
        agent1 = AgentUnderTest.start("agent-1", Duration.ofMillis(300), work, daemonDriven);
        agent2 = AgentUnderTest.start("agent-2", Duration.ofMillis(-200), work, daemonDriven);
        loner = AgentUnderTest.start("loner", Duration.ZERO, work);
        List<String> args = new ArrayList<>(List.of("--clocksync.daemon.id=daemon", "--clocksync.daemon.interval=1s"));
        List<AgentUnderTest> members = List.of(agent1, agent2);
        for (int i = 0; i < members.size(); i++) {
            String instance = "--spring.cloud.discovery.client.simple.instances.clocksync-agent[" + i + "].";
            args.add(instance + "uri=" + members.get(i).baseUri());
            args.add(instance + "instance-id=agent-" + (i + 1));
            args.add(instance + "metadata.node=node-" + (i + 1));
        }
        daemon = ServiceProcess.fromJar(ProjectPaths.daemonJar())
                .name("daemon")
                .port(FreePorts.next())
                .logDirectory(work)
                .env("CLOCKSYNC_HMAC_KEY", AgentUnderTest.KEY)
                .args(args.toArray(String[]::new))
                .start()
                .awaitReady(AgentUnderTest.START_TIMEOUT);
        await("a round that reaches and corrects both agents")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ctl(Map.of(), "clockdiff", "--daemon", daemonUrl()).exitCode() == 0);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable process : new AutoCloseable[] {daemon, agent1, agent2, loner}) {
            if (process != null) {
                try {
                    process.close();
                } catch (Exception e) {
                    System.err.println("stopping " + process + ": " + e);
                }
            }
        }
    }

    String daemonUrl() {
        return daemon.baseUri().toString();
    }

    @Test
    void statusShowsASynchronizedAgentLikeChronycTracking() {
        Run status = ctl(Map.of(), "status", "--agent", agent1.baseUri().toString());

        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out())
                .contains("Agent           : agent-1 at " + agent1.baseUri())
                .contains("Status          : SYNCED")
                .contains("Error bound     : ")
                .contains("Frequency       : ")
                .contains("Last correction : ")
                .contains("Leader term     : ");

        Run json = ctl(Map.of(), "status", "--agent", agent1.baseUri().toString(), "-o", "json");
        assertThat(json.json().path("state").path("agentId").asString()).isEqualTo("agent-1");
        assertThat(json.json().path("state").path("updates").asLong()).isPositive();
        assertThat(json.json().path("time").path("status").asString()).isEqualTo("SYNCED");
    }

    @Test
    void statusOfAnAgentNoDaemonCorrectsExitsFive() {
        Run status = ctl(Map.of(), "status", "--agent", loner.baseUri().toString());

        assertThat(status.exitCode()).isEqualTo(5);
        assertThat(status.out()).contains("Status          : UNKNOWN").contains("Error bound     : unbounded");
    }

    @Test
    void agentsListsBothMembersReached() {
        Run agents = ctl(Map.of("CLOCKSYNC_DAEMON_URL", daemonUrl()), "agents");

        assertThat(agents.exitCode()).as(agents.err()).isZero();
        List<String> lines = agents.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("KEY").contains("STATE", "OFFSET", "ERROR BOUND");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).contains("agent-1", "node-1").containsPattern(REACHED));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).contains("agent-2", "node-2").containsPattern(REACHED));

        Run json = ctl(Map.of(), "agents", "--daemon", daemonUrl(), "-o", "json");
        assertThat(json.json().path("count").asInt()).isEqualTo(2);
    }

    @Test
    void roundsListsTheLatestRoundsNewestFirst() {
        Run rounds = ctl(Map.of(), "rounds", "--daemon", daemonUrl(), "-n", "3");

        assertThat(rounds.exitCode()).as(rounds.err()).isZero();
        List<String> lines = rounds.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("TERM").contains("OUTCOME", "SPREAD");
        assertThat(lines).hasSizeBetween(2, 4);

        JsonNode json = ctl(Map.of(), "rounds", "--daemon", daemonUrl(), "-n", "3", "-o", "json")
                .json();
        assertThat(json.isArray()).isTrue();
        assertThat(json.size()).isBetween(1, 3);
        if (json.size() > 1) {
            assertThat(json.get(0).path("round").asLong())
                    .isGreaterThan(json.get(1).path("round").asLong());
        }
    }

    @Test
    void leaderNamesTheStaticLeader() {
        Run leader = ctl(Map.of(), "leader", "--daemon", daemonUrl());

        assertThat(leader.exitCode()).isZero();
        assertThat(leader.out()).contains("Leader    : daemon (the asked replica)");
        assertThat(ctl(Map.of(), "leader", "--daemon", daemonUrl(), "-o", "json")
                        .json()
                        .path("leader")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void clockdiffShowsEachAgentsOffsetFromTheReferenceAndExitsZeroOnlyForAnOkRound() {
        Run clockdiff = ctl(Map.of(), "clockdiff", "--daemon", daemonUrl());

        String header = clockdiff.out().lines().findFirst().orElseThrow();
        assertThat(header).contains("strategy GAMMA_CLUSTER, mode consensus");
        assertThat(clockdiff.exitCode()).as(header).isEqualTo(header.contains(": OK,") ? 0 : 5);
        assertThat(clockdiff.out().lines())
                .anySatisfy(l -> assertThat(l).startsWith("AGENT").contains("OFFSET", "+/-", "CORRECTION"))
                .anySatisfy(l -> assertThat(l).startsWith("agent-1").containsPattern(REACHED))
                .anySatisfy(l -> assertThat(l).startsWith("agent-2").containsPattern(REACHED));
    }

    @Test
    void roundRunsASignedRoundNowAndRefusesWithoutTheRightKey() {
        JsonNode before = ctl(Map.of(), "clockdiff", "--daemon", daemonUrl(), "-o", "json")
                .json();

        Run round =
                ctl(Map.of("CLOCKSYNC_HMAC_KEY", AgentUnderTest.KEY), "round", "--daemon", daemonUrl(), "-o", "json");
        assertThat(round.exitCode()).as(round.err()).isZero();
        assertThat(round.json().path("round").asLong())
                .isGreaterThan(before.path("round").asLong());
        assertThat(round.json().path("agents").size()).isEqualTo(2);

        Run wrongKey = ctl(Map.of("CLOCKSYNC_HMAC_KEY", "not-the-key-0123456789"), "round", "--daemon", daemonUrl());
        assertThat(wrongKey.exitCode()).isEqualTo(4);
        assertThat(wrongKey.err()).contains("HTTP 401").contains("check CLOCKSYNC_HMAC_KEY");

        Run noKey = ctl(Map.of(), "round", "--daemon", daemonUrl());
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("set CLOCKSYNC_HMAC_KEY");
    }

    @Test
    void watchPrintsOneLinePerNewRound() {
        Run watch = ctl(Map.of(), "watch", "--daemon", daemonUrl(), "--interval", "200ms", "--count", "2");

        assertThat(watch.exitCode()).as(watch.err()).isZero();
        List<String> lines = watch.out().lines().toList();
        assertThat(lines)
                .hasSize(2)
                .allSatisfy(l -> assertThat(l).containsPattern("round \\d+ .* voting \\d/2  spread"));
        assertThat(lines.get(0)).isNotEqualTo(lines.get(1));

        Run json = ctl(Map.of(), "watch", "--daemon", daemonUrl(), "--interval", "200ms", "--count", "1", "-o", "json");
        assertThat(JSON.readTree(json.out().strip()).path("agents").asInt()).isEqualTo(2);
    }

    @Test
    void aServiceThatIsNotThereExitsThree() {
        Run run = ctl(Map.of(), "agents", "--daemon", "http://127.0.0.1:" + FreePorts.next(), "--timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("cannot connect to");
    }

    /** Runs the launcher script with the given extra environment; CLOCKSYNC_* variables of this JVM are not passed on. */
    Run ctl(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("clocksync.ctl.launcher"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(work, "ctl", ".out");
            Path err = Files.createTempFile(work, "ctl", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = builder.environment();
            new HashMap<>(env)
                    .keySet().stream().filter(k -> k.startsWith("CLOCKSYNC_")).forEach(env::remove);
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("clocksyncctl " + String.join(" ", args) + " did not finish");
            }
            return new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
