package dev.clocksync.benchmarks.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the cluster benchmark runs.
 *
 * @param agents agent processes
 * @param window length of the steady window over which spreads are reported
 * @param settle time between the true spread's first fall below 1 ms and the start of the window
 * @param convergeTimeout the window starts after this long even if the spread never fell below 1 ms
 * @param sampleEvery how often every agent's true offset is read
 * @param interval the daemon's round interval (and the agents' expected update interval)
 * @param jitterMaxNanos largest random delay per chunk and direction of a proxy in front of every
 *     agent; 0 means no proxy
 * @param variants which daemons to run, one after the other, each on fresh agents
 * @param seed the agents' clocks get seeds seed+1 .. seed+N, the same in every variant
 * @param basePort the daemon's port; agents use the next ports, proxies those after
 * @param startBatch agents started together (each waits for the batch before it to be ready)
 * @param out where the raw figures go
 * @param agentJvm JVM options of the agents
 * @param daemonJvm JVM options of the daemon
 * @param agentProperties extra agent properties, in every variant
 * @param daemonProperties extra daemon properties, in every variant (a variant's own win)
 */
record ClusterOptions(
        int agents,
        Duration window,
        Duration settle,
        Duration convergeTimeout,
        Duration sampleEvery,
        Duration interval,
        long jitterMaxNanos,
        List<ClusterVariant.Kind> variants,
        long seed,
        int basePort,
        int startBatch,
        Path out,
        List<String> agentJvm,
        List<String> daemonJvm,
        Map<String, String> agentProperties,
        Map<String, String> daemonProperties) {

    static final long DEFAULT_SEED = 20260101L;

    static final String USAGE = """
            usage: benchmarks/run cluster [options]
              N agent processes and a daemon on loopback, simulated clocks (+/-2 s, +/-100 ppm); reports the
              rounds until the true spread is below 1 ms, then p50/p99/max of the true and of the reported
              spread over a steady window; the same run again with the classic Berkeley baseline (MEAN of
              one exchange per agent), side by side.
              --agents N           agent processes (default 20)
              --window D           steady window, e.g. 60s, 10m (default 10m)
              --settle D           from the first true spread below 1 ms to the window (default 30s)
              --converge-timeout D start the window after this even if never below 1 ms (default 120s)
              --sample D           read every agent's true offset this often (default 500ms)
              --interval D         the daemon's round interval (default 2s, the daemon's default)
              --jitter             a delaying TCP proxy in front of every agent, 0-5 ms per chunk and direction
              --jitter-max D       the proxies' largest delay (default 5ms; implies --jitter)
              --variants L         clocksync,classic (default both)
              --seed S             seeds of the clocks (default %d): the same clocks in every variant
              --port P             the daemon's port; agents on the next ports, proxies after (default 19000)
              --start-batch B      agents started at once (default 4)
              --out DIR            raw figures (default benchmarks/target/results/cluster-<time>)
              --agent-jvm "OPTS"   agents' JVM options (default the image's: -XX:+UseSerialGC -Xmx64m
                                   -XX:+ExitOnOutOfMemoryError)
              --daemon-jvm "OPTS"  the daemon's JVM options (default what the image runs with under the chart's
                                   512 MiB limit: -XX:+UseSerialGC -Xmx384m -XX:+ExitOnOutOfMemoryError)
              --agent-property K=V extra agent property, repeatable (e.g. clocksync.agent.discipline.frequency-gain=0.3)
              --daemon-property K=V extra daemon property, repeatable, both variants (e.g. clocksync.daemon.exchanges=16)
            """.formatted(DEFAULT_SEED);

    private static final Set<String> VALUES = Set.of(
            "--agents",
            "--window",
            "--settle",
            "--converge-timeout",
            "--sample",
            "--interval",
            "--jitter-max",
            "--variants",
            "--seed",
            "--port",
            "--start-batch",
            "--out",
            "--agent-jvm",
            "--daemon-jvm",
            "--agent-property",
            "--daemon-property");

    static ClusterOptions parse(String... arguments) {
        Args args = Args.parse(arguments, VALUES, Set.of("--jitter"));
        int agents = args.integer("--agents", 20, 2, 200);
        Duration jitterMax = args.duration("--jitter-max", Duration.ofMillis(5), Duration.ZERO, Duration.ofSeconds(1));
        boolean jitter = args.flag("--jitter") || !args.all("--jitter-max").isEmpty();
        int basePort = args.integer("--port", 19000, 1024, 65535 - 2 * agents - 1);
        return new ClusterOptions(
                agents,
                args.duration("--window", Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofHours(24)),
                args.duration("--settle", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)),
                args.duration(
                        "--converge-timeout", Duration.ofSeconds(120), Duration.ofSeconds(5), Duration.ofHours(1)),
                args.duration("--sample", Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(10)),
                args.duration("--interval", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(10)),
                jitter ? jitterMax.toNanos() : 0,
                variants(args.string("--variants", "clocksync,classic")),
                args.longValue("--seed", DEFAULT_SEED),
                basePort,
                args.integer("--start-batch", 4, 1, 200),
                Path.of(args.string("--out", Results.defaultFolder("cluster").toString())),
                jvm(args.string("--agent-jvm", String.join(" ", Services.AGENT_IMAGE_JVM))),
                jvm(args.string("--daemon-jvm", String.join(" ", Services.DAEMON_IMAGE_JVM))),
                properties("--agent-property", args.all("--agent-property")),
                properties("--daemon-property", args.all("--daemon-property")));
    }

    int agentPort(int agent) {
        return basePort + agent;
    }

    int proxyPort(int agent) {
        return basePort + agents + agent;
    }

    boolean jitter() {
        return jitterMaxNanos > 0;
    }

    private static List<ClusterVariant.Kind> variants(String value) {
        List<ClusterVariant.Kind> kinds = new ArrayList<>();
        for (String name : value.split(",")) {
            try {
                ClusterVariant.Kind kind =
                        ClusterVariant.Kind.valueOf(name.strip().toUpperCase(Locale.ROOT));
                if (!kinds.contains(kind)) {
                    kinds.add(kind);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--variants: unknown variant '" + name.strip() + "'; choose from "
                        + Arrays.toString(ClusterVariant.Kind.values()).toLowerCase(Locale.ROOT));
            }
        }
        return kinds;
    }

    static List<String> jvm(String options) {
        return options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
    }

    static Map<String, String> properties(String option, List<String> given) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String property : given) {
            Map.Entry<String, String> entry = Args.property(option, property);
            properties.put(entry.getKey(), entry.getValue());
        }
        return properties;
    }
}
