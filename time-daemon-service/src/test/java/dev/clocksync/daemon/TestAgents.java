package dev.clocksync.daemon;

import dev.clocksync.agent.NodeAgentApplication;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.time.TimeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Node agents as Spring Boot applications in this JVM, each with its own web server. */
public final class TestAgents {

    public static final String KEY = "integration-key-0123456789";

    private TestAgents() {}

    /** Starts an agent with a simulated clock; extra arguments override the defaults. */
    public static ConfigurableApplicationContext start(String id, long offsetMillis, double driftPpm, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--clocksync.agent.id=" + id,
                "--clocksync.agent.clock.mode=simulated",
                "--clocksync.agent.clock.simulated.initial-offset=" + offsetMillis + "ms",
                "--clocksync.agent.clock.simulated.drift-ppm=" + driftPpm,
                "--clocksync.agent.discipline.update-interval=1s",
                // Step every initial offset above 1 ms in the first updates: with the default
                // 128 ms, a clock starting 100 ms off would take 200 s to slew in at 500 ppm.
                "--clocksync.agent.discipline.step-threshold=1ms",
                "--clocksync.agent.security.hmac-key=" + KEY,
                // several agents in one JVM: each serves NTP on a port of its own
                "--clocksync.agent.ntp.port=0"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(NodeAgentApplication.class).run(lastWins(args));
    }

    /** Command-line arguments with later values of a property replacing earlier ones. */
    public static String[] lastWins(List<String> args) {
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (String arg : args) {
            byName.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        return byName.values().toArray(String[]::new);
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * The agent's disciplined clock minus the host clock, read between two host readings that are
     * close together: a pause of this thread between the two clocks would otherwise count as error.
     */
    public static long trueOffsetNanos(ConfigurableApplicationContext agent) {
        TimeSource host = agent.getBean(TimeSource.class);
        DisciplinedClock clock = agent.getBean(DisciplinedClock.class);
        long offset = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            long before = host.epochNanos();
            long disciplined = clock.unheldNanos();
            long after = host.epochNanos();
            offset = disciplined - (before + (after - before) / 2);
            if (after - before < 20_000) {
                break;
            }
        }
        return offset;
    }

    /**
     * Max - min true offset over the running agents.
     *
     * @throws IllegalStateException when fewer than two of them run: a spread of one clock or of
     *     none is not a measurement, and a convergence check must not pass on it
     */
    public static long trueSpreadNanos(List<ConfigurableApplicationContext> agents) {
        long[] offsets = agents.stream()
                .filter(ConfigurableApplicationContext::isActive)
                .mapToLong(TestAgents::trueOffsetNanos)
                .toArray();
        if (offsets.length < 2) {
            throw new IllegalStateException(
                    "a spread needs at least two running agents, " + offsets.length + " of " + agents.size() + " run");
        }
        return Arrays.stream(offsets).max().orElseThrow()
                - Arrays.stream(offsets).min().orElseThrow();
    }
}
