package dev.clocksync.benchmarks.live;

import dev.clocksync.benchmarks.Units;
import dev.clocksync.benchmarks.live.ChildProcesses.Child;
import dev.clocksync.benchmarks.live.DaemonApi.Round;
import dev.clocksync.benchmarks.live.TrueOffsets.Reading;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One daemon configuration on fresh agents: start the agents (in batches), the proxies if any and
 * the daemon, read every agent's true offset at a fixed rate and the daemon's rounds as they come,
 * until the steady window is over; then stop everything and summarize.
 */
final class ClusterVariant {

    static final long CONVERGED_NANOS = 1_000_000L;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final int ROUNDS_POLLED = 5;

    /** The daemon configurations compared. */
    enum Kind {
        /** The daemon's defaults. */
        CLOCKSYNC("clocksync", Map.of()),
        /** Textbook Berkeley: the plain mean of one exchange per agent. */
        CLASSIC(
                "classic Berkeley",
                Map.of("clocksync.daemon.reference.strategy", "MEAN", "clocksync.daemon.exchanges", "1"));

        final String title;
        final Map<String, String> daemonProperties;

        Kind(String title, Map<String, String> daemonProperties) {
            this.title = title;
            this.daemonProperties = daemonProperties;
        }

        String slug() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final ClusterOptions options;
    private final Services services;
    private final ChildProcesses children;
    private final PrintStream out;

    ClusterVariant(Kind kind, ClusterOptions options, Services services, ChildProcesses children, PrintStream out) {
        this.kind = kind;
        this.options = options;
        this.services = services;
        this.children = children;
        this.out = out;
    }

    ClusterResult run() {
        Path folder = options.out();
        List<Child> agents = new ArrayList<>();
        List<DelayProxy> proxies = new ArrayList<>();
        Child daemon = null;
        try (LoadMonitor load = new LoadMonitor()) {
            long startedAt = System.nanoTime();
            startAgents(agents);
            double agentsReadySeconds = (System.nanoTime() - startedAt) / 1e9;
            out.printf(Locale.ROOT, "  %d agents ready in %.1f s%n", agents.size(), agentsReadySeconds);
            if (options.jitter()) {
                for (int i = 1; i <= options.agents(); i++) {
                    proxies.add(new DelayProxy(
                            options.proxyPort(i),
                            new InetSocketAddress("127.0.0.1", options.agentPort(i)),
                            options.jitterMaxNanos(),
                            options.seed() + 1_000 + i));
                }
            }
            List<URI> agentUris = new ArrayList<>();
            for (int i = 1; i <= options.agents(); i++) {
                agentUris.add(URI.create("http://127.0.0.1:" + options.agentPort(i)));
            }
            daemon = services.startDaemon(kind.slug() + "-daemon", options.daemonJvm(), daemonProperties());
            List<Long> pids = new ArrayList<>(agents.stream().map(Child::pid).toList());
            pids.add(daemon.pid());
            Observation observation = observe(daemon, new TrueOffsets(agentUris), pids);
            ClusterResult result = summarize(observation, daemon, agents, load.summary(), agentsReadySeconds);
            write(folder, observation);
            return result;
        } finally {
            if (daemon != null) {
                children.stop(daemon);
            }
            proxies.forEach(DelayProxy::close);
            children.stop(agents);
        }
    }

    private void startAgents(List<Child> agents) {
        for (int first = 1; first <= options.agents(); first += options.startBatch()) {
            int last = Math.min(options.agents(), first + options.startBatch() - 1);
            List<Child> batch = new ArrayList<>();
            for (int i = first; i <= last; i++) {
                batch.add(services.startAgent(kind.slug() + "-agent-" + i, options.agentJvm(), agentProperties(i)));
            }
            agents.addAll(batch);
            for (int i = first; i <= last; i++) {
                ChildProcesses.awaitReady(
                        batch.get(i - first),
                        URI.create("http://127.0.0.1:" + options.agentPort(i) + "/readyz"),
                        START_TIMEOUT);
            }
        }
    }

