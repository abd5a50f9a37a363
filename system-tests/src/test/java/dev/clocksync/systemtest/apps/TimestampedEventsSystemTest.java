package dev.clocksync.systemtest.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.systemtest.process.ManagedProcess;
import dev.clocksync.systemtest.process.ProjectPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example application, built, against a real agent: its events carry clocksync timestamps and commit. */
class TimestampedEventsSystemTest {

    static final Pattern EVENT = Pattern.compile(
            "event (\\d+) at (\\S+) \\(true time within \\[(\\S+), (\\S+)], \\+/- \\d+ us, SYNCED, reference .*\\)");

    @Test
    void theExampleTimestampsEventsWithClocksyncTimeAndWaitsOutEachCommit() throws Exception {
        Path work = ProjectPaths.workDirectory("example-system-test");
        Path jar = Path.of(System.getProperty("clocksync.example.jar"));
        assertThat(jar).as("the example's jar; build it with the system tests").isRegularFile();
        try (AgentUnderTest agent = AgentUnderTest.start("example-agent", Duration.ofSeconds(-1), work)) {
            agent.adjust(Duration.ofSeconds(1), Duration.ofMillis(1));
            String java = ProcessHandle.current().info().command().orElse("java");
            try (ManagedProcess example = ManagedProcess.start(
                    "timestamped-events",
                    List.of(java, "-Xmx96m", "-jar", jar.toString(), "--example.interval=200ms"),
                    Map.of("CLOCKSYNC_AGENT_URL", agent.baseUri().toString()),
                    work.resolve("timestamped-events.log"))) {
                await("two committed events")
                        .atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            example.assertAlive();
                            return Files.readString(example.log()).contains("event 2 committed");
                        });
                String log = Files.readString(example.log());
                assertThat(log).contains("Waiting up to PT1M for the clocksync agent at " + agent.baseUri());
                Matcher event = EVENT.matcher(log);
                assertThat(event.find()).as("an event line in:\n" + log).isTrue();
                Instant timestamp = Instant.parse(event.group(2));
                Instant earliest = Instant.parse(event.group(3));
                Instant latest = Instant.parse(event.group(4));
                assertThat(earliest).isBefore(latest);
                // the agent's clock is the host's (stepped by exactly its offset), so the event happened about now
                assertThat(Duration.between(timestamp, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
                assertThat(log).containsPattern("event 1 committed: true time is past its timestamp");
            }
        }
    }
}
