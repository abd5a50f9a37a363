package dev.clocksync.benchmarks.live;

import dev.clocksync.benchmarks.live.ChildProcesses.Child;
import dev.clocksync.benchmarks.live.DaemonApi.Round;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * benchmarks/run scale: one agent process answers N loopback addresses, one daemon probes and
 * corrects them all, a round at a time on demand.
 */
public final class ScaleBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private ScaleBenchmark() {}

    public static void main(String[] args) {
        LiveMain.options("scale", ScaleOptions.USAGE, args, ScaleBenchmark::parse)
                .ifPresent(options -> LiveMain.run(options, (o, children) -> run(o, children, System.out)));
    }

    private static ScaleOptions parse(String[] args) {
        ScaleOptions options = ScaleOptions.parse(args);
        Ports.requireFree(Ports.range(options.basePort(), 2));
        return options;
    }

    /**
     * One round as seen from outside the daemon.
     *
     * @param round the daemon's record of it
     * @param wallNanos from sending POST /api/v1/rounds to its answer
     * @param daemonCpuSeconds the daemon's CPU time over that span
     * @param agentCpuSeconds the agent process's CPU time over that span
     * @param daemonRssBytes the daemon's VmRSS after it
     * @param daemonOpenFiles the daemon's open file descriptors after it
     */
    record RoundFigures(
            Round round,
            long wallNanos,
            double daemonCpuSeconds,
            double agentCpuSeconds,
            long daemonRssBytes,
            long daemonOpenFiles) {}

    /**
     * What one agent count measured.
     *
     * @param agents the count
     * @param daemonReadySeconds from starting the daemon (with the discovery file) to its readiness
     * @param daemonRssAtReadyBytes its VmRSS then
     * @param rounds every round, the first cold
     * @param daemonRssBytes VmRSS after the last round
     * @param daemonPeakRssBytes VmHWM after the last round
     * @param agentRssBytes the agent process's VmRSS after the last round
     * @param load the 1-minute load average meanwhile
     * @param cpu over the rounds: cores used by the benchmark's processes and by everything else
     * @param failure why this count could not be measured to the end, null if it could
     */
    record SizeResult(
            int agents,
            double daemonReadySeconds,
            long daemonRssAtReadyBytes,
            List<RoundFigures> rounds,
            long daemonRssBytes,
            long daemonPeakRssBytes,
            long agentRssBytes,
            LoadMonitor.Summary load,
            CpuShare cpu,
            String failure) {

        static SizeResult failed(int agents, String failure, LoadMonitor.Summary load) {
            return new SizeResult(agents, Double.NaN, -1, List.of(), -1, -1, -1, load, null, failure);
        }

        RoundFigures cold() {
            return rounds.getFirst();
        }

        List<RoundFigures> warm() {
            return rounds.subList(1, rounds.size());
        }

        Stats warmDurationNanos() {
            return Stats.of(
                    warm().stream().map(r -> (double) r.round().durationNanos()).toList());
        }

        double warmDaemonCpuSeconds() {
            return Stats.median(
                    warm().stream().mapToDouble(RoundFigures::daemonCpuSeconds).toArray());
        }

        double warmAgentCpuSeconds() {
            return Stats.median(
                    warm().stream().mapToDouble(RoundFigures::agentCpuSeconds).toArray());
        }
    }

    static List<SizeResult> run(ScaleOptions options, ChildProcesses children, PrintStream out) {
        Machine machine = Machine.current();
        ServiceJars jars = ServiceJars.buildIfStale(Path.of("").toAbsolutePath(), System.err);
        Services services = new Services(jars, children, options.out().resolve("logs"));
        out.printf(
                Locale.ROOT,
                "scale: one agent process answering N loopback addresses (127.1.x.y), one daemon, %d rounds"
                        + " on demand per N (the first cold), round deadline %s%n",
                options.rounds(),
                Args.format(options.roundTimeout()));
        out.println(machine.describe());
        out.println("open-file limit (ulimit -n): "
                + ProcFs.openFilesLimit().stream()
                        .mapToObj(Long::toString)
                        .findFirst()
                        .orElse("unknown")
                + "; every process holds one connection per agent");
        out.println("raw figures: " + options.out());
        List<SizeResult> results = new ArrayList<>();
        for (int agents : options.sizes()) {
            out.printf(Locale.ROOT, "%n%,d agents:%n", agents);
            try (LoadMonitor load = new LoadMonitor()) {
                try {
                    results.add(runSize(agents, options, services, children, out, load));
                } catch (RuntimeException e) {
                    // A count the daemon cannot handle (out of memory, a round past its timeout) is a
                    // figure too: say so and go on with the next.
                    out.println("  failed: " + e.getMessage());
                    results.add(SizeResult.failed(agents, e.getMessage(), load.summary()));
                }
            }
        }
        out.println();
        TextTable table = table(results);
        table.print(out);
        out.println();
        out.println("round: the daemon's own durationNanos (discovery, probes, reference, adjustments);"
                + " CPU: utime + stime of /proc/<pid>/stat over each POST; agents voting/corrected: the fewest"
                + " of any round; CPU: cores used over the rounds by the daemon, the agent and this JVM, and by"
                + " all other processes. The one agent process shares the 2 cores with the daemon.");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("mode", "scale");
        summary.put("machine", machine);
        summary.put("options", options);
        summary.put("results", results);
        Results.json(options.out().resolve("summary.json"), summary);
        Results.write(options.out().resolve("table.md"), table.markdown());
        out.println("raw figures in " + options.out() + " (summary.json, table.md, rounds-<N>.csv, logs/)");
        return results;
    }

    private static SizeResult runSize(
            int agents,
            ScaleOptions options,
            Services services,
            ChildProcesses children,
            PrintStream out,
            LoadMonitor load) {
        int agentPort = options.basePort() + 1;
        Child agent = null;
        Child daemon = null;
        try {
            Map<String, String> agentProperties = new LinkedHashMap<>();
            agentProperties.put("server.port", Integer.toString(agentPort));
            agentProperties.put("server.address", "0.0.0.0");
            // One process stands in for every agent: Tomcat's default of 8,192 connections would stall
            // the daemon's 10,000 kept-alive ones. A real agent serves one daemon.
            agentProperties.put("server.tomcat.max-connections", Integer.toString(Math.max(8_192, agents + 1_000)));
            agentProperties.put("clocksync.agent.id", "scale-agent");
            agentProperties.put("clocksync.agent.clock.mode", "simulated");
            agentProperties.put("clocksync.agent.clock.simulated.random-offset", "2s");
            agentProperties.put("clocksync.agent.ntp.port", "0");
            long started = System.nanoTime();
            agent = services.startAgent(
                    "scale-agent-" + agents,
                    options.agentJvm(),
                    Services.merge(agentProperties, options.agentProperties()));
            ChildProcesses.awaitReady(agent, URI.create("http://127.0.0.1:" + agentPort + "/readyz"), START_TIMEOUT);
            out.printf(Locale.ROOT, "  agent process ready in %.1f s%n", (System.nanoTime() - started) / 1e9);

            Path discovery =
                    writeDiscovery(options.out().resolve("discovery-" + agents + ".properties"), agents, agentPort);
            Map<String, String> daemonProperties = new LinkedHashMap<>();
            daemonProperties.put("server.port", Integer.toString(options.basePort()));
            daemonProperties.put("server.address", "127.0.0.1");
            daemonProperties.put("clocksync.daemon.id", "daemon");
            daemonProperties.put("clocksync.daemon.scheduling-enabled", "false");
            daemonProperties.put("clocksync.daemon.interval", Args.format(options.roundTimeout()));
            daemonProperties.put("clocksync.daemon.round-timeout", Args.format(options.roundTimeout()));
            // 2 x N discovery properties would not fit a command line: they come from a file.
            daemonProperties.put("spring.config.additional-location", "file:" + discovery.toAbsolutePath());
            started = System.nanoTime();
            daemon = services.startDaemon(
                    "scale-daemon-" + agents,
                    options.daemonJvm(),
                    Services.merge(daemonProperties, options.daemonProperties()));
            ChildProcesses.awaitReady(
                    daemon, URI.create("http://127.0.0.1:" + options.basePort() + "/readyz"), START_TIMEOUT);
            double daemonReady = (System.nanoTime() - started) / 1e9;
            long rssAtReady = ProcFs.rssBytes(daemon.pid()).orElse(-1);
            out.printf(Locale.ROOT, "  daemon ready in %.1f s, %s%n", daemonReady, ClusterBenchmark.mb(rssAtReady));

            DaemonApi api = new DaemonApi(URI.create("http://127.0.0.1:" + options.basePort()), services.hmacKey());
            List<RoundFigures> rounds = new ArrayList<>();
            List<Long> pids = List.of(daemon.pid(), agent.pid());
            CpuShare.Mark cpuMark = CpuShare.mark(pids);
            for (int r = 1; r <= options.rounds(); r++) {
                if (r > 1) {
                    ChildProcesses.sleep(options.pause());
                }
                double daemonCpu = ProcFs.cpuSeconds(daemon.pid()).orElse(Double.NaN);
                double agentCpu = ProcFs.cpuSeconds(agent.pid()).orElse(Double.NaN);
                long t0 = System.nanoTime();
                Round round;
                try {
                    round = api.runRound(options.roundTimeout().plus(Duration.ofSeconds(60)));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            "round " + r + ": " + e.getMessage()
                                    + (daemon.alive() ? "" : "; the daemon exited:\n" + daemon.tail(5)),
                            e);
                }
                long wall = System.nanoTime() - t0;
                RoundFigures figures = new RoundFigures(
                        round,
                        wall,
                        ProcFs.cpuSeconds(daemon.pid()).orElse(Double.NaN) - daemonCpu,
                        ProcFs.cpuSeconds(agent.pid()).orElse(Double.NaN) - agentCpu,
                        ProcFs.rssBytes(daemon.pid()).orElse(-1),
                        ProcFs.openFiles(daemon.pid()).orElse(-1));
                rounds.add(figures);
                out.printf(
                        Locale.ROOT,
                        "  round %d: %s in %s, %d/%d voting, %d corrected, daemon CPU %.2f s, agent CPU %.2f s, daemon"
                                + " RSS %s, %d open files%n",
                        r,
                        round.outcome(),
                        ClusterBenchmark.ns(round.durationNanos()),
                        round.voting(),
                        round.agents(),
                        round.corrected(),
                        figures.daemonCpuSeconds(),
                        figures.agentCpuSeconds(),
                        ClusterBenchmark.mb(figures.daemonRssBytes()),
                        figures.daemonOpenFiles());
            }
            SizeResult result = new SizeResult(
                    agents,
                    daemonReady,
                    rssAtReady,
                    rounds,
                    ProcFs.rssBytes(daemon.pid()).orElse(-1),
                    ProcFs.peakRssBytes(daemon.pid()).orElse(-1),
                    ProcFs.rssBytes(agent.pid()).orElse(-1),
                    load.summary(),
                    CpuShare.since(cpuMark, pids),
                    null);
            writeRounds(options.out().resolve("rounds-" + agents + ".csv"), rounds);
            return result;
        } finally {
            if (daemon != null) {
                children.stop(daemon);
            }
            if (agent != null) {
                children.stop(agent);
            }
        }
    }

    /** Static discovery of N agents at distinct loopback addresses, all reaching the one agent process. */
    static Path writeDiscovery(Path file, int agents, int port) {
        StringBuilder text = new StringBuilder("# ").append(agents).append(" agents, one process\n");
        for (int i = 0; i < agents; i++) {
            String instance = "spring.cloud.discovery.client.simple.instances.clocksync-agent[" + i + "]";
            text.append(instance)
                    .append(".uri=http://")
                    .append(ScaleOptions.address(i))
                    .append(':')
                    .append(port)
                    .append('\n');
            text.append(instance)
                    .append(".instance-id=")
                    .append(String.format(Locale.ROOT, "agent-%05d", i + 1))
                    .append('\n');
        }
        Results.write(file, text.toString());
        return file;
    }

    private static void writeRounds(Path file, List<RoundFigures> rounds) {
        List<List<?>> rows = new ArrayList<>();
        for (RoundFigures f : rounds) {
            Round r = f.round();
            rows.add(List.of(
                    r.round(),
                    r.durationNanos(),
                    f.wallNanos(),
                    r.outcome(),
                    r.agents(),
                    r.voting(),
                    r.unreachable(),
                    r.corrected(),
                    String.format(Locale.ROOT, "%.2f", f.daemonCpuSeconds()),
                    String.format(Locale.ROOT, "%.2f", f.agentCpuSeconds()),
                    f.daemonRssBytes(),
                    f.daemonOpenFiles(),
                    r.medianDelayNanos() == null ? "" : r.medianDelayNanos()));
        }
        Results.csv(
                file,
                List.of(
                        "round",
                        "duration_ns",
                        "post_wall_ns",
                        "outcome",
                        "agents",
                        "voting",
                        "unreachable",
                        "corrected",
                        "daemon_cpu_s",
                        "agent_cpu_s",
                        "daemon_rss_bytes",
                        "daemon_open_files",
                        "median_delay_ns"),
                rows);
    }

    private static TextTable table(List<SizeResult> results) {
        TextTable table = new TextTable();
        table.row(
                "agents",
                "daemon ready",
                "cold round",
                "warm round p50 (min-max)",
                "daemon CPU / round cold, warm",
                "agent CPU / round warm",
                "daemon RSS after (peak)",
                "voting / corrected",
                "load average",
                "CPU: benchmark / other work");
        for (SizeResult r : results) {
            if (r.failure() != null) {
                table.row(
                        String.format(Locale.ROOT, "%,d", r.agents()),
                        "failed: " + r.failure().lines().findFirst().orElse(""));
                continue;
            }
            Stats warm = r.warmDurationNanos();
            int voting =
                    r.rounds().stream().mapToInt(f -> f.round().voting()).min().orElse(0);
            int corrected = r.rounds().stream()
                    .mapToInt(f -> f.round().corrected())
                    .min()
                    .orElse(0);
            table.row(
                    String.format(Locale.ROOT, "%,d", r.agents()),
                    String.format(Locale.ROOT, "%.1f s", r.daemonReadySeconds()),
                    ClusterBenchmark.ns(r.cold().round().durationNanos()),
                    warm.isEmpty()
                            ? "n/a"
                            : ClusterBenchmark.ns(warm.p50()) + " (" + ClusterBenchmark.ns(warm.min()) + "-"
                                    + ClusterBenchmark.ns(warm.max()) + ")",
                    String.format(Locale.ROOT, "%.2f s, %.2f s", r.cold().daemonCpuSeconds(), r.warmDaemonCpuSeconds()),
                    String.format(Locale.ROOT, "%.2f s", r.warmAgentCpuSeconds()),
                    ClusterBenchmark.mb(r.daemonRssBytes()) + " (" + ClusterBenchmark.mb(r.daemonPeakRssBytes()) + ")",
                    String.format(Locale.ROOT, "%,d / %,d", voting, corrected),
                    r.load().toString(),
                    r.cpu().toString());
        }
        return table;
    }
}