    private Map<String, String> agentProperties(int agent) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", Integer.toString(options.agentPort(agent)));
        p.put("server.address", "127.0.0.1");
        p.put("clocksync.agent.id", "agent-" + agent);
        p.put("clocksync.agent.clock.mode", "simulated");
        p.put("clocksync.agent.clock.simulated.random-offset", "2s");
        p.put("clocksync.agent.clock.simulated.random-drift-ppm", "100");
        p.put("clocksync.agent.clock.simulated.seed", Long.toString(options.seed() + agent));
        p.put("clocksync.agent.discipline.update-interval", Args.format(options.interval()));
        p.put("clocksync.agent.discipline.step-threshold", "1ms");
        // Agents serve NTP on UDP 11123 by default: several on one host would collide.
        p.put("clocksync.agent.ntp.port", "0");
        return Services.merge(p, options.agentProperties());
    }

    private Map<String, String> daemonProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", Integer.toString(options.basePort()));
        p.put("server.address", "127.0.0.1");
        p.put("clocksync.daemon.id", "daemon");
        p.put("clocksync.daemon.interval", Args.format(options.interval()));
        for (int i = 1; i <= options.agents(); i++) {
            int port = options.jitter() ? options.proxyPort(i) : options.agentPort(i);
            String instance = "spring.cloud.discovery.client.simple.instances.clocksync-agent[" + (i - 1) + "]";
            p.put(instance + ".uri", "http://127.0.0.1:" + port);
            p.put(instance + ".instance-id", "agent-" + i);
        }
        return Services.merge(p, options.daemonProperties(), kind.daemonProperties);
    }

    /** Everything seen while the variant ran. */
    private record Observation(
            List<Sample> samples,
            TreeMap<Long, Round> rounds,
            long firstRoundAtNanos,
            long convergedAtNanos,
            long windowStartNanos,
            long windowEndNanos,
            long windowStartEpochMillis,
            long windowEndEpochMillis,
            double daemonReadySeconds,
            double daemonCpuSecondsInWindow,
            CpuShare cpu,
            long startNanos) {}

    /** One reading of all agents and the latest round the daemon had finished right after it. */
    private record Sample(Reading reading, long latestRound) {}

    private Observation observe(Child daemon, TrueOffsets offsets, List<Long> pids) {
        DaemonApi api = new DaemonApi(URI.create("http://127.0.0.1:" + options.basePort()), services.hmacKey());
        URI readyz = URI.create("http://127.0.0.1:" + options.basePort() + "/readyz");
        List<Sample> samples = new ArrayList<>();
        TreeMap<Long, Round> rounds = new TreeMap<>();
        long start = System.nanoTime();
        long period = options.sampleEvery().toNanos();
        long daemonReady = -1;
        long firstRoundAt = -1;
        long convergedAt = -1;
        long windowStart = -1;
        long windowStartMillis = 0;
        double cpuAtWindowStart = Double.NaN;
        CpuShare.Mark cpuMark = null;
        long giveUp =
                start + START_TIMEOUT.toNanos() + options.convergeTimeout().toNanos();
        long next = start;
        long lastReport = start;
        while (true) {
            long now = System.nanoTime();
            if (windowStart >= 0 && now >= windowStart + options.window().toNanos()) {
                break;
            }
            if (windowStart < 0 && now > giveUp) {
                throw new IllegalStateException("the daemon ran no round within "
                        + Duration.ofNanos(giveUp - start).toSeconds() + " s (see " + daemon.log() + ")");
            }
            if (!daemon.alive()) {
                throw new IllegalStateException("the daemon exited (see " + daemon.log() + "):\n" + daemon.tail(20));
            }
            Reading reading = offsets.read();
            long latest = 0;
            if (daemonReady < 0 && ChildProcesses.answers200(readyz)) {
                daemonReady = System.nanoTime();
            }
            if (daemonReady >= 0) {
                try {
                    for (Round round : api.rounds(ROUNDS_POLLED)) {
                        rounds.putIfAbsent(round.round(), round);
                    }
                } catch (RuntimeException e) {
                    // a busy daemon: the next poll catches up on what this one missed
                }
                latest = rounds.isEmpty() ? 0 : rounds.lastKey();
            }
            samples.add(new Sample(reading, latest));
            long at = reading.takenAtNanos();
            if (latest > 0 && firstRoundAt < 0) {
                firstRoundAt = at;
            }
            if (convergedAt < 0 && latest > 0 && reading.spreadNanos() < CONVERGED_NANOS) {
                convergedAt = at;
                out.printf(
                        Locale.ROOT,
                        "  true spread %s after %d round%s%n",
                        Units.nanos(reading.spreadNanos()),
                        latest,
                        latest == 1 ? "" : "s");
            }
            if (windowStart < 0 && firstRoundAt >= 0) {
                long byConvergence = convergedAt < 0
                        ? Long.MAX_VALUE
                        : convergedAt + options.settle().toNanos();
                long byTimeout = firstRoundAt + options.convergeTimeout().toNanos();
                if (at >= Math.min(byConvergence, byTimeout)) {
                    windowStart = at;
                    windowStartMillis = System.currentTimeMillis();
                    cpuAtWindowStart = ProcFs.cpuSeconds(daemon.pid()).orElse(Double.NaN);
                    cpuMark = CpuShare.mark(pids);
                    out.printf(
                            Locale.ROOT,
                            "  steady window of %s starts%s%n",
                            Args.format(options.window()),
                            convergedAt < 0 ? " (the spread never fell below 1 ms)" : "");
                }
            }
            if (windowStart >= 0 && now - lastReport >= 60_000_000_000L) {
                lastReport = now;
                out.printf(
                        Locale.ROOT,
                        "  ... %.0f s of the window, round %d, true spread now %s%n",
                        (now - windowStart) / 1e9,
                        latest,
                        Units.nanos(reading.spreadNanos()));
            }
            next += period;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                ChildProcesses.sleep(Duration.ofNanos(sleep));
            } else {
                next = System.nanoTime(); // a slow reading: do not try to catch up in a burst
            }
        }
        long windowEnd = System.nanoTime();
        long windowEndMillis = System.currentTimeMillis();
        double cpu = ProcFs.cpuSeconds(daemon.pid()).orElse(Double.NaN) - cpuAtWindowStart;
        CpuShare share = CpuShare.since(cpuMark, pids);
        try {
            for (Round round : api.rounds(Math.min(10_000, Math.max(ROUNDS_POLLED, rounds.size() + 5)))) {
                rounds.putIfAbsent(round.round(), round);
            }
        } catch (RuntimeException e) {
            // keep what was polled
        }
        return new Observation(
                samples,
                rounds,
                firstRoundAt,
                convergedAt,
                windowStart,
                windowEnd,
                windowStartMillis,
                windowEndMillis,
                daemonReady < 0 ? Double.NaN : (daemonReady - start) / 1e9,
                cpu,
                share,
                start);
    }

    private ClusterResult summarize(
            Observation o, Child daemon, List<Child> agents, LoadMonitor.Summary load, double agentsReadySeconds) {
        List<Double> trueSpreads = new ArrayList<>();
        List<Double> spans = new ArrayList<>();
        List<Double> ratesPpm = new ArrayList<>();
        int incomplete = 0;
        Reading previous = null;
        for (Sample sample : o.samples()) {
            Reading r = sample.reading();
            long at = r.takenAtNanos();
            if (at < o.windowStartNanos() || at > o.windowEndNanos()) {
                continue;
            }
            if (!r.complete()) {
                incomplete++;
                previous = null;
                continue;
            }
            trueSpreads.add(r.spreadNanos());
            spans.add((double) r.spanNanos());
            if (previous != null) {
                double dt = at - previous.takenAtNanos();
                for (int i = 0; i < r.offsetsNanos().length; i++) {
                    ratesPpm.add(Math.abs(r.offsetsNanos()[i] - previous.offsetsNanos()[i]) / dt * 1e6);
                }
            }
            previous = r;
        }
        List<Round> windowRounds = o.rounds().values().stream()
                .filter(r -> r.startedAtEpochMillis() >= o.windowStartEpochMillis()
                        && r.startedAtEpochMillis() <= o.windowEndEpochMillis())
                .toList();
        List<Double> reported = windowRounds.stream()
                .filter(r -> r.spreadNanos() != null)
                .map(r -> r.spreadNanos().doubleValue())
                .toList();
        Map<String, Integer> outcomes = new TreeMap<>();
        windowRounds.forEach(r -> outcomes.merge(r.outcome(), 1, Integer::sum));
        List<Double> agentRss = new ArrayList<>();
        for (Child agent : agents) {
            ProcFs.rssBytes(agent.pid()).ifPresent(b -> agentRss.add((double) b));
        }
        return new ClusterResult(
                kind,
                options.agents(),
                firstBelow(o),
                staysBelowFrom(o),
                spreadAfterRounds(o, 3),
                Stats.of(trueSpreads),
                Stats.of(reported),
                Stats.of(spans),
                Stats.of(ratesPpm),
                incomplete,
                windowRounds.size(),
                outcomes,
                Stats.of(windowRounds.stream()
                        .map(r -> (double) r.durationNanos())
                        .toList()),
                Stats.of(windowRounds.stream()
                        .filter(r -> r.medianDelayNanos() != null)
                        .map(r -> r.medianDelayNanos().doubleValue())
                        .toList()),
                windowRounds.isEmpty() ? Double.NaN : o.daemonCpuSecondsInWindow() / windowRounds.size(),
                ProcFs.rssBytes(daemon.pid()).orElse(-1),
                ProcFs.peakRssBytes(daemon.pid()).orElse(-1),
                Stats.of(agentRss),
                agentsReadySeconds,
                o.daemonReadySeconds(),
                (o.windowEndNanos() - o.windowStartNanos()) / 1e9,
                load,
                o.cpu());
    }

    /** Rounds the daemon had finished when the true spread was first seen below 1 ms; null: never. */
    private static Long firstBelow(Observation o) {
        for (Sample s : o.samples()) {
            if (s.latestRound() > 0 && s.reading().spreadNanos() < CONVERGED_NANOS) {
                return s.latestRound();
            }
        }
        return null;
    }

    /** Rounds finished when the true spread fell below 1 ms for the last time (to the window's end); null: never. */
    private static Long staysBelowFrom(Observation o) {
        Long from = null;
        for (Sample s : o.samples()) {
            if (s.reading().takenAtNanos() > o.windowEndNanos() || !s.reading().complete()) {
                continue;
            }
            boolean below = s.latestRound() > 0 && s.reading().spreadNanos() < CONVERGED_NANOS;
            if (!below) {
                from = null;
            } else if (from == null) {
                from = s.latestRound();
            }
        }
        return from;
    }

    /** The true spread at the first complete reading after each of the first rounds. */
    private static List<Double> spreadAfterRounds(Observation o, int count) {
        List<Double> spreads = new ArrayList<>();
        for (long round = 1; round <= count; round++) {
            double spread = Double.NaN;
            for (Sample s : o.samples()) {
                if (s.latestRound() == round && s.reading().complete()) {
                    spread = s.reading().spreadNanos();
                    break;
                }
            }
            spreads.add(spread);
        }
        return spreads;
    }

    private void write(Path folder, Observation o) {
        List<String> header =
                new ArrayList<>(List.of("elapsed_s", "in_window", "latest_round", "true_spread_ns", "span_ns"));
        for (int i = 1; i <= options.agents(); i++) {
            header.add("agent_" + i + "_true_offset_ns");
        }
        List<List<?>> rows = new ArrayList<>();
        for (Sample s : o.samples()) {
            Reading r = s.reading();
            List<Object> row = new ArrayList<>();
            row.add(String.format(Locale.ROOT, "%.3f", (r.takenAtNanos() - o.startNanos()) / 1e9));
            row.add(r.takenAtNanos() >= o.windowStartNanos() && r.takenAtNanos() <= o.windowEndNanos() ? 1 : 0);
            row.add(s.latestRound());
            row.add(r.complete() ? Long.toString(Math.round(r.spreadNanos())) : "");
            row.add(r.spanNanos());
            for (double offset : r.offsetsNanos()) {
                row.add(Double.isNaN(offset) ? "" : Long.toString(Math.round(offset)));
            }
            rows.add(row);
        }
        Results.csv(folder.resolve(kind.slug() + "-samples.csv"), header, rows);
        List<List<?>> roundRows = new ArrayList<>();
        for (Round r : o.rounds().values()) {
            roundRows.add(List.of(
                    r.round(),
                    r.startedAtEpochMillis(),
                    r.startedAtEpochMillis() >= o.windowStartEpochMillis()
                                    && r.startedAtEpochMillis() <= o.windowEndEpochMillis()
                            ? 1
                            : 0,
                    r.durationNanos(),
                    r.outcome(),
                    r.agents(),
                    r.voting(),
                    r.unreachable(),
                    r.corrected(),
                    r.spreadNanos() == null ? "" : r.spreadNanos(),
                    r.medianDelayNanos() == null ? "" : r.medianDelayNanos()));
        }
        Results.csv(
                folder.resolve(kind.slug() + "-rounds.csv"),
                List.of(
                        "round",
                        "started_epoch_ms",
                        "in_window",
                        "duration_ns",
                        "outcome",
                        "agents",
                        "voting",
                        "unreachable",
                        "corrected",
                        "reported_spread_ns",
                        "median_delay_ns"),
                roundRows);
    }
}
