package dev.clocksync.benchmarks.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the scale benchmark runs.
 *
 * @param sizes the agent counts, each run with a fresh agent process and daemon
 * @param rounds rounds per size: the first is cold, the others warm
 * @param pause between two rounds (the JDK keeps idle connections for 5 s)
 * @param roundTimeout the daemon's round deadline, long enough for a whole round of the largest size
 * @param basePort the daemon's port; the agent's is the next
 * @param out where the raw figures go
 * @param agentJvm JVM options of the one agent process
 * @param daemonJvm JVM options of the daemon
 * @param agentProperties extra agent properties
 * @param daemonProperties extra daemon properties
 */
record ScaleOptions(
        List<Integer> sizes,
        int rounds,
        Duration pause,
        Duration roundTimeout,
        int basePort,
        Path out,
        List<String> agentJvm,
        List<String> daemonJvm,
        Map<String, String> agentProperties,
        Map<String, String> daemonProperties) {

    /** Open files a JVM of the services holds besides its connections (jars, sockets, pipes), with room to spare. */
    static final int FILES_BESIDES_CONNECTIONS = 1_000;

    /** 127.1.x.y with y in 1..250: room for 250 x 256 addresses. */
    static final int MAX_AGENTS = 60_000;

    static final String USAGE = """
            usage: benchmarks/run scale [options]
              One agent process bound to 0.0.0.0 stands in for N agents at distinct loopback addresses
              (127.1.x.y), listed to one daemon by static discovery; the daemon runs rounds on demand (signed
              POST /api/v1/rounds). Reports round duration cold (the first) and warm (median of the others),
              the daemon's CPU seconds per round (/proc/<pid>/stat) and its RSS (VmRSS, VmHWM).
              --agents L          agent counts, comma-separated (default 100,1000,10000)
              --rounds R          rounds per count, the first cold (default 6)
              --pause D           between rounds (default 1s)
              --round-timeout D   the daemon's round deadline (default 60s, so that a round is never cut)
              --port P            the daemon's port; the agent's is the next (default 19500)
              --out DIR           raw figures (default benchmarks/target/results/scale-<time>)
              --agent-jvm "OPTS"  JVM options of the agent process (default: the JVM's own)
              --daemon-jvm "OPTS" the daemon's JVM options (default what the image runs with under the chart's
                                  512 MiB limit: -XX:+UseSerialGC -Xmx384m -XX:+ExitOnOutOfMemoryError)
              --agent-property K=V  extra agent property, repeatable
              --daemon-property K=V extra daemon property, repeatable (e.g. clocksync.daemon.exchanges=1,
                                  clocksync.daemon.max-concurrency=256)
              Each process holds one connection per agent: N + %d must fit the open-file limit (ulimit -n).
            """.formatted(FILES_BESIDES_CONNECTIONS);

    private static final Set<String> VALUES = Set.of(
            "--agents",
            "--rounds",
            "--pause",
            "--round-timeout",
            "--port",
            "--out",
            "--agent-jvm",
            "--daemon-jvm",
            "--agent-property",
            "--daemon-property");

    static ScaleOptions parse(String... arguments) {
        return parse(ProcFs.openFilesLimit().orElse(Long.MAX_VALUE), arguments);
    }

    /** @param openFilesLimit the soft limit on open files that the started processes inherit */
    static ScaleOptions parse(long openFilesLimit, String... arguments) {
        Args args = Args.parse(arguments, VALUES, Set.of());
        List<Integer> sizes = new ArrayList<>();
        for (String size : args.string("--agents", "100,1000,10000").split(",")) {
            int agents = Args.integerValue("--agents", size.strip(), 1, MAX_AGENTS);
            if (agents + FILES_BESIDES_CONNECTIONS > openFilesLimit) {
                throw new IllegalArgumentException("--agents " + agents + " needs about "
                        + (agents + FILES_BESIDES_CONNECTIONS) + " open files in the daemon and in the agent"
                        + " (one connection per agent), but the limit here is " + openFilesLimit
                        + " (ulimit -n); raise it or use at most " + (openFilesLimit - FILES_BESIDES_CONNECTIONS));
            }
            sizes.add(agents);
        }
        return new ScaleOptions(
                List.copyOf(sizes),
                args.integer("--rounds", 6, 1, 100),
                args.duration("--pause", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(10)),
                args.duration("--round-timeout", Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofHours(1)),
                args.integer("--port", 19500, 1024, 65534),
                Path.of(args.string("--out", Results.defaultFolder("scale").toString())),
                ClusterOptions.jvm(args.string("--agent-jvm", "")),
                ClusterOptions.jvm(args.string("--daemon-jvm", String.join(" ", Services.DAEMON_IMAGE_JVM))),
                ClusterOptions.properties("--agent-property", args.all("--agent-property")),
                ClusterOptions.properties("--daemon-property", args.all("--daemon-property")));
    }

    /** The loopback address of agent i (from 0): 127.1.x.y, y from 1 to 250. */
    static String address(int agent) {
        return "127.1." + (agent / 250) + "." + (agent % 250 + 1);
    }
}
